// forecast(): the whole honest workflow on one series. Split train/test in time order; fit
// transforms on train only; train an LSTM (R seeds) and a window MLP; walk forward over the test
// part next to persistence, seasonal naive, drift, mean and a linear AR; score everything in
// original units; conformal intervals from the walk-forward residuals; warnings; the next H values.
// Workflow after Darts' historical_forecasts/backtest and sktime's evaluate.

import { ConfigError, DataError, checkPositiveInt } from '../errors.js';
import type { History } from '../model/callbacks.js';
import {
  detectSeason,
  drift,
  type Forecaster,
  linearAutoregression,
  meanForecast,
  persistence,
  seasonalNaive,
} from './baselines.js';
import { conformalWidths, type ConformalWidths } from './conformal.js';
import { detectShift, type ShiftReport } from './diagnostics.js';
import type { Scores } from './metrics.js';
import { type NeuralForecaster, type NeuralOptions, type Strategy, trainNeural } from './neural.js';
import { scoreWalkForward, testOrigins, walkForwardForecasts, walkForwardResiduals } from './walk-forward.js';

export interface ForecastOptions {
  /** Input steps per sample. Default: the season if one is detected (at least 4), else 12, capped by the data. */
  lookback?: number;
  /** Steps forecast from each origin. Default 1. */
  horizon?: number;
  /** Number of test values at the end of the series (takes precedence over testFraction). */
  test?: number;
  /** Fraction of the series used as the test part. Default 0.2. */
  testFraction?: number;
  /** Season length for seasonal naive and MASE. Default: detected from the training part's autocorrelation. */
  season?: number;
  strategy?: Strategy;
  units?: number;
  layers?: number;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  /** Input dropout of the LSTM layers. Default 0. */
  dropout?: number;
  /** Early stopping on the validation loss with this patience (best weights restored). Default off. */
  patience?: number;
  /** First-difference the target. Default 'auto': when a straight line explains over 30% of the training variance. */
  difference?: boolean | 'auto';
  /** Log-transform the target first. Default false. */
  log?: boolean;
  /** LSTM and MLP trainings with seeds seed, seed+1, ... Default 1. */
  repeats?: number;
  seed?: number;
  /** Covariate rows aligned with the series (numeric; encode categories first). */
  covariates?: readonly (readonly number[])[];
  /** Train the window-MLP baseline. Default true. */
  mlp?: boolean;
  /** Lags of the linear AR baseline. Default: the lookback. */
  arLags?: number;
  /** Interval coverage levels. Default [0.8, 0.95]. */
  levels?: number[];
  /** Called before each neural training ('LSTM' or 'MLP', repeat index). */
  onTrainStart?: (model: string, repeat: number, epochs: number) => void;
  /** Passed to the LSTM's fit(): per-epoch hooks (progress bars). */
  callbacks?: NeuralOptions['callbacks'];
}

/** Mean and standard deviation over repeats of every metric. */
export interface ScoresStats {
  mean: Scores;
  std: Scores;
}

export interface ModelResult {
  name: string;
  kind: 'lstm' | 'mlp' | 'baseline';
  perHorizon: ScoresStats[];
  overall: ScoresStats;
  /** Test forecasts of the first repeat: [origins][horizon]. */
  predictions: number[][];
}

export interface ForecastResult {
  length: number;
  trainEnd: number;
  horizon: number;
  lookback: number;
  season: number;
  difference: boolean;
  repeats: number;
  origins: number[];
  models: ModelResult[];
  /** Learning curves of the first LSTM repeat. */
  history: History;
  intervals: ConformalWidths;
  /** The next `horizon` values after the series, with conformal intervals per level. */
  future: { values: number[]; lower: number[][]; upper: number[][] };
  /** LSTM residuals of the first repeat, residuals[h][origin]. */
  residuals: number[][];
  shift: ShiftReport | null;
  /** RMSE skill of the LSTM against persistence (mean over repeats). */
  skill: number;
  warnings: string[];
  verdict: string;
  /** The first repeat's trained LSTM. */
  lstm: NeuralForecaster;
}

const KEYS: (keyof Scores)[] = ['mae', 'rmse', 'mape', 'smape', 'mase'];

