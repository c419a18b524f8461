// The numbers the forecast report draws beyond forecast()'s own, each in one small function: the
// interval coverage as counts, the residuals' autocorrelations against the white-noise band, the
// classical decomposition of the series by its longest confirmed season (additive or multiplicative
// by whether the seasonal swing grows in proportion to the level), and how much history the future fan shows.

import { autocorrelations } from './acf.js';
import type { ForecastNumbers, ForecastResult } from './forecast.js';
import { classicalDecomposition } from './stats/decompose.js';

/**
 * A forecast() result without its trained models (plain numbers for JSON, postMessage and reports).
 * @example JSON.stringify(forecastNumbers(await forecast(series)))
 */
export function forecastNumbers(r: ForecastResult | ForecastNumbers): ForecastNumbers {
  const { evaluationModel: _e, finalModel: _f, calibrationModel: _c, ...numbers } = r as ForecastResult;
  return numbers;
}

/** How one interval level covered the test part. */
export interface CoverageCount {
  /** Nominal level, e.g. 0.8. */
  level: number;
  /** Share of the test values inside the interval (every origin and step). */
  covered: number;
  /** Test values inside the interval, and all test values scored (origins × horizon). */
  inside: number;
  total: number;
}

/**
 * The empirical coverage of each interval level on the test part, as shares and counts (empty when
 * the run had no calibration part).
 * @example coverageCounts(result).map((c) => `${c.inside} of ${c.total}`)
 */
export function coverageCounts(r: Pick<ForecastNumbers, 'intervals' | 'origins' | 'config'>): CoverageCount[] {
  const iv = r.intervals;
  if (!iv) return [];
  const total = r.origins.length * r.config.horizon;
  return iv.levels.map((level, i) => ({
    level,
    covered: iv.coverage[i],
    inside: Math.round(iv.coverage[i] * total),
    total,
  }));
}

/** Autocorrelations of residuals and the band white noise stays inside. */
export interface ResidualAcf {
  /** r_0..r_K. */
  acf: Float64Array;
  /** Finite residuals the autocorrelations come from. */
  sampleSize: number;
  /** Half-width of the band: z/√n. */
  band: number;
  /** Lags 1..K whose autocorrelation lies outside the band. */
  outside: number[];
}

/** Fewest residuals worth an autocorrelation plot. */
export const MIN_ACF_RESIDUALS = 8;

/**
 * Autocorrelations of the finite residuals up to lag K = min(⌊n/2⌋, max(⌈10·log10 n⌉, season + 1))
 * (statsmodels' default lag count, stretched to one season), with the lags outside ±z/√n; null for
 * fewer than MIN_ACF_RESIDUALS residuals.
 * @example residualAcf([1, -1, 1, -1, 1, -1, 1, -1, 1, -1])!.outside  //=> [1, 2, 3]
 */
export function residualAcf(residuals: ArrayLike<number>, season = 1, z = 1.96): ResidualAcf | null {
  const x: number[] = [];
  for (let i = 0; i < residuals.length; i++) if (Number.isFinite(residuals[i])) x.push(residuals[i]);
  const n = x.length;
  if (n < MIN_ACF_RESIDUALS) return null;
  const K = Math.min(Math.floor(n / 2), Math.max(Math.ceil(10 * Math.log10(n)), season > 1 ? season + 1 : 0));
  const acf = autocorrelations(x, K);
  const band = z / Math.sqrt(n);
  const outside: number[] = [];
  for (let k = 1; k <= K; k++) if (Math.abs(acf[k]) > band) outside.push(k);
  return { acf, sampleSize: n, band, outside };
}

/** A series split into trend, seasonal and remainder components. */
export interface SeriesComponents {
  season: number;
  type: 'additive' | 'multiplicative';
  /** Centred moving average (NaN for the first and last ⌊m/2⌋ values). */
  trend: Float64Array;
  /** The seasonal figure repeated along the series. */
  seasonal: Float64Array;
  /** What is left: x − trend − seasonal, or x / (trend · seasonal); NaN where the trend is. */
  remainder: Float64Array;
  /** One value per phase (phase 0 is the first observation's). */
  figure: Float64Array;
}

/** Log-log slope of the seasonal swing on the level above which the decomposition is multiplicative. */
export const MULTIPLICATIVE_SLOPE = 0.5;
/** Full seasons needed to judge whether the swing grows with the level. */
export const MIN_SEASONS_FOR_TYPE = 4;
/**
 * Ratio of the highest to the lowest seasonal level below which the decomposition stays additive:
 * the two kinds then differ by less than this factor in the swing, and noise decides the slope.
 */
