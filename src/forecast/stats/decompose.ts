// Classical decomposition by a centred moving average, as R's stats::decompose: the trend is the
// centred m-term moving average (2×m for even m), the seasonal figure the mean of the detrended
// values at each phase, normalised to mean 1 (multiplicative) or 0 (additive).

import { ConfigError, DataError } from '../../errors.js';

/** A classical decomposition of a series with season length m. */
export interface Decomposition {
  /** Seasonal figure, one value per phase; phase 0 is the phase of the first observation. */
  figure: Float64Array;
  /** Centred moving average, NaN for the first and last ⌊m/2⌋ values. */
  trend: Float64Array;
  type: 'additive' | 'multiplicative';
}

/**
 * Decomposes `series` into trend and seasonal figure (R's decompose). Needs at least 2 full seasons.
 * @example classicalDecomposition([1, 3, 1, 3, 1, 3], 2, 'multiplicative').figure  //=> Float64Array [0.5, 1.5]
 */
export function classicalDecomposition(
  series: ArrayLike<number>,
  m: number,
  type: 'additive' | 'multiplicative',
): Decomposition {
  const where = 'classicalDecomposition';
  const n = series.length;
  if (!Number.isInteger(m) || m < 2) throw new ConfigError(`season must be an integer ≥ 2, got ${m}`, where);
  if (n < 2 * m) throw new DataError(`needs at least 2 seasons (${2 * m} values), got ${n}`, where);
  // filter weights: m ones (odd m) or 0.5, m-1 ones, 0.5 (even m), divided by m
  const w = m % 2 ? new Array<number>(m).fill(1 / m) : [0.5 / m, ...new Array<number>(m - 1).fill(1 / m), 0.5 / m];
  const half = Math.floor(w.length / 2);
  const trend = new Float64Array(n).fill(Number.NaN);
  for (let i = half; i + w.length - 1 - half < n; i++) {
    let z = 0;
    for (let j = 0; j < w.length; j++) z += w[j] * series[i + half - j];
    trend[i] = z;
  }
  const figure = new Float64Array(m);
  for (let p = 0; p < m; p++) {
    let sum = 0,
      count = 0;
    for (let t = p; t < n; t += m) {
      if (Number.isNaN(trend[t])) continue;
      sum += type === 'additive' ? series[t] - trend[t] : series[t] / trend[t];
      count++;
    }
    figure[p] = sum / count;
  }
  let total = 0;
  for (let p = 0; p < m; p++) total += figure[p];
  const mean = total / m;
  for (let p = 0; p < m; p++) figure[p] = type === 'additive' ? figure[p] - mean : figure[p] / mean;
  return { figure, trend, type };
}
