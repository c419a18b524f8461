// The one definition of the forecasting model's options: ForecastConfig, its DEFAULTS (declared
// once, documented here), and resolveForecastConfig(), which applies the data-dependent rules
// (test size, calibration size, season, horizon, lookback, differencing, batch size) exactly once.
// Everything else — forecast(), tune, the CLI, the playground, saved forecasters — imports these.
// After darts' single forecaster configuration (without its giant base module).

import { ConfigError, DataError } from '../errors.js';
import { findSeasons, type SeasonFinding } from './season-rules.js';

export type ForecastKind = 'lstm' | 'mlp';
export type Strategy = 'direct' | 'recursive' | 'encoder-decoder';
export type PowerTransform = 'none' | 'log' | 'boxCox';
export type Scaling = 'minMax' | 'standard' | 'window';
export type ForecastLoss = 'mse' | 'mae' | 'huber';

export const FORECAST_KINDS: readonly ForecastKind[] = ['lstm', 'mlp'];
export const STRATEGIES: readonly Strategy[] = ['direct', 'recursive', 'encoder-decoder'];
export const POWER_TRANSFORMS: readonly PowerTransform[] = ['none', 'log', 'boxCox'];
export const SCALINGS: readonly Scaling[] = ['minMax', 'standard', 'window'];
export const FORECAST_LOSSES: readonly ForecastLoss[] = ['mse', 'mae', 'huber'];

/** Every option of the forecasting model. `'auto'` values are decided by resolveForecastConfig(). */
export interface ForecastConfig {
  /** The network: a recurrent LSTM stack, or a window MLP (the "is an LSTM needed?" comparison). */
  kind: ForecastKind;
  /** Multi-step strategy: one vector output (direct), one step fed back (recursive), or seq2seq. */
  strategy: Strategy;
  /** Steps forecast from each origin; 'auto' = one season (12 monthly, 7 daily, 24 hourly, 4 quarterly), else 1. */
  horizon: number | 'auto';
  /** Input steps per sample; 'auto' = the shortest season (at least 4, at most 2 seasons) or 12, capped by the data. */
  lookback: number | 'auto';
  /**
   * Season length for seasonal naive, MASE and the horizon/lookback rules, or several (the shortest
   * is the primary); 'auto' = found from the dates and the data; 1 = none.
   */
  season: number | number[] | 'auto';
  /** Units per recurrent (or dense, for 'mlp') layer. */
  units: number;
  /** Stacked layers. */
  layers: number;
  /** Input dropout of every LSTM layer (Keras `dropout`); for 'mlp', dropout after each hidden layer. */
  dropout: number;
  /** Dropout on the recurrent state of every LSTM layer (Keras `recurrent_dropout`). */
  recurrentDropout: number;
  /** Maximum training epochs (early stopping may end sooner). */
  epochs: number;
  /** Samples per gradient step; 'auto' = 16, doubled until an epoch has at most 64 steps (up to 256). */
  batchSize: number | 'auto';
  /** Adam's learning rate. */
  learningRate: number;
  /** Early stopping: epochs without a better holdout loss before stopping (best weights kept); 0 = off. */
  patience: number;
  /** Last fraction of the training windows held out for early stopping and the learning curve. */
  validationFraction: number;
  /**
   * First-difference the target; 'auto' = when a straight line explains over DIFFERENCE_THRESHOLD of
   * the training variance (never under scaling 'window', which removes each window's level instead).
   */
  difference: boolean | 'auto';
  /**
   * Power transform before differencing: natural log or Box-Cox (lambda by maximum likelihood; values
   * > 0). 'auto' = 'log' under scaling 'window' when every value of the series is > 0 (the global
   * LSTM's log space: level-free windows are then relative changes), else 'none'.
   */
  power: PowerTransform | 'auto';
  /**
   * Scaling of the (transformed) target, fitted on the training part only: min-max to [-1, 1], z-score,
   * or 'window': min-max, then every input window and its targets minus the window's level (the mean
   * of its last `season` values, or its last value without a season that fits the lookback), as the
   * global LSTM normalizes; with power 'log' that is the global recipe in log space.
   */
  scaling: Scaling;
  /**
   * Under scaling 'window': also feed each window's level as an input feature of every step.
   * 'auto' = when the training part has no trend (a straight line explains at most
   * DIFFERENCE_THRESHOLD of its variance): the level then stays inside the training range and tells
   * the network where the series stands against its own norm (mean reversion); a trending level
   * leaves that range, so it is not fed.
   */
  levelInput: boolean | 'auto';
  /** Training loss. */
  loss: ForecastLoss;
  /** Seed of the first ensemble member; member r uses seed + r. */
  seed: number;
  /** Ensemble members (trained with seeds seed, seed+1, ...), combined by the median. */
  repeats: number;
  /** Test values at the end of the series; 'auto' = max(horizon, round(testFraction · n)). */
  test: number | 'auto';
  /** Fraction of the series used as the test part when `test` is 'auto'. */
  testFraction: number;
  /** Values just before the test part whose forecast errors calibrate the intervals; 'auto' = the test size when the data allow, 0 = none. */
  calibration: number | 'auto';
  /** Coverage levels of the prediction intervals. */
  levels: number[];
}

