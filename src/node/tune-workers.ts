// Node side of tune(): trials on all cores with worker_threads (this file is also the workers'
// entry), and an append-only JSON-lines log of finished trials so a stopped search resumes where it
// left off (finished trials are read back and skipped).

import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isMainThread, workerData } from 'node:worker_threads';
import { ConfigError, DataError } from '../errors.js';
import { configOf } from '../forecast/config.js';
import { runTrial, type TrialContext, type TrialJob, type TrialRecord } from '../forecast/tune/trial.js';
import { type TrialRunner, type TuneOptions, type TuneResult, tune } from '../forecast/tune/tune.js';
import { runJobs, serveJobs, workerCount } from './job-workers.js';

export interface WorkerRunnerOptions {
  /** Worker threads. Default: os.availableParallelism(). */
  workers?: number;
  /** Stops handing out trials once aborted; running ones are dropped (they are not logged). */
  signal?: AbortSignal;
}

interface WorkerData {
  lstmkitTune: true;
  context: TrialContext;
}

/**
 * A TrialRunner that runs trials in parallel worker threads (one trial at a time per worker).
 * @example const r = await tune(defaultBuilder, series, { runner: workerRunner({ workers: 2 }) });
 */
export function workerRunner(options: WorkerRunnerOptions = {}): TrialRunner {
  const workers = workerCount(options.workers, 'workerRunner');
  return (jobs, context, onRecord) =>
    runJobs<TrialJob, TrialRecord>({
      moduleUrl: import.meta.url,
      data: { lstmkitTune: true, context } satisfies WorkerData,
      jobs,
      workers,
      label: 'tuning',
      ...(options.signal ? { signal: options.signal } : {}),
      onResult: (_, record) => onRecord(record),
    });
}

if (!isMainThread && (workerData as WorkerData | null)?.lstmkitTune === true) {
  const { context } = workerData as WorkerData;
  serveJobs<TrialJob, TrialRecord>((job) => runTrial(context, job));
}

/** The first line of a trial log: what the trials were run on (resuming checks it matches). */
export interface TrialLogHeader {
  type: 'header';
  fingerprint: string;
  created: string;
}

/**
 * Reads a trial log (JSON lines: a header, then one finished trial per line). A torn last line
 * (the process was killed while writing) is ignored; NaN scores come back as NaN.
 * @example const { records } = readTrialLog('out/tune/trials.jsonl');
 */
export function readTrialLog(path: string): { header: TrialLogHeader | null; records: TrialRecord[] } {
  if (!existsSync(path)) return { header: null, records: [] };
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  let header: TrialLogHeader | null = null;
  const records: TrialRecord[] = [];
  lines.forEach((line, i) => {
    let v: { type?: string } & Record<string, unknown>;
    try {
      v = JSON.parse(line);
    } catch {
      if (i === lines.length - 1) return;
      throw new DataError(
        `line ${i + 1} of ${path} is not JSON; the log is damaged (remove the line or start afresh)`,
        'readTrialLog',
      );
    }
    if (v.type === 'header') header = v as unknown as TrialLogHeader;
    else if (v.type === 'trial') {
      const r = v as unknown as TrialRecord;
      records.push({ ...r, rmse: r.rmse ?? Number.NaN });
    }
  });
  return { header, records };
}

/**
 * Appends one finished trial to the log (one line, written at once).
 * @example appendTrialLog('out/tune/trials.jsonl', record);
 */
export function appendTrialLog(path: string, record: TrialRecord): void {
  appendFileSync(path, `${JSON.stringify({ type: 'trial', ...record })}\n`);
}

export interface TuneWithLogOptions extends TuneOptions {
  /** The JSON-lines log file: read to skip finished trials, appended to as trials finish. */
  logFile: string;
  /** Ignore (overwrite) an existing log. Default false. */
  fresh?: boolean;
  /** Worker threads; 0 runs in this thread. Default: all cores. */
  workers?: number;
  signal?: AbortSignal;
}

/**
 * tune() on worker threads with a resumable log: rerunning the same call after a stop skips the
 * trials already in the log. A log made on other data or options is refused (use `fresh`).
 * @example const r = await tuneWithLog(series, { logFile: 'out/tune/trials.jsonl', trials: 20 });
 */
export async function tuneWithLog(series: readonly number[], options: TuneWithLogOptions): Promise<TuneResult> {
  const { logFile, fresh, workers, signal, ...rest } = options;
  // a log is valid for the same data and base options (the searched space may grow between runs)
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify({
        series,
        covariates: rest.covariates ?? null,
        dates: rest.dates ?? null,
        base: configOf(rest),
      }),
    )
    .digest('hex')
    .slice(0, 16);
  let previous: TrialRecord[] = [];
  const found = fresh ? { header: null, records: [] } : readTrialLog(logFile);
  if (found.header && found.header.fingerprint !== fingerprint)
    throw new ConfigError(
      `${logFile} was written for other data or options (fingerprint ${found.header.fingerprint}, now ${fingerprint}); use another log path or start afresh (fresh: true / --fresh)`,
      'tuneWithLog',
    );
  if (found.header) previous = found.records;
  else {
    mkdirSync(dirname(logFile), { recursive: true });
    const header: TrialLogHeader = { type: 'header', fingerprint, created: new Date().toISOString() };
    writeFileSync(logFile, `${JSON.stringify(header)}\n`);
  }
  const runner =
    workers === 0
      ? undefined
      : workerRunner({
          ...(workers ? { workers } : {}),
          ...(signal ? { signal } : {}),
        });
  return tune(series, {
    ...rest,
    ...(signal ? { signal } : {}),
    previous,
    ...(runner ? { runner } : {}),
    onTrial: (r) => {
      appendTrialLog(logFile, r);
      rest.onTrial?.(r);
    },
  });
}
