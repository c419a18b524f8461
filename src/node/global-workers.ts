// Node side of trainGlobal(): ensemble members trained in parallel worker threads (one member at a
// time per worker; this file is also the workers' entry). Each member is seeded by itself, so the
// result is bit-identical to the in-process runner whatever the worker count.

import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ConfigError } from '../errors.js';
import {
  type MemberContext,
  type MemberJob,
  type MemberRunner,
  type TrainedMember,
  trainMember,
} from '../forecast/global/member.js';

interface WorkerData {
  lstmkitGlobal: true;
  context: MemberContext;
}

/** Starts a worker on this file (from TypeScript sources, through tsx's loader first). */
function spawn(data: WorkerData): Worker {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new Worker(new URL(self), { workerData: data });
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then((t) => { t.register(); return import(${JSON.stringify(self)}); })`;
  return new Worker(code, { eval: true, workerData: data });
}

/**
 * A MemberRunner for trainGlobal that trains members on `workers` threads (default: all cores).
 * @example const g = await trainGlobal(panel, { horizon: 48, season: 24, seeds: 4 }, { runner: globalWorkerRunner() });
 */
export function globalWorkerRunner(options: { workers?: number } = {}): MemberRunner {
  const count = options.workers ?? availableParallelism();
  if (!Number.isInteger(count) || count < 1)
    throw new ConfigError(`workers must be a positive integer, got ${count}`, 'globalWorkerRunner');
  return (jobs, context, onEpoch) =>
    new Promise<TrainedMember[]>((resolve, reject) => {
      const results: TrainedMember[] = new Array(jobs.length);
      const queue = jobs.map((job, i) => ({ job, i }));
      const n = Math.min(count, queue.length);
      if (n === 0) return resolve([]);
      const workers: Worker[] = [];
      let active = n,
        settled = false;
      const finish = (err?: unknown) => {
        if (settled) return;
        settled = true;
        for (const w of workers) void w.terminate();
        err ? reject(err) : resolve(results);
      };
      for (let k = 0; k < n; k++) {
        const w = spawn({ lstmkitGlobal: true, context });
        workers.push(w);
        let current = -1;
        const next = () => {
          const item = queue.shift();
          if (item) {
            current = item.i;
            w.postMessage(item.job);
          } else if (--active === 0) finish();
        };
        w.on(
          'message',
          (m: { epoch?: Parameters<NonNullable<typeof onEpoch>>[0]; member?: TrainedMember; error?: string }) => {
            if (settled) return;
            if (m.error !== undefined) return finish(new Error(`a trainGlobal worker failed: ${m.error}`));
            if (m.epoch) return onEpoch?.(m.epoch);
            results[current] = m.member!;
            next();
          },
        );
        w.on('error', (e) => finish(e));
        w.on('exit', (code) => {
          if (code !== 0) finish(new Error(`a trainGlobal worker exited with code ${code}`));
        });
        w.on('online', next);
      }
    });
}

if (!isMainThread && (workerData as WorkerData | null)?.lstmkitGlobal === true) {
  const { context } = workerData as WorkerData;
  const port = parentPort!;
  port.on('message', (job: MemberJob) => {
    trainMember(job, context, (epoch) => port.postMessage({ epoch })).then(
      (member) => port.postMessage({ member }),
      (e: Error) => port.postMessage({ error: String(e?.stack ?? e) }),
    );
  });
}