/**
 * The defaults, declared once. docs/forecasting.md's table is generated from this object
 * (`npm run docs:defaults`) and a test keeps the two equal.
 */
export const DEFAULTS: Readonly<ForecastConfig> = Object.freeze({
  kind: 'lstm',
  strategy: 'direct',
  horizon: 'auto',
  lookback: 'auto',
  season: 'auto',
  units: 32,
  layers: 1,
  dropout: 0,
  recurrentDropout: 0,
  epochs: 200,
  batchSize: 'auto',
  learningRate: 0.003,
  patience: 20,
  validationFraction: 0.15,
  difference: 'auto',
  power: 'auto',
  scaling: 'window',
  levelInput: 'auto',
  loss: 'mse',
  seed: 42,
  repeats: 3,
  test: 'auto',
  testFraction: 0.2,
  calibration: 'auto',
  levels: Object.freeze([0.8, 0.95]) as unknown as number[],
} satisfies ForecastConfig);

/** One-line descriptions of every option (the CLI's help and the docs table use these). */
export const CONFIG_DOCS: Readonly<Record<keyof ForecastConfig, string>> = {
  kind: "network: 'lstm' or a window 'mlp'",
  strategy: "multi-step strategy: 'direct', 'recursive' or 'encoder-decoder'",
  horizon:
    "steps forecast from each origin ('auto': one season of the dates' frequency: 24 hourly, 7 daily, 13 weekly, 12 monthly, 4 quarterly; else the shortest season up to 24; else 1)",
  lookback:
    "input steps per sample ('auto': the shortest season up to 64, else max(12, 2 × horizon); at most a third of the training part)",
  season: "season length ('auto': from the dates' calendar and the data)",
  units: 'units per layer',
  layers: 'stacked layers',
  dropout: 'input dropout of every LSTM layer',
  recurrentDropout: 'dropout on the recurrent state',
  epochs: 'maximum training epochs',
  batchSize: "samples per step ('auto': 16, doubled until an epoch has <= 64 steps, up to 256)",
  learningRate: "Adam's learning rate",
  patience: 'early-stopping patience in epochs (0 = off)',
  validationFraction: 'last fraction of training windows held out for early stopping',
  difference:
    "first-difference the target ('auto': when a line explains > 30% of the variance; never with window scaling)",
  power: "power transform: 'none', 'log', 'boxCox', or 'auto' (log with window scaling when every value is > 0)",
  scaling:
    "target scaling: 'minMax' ([-1, 1]), 'standard', or 'window' (min-max, then each window minus its level: the mean of its last season)",
  levelInput:
    "with window scaling, also feed each window's level as an input ('auto': when a line explains <= 30% of the variance)",
  loss: "training loss: 'mse', 'mae' or 'huber'",
  seed: 'seed of the first ensemble member',
  repeats: 'ensemble members (median forecast)',
  test: "test values at the end ('auto': testFraction of the series, at least the horizon)",
  testFraction: 'test fraction when test is auto',
  calibration: "values before the test part that calibrate the intervals ('auto': the test size if the data allow)",
  levels: 'prediction-interval coverage levels',
};

