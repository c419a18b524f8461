// tune(): hyperparameter search for the forecaster. The base configuration is resolved exactly as
// forecast() resolves it (same options, same rules, same split); configurations from a grid or
// random draws replace only the searched options; every ensemble member of every configuration is
// one job (trainMember on the part before the validation part), and a configuration is scored as
// the forecaster scores itself: the median of its members, walk-forward on the validation part
// (forecast()'s calibration part). Jobs run through a runner (in-process here; worker threads in
// lstmkit/node); finished jobs from a log are skipped, so a search can stop and resume.

import { ConfigError, DataError } from '../../errors.js';
import { configOf, type ForecastConfig, type ResolvedForecastConfig, resolveForecastConfig } from '../config.js';
import type { Covariates } from '../inputs.js';
import { type LeaderboardRow, leaderboard, type Recommendation, recommend } from './leaderboard.js';
import { configKey, gridConfigs, randomConfigs, type SearchSpace, type TuneConfig } from './space.js';
import { runTrial, type TrialContext, type TrialJob, type TrialRecord, tuneConfigOf, tuneSplit } from './trial.js';

/** Runs trial jobs (in any order, possibly in parallel), reporting each finished record. */
export type TrialRunner = (
  jobs: readonly TrialJob[],
  context: TrialContext,
  onRecord: (record: TrialRecord) => void,
) => Promise<void>;

/** Options of tune(): every forecast() option (the base configuration and the data), plus the search. */
export interface TuneOptions extends Partial<ForecastConfig> {
  covariates?: Covariates;
  dates?: readonly number[];
  /**
   * Values to try; names left out keep the base value. A function receives the resolved base and
   * the training length. Default: defaultSpace.
   */
  space?: SearchSpace | ((base: ResolvedForecastConfig, trainLength: number) => SearchSpace);
  /** 'grid' tries every combination; 'random' draws `trials` distinct ones. Default 'random'. */
  search?: 'grid' | 'random';
  /** Configurations drawn by the random search. Default 20. */
  trials?: number;
  /** Also run the base configuration (the defaults) for comparison. Default true. */
  compareDefaults?: boolean;
  /** Finished jobs from an earlier run (its log): they are skipped. */
  previous?: readonly TrialRecord[];
  /** Called with each newly finished job (append it to a log). */
  onTrial?: (record: TrialRecord) => void;
  /** Runs the jobs; default: one after another in this thread. */
  runner?: TrialRunner;
  /** Once aborted, the default runner starts no more jobs. */
  signal?: { readonly aborted: boolean };
}

export interface TuneResult {
  context: TrialContext;
  /** Sorted by validation RMSE (NaN last). */
  leaderboard: LeaderboardRow[];
  /** The best searched row. */
  best: LeaderboardRow;
  /** The base configuration's row, when compared. */
  defaults: LeaderboardRow | null;
  /** What tune recommends (the defaults unless a searched configuration reliably wins). */
  recommendation: Recommendation;
  records: TrialRecord[];
  /** Jobs skipped because `previous` had them. */
  skipped: number;
  /** Jobs that did not finish (the run was stopped); rerun with the log to finish them. */
  pending: number;
}

/**
 * The space searched when none is given: around the resolved base (lookbacks L/2, L, 2L within
 * the data), capacity, learning rate, batch size, dropout, and differencing unless it was fixed.
 * @example defaultSpace(base, 86).lookback //=> [6, 12, 24]
 */
export function defaultSpace(base: ResolvedForecastConfig, trainLength: number, searchDifference = true): SearchSpace {
  const L = base.lookback;
  const room = trainLength - base.horizon - 1 - 8;
  const lookbacks = [Math.max(2, Math.round(L / 2)), L, L * 2].filter((l) => l === L || l <= room);
  return {
    units: [16, 32, 64],
    layers: [1, 2],
    lookback: [...new Set(lookbacks)],
    learningRate: { min: 1e-3, max: 1e-2, log: true },
    batchSize: [...new Set([16, 32, base.batchSize])],
    dropout: [0, 0.1, 0.2],
    ...(searchDifference ? { difference: [0, 1] } : {}),
  };
}

