// Seasonality: the M4 organisers' significance test (SeasonalityTest in Mcompetitions/M4-methods,
// "Benchmarks and Evaluation.R"), reproduced to the bit so Naive2 and the other M4 benchmarks match
// the published numbers.

import { ConfigError, DataError } from '../errors.js';

/** The one-sided 90% normal quantile the M4 test uses (R: tcrit <- 1.645). */
export const M4_TCRIT = 1.645;

/**
 * R's default `lag.max` of acf() for one series of length n: floor(10·log10(n)), at most n - 1.
 * The M4 code reads xacf[m] from acf()'s default output, so a season longer than this lag is NA there,
 * which the test turns into "not seasonal".
 */
export function rDefaultMaxLag(n: number): number {
  return Math.min(Math.floor(10 * Math.log10(n)), n - 1);
}

/**
 * Biased autocorrelations r_1..r_maxLag of a series (demeaned, sums divided by n, normalized by the
 * lag-0 sum), computed directly as R's C_acf does: O(n·maxLag). Index k - 1 holds r_k.
 */
export function directAcf(series: ArrayLike<number>, maxLag: number): Float64Array {
  const n = series.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += series[i];
  mean /= n;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = series[i] - mean;
  let c0 = 0;
  for (let i = 0; i < n; i++) c0 += x[i] * x[i];
  const se = Math.sqrt(c0 / n); // R divides by se·se, not by c0/n: kept for bit-identical results
  const out = new Float64Array(maxLag);
  for (let k = 1; k <= maxLag; k++) {
    let c = 0;
    for (let i = 0; i + k < n; i++) c += x[i + k] * x[i];
    out[k - 1] = c0 > 0 ? Math.max(-1, Math.min(1, c / n / (se * se))) : Number.NaN;
  }
  return out;
}

/**
 * The M4 critical value for lag m from r_1..r_{m-1}: tcrit·sqrt((1 + 2·Σ_{k<m} r_k²) / n)
 * (Bartlett's standard error of r_m under an MA(m-1) null).
 * @example m4Limit(new Float64Array([0, 0, 0]), 3, 100)  //=> 0.1645
 */
export function m4Limit(acf: ArrayLike<number>, m: number, n: number, tcrit = M4_TCRIT): number {
  let s = 1;
  for (let k = 1; k < m; k++) s += 2 * acf[k - 1] * acf[k - 1];
  return (tcrit / Math.sqrt(n)) * Math.sqrt(s);
}

/**
 * The M4 organisers' seasonality test, exactly as their R `SeasonalityTest(input, ppy)`: with n values
 * and m = ppy, false when m <= 1 or n < 3m; otherwise the lag-m biased autocorrelation r_m of the series
 * itself is significant at 90% when |r_m| > 1.645·sqrt((1 + 2·Σ_{k=1}^{m-1} r_k²) / n). Like the R code
 * (which reads acf()'s default lags 1..floor(10·log10 n)), it is false when m exceeds that lag, and false
 * for a constant series (R's NA). For long seasons on long series use detectSeasons(), which computes
 * the same statistic without R's lag limit.
 * @example seasonalityTest(Array.from({ length: 48 }, (_, t) => [5, 1, 2, 8][t % 4]), 4)  //=> true
 */
export function seasonalityTest(series: ArrayLike<number>, m: number): boolean {
  const where = 'seasonalityTest()';
  if (typeof m !== 'number' || !Number.isInteger(m))
    throw new ConfigError(`the season m must be an integer number of steps, got ${JSON.stringify(m)}`, where);
  const n = series.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(series[i]))
      throw new DataError(`value ${i} is ${series[i]}; fill missing values first (fillMissing)`, where);
  }
  if (!(m > 1) || n < 3 * m || m > rDefaultMaxLag(n)) return false;
  const acf = directAcf(series, m);
  const r = acf[m - 1];
  return Number.isFinite(r) && Math.abs(r) > m4Limit(acf, m, n);
}