function stats(runs: Scores[]): ScoresStats {
  const mean = {} as Scores,
    std = {} as Scores;
  for (const k of KEYS) {
    const v = runs.map((r) => r[k]);
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    mean[k] = m;
    std[k] = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1)) : 0;
  }
  return { mean, std };
}

function trendShare(train: readonly number[]): number {
  const n = train.length,
    tm = (n - 1) / 2;
  const ym = train.reduce((a, b) => a + b, 0) / n;
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
 * Trains and evaluates an LSTM against baselines on one series, walk-forward over the test part.
 * @example const r = await forecast(passengers, { horizon: 1, test: 24, epochs: 50 }); r.models.map((m) => [m.name, m.overall.mean.rmse]);
 */
export async function forecast(series: readonly number[], options: ForecastOptions = {}): Promise<ForecastResult> {
  const where = 'forecast';
  const n = series.length;
  series.forEach((v, i) => {
    if (!Number.isFinite(v))
      throw new DataError(
        `the series has a non-finite value (${v}) at index ${i}; fill or drop missing values first`,
        where,
      );
  });
  const horizon = checkPositiveInt(options.horizon ?? 1, 'horizon', where);
  const test = options.test ?? Math.max(horizon, Math.round(n * (options.testFraction ?? 0.2)));
  checkPositiveInt(test, 'test', where);
  const trainEnd = n - test;
  const train = series.slice(0, trainEnd);
  const season = options.season ?? detectSeason(train);
  checkPositiveInt(season, 'season', where);
  const difference =
    options.difference === undefined || options.difference === 'auto' ? trendShare(train) > 0.3 : options.difference;
  const lookback =
    options.lookback ?? Math.min(season > 1 ? Math.max(season, 4) : 12, Math.max(1, Math.floor(trainEnd / 3)));
  checkPositiveInt(lookback, 'lookback', where);
  const minTrain = lookback + horizon + (difference ? 1 : 0) + 2;
  if (trainEnd < minTrain) {
    throw new DataError(
      `the series has ${n} values: test ${test} leaves ${trainEnd} for training, but lookback ${lookback} + horizon ${horizon} needs at least ${minTrain}; use a smaller --lookback or --test, or more data`,
      where,
    );
  }
  const repeats = checkPositiveInt(options.repeats ?? 1, 'repeats', where);
  const seed = options.seed ?? 42;
  const origins = testOrigins(n, test, horizon);
  if (origins[0] - lookback - (difference ? 1 : 0) < 0)
    throw new ConfigError(`lookback ${lookback} is longer than the training part`, where);

  const neural = (kind: 'lstm' | 'mlp', r: number): NeuralOptions => ({
    kind,
    lookback,
    horizon,
    strategy: options.strategy ?? 'direct',
    units: options.units ?? 16,
    layers: options.layers ?? 1,
    epochs: options.epochs ?? 200,
    batchSize: options.batchSize ?? 16,
    learningRate: options.learningRate ?? (kind === 'mlp' ? 0.003 : 0.001),
    difference,
    log: options.log ?? false,
    seed: seed + r,
    ...(options.dropout !== undefined && kind === 'lstm' ? { dropout: options.dropout } : {}),
    ...(options.patience !== undefined ? { patience: options.patience } : {}),
    ...(options.covariates ? { covariates: options.covariates } : {}),
    ...(kind === 'lstm' && options.callbacks ? { callbacks: options.callbacks } : {}),
  });

  const lstmRuns: Scores[][] = [],
    lstmOverall: Scores[] = [];
  const mlpRuns: Scores[][] = [],
    mlpOverall: Scores[] = [];
  let first: NeuralForecaster | null = null,
    firstPred: number[][] = [],
    mlpPred: number[][] = [];
  for (let r = 0; r < repeats; r++) {
    options.onTrainStart?.('LSTM', r, options.epochs ?? 200);
    const f = await trainNeural(train, neural('lstm', r));
    const pred = f.predictAt(series, origins, options.covariates);
    const s = scoreWalkForward(series, origins, pred, trainEnd, season);
    lstmRuns.push(s.perHorizon);
    lstmOverall.push(s.overall);
    if (r === 0) {
      first = f;
      firstPred = pred;
    }
    if (options.mlp ?? true) {
      options.onTrainStart?.('MLP', r, options.epochs ?? 200);
      const m = await trainNeural(train, neural('mlp', r));
      const mp = m.predictAt(series, origins, options.covariates);
      const ms = scoreWalkForward(series, origins, mp, trainEnd, season);
      mlpRuns.push(ms.perHorizon);
      mlpOverall.push(ms.overall);
      if (r === 0) mlpPred = mp;
    }
  }
  const lstm = first!;
  const perH = (runs: Scores[][]) => Array.from({ length: horizon }, (_, h) => stats(runs.map((r) => r[h])));
  const models: ModelResult[] = [
    { name: lstm.name, kind: 'lstm', perHorizon: perH(lstmRuns), overall: stats(lstmOverall), predictions: firstPred },
  ];
  if (mlpRuns.length)
    models.push({
      name: `MLP (window ${lookback})`,
      kind: 'mlp',
      perHorizon: perH(mlpRuns),
      overall: stats(mlpOverall),
      predictions: mlpPred,
    });

  const baselines: Forecaster[] = [persistence()];
  if (season > 1 && trainEnd > season) baselines.push(seasonalNaive({ season }));
  baselines.push(drift(), meanForecast());
  const arLags = options.arLags ?? lookback;
  if (trainEnd - (difference ? 1 : 0) >= 2 * arLags + 2)
    baselines.push(linearAutoregression({ lags: arLags, difference }));
  for (const b of baselines) {
    b.fit(train);
    const pred = walkForwardForecasts(series, b, origins, horizon);
    const s = scoreWalkForward(series, origins, pred, trainEnd, season);
    models.push({
      name: b.name,
      kind: 'baseline',
      perHorizon: s.perHorizon.map((x) => stats([x])),
      overall: stats([s.overall]),
      predictions: pred,
    });
  }

  const residuals = walkForwardResiduals(series, origins, firstPred);
  const levels = options.levels ?? [0.8, 0.95];
  const intervals = conformalWidths(residuals, levels);
  const values = lstm.predictAt(series, [n], options.covariates)[0];
  const future = {
    values,
    lower: intervals.widths.map((w) => values.map((v, h) => v - w[h])),
    upper: intervals.widths.map((w) => values.map((v, h) => v + w[h])),
  };

  const warnings: string[] = [];
  const rmseOf = (name: string) => models.find((m) => m.name === name)?.overall.mean.rmse ?? Number.NaN;
  const lstmRmse = models[0].overall.mean.rmse;
  const skill = 1 - lstmRmse / rmseOf('persistence');
  if (skill < 0) {
    warnings.push(
      `the LSTM does not beat persistence (RMSE ${lstmRmse.toFixed(3)} vs ${rmseOf('persistence').toFixed(3)}, skill ${skill.toFixed(3)} < 0): use the naive forecast or change the setup`,
    );
  }
  let shift: ShiftReport | null = null;
  if (origins.length >= 3) {
    shift = detectShift(
      origins.map((o) => series[o]),
      firstPred.map((p) => p[0]),
      series[origins[0] - 1],
    );
    if (shift.shifted) {
      warnings.push(
        `the LSTM's one-step forecast tracks the truth shifted by one step (corr with previous value ${shift.lag1.toFixed(3)} >= with the target ${shift.lag0.toFixed(3)}): it mostly repeats the last value`,
      );
    }
  }
  const simple = models.filter((m) => m.kind === 'mlp' || m.name.startsWith('linear AR'));
  const bestSimple = simple.sort((a, b) => a.overall.mean.rmse - b.overall.mean.rmse)[0];
  const verdict =
    bestSimple && bestSimple.overall.mean.rmse <= lstmRmse
      ? `A ${bestSimple.kind === 'mlp' ? 'window MLP' : 'linear model'} is enough here: ${bestSimple.name} has RMSE ${bestSimple.overall.mean.rmse.toFixed(3)}, the LSTM ${lstmRmse.toFixed(3)}.`
      : `The LSTM (RMSE ${lstmRmse.toFixed(3)}) beats the window MLP and the linear AR${bestSimple ? ` (best ${bestSimple.overall.mean.rmse.toFixed(3)})` : ''}.`;
  return {
    length: n,
    trainEnd,
    horizon,
    lookback,
    season,
    difference,
    repeats,
    origins,
    models,
    history: lstm.history,
    intervals,
    future,
    residuals,
    shift,
    skill,
    warnings,
    verdict,
    lstm,
  };
}
