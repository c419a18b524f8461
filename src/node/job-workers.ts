// One pool of worker threads for independent jobs (tuning trials, the global LSTM's ensemble
// members): a module is both the main side and the workers' entry; each worker takes one job at a
// time from a shared queue until it is empty; a worker reports progress, a result or an error.

import { availableParallelism } from 'node:os';
import { parentPort, Worker } from 'node:worker_threads';
import { ConfigError } from '../errors.js';

/** What a worker sends back for a job. */
type JobMessage<R, P> = { result: R } | { progress: P } | { error: string };

/**
 * The number of workers to start: `workers`, or every core when it is undefined.
 * @example workerCount(undefined, 'workerRunner') //=> os.availableParallelism()
 */
export function workerCount(workers: number | undefined, where: string): number {
  const count = workers ?? availableParallelism();
  if (!Number.isInteger(count) || count < 1)
    throw new ConfigError(`workers must be a positive integer, got ${count}`, where);
  return count;
}

/**
 * Starts a worker on the module at `moduleUrl`. Run from TypeScript sources (tsx), the worker first
 * loads tsx's loader, which Node does not carry over into worker threads by itself.
 */
function spawnModule(moduleUrl: string, workerData: unknown): Worker {
  if (!moduleUrl.endsWith('.ts')) return new Worker(new URL(moduleUrl), { workerData });
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(api)}).then((t) => { t.register(); return import(${JSON.stringify(moduleUrl)}); })`;
  return new Worker(code, { eval: true, workerData });
}

/** A run of jobs on worker threads. */
export interface JobRun<J, R, P> {
  /** The module whose worker side calls serveJobs (its import.meta.url). */
  moduleUrl: string;
  /** Given to every worker once (its workerData). */
  data: unknown;
  jobs: readonly J[];
  /** Most workers (fewer when there are fewer jobs). */
  workers: number;
  /** Names the workers in errors, e.g. 'tuning'. */
  label: string;
  /** Stops handing out jobs once aborted and resolves; running jobs are dropped. */
  signal?: AbortSignal;
  onResult: (index: number, result: R) => void;
  onProgress?: (progress: P) => void;
}

/**
 * Runs every job on up to `workers` threads; resolves when all results arrived, rejects on the first
 * failure (and stops the workers).
 * @example await runJobs({ moduleUrl: import.meta.url, data, jobs, workers: 2, label: 'tuning', onResult: (i, r) => out[i] = r })
 */
export function runJobs<J, R, P = never>(run: JobRun<J, R, P>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const queue = run.jobs.map((job, i) => ({ job, i }));
    const n = Math.min(run.workers, queue.length);
    if (n === 0 || run.signal?.aborted) return resolve();
    const workers: Worker[] = [];
    let active = n,
      settled = false;
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      for (const w of workers) void w.terminate();
      err ? reject(err) : resolve();
    };
    run.signal?.addEventListener('abort', () => finish(), { once: true });
    for (let k = 0; k < n; k++) {
      const w = spawnModule(run.moduleUrl, run.data);
      workers.push(w);
      let current = -1;
      const next = () => {
        const item = run.signal?.aborted ? undefined : queue.shift();
        if (item) {
          current = item.i;
          w.postMessage(item.job);
        } else if (--active === 0) finish();
      };
      w.on('message', (m: JobMessage<R, P>) => {
        if (settled) return;
        if ('error' in m) return finish(new Error(`a ${run.label} worker failed: ${m.error}`));
        if ('progress' in m) return run.onProgress?.(m.progress);
        run.onResult(current, m.result);
        next();
      });
      w.on('error', (e) => finish(e));
      w.on('exit', (code) => {
        if (code !== 0) finish(new Error(`a ${run.label} worker exited with code ${code}`));
      });
      w.on('online', next);
    }
  });
}

/**
 * The worker side: answers each job message with `work(job)`'s result (or its error), passing on
 * progress reports. Call it only inside a worker thread.
 * @example if (!isMainThread && workerData?.lstmkitTune) serveJobs((job) => runTrial(context, job))
 */
export function serveJobs<J, R, P = never>(work: (job: J, progress: (p: P) => void) => Promise<R>): void {
  const port = parentPort!;
  const send = (m: JobMessage<R, P>) => port.postMessage(m);
  port.on('message', (job: J) => {
    work(job, (progress) => send({ progress })).then(
      (result) => send({ result }),
      (e: Error) => send({ error: String(e?.stack ?? e) }),
    );
  });
}
