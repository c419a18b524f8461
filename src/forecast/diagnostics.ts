// Honesty checks on a one-step forecast: does it merely repeat the last value (the "shifted by one
// step" trap of naive LSTM tutorials), and does it beat persistence at all.

import { DataError } from '../errors.js';

/**
 * Pearson correlation of two equal-length arrays (0 if either is constant).
 * @example correlation([1, 2, 3], [2, 4, 7]) //=> 0.9933...
 */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length < 2)
    throw new DataError(`needs two arrays of equal length >= 2, got ${a.length} and ${b.length}`, 'correlation');
  const n = a.length;
  let ma = 0,
    mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

export interface ShiftReport {
  /** corr(predicted[t], actual[t]). */
  lag0: number;
  /** corr(predicted[t], actual[t - 1]): how well the forecast matches the previous value. */
  lag1: number;
  /**
   * True when the forecast correlates positively with the previous actual value and more than with
   * the value it targets: it mostly repeats the last value.
   */
  shifted: boolean;
}

/**
 * Lag-1 cross-correlation test for forecasts that track the truth one step late: compares the
 * forecast's correlation with the actual value it targets and with the value one step before.
 * `previous` is the actual value just before the first target (so all n pairs are used).
 * @example detectShift([1, 3, 2, 5, 4], [0, 1, 3, 2, 5], 0).shifted //=> true
 */
export function detectShift(actual: ArrayLike<number>, predicted: ArrayLike<number>, previous: number): ShiftReport {
  if (actual.length !== predicted.length || actual.length < 3) {
    throw new DataError(
      `needs equal-length actual and predicted with at least 3 values, got ${actual.length} and ${predicted.length}`,
      'detectShift',
    );
  }
  const lagged = [previous, ...Array.from(actual).slice(0, -1)];
  const lag0 = correlation(predicted, actual),
    lag1 = correlation(predicted, lagged);
  return { lag0, lag1, shifted: lag1 > 0 && lag1 > lag0 };
}