/** Share of the training variance a straight line must explain before 'auto' differencing turns on. */
export const DIFFERENCE_THRESHOLD = 0.3;
/** The longest lookback 'auto' chooses (longer seasons go through seasonal features instead). */
export const MAX_AUTO_LOOKBACK = 64;
/** The longest season 'auto' uses as the horizon when there are no dates. */
export const MAX_AUTO_HORIZON = 24;
/** The 'auto' horizon of each calendar frequency: one season (a quarter of a year for weekly data, as M4). */
export const FREQUENCY_HORIZON: Readonly<Record<string, number>> = {
  hourly: 24,
  daily: 7,
  weekly: 13,
  monthly: 12,
  quarterly: 4,
  yearly: 1,
};
/** Training windows the model needs at least (after the holdout). */
export const MIN_TRAINING_WINDOWS = 8;

/** What the resolver decided and why: printed by the CLI, shown in the report. */
export interface Decision {
  option: string;
  value: string | number | boolean;
  why: string;
}

/** A configuration with every 'auto' decided for one series. */
export interface ResolvedForecastConfig
  extends Omit<
    ForecastConfig,
    'horizon' | 'lookback' | 'season' | 'batchSize' | 'difference' | 'power' | 'levelInput' | 'test' | 'calibration'
  > {
  horizon: number;
  lookback: number;
  season: number;
  /** Every confirmed season, shortest first (the first is `season`). */
  seasons: number[];
  batchSize: number;
  difference: boolean;
  power: PowerTransform;
  levelInput: boolean;
  test: number;
  calibration: number;
  /** Seasons longer than the lookback, fed to the model as sine/cosine features of the phase. */
  seasonalFeatures: number[];
}

/** The input of the resolver: the series and what is known about its time axis. */
export interface ResolveContext {
  /** UTC ms time stamps of the values, when the data have dates. */
  dates?: readonly number[];
  /** Number of covariate columns that come with the series. */
  covariates?: number;
}

const where = 'resolveForecastConfig';

const INTEGER_KEYS = ['units', 'layers', 'epochs', 'repeats'] as const;

