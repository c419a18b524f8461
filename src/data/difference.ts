// Differencing for stationarity and its exact inverses: d[t] = x[t] - x[t - interval], applied
// `order` times; seasonal differencing is interval = period. Follows the seeds' difference() /
// inverse_difference() (Brownlee), generalized to any order with the binomial expansion.

import { checkPositiveInt, ConfigError, DataError } from '../errors.js';
import { fromTable, type Rows, type Series, type Table, toTable } from './series.js';

/** Options of difference() and its inverses. */
export interface DifferenceOptions {
  /** Lag between the two values subtracted. Default 1 (seasonal: the period, e.g. 12). */
  interval?: number;
  /** How many times to difference. Default 1. */
  order?: number;
}

function resolve(options: DifferenceOptions, where: string): { interval: number; order: number; lag: number } {
  const interval = checkPositiveInt(options.interval ?? 1, 'interval', where);
  const order = checkPositiveInt(options.order ?? 1, 'order', where);
  return { interval, order, lag: interval * order };
}

function diffOnce(t: Table, interval: number): Table {
  const T = t.T - interval,
    F = t.F;
  const out = new Float64Array(T * F);
  for (let i = 0; i < T * F; i++) out[i] = t.data[i + interval * F] - t.data[i];
  return { data: out, T, F, univariate: t.univariate };
}

/**
 * Differences a series (1-D or rows, per column): output[i] belongs to time i + interval·order
 * of the input, and is interval·order values shorter.
 * @example difference([1, 4, 9, 16], { interval: 1 })  //=> [3, 5, 7]
 */
export function difference(series: Series, options?: DifferenceOptions): number[];
export function difference(series: Rows, options?: DifferenceOptions): number[][];
export function difference(series: Series | Rows, options: DifferenceOptions = {}): number[] | number[][] {
  const where = 'difference()';
  const { interval, order, lag } = resolve(options, where);
  let t = toTable(series, where);
  if (t.T <= lag) {
    throw new DataError(
      `the series has ${t.T} values but interval ${interval} × order ${order} needs more than ${lag}`,
      where,
    );
  }
  for (let k = 0; k < order; k++) t = diffOnce(t, interval);
  return fromTable(t.data, t.T, t.F, t.univariate);
}

/**
 * Seasonal differencing: difference() with interval = period.
 * @example seasonalDifference([1, 2, 3, 5, 6, 7], { period: 3 })  //=> [4, 4, 4]
 */
export function seasonalDifference(series: Series, options: { period: number; order?: number }): number[] {
  const where = 'seasonalDifference()';
  const period = checkPositiveInt(options?.period, 'period', where);
  return difference(series, { interval: period, order: options.order ?? 1 });
}

/**
 * Exact inverse of difference() given the history: the interval·order original values right
 * before the first differenced value (more is fine; the last ones are used). Multi-step forecasts
 * of differences are integrated from the history, each step building on the previous one.
 * @example inverseDifference([3, 5, 7], [1])  //=> [4, 9, 16]
 */
export function inverseDifference(diffs: Series, history: Series, options: DifferenceOptions = {}): number[] {
  const where = 'inverseDifference()';
  const { interval, order, lag } = resolve(options, where);
  const d = toTable(diffs, where);
  if (!d.univariate) throw new DataError('expects 1-D differences; invert each column separately', where);
  if (history.length < lag) {
    throw new DataError(
      `history has ${history.length} values but interval ${interval} × order ${order} needs the last ${lag} original values`,
      where,
    );
  }
  const h = toTable(history, where);
  // levels[k] = history differenced k times (k = 0..order-1); each needs its last `interval` values.
  const levels: Float64Array[] = [h.data];
  for (let k = 1; k < order; k++) {
    const prev = levels[k - 1];
    const next = new Float64Array(prev.length - interval);
    for (let i = 0; i < next.length; i++) next[i] = prev[i + interval] - prev[i];
    levels.push(next);
  }
  let cur = d.data;
  for (let k = order - 1; k >= 0; k--) {
    const base = levels[k];
    const out = new Float64Array(cur.length);
    for (let i = 0; i < cur.length; i++)
      out[i] = cur[i] + (i < interval ? base[base.length - interval + i] : out[i - interval]);
    cur = out;
  }
  return Array.from(cur);
}

/** Binomial coefficient C(n, k) for small n. */
function binomial(n: number, k: number): number {
  let r = 1;
  for (let j = 1; j <= k; j++) r = (r * (n - k + j)) / j;
  return r;
}

/**
 * Inverts one-step predictions of differences at known positions using the TRUE past values:
 * x̂[t] = d̂[t] − Σ_{j=1..order} (−1)^j C(order, j) · x[t − j·interval]. Only values strictly before
 * each position are read, so nothing leaks from the future (this is the walk-forward inverse).
 * @example
 * // series 10, 13, 18; predicted differences 3.5 at t=1 and 4.5 at t=2:
 * inverseDifferenceAt([3.5, 4.5], [1, 2], [10, 13, 18])  //=> [13.5, 17.5]
 */
export function inverseDifferenceAt(
  predictions: Series,
  positions: ArrayLike<number>,
  history: Series,
  options: DifferenceOptions = {},
): number[] {
  const where = 'inverseDifferenceAt()';
  const { interval, order, lag } = resolve(options, where);
  const p = toTable(predictions, where);
  const h = toTable(history, where, true);
  if (!p.univariate || !h.univariate)
    throw new DataError('expects 1-D predictions and history; invert each column separately', where);
  if (positions.length !== p.T)
    throw new ConfigError(`positions has ${positions.length} entries but there are ${p.T} predictions`, where);
  const out: number[] = [];
  for (let i = 0; i < p.T; i++) {
    const t = positions[i];
    if (!Number.isInteger(t) || t < lag || t - interval > h.T - 1) {
      throw new DataError(
        `position ${t} (prediction ${i}) needs true values at ${t - lag}..${t - interval}, but the history covers 0..${h.T - 1}`,
        where,
      );
    }
    let v = p.data[i];
    for (let j = 1; j <= order; j++) {
      const past = h.data[t - j * interval];
      if (!Number.isFinite(past))
        throw new DataError(`history value at ${t - j * interval} is ${past}; expected a finite number`, where);
      v -= (j % 2 === 0 ? 1 : -1) * binomial(order, j) * past;
    }
    out.push(v);
  }
  return out;
}
