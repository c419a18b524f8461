// Split-conformal prediction intervals from walk-forward residuals (Vovk et al. 2005; the
// finite-sample quantile of Lei et al. 2018): forecast ± the ⌈(n+1)·level⌉-th smallest |residual|.

import { ConfigError, DataError } from '../errors.js';

/**
 * The conformal half-width for one coverage level from absolute residuals. With too few residuals
 * for the level (⌈(n+1)·level⌉ > n) the largest residual is used, so coverage may fall short.
 * @example conformalHalfWidth([1, -2, 3, -4], 0.5) //=> 3
 */
export function conformalHalfWidth(residuals: ArrayLike<number>, level: number): number {
  if (!(level > 0 && level < 1)) throw new ConfigError(`level must be in (0, 1), got ${level}`, 'conformalHalfWidth');
  // a typed array: compact for millions of residuals (a panel's), and sorted numerically without a comparator
  const abs = Float64Array.from(residuals, Math.abs).filter(Number.isFinite).sort();
  if (abs.length === 0)
    throw new DataError(
      'no finite residuals to calibrate on; the test part needs at least one forecast',
      'conformalHalfWidth',
    );
  const k = Math.ceil((abs.length + 1) * level);
  return abs[Math.min(k, abs.length) - 1];
}

/** Half-widths per horizon step for each level: widths[level][h]. */
export interface ConformalWidths {
  levels: number[];
  widths: number[][];
}

/**
 * Half-widths per horizon from residuals[h] = the walk-forward errors of step h + 1.
 * @example conformalWidths([[1, -1, 2], [2, -3, 4]], [0.8]) //=> { levels: [0.8], widths: [[2, 4]] }
 */
export function conformalWidths(
  residuals: readonly ArrayLike<number>[],
  levels: readonly number[] = [0.8, 0.95],
): ConformalWidths {
  return { levels: [...levels], widths: levels.map((l) => residuals.map((r) => conformalHalfWidth(r, l))) };
}

/**
 * Fraction of actual values inside [lower, upper].
 * @example coverage([1, 2, 3], [0, 0, 0], [2, 2, 2]) //=> 2 / 3
 */
export function coverage(actual: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  if (actual.length !== lower.length || actual.length !== upper.length || actual.length === 0) {
    throw new DataError(
      `needs equal, non-zero lengths, got ${actual.length}, ${lower.length}, ${upper.length}`,
      'coverage',
    );
  }
  let inside = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] >= lower[i] && actual[i] <= upper[i]) inside++;
  return inside / actual.length;
}

/** Interval half-widths calibrated on held-out residuals, with what they were calibrated on. */
export interface CalibratedWidths extends ConformalWidths {
  /** Residuals (origin × step pairs) the widths were calibrated on. */
  residuals: number;
  /** Per-step scale (mean absolute residual, non-decreasing in the step) the scores were divided by. */
  scale: number[];
}

/**
 * Normalized split-conformal half-widths per horizon step from held-out residuals[h][i]: each
 * residual is divided by its step's scale (the mean absolute residual of that step, made
 * non-decreasing in h), one conformal quantile is taken over all scores, and widths are that
 * quantile times each step's scale (Papadopoulos et al. 2011, "Reliable prediction intervals with
 * regression neural networks"). Pooling the steps keeps the quantile stable when each step has
 * only a few residuals; the scale keeps later steps wider.
 * @example calibratedWidths([[1, -1, 1, -1], [2, -2, 2, -2]], [0.5]).widths //=> [[1, 2]]
 */
export function calibratedWidths(
  residuals: readonly ArrayLike<number>[],
  levels: readonly number[] = [0.8, 0.95],
): CalibratedWidths {
  const where = 'calibratedWidths';
  const H = residuals.length;
  if (H === 0) throw new DataError('no residuals to calibrate on', where);
  const scale: number[] = [];
  for (let h = 0; h < H; h++) {
    let s = 0,
      k = 0;
    for (let i = 0; i < residuals[h].length; i++) {
      const r = residuals[h][i];
      if (Number.isFinite(r)) {
        s += Math.abs(r);
        k++;
      }
    }
    const m = k ? s / k : Number.NaN;
    scale.push(Math.max(Number.isFinite(m) ? m : 0, h > 0 ? scale[h - 1] : 0));
  }
  if (!(scale[H - 1] > 0)) throw new DataError('the residuals are all zero or missing; nothing to calibrate on', where);
  const floor = scale.find((s) => s > 0)!;
  for (let h = 0; h < H; h++) if (!(scale[h] > 0)) scale[h] = floor;
  const scores = new Float64Array(residuals.reduce((a, r) => a + r.length, 0));
  let count = 0;
  for (let h = 0; h < H; h++)
    for (let i = 0; i < residuals[h].length; i++)
      if (Number.isFinite(residuals[h][i])) scores[count++] = residuals[h][i] / scale[h];
  return {
    levels: [...levels],
    widths: levels.map((l) => {
      const q = conformalHalfWidth(scores.subarray(0, count), l);
      return scale.map((s) => q * s);
    }),
    residuals: count,
    scale,
  };
}