/** Checks the fixed-type options of a partial config (the 'auto'-able ones are checked when resolved). */
export function checkForecastConfig(options: Partial<ForecastConfig>, at = where): void {
  if (options === null || typeof options !== 'object')
    throw new ConfigError(`options must be an object, got ${JSON.stringify(options)}`, at);
  for (const k of Object.keys(options)) {
    if (!(k in DEFAULTS))
      throw new ConfigError(
        `unknown option '${k}'; the forecasting options are: ${Object.keys(DEFAULTS).join(', ')}`,
        at,
      );
  }
  const o = options as Record<string, unknown>;
  const oneOf = (k: string, allowed: readonly string[]) => {
    if (o[k] !== undefined && !allowed.includes(o[k] as string))
      throw new ConfigError(
        `${k} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(o[k])}`,
        at,
      );
  };
  oneOf('kind', FORECAST_KINDS);
  oneOf('strategy', STRATEGIES);
  oneOf('power', [...POWER_TRANSFORMS, 'auto']);
  oneOf('scaling', SCALINGS);
  oneOf('loss', FORECAST_LOSSES);
  for (const k of INTEGER_KEYS) if (o[k] !== undefined) positiveInt(o[k], k, at);
  if (o.seed !== undefined && !(Number.isInteger(o.seed) && (o.seed as number) >= 0))
    throw new ConfigError(`seed must be an integer >= 0, got ${JSON.stringify(o.seed)}`, at);
  if (o.patience !== undefined && !(Number.isInteger(o.patience) && (o.patience as number) >= 0))
    throw new ConfigError(
      `patience must be an integer >= 0 (0 = no early stopping), got ${JSON.stringify(o.patience)}`,
      at,
    );
  for (const k of ['dropout', 'recurrentDropout'] as const)
    if (o[k] !== undefined && !(typeof o[k] === 'number' && (o[k] as number) >= 0 && (o[k] as number) < 1))
      throw new ConfigError(`${k} must be a number in [0, 1), got ${JSON.stringify(o[k])}`, at);
  if (
    o.validationFraction !== undefined &&
    !(typeof o.validationFraction === 'number' && o.validationFraction >= 0 && o.validationFraction < 0.5)
  )
    throw new ConfigError(
      `validationFraction must be a number in [0, 0.5), got ${JSON.stringify(o.validationFraction)}`,
      at,
    );
  if (
    o.testFraction !== undefined &&
    !(typeof o.testFraction === 'number' && o.testFraction > 0 && o.testFraction < 0.9)
  )
    throw new ConfigError(`testFraction must be a number in (0, 0.9), got ${JSON.stringify(o.testFraction)}`, at);
  if (
    o.learningRate !== undefined &&
    !(typeof o.learningRate === 'number' && o.learningRate > 0 && o.learningRate <= 10)
  )
    throw new ConfigError(`learningRate must be a number in (0, 10], got ${JSON.stringify(o.learningRate)}`, at);
  if (o.difference !== undefined && o.difference !== 'auto' && typeof o.difference !== 'boolean')
    throw new ConfigError(`difference must be true, false or 'auto', got ${JSON.stringify(o.difference)}`, at);
  if (o.difference === true && o.scaling === 'window')
    throw new ConfigError(
      "difference true cannot be combined with scaling 'window' (each window's level is removed instead); use difference false or 'auto', or another scaling",
      at,
    );
  if (o.levelInput !== undefined && o.levelInput !== 'auto' && typeof o.levelInput !== 'boolean')
    throw new ConfigError(`levelInput must be true, false or 'auto', got ${JSON.stringify(o.levelInput)}`, at);
  if (o.levelInput === true && (o.scaling ?? DEFAULTS.scaling) !== 'window')
    throw new ConfigError(
      `levelInput true needs scaling 'window' (the level fed is the window's), got scaling '${o.scaling ?? DEFAULTS.scaling}'`,
      at,
    );
  if (Array.isArray(o.season)) {
    if (o.season.length === 0 || !o.season.every((m) => Number.isInteger(m) && (m as number) > 1))
      throw new ConfigError(
        `season must be a positive integer, a list of integers > 1, or 'auto', got ${JSON.stringify(o.season)}`,
        at,
      );
  } else if (o.season !== undefined && o.season !== 'auto') positiveInt(o.season, 'season', at);
  for (const k of ['horizon', 'lookback', 'batchSize', 'test'] as const)
    if (o[k] !== undefined && o[k] !== 'auto') positiveInt(o[k], k, at);
  if (
    o.calibration !== undefined &&
    o.calibration !== 'auto' &&
    !(Number.isInteger(o.calibration) && (o.calibration as number) >= 0)
  )
    throw new ConfigError(`calibration must be an integer >= 0 or 'auto', got ${JSON.stringify(o.calibration)}`, at);
  if (o.levels !== undefined) {
    const l = o.levels as unknown[];
    if (!Array.isArray(l) || l.length === 0 || !l.every((x) => typeof x === 'number' && x > 0 && x < 1))
      throw new ConfigError(
        `levels must be a non-empty list of numbers in (0, 1), got ${JSON.stringify(o.levels)}`,
        at,
      );
  }
}

function positiveInt(v: unknown, k: string, at: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw new ConfigError(`${k} must be a positive integer, got ${JSON.stringify(v)}`, at);
  return v;
}

/**
 * R² of a straight line fitted to the values: the evidence of the 'auto' differencing rule.
 * @example trendShare([1, 2, 3, 4]) //=> 1
 */
export function trendShare(values: ArrayLike<number>): number {
  const n = values.length,
    tm = (n - 1) / 2;
  let ym = 0;
  for (let t = 0; t < n; t++) ym += values[t];
  ym /= n;
  let sty = 0,
    stt = 0,
    syy = 0;
  for (let t = 0; t < n; t++) {
    sty += (t - tm) * (values[t] - ym);
    stt += (t - tm) ** 2;
    syy += (values[t] - ym) ** 2;
  }
  return syy > 0 && stt > 0 ? (sty * sty) / (stt * syy) : 0;
}

