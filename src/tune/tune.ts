// tune(): hyperparameter search for the forecasting LSTM. Configurations from a grid or random
// draws, each trained `repeats` times (seeds seed, seed+1, ...: the same seeds for every
// configuration) and scored walk-forward on a validation part that precedes the test part; a
// leaderboard of mean ± std RMSE. Trials run through a runner (in-process here; worker threads in
// lstmkit/node) and already-finished trials (a log) are skipped, so a search can stop and resume.

import { ConfigError, checkPositiveInt } from '../errors.js';
import { detectSeason } from '../forecast/baselines.js';
import { type LeaderboardRow, leaderboard } from './leaderboard.js';
import { configKey, gridConfigs, randomConfigs, type SearchSpace, type TuneConfig } from './space.js';
import { type ModelBuilder, runTrial, type TrialContext, type TrialJob, type TrialRecord, tuneSplit } from './trial.js';

/** Runs trial jobs (in any order, possibly in parallel), reporting each finished record. */
export type TrialRunner = (
  jobs: readonly TrialJob[],
  context: TrialContext,
  onRecord: (record: TrialRecord) => void,
) => Promise<void>;

export interface TuneOptions {
  /**
   * Values to try; names left out keep the forecasting defaults (`base`). A function receives the
   * defaults and the training length. Default: defaultSpace.
   */
  space?: SearchSpace | ((base: TuneConfig, trainLength: number) => SearchSpace);
  /** 'grid' tries every combination; 'random' draws `trials` distinct ones. Default 'random'. */
  strategy?: 'grid' | 'random';
  /** Configurations drawn by the random strategy. Default 20. */
  trials?: number;
  /** Values in the validation part (just before the test part). Default: the test size. */
  validation?: number;
  /** Values in the test part at the end, never read. Default round(0.2 n), as forecast(). */
  test?: number;
  horizon?: number;
  /**
   * Early stopping: patience in epochs without a better val_loss (the best epoch's weights are
   * kept), and what val_loss is computed on (TrialContext.stopOn; default 'holdout', the end of
   * the training part). False trains all epochs. Default { patience: 20 }.
   */
  earlyStopping?: false | { patience: number; on?: 'holdout' | 'validation' };
  /** Trainings per configuration (seeds seed..seed+repeats-1). Default 3. */
  repeats?: number;
  seed?: number;
  /**
   * First-difference the target: true/false fixes it; 'auto' decides as forecast() does (when a
   * line explains over half the training variance); 'search' (default) adds difference [0, 1] to
   * the space, with 'auto' as the base. The defaults row always uses forecast()'s rule on
   * train + validation, which is what `lstmkit forecast` does with the same test part.
   */
  difference?: boolean | 'auto' | 'search';
  log?: boolean;
  season?: number;
  /** Also run the forecasting defaults (no early stopping) for comparison. Default true. */
  compareDefaults?: boolean;
  /** Finished trials from an earlier run (its log): their jobs are skipped. */
  previous?: readonly TrialRecord[];
  /** Called with each newly finished trial (append it to a log). */
  onTrial?: (record: TrialRecord) => void;
  /** Runs the jobs; default: one after another in this thread with `buildModel`. */
  runner?: TrialRunner;
  /** Once aborted, the default runner starts no more trials (an AbortSignal works). */
  signal?: { readonly aborted: boolean };
}

export interface TuneResult {
  context: TrialContext;
  /** Sorted by mean validation RMSE (NaN last). */
  leaderboard: LeaderboardRow[];
  best: LeaderboardRow;
  /** The forecasting defaults' row, when compared. */
  defaults: LeaderboardRow | null;
  records: TrialRecord[];
  /** Jobs skipped because `previous` had them. */
  skipped: number;
  /** Jobs that did not finish (the run was stopped); rerun with the log to finish them. */
  pending: number;
}