/**
 * Runs jobs one after another in this thread (stops between jobs once `signal` is aborted).
 * @example await tune(series, { runner: inProcessRunner() });
 */
export function inProcessRunner(signal?: { readonly aborted: boolean }): TrialRunner {
  return async (jobs, context, onRecord) => {
    for (const job of jobs) {
      if (signal?.aborted) return;
      onRecord(await runTrial(context, job));
    }
  };
}

/** The jobs of a search: each configuration (the defaults first) × each ensemble member. */
export function tuneJobs(
  base: ResolvedForecastConfig,
  configs: readonly TuneConfig[],
  compareDefaults: boolean,
): TrialJob[] {
  const jobs: TrialJob[] = [];
  const add = (config: TuneConfig, reference: boolean) => {
    for (let member = 0; member < base.repeats; member++)
      jobs.push({ key: configKey(config), config, member, reference });
  };
  if (compareDefaults) add(tuneConfigOf(base), true);
  for (const c of configs) add(c, false);
  return jobs;
}

/** The identity of a job in a log. */
export const jobId = (j: TrialJob) => `${j.reference ? 'ref ' : ''}${j.key} #${j.member}`;

/**
 * Searches the forecaster's options on `series`, scoring walk-forward on the validation part before
 * the (untouched) test part.
 * @example const r = await tune(passengers, { dates, trials: 10 }); console.log(formatLeaderboard(r.leaderboard));
 */
export async function tune(series: readonly number[], options: TuneOptions = {}): Promise<TuneResult> {
  const where = 'tune';
  const { config: base } = resolveForecastConfig(series, configOf(options), {
    ...(options.dates ? { dates: options.dates } : {}),
    covariates: options.covariates?.[0]?.length ?? 0,
  });
  const split = tuneSplit(series.length, base);
  const cov = options.covariates;
  if (cov && cov.length !== series.length)
    throw new DataError(
      `there are ${cov.length} covariate rows for ${series.length} values; pass one row per value`,
      where,
    );
  const context: TrialContext = {
    series: series.slice(0, split.validationEnd),
    covariates: cov ? cov.slice(0, split.validationEnd).map((r) => [...r]) : null,
    split,
    base,
  };
  const searchDifference =
    (options.difference === undefined || options.difference === 'auto') && base.scaling !== 'window';
  const space =
    typeof options.space === 'function'
      ? options.space(base, split.trainEnd)
      : (options.space ?? defaultSpace(base, split.trainEnd, searchDifference));
  const search = options.search ?? 'random';
  if (search !== 'grid' && search !== 'random')
    throw new ConfigError(`search must be 'grid' or 'random', got '${search}'`, where);
  const start = tuneConfigOf(base);
  const configs =
    search === 'grid' ? gridConfigs(space, start) : randomConfigs(space, start, options.trials ?? 20, base.seed);
  const tooLong = configs.find((c) => split.trainEnd - c.difference - c.lookback - base.horizon < 8);
  if (tooLong)
    throw new ConfigError(
      `lookback ${tooLong.lookback} leaves fewer than 8 training windows in the ${split.trainEnd} training values; search shorter lookbacks`,
      where,
    );
  const jobs = tuneJobs(base, configs, options.compareDefaults ?? true);
  const done = new Map((options.previous ?? []).map((r) => [jobId(r), r]));
  const records = jobs.filter((j) => done.has(jobId(j))).map((j) => done.get(jobId(j))!);
  const todo = jobs.filter((j) => !done.has(jobId(j)));
  const runner = options.runner ?? inProcessRunner(options.signal);
  await runner(todo, context, (r) => {
    records.push(r);
    options.onTrial?.(r);
  });
  const board = leaderboard(context, records);
  const searched = board.filter((r) => !r.reference);
  if (searched.length === 0) throw new ConfigError('no trial finished', where);
  return {
    context,
    leaderboard: board,
    best: searched[0],
    defaults: board.find((r) => r.reference) ?? null,
    recommendation: recommend(board),
    records,
    skipped: jobs.length - todo.length,
    pending: jobs.length - records.length,
  };
}