/**
 * The test-size rule: the last max(horizon, round(fraction · n)) values.
 * @example testSize(144, 12, 0.2) //=> 29
 */
export function testSize(length: number, horizon: number, fraction: number): number {
  return Math.max(horizon, Math.round(length * fraction));
}

/** The batch-size rule's steps per epoch and largest batch (autoBatchSize). */
export const AUTO_EPOCH_STEPS = 64;
export const AUTO_BATCH_MAX = 256;

/**
 * Most training windows one epoch of a forecaster trains on: AUTO_EPOCH_STEPS batches of the largest
 * automatic batch (16,384). A longer training part trains each epoch on that many windows drawn anew
 * at random, so an epoch costs the same from there on and early stopping keeps its pace; shorter
 * parts (every series the defaults were validated on) train on all their windows, as before.
 */
export const MAX_EPOCH_WINDOWS = AUTO_EPOCH_STEPS * AUTO_BATCH_MAX;

/**
 * The batch-size rule: 16, doubled while an epoch would take more than AUTO_EPOCH_STEPS steps, up to
 * AUTO_BATCH_MAX.
 * @example autoBatchSize(100) //=> 16
 */
export function autoBatchSize(windows: number): number {
  let b = 16;
  while (b < AUTO_BATCH_MAX && windows / b > AUTO_EPOCH_STEPS) b *= 2;
  return b;
}

/**
 * The lookback rule: the shortest season up to MAX_AUTO_LOOKBACK (2 seasons, at least 4, when it
 * is shorter than 4); without such a season, max(12, 2 · horizon). Never more than a third of the
 * training part. Longer seasons are not the lookback: they enter as seasonal features.
 * @example autoLookback([12], 12, 115) //=> 12
 */
export function autoLookback(seasons: readonly number[], horizon: number, trainLength: number): number {
  const m = seasons.find((s) => s > 1 && s <= MAX_AUTO_LOOKBACK);
  const base = m ? (m < 4 ? Math.max(4, 2 * m) : m) : Math.min(MAX_AUTO_LOOKBACK, Math.max(12, 2 * horizon));
  return Math.max(1, Math.min(base, Math.floor(trainLength / 3)));
}

/**
 * The horizon rule: one season — the calendar one when the dates tell the frequency
 * (FREQUENCY_HORIZON), else the shortest confirmed season up to MAX_AUTO_HORIZON, else 1 — and
 * never more than an eighth of the series.
 * @example autoHorizon([12], undefined, 144) //=> 12
 */
export function autoHorizon(seasons: readonly number[], frequency: string | undefined, length: number): number {
  const m = seasons.find((s) => s > 1 && s <= MAX_AUTO_HORIZON);
  const h = frequency && FREQUENCY_HORIZON[frequency] ? FREQUENCY_HORIZON[frequency] : (m ?? 1);
  return Math.max(1, Math.min(h, Math.floor(length / 8)));
}

/** Values the training part needs at least for a lookback, horizon and differencing. */
export function minTrainingLength(lookback: number, horizon: number, difference: boolean): number {
  return lookback + horizon + (difference ? 1 : 0) + MIN_TRAINING_WINDOWS - 1;
}

/**
 * Fills every 'auto' of `options` for this series, with the reasons. Options given explicitly are
 * kept as they are (and checked).
 * @example const c = resolveForecastConfig(passengers, { epochs: 50 }, { dates }); [c.config.horizon, c.config.lookback] //=> [12, 12]
 */