/**
 * forecast()'s default LSTM configuration for a training part (its lookback rule included).
 * @example forecastDefaults(86, 12).lookback //=> 12
 */
export function forecastDefaults(trainEnd: number, season: number, difference = false): TuneConfig {
  return {
    difference: difference ? 1 : 0,
    units: 16,
    layers: 1,
    lookback: Math.min(season > 1 ? Math.max(season, 4) : 12, Math.max(1, Math.floor(trainEnd / 3))),
    learningRate: 0.001,
    batchSize: 16,
    dropout: 0,
    epochs: 200,
  };
}

/** Training parts shorter than this get no early stopping by default (a 15% holdout would be a handful of windows). */
export const TUNE_SHORT_SERIES = 60;

/**
 * The space searched when none is given: around the forecasting defaults (lookbacks L/2, L, 2L up
 * to half the training part); up to 300 epochs with early stopping, or for a training part
 * shorter than TUNE_SHORT_SERIES the epoch counts 25-300 (tune() then trains without early stopping).
 * @example defaultSpace(forecastDefaults(86, 12), 86).lookback //=> [6, 12, 24]
 */
export function defaultSpace(base: TuneConfig, trainLength: number): SearchSpace {
  const L = base.lookback;
  const lookbacks = [Math.max(2, Math.round(L / 2)), L, L * 2].filter((l) => l === L || l <= trainLength / 2);
  return {
    units: [8, 16, 32, 64],
    layers: [1, 2],
    lookback: [...new Set(lookbacks)],
    learningRate: { min: 3e-4, max: 3e-2, log: true },
    batchSize: [8, 16, 32],
    dropout: [0, 0.1, 0.2],
    epochs: trainLength < TUNE_SHORT_SERIES ? [25, 50, 100, 200, 300] : [300],
  };
}

function trendShare(train: readonly number[]): number {
  // Same rule as forecast(): R² of a straight line fitted to the training part.
  const n = train.length,
    tm = (n - 1) / 2,
    ym = train.reduce((a, b) => a + b, 0) / n;
  let sty = 0,
    stt = 0,
    syy = 0;
  train.forEach((y, t) => {
    sty += (t - tm) * (y - ym);
    stt += (t - tm) ** 2;
    syy += (y - ym) ** 2;
  });
  return syy > 0 ? (sty * sty) / (stt * syy) : 0;
}

/**
 * Runs jobs one after another in this thread (the default runner; stops between trials once `signal` is aborted).
 * @example await tune(defaultBuilder, series, { runner: inProcessRunner(myBuilder) });
 */
export function inProcessRunner(build: ModelBuilder, signal?: { readonly aborted: boolean }): TrialRunner {
  return async (jobs, context, onRecord) => {
    for (const job of jobs) {
      if (signal?.aborted) return;
      onRecord(await runTrial(build, context, job));
    }
  };
}

/**
 * Searches hyperparameters of a forecasting model on `series`, scoring walk-forward on the
 * validation part before the (untouched) test part.
 * @example const r = await tune(defaultBuilder, passengers, { strategy: 'random', trials: 10, repeats: 2 }); console.log(formatLeaderboard(r));
 */
