// What a neural forecaster feeds its network: the target through the one transform chain
// (src/data/pipeline.ts: optional log/Box-Cox, optional first difference, then scaling, all fitted
// on the training part only), covariates scaled to [-1, 1] by their training range, and sine/cosine
// features of the phase of seasons longer than the lookback. Plain JSON, saved with the model.

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
}

/** The transform steps a configuration asks for. */
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
 * @example fitInputs([1, 2, 3, 4, 5], undefined, { power: 'none', difference: true, scaling: 'minMax', seasonalFeatures: [] }).pipeline.lag //=> 1
 */
export function fitInputs(
  train: ArrayLike<number>,
  covariates: Covariates | undefined,
  config: Pick<ResolvedForecastConfig, 'power' | 'difference' | 'scaling' | 'seasonalFeatures'>,
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
  return {
    pipeline: fitPipeline(train, pipelineSteps(config)),
    covariateRange: { lo, hi },
    seasonalFeatures: [...config.seasonalFeatures],
  };
}

/** Features per time step: the target, the covariates, two per seasonal feature. */
export function featureCount(spec: InputSpec): number {
  return 1 + spec.covariateRange.lo.length + 2 * spec.seasonalFeatures.length;
}

/**
 * The transformed feature rows of times 0..values.length-1 as one flat (T, F) buffer; rows before
 * the transform's lag (consumed by differencing) hold NaN in the target column.
 * @example featureRows(forecaster.fitted.inputs, series) // (T, F): the rows a forecaster's windows are cut from
 */
export function featureRows(spec: InputSpec, values: ArrayLike<number>, covariates?: Covariates): Float64Array {
  const where = 'featureRows';
  const T = values.length,
    F = featureCount(spec),
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
 * Copies the input window of each origin o (rows o - lookback .. o - 1) into x (N, L, F) float32.
 * Throws when an origin lacks history.
 * @example inputWindows(featureRows(spec, series), featureCount(spec), [120], lookback, spec.pipeline.lag, series.length)
 */
export function inputWindows(
  rows: Float64Array,
  F: number,
  origins: readonly number[],
  lookback: number,
  lag: number,
  seriesLength: number,
): Float32Array {
  const x = new Float32Array(origins.length * lookback * F);
  origins.forEach((o, i) => {
    if (!Number.isInteger(o) || o - lookback < lag || o > seriesLength)
      throw new DataError(
        `origin ${o} needs ${lookback + lag} earlier values (lookback ${lookback}${lag ? ` + ${lag} for differencing` : ''}) within a series of ${seriesLength}`,
        'inputWindows',
      );
    x.set(rows.subarray((o - lookback) * F, o * F), i * lookback * F);
  });
  return x;
}

/**
 * Turns scaled network outputs for the steps after origin `o` back into original units; only the
 * last `lag` values before `o` are read (differencing), so the cost does not grow with the history.
 */
export function invertOutputs(
  spec: InputSpec,
  values: ArrayLike<number>,
  origin: number,
  scaled: readonly number[],
): number[] {
  const lag = spec.pipeline.lag;
  const start = Math.max(0, origin - Math.max(lag, 1));
  const history = Array.prototype.slice.call(values, start, origin) as number[];
  const positions = scaled.map((_, h) => origin - start + h);
  return pipelineInverse(spec.pipeline, scaled, { positions, history });
}