export function resolveForecastConfig(
  series: ArrayLike<number>,
  options: Partial<ForecastConfig> = {},
  context: ResolveContext = {},
): { config: ResolvedForecastConfig; decisions: Decision[]; seasons: SeasonFinding } {
  checkForecastConfig(options);
  const o: ForecastConfig = { ...DEFAULTS, levels: [...DEFAULTS.levels], ...options };
  // differencing asked for, scaling left to the default: window scaling removes levels instead of
  // differencing, so the differenced values get min-max scaling (said in the decisions below)
  const differencedDefault = options.difference === true && options.scaling === undefined && o.scaling === 'window';
  if (differencedDefault) o.scaling = 'minMax';
  if (differencedDefault && options.levelInput === true)
    throw new ConfigError(
      "levelInput true needs window scaling, which does not combine with difference true; use difference false or 'auto'",
      where,
    );
  const n = series.length;
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(series[i]))
      throw new DataError(
        `the series has a non-finite value (${series[i]}) at index ${i}; fill or drop missing values first`,
        where,
      );
  if (n < 8) throw new DataError(`the series has ${n} values; forecasting needs at least 8`, where);
  if (context.dates && context.dates.length !== n)
    throw new DataError(`there are ${context.dates.length} dates for ${n} values; pass one date per value`, where);
  const decisions: Decision[] = [];
  const note = (option: string, value: Decision['value'], why: string) => decisions.push({ option, value, why });
  if (differencedDefault)
    note(
      'scaling',
      'minMax',
      "difference true: the differenced values are min-max scaled (window scaling removes each window's level instead of differencing)",
    );

  // Seasons are found on the part before a provisional test split, so the test values never choose them.
  const provisionalTest = o.test === 'auto' ? Math.round(n * o.testFraction) : o.test;
  const seen = Math.max(2, n - provisionalTest);
  const found: SeasonFinding =
    o.season === 'auto'
      ? findSeasons(Array.prototype.slice.call(series, 0, seen), context.dates?.slice(0, seen))
      : { seasons: [], why: 'given' };
  const seasons =
    o.season === 'auto'
      ? found.seasons
      : Array.isArray(o.season)
        ? [...new Set(o.season)].sort((a, b) => a - b)
        : o.season > 1
          ? [o.season]
          : [];
  const season = seasons[0] ?? 1;
  const tooLong = seasons.find((m) => m > seen / 2);
  if (tooLong !== undefined)
    throw new DataError(
      `season ${tooLong} needs at least two seasons of training values, but the series has ${seen} before its test part; use a shorter season or more data`,
      where,
    );
  if (o.season === 'auto') note('season', season, found.why);

  const horizon = o.horizon === 'auto' ? autoHorizon(seasons, found.frequency, n) : o.horizon;
  if (o.horizon === 'auto')
    note(
      'horizon',
      horizon,
      found.frequency && FREQUENCY_HORIZON[found.frequency]
        ? `one season of ${found.frequency} data`
        : horizon > 1
          ? `one season (${horizon} steps)`
          : 'no season: one step ahead',
    );
  const test = o.test === 'auto' ? testSize(n, horizon, o.testFraction) : o.test;
  if (test < horizon) throw new ConfigError(`test ${test} must be at least the horizon ${horizon}`, where);
  if (test >= n - 4)
    throw new DataError(`test ${test} leaves ${n - test} values for training in a series of ${n}`, where);
  const testStart = n - test;
  const train = Array.prototype.slice.call(series, 0, testStart) as number[];

  let difference: boolean;
  if (o.difference === 'auto' && o.scaling === 'window') {
    difference = false;
    note('difference', false, "window scaling removes each window's level, so the target is not differenced");
  } else if (o.difference === 'auto') {
    const r2 = trendShare(train);
    difference = r2 > DIFFERENCE_THRESHOLD;
    note(
      'difference',
      difference,
      `a straight line explains ${(100 * r2).toFixed(0)}% of the training variance (threshold ${DIFFERENCE_THRESHOLD * 100}%)`,
    );
  } else difference = o.difference;

  let power: PowerTransform;
  if (o.power === 'auto') {
    let positive = true;
    for (let t = 0; t < n && positive; t++) positive = series[t] > 0;
    power = o.scaling === 'window' && positive ? 'log' : 'none';
    note(
      'power',
      power,
      o.scaling !== 'window'
        ? `the log is chosen only with window scaling (scaling is '${o.scaling}')`
        : positive
          ? 'every value is > 0: windows in log space (the global LSTM recipe)'
          : 'the series has values <= 0, so no log',
    );
  } else power = o.power;

  let levelInput = false;
  if (o.scaling === 'window' && o.levelInput === 'auto') {
    const r2 = trendShare(train);
    levelInput = r2 <= DIFFERENCE_THRESHOLD;
    note(
      'levelInput',
      levelInput,
      `a straight line explains ${(100 * r2).toFixed(0)}% of the training variance (the level is fed up to ${DIFFERENCE_THRESHOLD * 100}%)`,
    );
  } else if (o.scaling === 'window') levelInput = o.levelInput === true;

  const lookback = o.lookback === 'auto' ? autoLookback(seasons, horizon, testStart) : o.lookback;
  if (o.lookback === 'auto')
    note(
      'lookback',
      lookback,
      seasons.some((m) => m <= MAX_AUTO_LOOKBACK)
        ? `the season ${season}${lookback < season ? `, capped at a third of the ${testStart} training values` : lookback > season ? ' (two seasons: at least 4 steps)' : ''}`
        : `no season of at most ${MAX_AUTO_LOOKBACK} steps: max(12, 2 × horizon)${lookback < Math.max(12, 2 * horizon) ? `, capped at a third of the ${testStart} training values` : ''}`,
    );
  const need = minTrainingLength(lookback, o.strategy === 'recursive' ? 1 : horizon, difference);
  if (testStart < need)
    throw new DataError(
      `the series has ${n} values: test ${test} leaves ${testStart} for training, but lookback ${lookback} + horizon ${horizon} needs at least ${need}; use a smaller lookback, horizon or test part, or more data`,
      where,
    );

  // The calibration part comes out of the training part only when enough is left to train on.
  let calibration: number;
  if (o.calibration === 'auto') {
    const room = testStart - need;
    calibration = room >= test ? test : room >= horizon + 9 ? room : 0;
    note(
      'calibration',
      calibration,
      calibration > 0
        ? `the ${calibration} values before the test part calibrate the intervals (never trained on by the calibrating model)`
        : 'the series is too short to spare a calibration part: no calibrated intervals',
    );
  } else {
    calibration = o.calibration;
    if (calibration > 0 && testStart - calibration < need)
      throw new DataError(
        `calibration ${calibration} leaves ${testStart - calibration} values to train on; the model needs ${need}`,
        where,
      );
  }

  const windows = testStart - lookback - horizon - (difference ? 1 : 0) + 1;
  const batchSize = o.batchSize === 'auto' ? autoBatchSize(windows) : o.batchSize;
  const seasonalFeatures = seasons.filter((m) => m > lookback);
  if (seasonalFeatures.length)
    note(
      'seasonal features',
      seasonalFeatures.join(', '),
      `season(s) longer than the lookback enter as sine/cosine features of their phase`,
    );
  const config: ResolvedForecastConfig = {
    ...o,
    horizon,
    lookback,
    season,
    seasons,
    batchSize,
    difference,
    power,
    levelInput,
    test,
    calibration,
    seasonalFeatures,
  };
  return { config, decisions, seasons: found };
}

