// The significance test detectSeasons() applies to one candidate period m: the lag-m autocorrelation of
// the series less its trend (classical decomposition's centred moving average), against Bartlett's
// critical value as in the M4 test, with the Bartlett sum taken under the null "no season m".

import { type AcfWork, autocorrelations } from './acf.js';
import { correlation } from './diagnostics.js';

/** The one-sided 95% (two-sided 90%) normal quantile of the M4 test (R: tcrit <- 1.645). */
export const M4_TCRIT = 1.645;

/**
 * The M4 critical value for lag m from r_1..r_{m-1} (acf[k - 1] holds r_k):
 * tcrit·sqrt((1 + 2·Σ_{k<m} r_k²) / n), Bartlett's standard error of r_m under an MA(m-1) null.
 * @example m4Limit(new Float64Array([0, 0, 0]), 3, 100)  //=> 0.1645
 */
export function m4Limit(acf: ArrayLike<number>, m: number, n: number, tcrit = M4_TCRIT): number {
  let s = 1;
  for (let k = 1; k < m; k++) s += 2 * acf[k - 1] * acf[k - 1];
  return (tcrit / Math.sqrt(n)) * Math.sqrt(s);
}

/** How a trend is removed before the lag-m autocorrelation is tested. */
export type SeasonDetrend = 'moving-average' | 'difference' | 'none';

/**
 * The Bartlett sum of a test is estimated on at most the last max(BARTLETT_WINDOW, 4·m) values: its
 * sampling error is then a few per cent, and long series stay O(n).
 */
export const BARTLETT_WINDOW = 65_536;

/** A confirmed season explains at least this adjusted share of the detrended variance (temperatures by day of week, 0.4%, do not). */
export const MIN_STRENGTH = 0.02;
/** A confirmed season's means in the first and in the second half of the data correlate at least this much. */
export const MIN_REPEAT = 0.5;

/** The result of testing one period. */
export interface PeriodTest {
  /** r_m of the tested series. */
  acf: number;
  /** tcrit·sqrt((1 + 2Σ_{k<m} ρ_k²) / n), ρ_k from the tested series less its means per phase; NaN when not
   * needed (the season is too weak or does not repeat), tcrit/√n (its floor) when acf is below that. */
  limit: number;
  /** Adjusted share of the tested series' variance explained by its m means per phase (0 under no season). */
  strength: number;
  /** Means per phase t mod m (centred): the seasonal indices to subtract. */
  means: Float64Array;
  /** Correlation of the phase means of the first and the second half: does the season's shape repeat? */
  repeat: number;
  /** acf > limit, strength >= MIN_STRENGTH and repeat >= MIN_REPEAT. */
  confirmed: boolean;
  /** Why not confirmed ('' when confirmed). */
  why: string;
  /** Values tested (after trend removal). */
  n: number;
  work: AcfWork;
}

/** The series less its trend, and the original index of its first value. */
export function detrended(x: Float64Array, m: number, how: SeasonDetrend): { d: Float64Array; offset: number } {
  const n = x.length;
  if (how === 'difference') return { d: x.subarray(1).map((v, i) => v - x[i]), offset: 1 };
  if (how === 'none') return { d: x.slice(), offset: 0 };
  // centred moving average of m values (odd m) or 2×m (even m: half weights on both ends)
  const h = Math.floor(m / 2),
    even = m % 2 === 0;
  const d = new Float64Array(Math.max(0, n - 2 * h));
  let sum = 0;
  for (let j = 0; j <= 2 * h && j < n; j++) sum += x[j];
  for (let t = h; t < n - h; t++) {
    if (t > h) sum += x[t + h] - x[t - h - 1];
    d[t - h] = x[t] - (even ? (sum - 0.5 * (x[t - h] + x[t + h])) / m : sum / m);
  }
  return { d, offset: h };
}

/**
 * The means per phase (i + offset) mod m of d (centred to sum 0) and their strength: the adjusted share
 * of d's variance they explain, 1 - (SS_rest / (n - m)) / (SS_d / (n - 1)), 0 under no season.
 */
export function phaseMeans(
  d: Float64Array,
  offset: number,
  m: number,
): { means: Float64Array; mean: number; strength: number } {
  const n = d.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += d[i];
  mean /= n;
  const sums = new Float64Array(m),
    counts = new Float64Array(m);
  let ss = 0;
  for (let i = 0, p = offset % m; i < n; i++, p = p + 1 === m ? 0 : p + 1) {
    sums[p] += d[i] - mean;
    counts[p]++;
    ss += (d[i] - mean) ** 2;
  }
  const means = sums.map((s, p) => (counts[p] ? s / counts[p] : 0));
  // SS_rest = SS_d - Σ counts·means² (before centring, means are the least-squares fit)
  let explained = 0;
  for (let p = 0; p < m; p++) explained += counts[p] * means[p] * means[p];
  const centre = means.reduce((a, b) => a + b, 0) / m;
  for (let p = 0; p < m; p++) means[p] -= centre;
  const strength = ss > 0 && n > m ? 1 - (ss - explained) / (n - m) / (ss / (n - 1)) : 0;
  return { means, mean, strength: Math.max(0, strength) };
}

