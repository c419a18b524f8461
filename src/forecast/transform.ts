// The target transform of the forecasting pipeline, fitted on the training part only and inverted
// for every reported number: optional log, optional first difference (src/data/difference.ts),
// then min-max scaling (src/data/scalers.ts, as scikit-learn's MinMaxScaler).

import { inverseDifference } from '../data/difference.js';
import { fitMinMax, type Scaler, scalerInverseTransform, scalerTransform } from '../data/scalers.js';
import { ConfigError, DataError } from '../errors.js';

export interface TargetTransformOptions {
  /** Take the natural log first (multiplicative seasonality; values must be > 0). Default false. */
  log?: boolean;
  /** First-difference the (logged) series. Default false. */
  difference?: boolean;
  /** Range the training values are scaled to. Default [-1, 1]. */
  range?: [number, number];
}

/** A fitted target transform: plain JSON-serializable data. */
export interface TargetTransform {
  log: boolean;
  difference: boolean;
  /** Min-max scaler fitted on the (logged, differenced) training values. */
  scaler: Scaler;
}

function pre(values: ArrayLike<number>, log: boolean, where: string): number[] {
  return Array.from(values, (v, i) => {
    if (!log) return v;
    if (!(v > 0)) throw new DataError(`log transform needs positive values, got ${v} at index ${i}; drop --log`, where);
    return Math.log(v);
  });
}

const diff1 = (z: readonly number[]) => z.slice(1).map((v, i) => v - z[i]);

/**
 * Fits the transform on the training values.
 * @example fitTargetTransform([1, 2, 4], { difference: true }).scaler.center //=> [1] (the min of the differences)
 */
export function fitTargetTransform(train: ArrayLike<number>, options: TargetTransformOptions = {}): TargetTransform {
  const where = 'fitTargetTransform';
  const log = options.log ?? false,
    difference = options.difference ?? false,
    range = options.range ?? [-1, 1];
  if (!(range[1] > range[0])) throw new ConfigError(`range must be [lo, hi] with lo < hi, got [${range}]`, where);
  const z = pre(train, log, where);
  const d = difference ? diff1(z) : z;
  if (d.length === 0) throw new DataError('needs at least 2 training values', where);
  return { log, difference, scaler: fitMinMax(d, { featureRange: [range[0], range[1]] }) };
}

/**
 * The transformed series: element i corresponds to time i (NaN at time 0 when differencing).
 * @example transformSeries(fitTargetTransform([1, 2, 4], { difference: true }), [1, 2, 4]) //=> [NaN, -1, 1]
 */
export function transformSeries(t: TargetTransform, values: ArrayLike<number>): number[] {
  const z = pre(values, t.log, 'transformSeries');
  if (!t.difference) return scalerTransform(t.scaler, z);
  if (z.length < 2) return z.map(() => Number.NaN);
  return [Number.NaN, ...scalerTransform(t.scaler, diff1(z))];
}

/**
 * Turns scaled model outputs for the steps after `history` back into original units
 * (`history` needs the last observed value when differencing).
 * @example const t = fitTargetTransform([1, 2, 4], { difference: true }); invertForecast(t, [4], [1, -1]) //=> [6, 7]
 */
export function invertForecast(t: TargetTransform, history: ArrayLike<number>, scaled: readonly number[]): number[] {
  const v = scalerInverseTransform(t.scaler, scaled);
  const level = t.difference ? inverseDifference(v, pre([history[history.length - 1]], t.log, 'invertForecast')) : v;
  return t.log ? level.map(Math.exp) : level;
}