export async function tune(
  buildModel: ModelBuilder,
  series: readonly number[],
  options: TuneOptions = {},
): Promise<TuneResult> {
  const where = 'tune';
  series.forEach((v, i) => {
    if (!Number.isFinite(v))
      throw new ConfigError(`the series has a non-finite value (${v}) at index ${i}; fill missing values first`, where);
  });
  const n = series.length;
  const horizon = checkPositiveInt(options.horizon ?? 1, 'horizon', where);
  const test = options.test ?? Math.max(horizon, Math.round(n * 0.2));
  const validation = options.validation ?? Math.max(horizon, test);
  const split = tuneSplit(n, { test, validation, horizon });
  const train = series.slice(0, split.trainEnd);
  const season = options.season ?? detectSeason(train);
  const fixed = typeof options.difference === 'boolean' ? options.difference : null;
  const difference = fixed ?? trendShare(train) > 0.5;
  const forecastDifference = fixed ?? trendShare(series.slice(0, split.validationEnd)) > 0.5;
  const repeats = checkPositiveInt(options.repeats ?? 3, 'repeats', where);
  const seed = options.seed ?? 42;
  const context: TrialContext = {
    series: series.slice(0, split.validationEnd),
    split,
    horizon,
    season,
    difference,
    log: options.log ?? false,
    // a training part under TUNE_SHORT_SERIES values cannot spare a useful holdout: no early stopping by
    // default there, and the default space searches the epoch count instead
    patience:
      options.earlyStopping === false || (options.earlyStopping === undefined && split.trainEnd < TUNE_SHORT_SERIES)
        ? 0
        : checkPositiveInt(options.earlyStopping?.patience ?? 20, 'earlyStopping.patience', where),
    stopOn: (options.earlyStopping || undefined)?.on ?? 'holdout',
  };
  const base = forecastDefaults(split.trainEnd, season, difference);
  const searchDifference = options.difference === undefined || options.difference === 'search';
  const given =
    typeof options.space === 'function'
      ? options.space(base, split.trainEnd)
      : (options.space ?? defaultSpace(base, split.trainEnd));
  if (!searchDifference && given.difference)
    throw new ConfigError(
      `the space searches difference but options.difference is ${options.difference}; drop one`,
      where,
    );
  const space = searchDifference && !given.difference ? { ...given, difference: [0, 1] } : given;
  const strategy = options.strategy ?? 'random';
  if (strategy !== 'grid' && strategy !== 'random')
    throw new ConfigError(`strategy must be 'grid' or 'random', got '${strategy}'`, where);
  const configs =
    strategy === 'grid' ? gridConfigs(space, base) : randomConfigs(space, base, options.trials ?? 20, seed);
  const tooLong = configs.find((c) => split.trainEnd - c.difference - c.lookback - horizon < 4);
  if (tooLong)
    throw new ConfigError(
      `lookback ${tooLong.lookback} leaves fewer than 4 training windows in the ${split.trainEnd} training values; search shorter lookbacks`,
      where,
    );
  const jobs: TrialJob[] = [];
  const add = (config: TuneConfig, reference: boolean) => {
    for (let r = 0; r < repeats; r++)
      jobs.push({ key: configKey(config), config, repeat: r, seed: seed + r, reference });
  };
  if (options.compareDefaults ?? true) {
    // what `lstmkit forecast` would train: its training part is train + validation here
    const ref = forecastDefaults(
      split.validationEnd,
      options.season ?? detectSeason(series.slice(0, split.validationEnd)),
      forecastDifference,
    );
    add({ ...ref, lookback: Math.min(ref.lookback, split.trainEnd - ref.difference - horizon - 4) }, true);
  }
  for (const c of configs) add(c, false);
  const id = (j: TrialJob) => `${j.reference ? 'ref ' : ''}${j.key} #${j.repeat} seed ${j.seed}`;
  const done = new Map((options.previous ?? []).map((r) => [id(r), r]));
  const records = jobs.filter((j) => done.has(id(j))).map((j) => done.get(id(j))!);
  const todo = jobs.filter((j) => !done.has(id(j)));
  const runner = options.runner ?? inProcessRunner(buildModel, options.signal);
  await runner(todo, context, (r) => {
    records.push(r);
    options.onTrial?.(r);
  });
  const board = leaderboard(records);
  const searched = board.filter((r) => !r.reference);
  if (searched.length === 0) throw new ConfigError('no trial finished', where);
  return {
    context,
    leaderboard: board,
    best: searched[0],
    defaults: board.find((r) => r.reference) ?? null,
    records,
    skipped: jobs.length - todo.length,
    pending: jobs.length - records.length,
  };
}
