// Least-squares line through (1, y[0]), (2, y[1]), ..., as R's lm(y ~ t) / lsfit(1:n, y): the Theta
// method's long-run line and ETS's starting level and slope. Centred sums keep it exact for long series.

import { DataError } from '../../errors.js';

/**
 * Intercept and slope of the least-squares line over time indices 1..n.
 * @example linearTrend([3, 5, 7])  //=> { intercept: 1, slope: 2 }
 */
export function linearTrend(y: ArrayLike<number>): { intercept: number; slope: number } {
  const n = y.length;
  if (n < 2) throw new DataError(`needs at least 2 values, got ${n}`, 'linearTrend');
  const tMean = (n + 1) / 2;
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += y[i];
  yMean /= n;
  let sty = 0,
    stt = 0;
  for (let i = 0; i < n; i++) {
    const dt = i + 1 - tMean;
    sty += dt * (y[i] - yMean);
    stt += dt * dt;
  }
  const slope = sty / stt;
  return { intercept: yMean - slope * tMean, slope };
}
