// What a neural forecaster feeds its network: the target through the one transform chain
// (src/data/pipeline.ts: optional log/Box-Cox, optional first difference, then scaling, all fitted
// on the training part only), covariates scaled to [-1, 1] by their training range, and sine/cosine
// features of the phase of seasons longer than the lookback. Plain JSON, saved with the model.
// Under scaling 'window' (the global LSTM's recipe for one series), every input window and its
// targets are also moved by the window's level: the mean of its last m transformed values (m = the
// season when it fits in the lookback, else 1: the last value), added back to the outputs.

import { fitPipeline, type Pipeline, type PipelineStep, pipelineInverse, pipelineTransform } from '../data/pipeline.js';
import { DataError } from '../errors.js';
import type { ResolvedForecastConfig } from './config.js';

/** Covariate rows aligned with the series: covariates[t] = numeric features at time t. */
export type Covariates = readonly (readonly number[])[];

/** The fitted input transform of a neural forecaster: plain data. */
export interface InputSpec {
  /** The target's transform chain, fitted on the training part. */
  pipeline: Pipeline;
  /** Min and max of each covariate on the training part (scaled to [-1, 1]); empty without covariates. */
  covariateRange: { lo: number[]; hi: number[] };
  /** Seasons fed as sin/cos(2π t / m) of the time index t. */
  seasonalFeatures: number[];
  /**
   * Window levels (scaling 'window'): each window and its targets minus the mean of the window's last
   * `windowLevel` transformed target values; 0 or absent (files saved before it) = no window levels.
   */
  windowLevel?: number;
  /**
   * Under window levels: the window's level is also fed as the last feature of every step, so the
   * network sees the shape without the level and the level itself (where the series is relative to
   * its own history: mean reversion to a seasonal norm needs it). Absent = not fed.
   */
  levelInput?: boolean;
}

/**
 * The values a window's level averages: 0 without window scaling; else the season when it fits in
 * the lookback, otherwise 1 (the window's last value).
 * @example windowLevelSpan({ scaling: 'window', season: 12, lookback: 12 }) //=> 12
 */
export function windowLevelSpan(config: Pick<ResolvedForecastConfig, 'scaling' | 'season' | 'lookback'>): number {
  if (config.scaling !== 'window') return 0;
  const hack = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.LSTMKIT_LEVEL;
  const fallback = hack === 'lookback' ? config.lookback : hack ? Math.min(Number(hack), config.lookback) : 1;
  return config.season > 1 && config.season <= config.lookback ? config.season : fallback;
}

/**
 * The transform steps a configuration asks for. Scaling 'window' keeps min-max scaling to [-1, 1]:
 * its offset cancels when the window level is subtracted, leaving a division by half the training
 * range, so the network sees level-free values of order one.
 */
export function pipelineSteps(
  config: Pick<ResolvedForecastConfig, 'power' | 'difference' | 'scaling'>,
): PipelineStep[] {
  const steps: PipelineStep[] = [];
  if (config.power === 'log') steps.push({ kind: 'log' });
  else if (config.power === 'boxCox') steps.push({ kind: 'boxCox' });
  if (config.difference) steps.push({ kind: 'difference' });
  steps.push(config.scaling === 'standard' ? { kind: 'standard' } : { kind: 'minMax', featureRange: [-1, 1] });
  return steps;
}

/**
 * Fits the input transform on the training part (values and covariates before `train.length`).
 * @example fitInputs([1, 2, 3, 4, 5], undefined, { power: 'none', difference: true, scaling: 'minMax', seasonalFeatures: [], season: 1, lookback: 2 }).pipeline.lag //=> 1
 */
export function fitInputs(
  train: ArrayLike<number>,
  covariates: Covariates | undefined,
  config: Pick<
    ResolvedForecastConfig,
    'power' | 'difference' | 'scaling' | 'seasonalFeatures' | 'season' | 'lookback'
  > &
    Partial<Pick<ResolvedForecastConfig, 'levelInput'>>,
): InputSpec {
  const k = covariates?.[0]?.length ?? 0;
  if (covariates && covariates.length < train.length)
    throw new DataError(
      `covariates cover ${covariates.length} steps but the training part has ${train.length}`,
      'fitInputs',
    );
  const lo: number[] = new Array(k).fill(Infinity),
    hi: number[] = new Array(k).fill(-Infinity);
  for (let t = 0; t < train.length && covariates; t++) {
    for (let j = 0; j < k; j++) {
      lo[j] = Math.min(lo[j], covariates[t][j]);
      hi[j] = Math.max(hi[j], covariates[t][j]);
    }
  }
  if (config.power !== 'none')
    for (let t = 0; t < train.length; t++)
      if (!(train[t] > 0))
        throw new DataError(
          `power '${config.power}' needs values > 0, but the training part has ${train[t]} at index ${t}; use power 'none'`,
          'fitInputs',
        );
  const span = windowLevelSpan(config);
  return {
    pipeline: fitPipeline(train, pipelineSteps(config)),
    covariateRange: { lo, hi },
    seasonalFeatures: [...config.seasonalFeatures],
    ...(span > 0 ? { windowLevel: span } : {}),
    ...(span > 0 && config.levelInput ? { levelInput: true } : {}),
  };
}

/**
 * Features per time step: the target, the covariates, two (sin, cos) per seasonal feature.
 * @example stepFeatures(2, [365]) //=> 5
 */
export function stepFeatures(covariates: number, seasonalFeatures: readonly number[]): number {
  return 1 + covariates + 2 * seasonalFeatures.length;
}