/**
 * Tests period m on x (m >= 2, x at least 3m long): removes the trend, then r_m, its critical value with
 * `tcrit`, the season's strength and whether its shape repeats; confirmed when all three pass. Under no season, removing the m phase means changes little, so
 * the Bartlett sum of the deseasonalized series estimates the null's; under a season, the season's own
 * autocorrelation at lags < m no longer inflates the critical value (the M4 test's weakness for long
 * seasons: a 4-year daily series with a clear year gives r_365 = 0.62 against 0.73 there, 0.06 here).
 */
export function testPeriod(x: Float64Array, m: number, how: SeasonDetrend, tcrit: number): PeriodTest {
  const { d, offset } = detrended(x, m, how);
  const n = d.length;
  const { means, mean, strength } = phaseMeans(d, offset, m);
  const half = Math.floor(n / 2);
  const first = phaseMeans(d.subarray(0, half), offset, m).means;
  const second = phaseMeans(d.subarray(half), offset + half, m).means;
  const repeat = correlation(first, second);
  const acf = lagCorrelation(d, m);
  const work: AcfWork = { method: 'direct', fftSize: 0 };
  const base = { acf, strength, repeat, means, n, work };
  // the critical value is at least tcrit/√n; the Bartlett sum (an autocorrelation up to lag m - 1) is
  // computed only when the other conditions hold and acf exceeds that floor
  const floor = tcrit / Math.sqrt(n);
  if (!(acf > floor)) return { ...base, limit: floor, confirmed: false, why: 'not significant' };
  if (strength < MIN_STRENGTH)
    return { ...base, limit: Number.NaN, confirmed: false, why: `weaker than ${MIN_STRENGTH}` };
  if (repeat < MIN_REPEAT)
    return {
      ...base,
      limit: Number.NaN,
      confirmed: false,
      why: `its shape does not repeat (halves correlate ${repeat.toFixed(3)} < ${MIN_REPEAT})`,
    };
  const w = Math.min(n, Math.max(BARTLETT_WINDOW, 4 * m));
  const rest = new Float64Array(w); // the last w values of d less their season
  for (let i = n - w, j = 0, p = (n - w + offset) % m; i < n; i++, j++, p = p + 1 === m ? 0 : p + 1)
    rest[j] = d[i] - mean - means[p];
  const rho = autocorrelations(rest, m - 1, work);
  const limit = m4Limit(rho.subarray(1), m, n, tcrit);
  return { ...base, limit, confirmed: acf > limit, why: acf > limit ? '' : 'not significant' };
}

/** 1 - Φ(z) for z >= 0, from erfc (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
function upperTail(z: number): number {
  const x = z / Math.SQRT2,
    t = 1 / (1 + 0.5 * x);
  const c = [
    1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277,
  ];
  let poly = 0;
  for (let i = c.length - 1; i >= 0; i--) poly = t * (c[i] + poly);
  return 0.5 * t * Math.exp(-x * x - 1.26551223 + poly);
}

/**
 * z with 1 - Φ(z) = p (0 < p < 0.5), by bisection: the one-sided normal critical value.
 * @example normalUpperQuantile(0.05).toFixed(3)  //=> '1.645'
 */
export function normalUpperQuantile(p: number): number {
  let lo = 0,
    hi = 40;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (upperTail(mid) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** x less its least-squares line. */
export function linearDetrend(x: Float64Array): Float64Array {
  const n = x.length,
    tm = (n - 1) / 2;
  let xm = 0;
  for (let i = 0; i < n; i++) xm += x[i];
  xm /= n;
  let sxy = 0,
    sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - tm) * (x[i] - xm);
    sxx += (i - tm) ** 2;
  }
  const b = sxx > 0 ? sxy / sxx : 0;
  return x.map((v, i) => v - xm - b * (i - tm));
}

/**
 * Correlation of d with itself `lag` steps back, normalized by d's variance (the biased ACF at one lag).
 * @example lagCorrelation(new Float64Array([1, -1, 1, -1]), 2)  //=> 0.5
 */
export function lagCorrelation(d: ArrayLike<number>, lag: number): number {
  const n = d.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += d[i];
  mean /= n;
  let c0 = 0,
    c = 0;
  for (let i = 0; i < n; i++) {
    c0 += (d[i] - mean) ** 2;
    if (i >= lag) c += (d[i] - mean) * (d[i - lag] - mean);
  }
  return c0 > 0 ? c / c0 : 0;
}