export const MIN_LEVEL_RATIO = 1.25;

/**
 * 'multiplicative' when every value is positive and the seasonal swing grows in proportion to the
 * level: over the full seasons, the log of the detrended values' standard deviation regressed on the
 * log of the trend's mean has a slope above MULTIPLICATIVE_SLOPE (1 is exactly proportional, 0 a
 * constant swing) and at least two standard errors above 0, and the level varies by MIN_LEVEL_RATIO
 * or more (airline passengers); otherwise 'additive'.
 * @example decompositionType(Array.from({ length: 96 }, (_, t) => (10 + t) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 12))), 12)  //=> 'multiplicative'
 */
export function decompositionType(series: ArrayLike<number>, m: number): 'additive' | 'multiplicative' {
  const n = series.length;
  for (let i = 0; i < n; i++) if (!(series[i] > 0)) return 'additive';
  const { trend } = classicalDecomposition(series, m, 'additive');
  const lx: number[] = [],
    ly: number[] = [];
  for (let start = 0; start + m <= n; start += m) {
    let s = 0,
      sq = 0,
      lv = 0,
      ok = true;
    for (let t = start; t < start + m && ok; t++) {
      if (Number.isNaN(trend[t])) ok = false;
      const d = series[t] - trend[t];
      s += d;
      sq += d * d;
      lv += trend[t];
    }
    const swing = Math.sqrt(Math.max(0, sq / m - (s / m) ** 2));
    if (!ok || !(swing > 0)) continue;
    lx.push(Math.log(lv / m));
    ly.push(Math.log(swing));
  }
  const k = lx.length;
  if (k < MIN_SEASONS_FOR_TYPE) return 'additive';
  const lo = lx.reduce((a, b) => Math.min(a, b)),
    hi = lx.reduce((a, b) => Math.max(a, b));
  if (hi - lo < Math.log(MIN_LEVEL_RATIO)) return 'additive';
  const mx = lx.reduce((a, b) => a + b, 0) / k,
    my = ly.reduce((a, b) => a + b, 0) / k;
  let sxx = 0,
    sxy = 0;
  for (let i = 0; i < k; i++) {
    sxx += (lx[i] - mx) ** 2;
    sxy += (lx[i] - mx) * (ly[i] - my);
  }
  if (!(sxx > 0)) return 'additive';
  const slope = sxy / sxx;
  let rss = 0;
  for (let i = 0; i < k; i++) rss += (ly[i] - my - slope * (lx[i] - mx)) ** 2;
  const se = Math.sqrt(rss / (k - 2) / sxx);
  return slope > MULTIPLICATIVE_SLOPE && slope - 2 * se > 0 ? 'multiplicative' : 'additive';
}

/**
 * The classical decomposition of the series by its longest confirmed season that fits twice (the
 * longest holds the shorter ones: a week of hours holds the day); null without such a season.
 * @example seriesComponents(passengers, [12])!.type  //=> 'multiplicative'
 */
export function seriesComponents(series: ArrayLike<number>, seasons: readonly number[]): SeriesComponents | null {
  const n = series.length;
  const fits = seasons.filter((m) => Number.isInteger(m) && m >= 2 && 2 * m <= n);
  if (!fits.length) return null;
  const m = fits.reduce((a, b) => Math.max(a, b));
  const type = decompositionType(series, m);
  const { trend, figure } = classicalDecomposition(series, m, type);
  const seasonal = new Float64Array(n),
    remainder = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    seasonal[t] = figure[t % m];
    remainder[t] = type === 'additive' ? series[t] - trend[t] - seasonal[t] : series[t] / (trend[t] * seasonal[t]);
  }
  return { season: m, type, trend, seasonal, remainder, figure };
}

/** Values of history the future fan shows at least (all of them when the series is shorter). */
export const FAN_HISTORY = 120;

/**
 * Index of the first value drawn before the future fan: the last max(12 · horizon, FAN_HISTORY)
 * values, so the fan keeps a visible share of the width on long series.
 * @example fanStart(144, 12) //=> 0
 * @example fanStart(500_000, 24) //=> 499_712
 */
export function fanStart(length: number, horizon: number): number {
  return Math.max(0, length - Math.max(12 * horizon, FAN_HISTORY));
}