/** Columns of a fitted input spec's feature rows (stepFeatures): the stride of featureRows. */
export function rowFeatures(spec: InputSpec): number {
  return stepFeatures(spec.covariateRange.lo.length, spec.seasonalFeatures);
}

/** Features per time step the network takes: the feature rows' columns, plus the level when fed. */
export function featureCount(spec: InputSpec): number {
  return rowFeatures(spec) + (spec.levelInput ? 1 : 0);
}

/**
 * The transformed feature rows of times 0..values.length-1 as one flat (T, F) buffer; rows before
 * the transform's lag (consumed by differencing) hold NaN in the target column.
 * @example featureRows(forecaster.fitted.inputs, series) // (T, F): the rows a forecaster's windows are cut from
 */
export function featureRows(spec: InputSpec, values: ArrayLike<number>, covariates?: Covariates): Float64Array {
  const where = 'featureRows';
  const T = values.length,
    F = rowFeatures(spec),
    K = spec.covariateRange.lo.length,
    lag = spec.pipeline.lag;
  if (K > 0 && (!covariates || (covariates[0]?.length ?? 0) !== K))
    throw new DataError(
      `the model was trained with ${K} covariate column(s); pass them aligned with the series`,
      where,
    );
  if (covariates && covariates.length < T)
    throw new DataError(`covariates end at step ${covariates.length}, before step ${T}`, where);
  const out = new Float64Array(T * F).fill(Number.NaN);
  if (T > lag) {
    const z = pipelineTransform(spec.pipeline, values);
    for (let t = lag; t < T; t++) out[t * F] = z[t - lag];
  }
  const { lo, hi } = spec.covariateRange;
  for (let t = 0; t < T; t++) {
    let c = t * F + 1;
    for (let j = 0; j < K; j++, c++)
      out[c] = hi[j] > lo[j] ? (2 * (covariates![t][j] - lo[j])) / (hi[j] - lo[j]) - 1 : 0;
    for (const m of spec.seasonalFeatures) {
      const a = (2 * Math.PI * t) / m;
      out[c++] = Math.sin(a);
      out[c++] = Math.cos(a);
    }
  }
  return out;
}

/**
 * The level of the window before each origin o: the mean of the target column of the spec's feature
 * rows o - span .. o - 1 (span = spec.windowLevel; float64); all 0 without window scaling.
 * @example windowLevels(spec, featureRows(spec, series), [120])
 */
export function windowLevels(spec: InputSpec, rows: Float64Array, origins: readonly number[]): Float64Array {
  const F = rowFeatures(spec),
    span = spec.windowLevel ?? 0;
  const out = new Float64Array(origins.length);
  if (span <= 0) return out;
  origins.forEach((o, i) => {
    let s = 0;
    for (let k = 1; k <= span; k++) s += rows[(o - k) * F];
    out[i] = s / span;
  });
  return out;
}

/**
 * Copies the input window of each origin o (rows o - lookback .. o - 1) into x (N, L, featureCount)
 * float32, minus `levels[i]` in the target column when levels are given (scaling 'window'), and with
 * `levels[i]` in the last column when the spec feeds the level (`levelInput`). `rows` are the spec's
 * feature rows (featureRows). Throws when an origin lacks history.
 * @example inputWindows(spec, featureRows(spec, series), [120], lookback, series.length)
 */
export function inputWindows(
  spec: InputSpec,
  rows: Float64Array,
  origins: readonly number[],
  lookback: number,
  seriesLength: number,
  levels?: ArrayLike<number>,
): Float32Array {
  const R = rowFeatures(spec),
    F = featureCount(spec),
    lag = spec.pipeline.lag;
  const x = new Float32Array(origins.length * lookback * F);
  origins.forEach((o, i) => {
    if (!Number.isInteger(o) || o - lookback < lag || o > seriesLength)
      throw new DataError(
        `origin ${o} needs ${lookback + lag} earlier values (lookback ${lookback}${lag ? ` + ${lag} for differencing` : ''}) within a series of ${seriesLength}`,
        'inputWindows',
      );
    const level = levels ? levels[i] : 0;
    for (let t = 0; t < lookback; t++) {
      const src = (o - lookback + t) * R,
        dst = (i * lookback + t) * F;
      x[dst] = rows[src] - level; // in float64, rounded once
      for (let j = 1; j < R; j++) x[dst + j] = rows[src + j];
      if (F > R) x[dst + R] = level;
    }
  });
  return x;
}

/**
 * Turns scaled network outputs for the steps after origin `o` back into original units (adding the
 * window level back under scaling 'window'); only the last max(lag, window level span) values before
 * `o` are read, so the cost does not grow with the history.
 * @example invertOutputs(forecaster.fitted.inputs, series, series.length, [0.1, 0.2]) // two values in original units
 */
export function invertOutputs(
  spec: InputSpec,
  values: ArrayLike<number>,
  origin: number,
  scaled: readonly number[],
): number[] {
  const lag = spec.pipeline.lag;
  const span = spec.windowLevel ?? 0;
  const start = Math.max(0, origin - Math.max(lag + span, 1));
  const history = Array.prototype.slice.call(values, start, origin) as number[];
  let level = 0;
  if (span > 0) {
    if (origin - start < lag + span)
      throw new DataError(`origin ${origin} needs ${lag + span} earlier values for its window level`, 'invertOutputs');
    const z = pipelineTransform(spec.pipeline, history);
    for (let k = 1; k <= span; k++) level += z[z.length - k];
    level /= span;
  }
  const positions = scaled.map((_, h) => origin - start + h);
  const absolute = level === 0 ? scaled : scaled.map((v) => v + level);
  return pipelineInverse(spec.pipeline, absolute, { positions, history });
}
