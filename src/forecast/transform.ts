// The target transform of the forecasting pipeline, fitted on the training part only and inverted
// for every reported number: optional log, optional first difference, then min-max scaling.

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
  range: [number, number];
  /** Min and max of the (logged, differenced) training values. */
  min: number;
  max: number;
}

function pre(values: ArrayLike<number>, log: boolean, where: string): number[] {
  return Array.from(values, (v, i) => {
    if (!log) return v;
    if (!(v > 0)) throw new DataError(`log transform needs positive values, got ${v} at index ${i}; drop --log`, where);
    return Math.log(v);
  });
}

/**
 * Fits the transform on the training values.
 * @example fitTargetTransform([1, 2, 4], { difference: true }) //=> { log: false, difference: true, range: [-1, 1], min: 1, max: 2 }
 */
export function fitTargetTransform(train: ArrayLike<number>, options: TargetTransformOptions = {}): TargetTransform {
  const where = 'fitTargetTransform';
  const log = options.log ?? false,
    difference = options.difference ?? false,
    range = options.range ?? [-1, 1];
  if (!(range[1] > range[0])) throw new ConfigError(`range must be [lo, hi] with lo < hi, got [${range}]`, where);
  const z = pre(train, log, where);
  const d = difference ? z.slice(1).map((v, i) => v - z[i]) : z;
  if (d.length === 0) throw new DataError('needs at least 2 training values', where);
  let min = Infinity,
    max = -Infinity;
  for (const v of d) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { log, difference, range: [range[0], range[1]], min, max };
}

/** Scales one (logged, differenced) value. */
export function scaleValue(t: TargetTransform, v: number): number {
  const span = t.max - t.min || 1;
  return t.range[0] + ((v - t.min) / span) * (t.range[1] - t.range[0]);
}

/** Inverse of scaleValue. */
export function unscaleValue(t: TargetTransform, s: number): number {
  const span = t.max - t.min || 1;
  return t.min + ((s - t.range[0]) / (t.range[1] - t.range[0])) * span;
}

/**
 * The transformed series: element i corresponds to time i (NaN at time 0 when differencing).
 * @example transformSeries(fitTargetTransform([1, 2, 4], { difference: true }), [1, 2, 4]) //=> [NaN, -1, 1]
 */
export function transformSeries(t: TargetTransform, values: ArrayLike<number>): number[] {
  const z = pre(values, t.log, 'transformSeries');
  return z.map((v, i) => (t.difference ? (i === 0 ? Number.NaN : scaleValue(t, v - z[i - 1])) : scaleValue(t, v)));
}

/**
 * Turns scaled model outputs for the steps after `history` back into original units.
 * @example const t = fitTargetTransform([1, 2, 4], { difference: true }); invertForecast(t, [1, 2, 4], [1, -1]) //=> [6, 7]
 */
export function invertForecast(t: TargetTransform, history: ArrayLike<number>, scaled: readonly number[]): number[] {
  let last = history[history.length - 1];
  if (t.log) last = Math.log(last);
  const out: number[] = [];
  for (const s of scaled) {
    const v = unscaleValue(t, s);
    last = t.difference ? last + v : v;
    out.push(t.log ? Math.exp(last) : last);
  }
  return out;
}
