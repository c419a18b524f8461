// Node side of trainGlobal(): ensemble members trained in parallel worker threads (one member at a
// time per worker; this file is also the workers' entry). Each member is seeded by itself, so the
// result is bit-identical to the in-process runner whatever the worker count.

import { isMainThread, workerData } from 'node:worker_threads';
import {
  type EpochHook,
  type MemberContext,
  type MemberJob,
  type MemberRunner,
  type TrainedMember,
  trainMember,
} from '../forecast/global/member.js';
import { runJobs, serveJobs, workerCount } from './job-workers.js';

interface WorkerData {
  lstmkitGlobal: true;
  context: MemberContext;
}

type Epoch = Parameters<EpochHook>[0];

/**
 * A MemberRunner for trainGlobal that trains members on `workers` threads (default: all cores).
 * @example const g = await trainGlobal(panel, { horizon: 48, season: 24, seeds: 4 }, { runner: globalWorkerRunner() });
 */
export function globalWorkerRunner(options: { workers?: number } = {}): MemberRunner {
  const workers = workerCount(options.workers, 'globalWorkerRunner');
  return async (jobs, context, onEpoch) => {
    const results: TrainedMember[] = new Array(jobs.length);
    await runJobs<MemberJob, TrainedMember, Epoch>({
      moduleUrl: import.meta.url,
      data: { lstmkitGlobal: true, context } satisfies WorkerData,
      jobs,
      workers,
      label: 'trainGlobal',
      onResult: (i, member) => {
        results[i] = member;
      },
      ...(onEpoch ? { onProgress: onEpoch } : {}),
    });
    return results;
  };
}

if (!isMainThread && (workerData as WorkerData | null)?.lstmkitGlobal === true) {
  const { context } = workerData as WorkerData;
  serveJobs<MemberJob, TrainedMember, Epoch>((job, progress) => trainMember(job, context, progress));
}
