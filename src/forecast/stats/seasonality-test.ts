// The M4 competition's seasonality test (the organisers' "Benchmarks and Evaluation.R"): a series is
// seasonal at period m when its lag-m autocorrelation lies outside the 90% band
// 1.645/√n · √(1 + 2 Σ_{k<m} r_k²); series shorter than 3m, or with m beyond R's default acf lag
// range ⌊10·log10 n⌋, are not seasonal.

import { autocorrelation } from '../baselines.js';

/** Two-sided 90% normal quantile used by the M4 seasonality test. */
export const M4_SEASONALITY_CRITICAL = 1.645;

/**
 * True when `series` passes the M4 seasonality test at period `m` (always false for m ≤ 1).
 * @example seasonalityTest(Array.from({ length: 96 }, (_, t) => 10 + Math.sin((2 * Math.PI * t) / 12)), 12)  //=> true
 */
export function seasonalityTest(series: ArrayLike<number>, m: number): boolean {
  const n = series.length;
  if (m <= 1 || n < 3 * m) return false;
  const maxLag = Math.min(Math.floor(10 * Math.log10(n)), n - 1);
  if (m > maxLag) return false;
  const r = autocorrelation(series, m);
  let sum = 1;
  for (let k = 1; k < m; k++) sum += 2 * r[k] * r[k];
  const limit = (M4_SEASONALITY_CRITICAL / Math.sqrt(n)) * Math.sqrt(sum);
  return Math.abs(r[m]) > limit;
}