/**
 * A resolved configuration turned back into explicit options: resolving it again on the same series
 * gives the same configuration (best.json and saved forecasters use this form).
 * @example resolveForecastConfig(series, configFromResolved(c)).config //=> equal to c
 */
export function configFromResolved(c: ResolvedForecastConfig): ForecastConfig {
  const out = {} as Record<string, unknown>;
  for (const k of Object.keys(DEFAULTS)) out[k] = (c as unknown as Record<string, unknown>)[k];
  out.season = c.seasons.length > 1 ? [...c.seasons] : c.seasons.length === 1 ? c.seasons[0] : 1;
  out.levels = [...c.levels];
  return out as unknown as ForecastConfig;
}

const CONFIG_KEYS = Object.keys(DEFAULTS) as (keyof ForecastConfig)[];

/**
 * The ForecastConfig part of an options object (forecast() and tune() options mix config and data).
 * @example configOf({ units: 8, dates: [] }) //=> { units: 8 }
 */
export function configOf(options: Partial<ForecastConfig> & object): Partial<ForecastConfig> {
  const out: Record<string, unknown> = {};
  for (const k of CONFIG_KEYS)
    if ((options as Record<string, unknown>)[k] !== undefined) out[k] = (options as Record<string, unknown>)[k];
  return out as Partial<ForecastConfig>;
}
