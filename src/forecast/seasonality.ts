// Seasonality: the M4 organisers' significance test (SeasonalityTest in Mcompetitions/M4-methods,
// "Benchmarks and Evaluation.R"), reproduced to the bit so Naive2 and the other M4 benchmarks match
// the published numbers; and detectSeasons(): calendar periods from the dates confirmed by that test,
// or, without dates, autocorrelation peaks (FFT, O(n log n)) confirmed by a test corrected for the search.

import type { Frequency } from '../data/dates.js';
import { ConfigError, DataError } from '../errors.js';
import { type AcfWork, acfAndSpectrum, acfFftSize } from './acf.js';
import {
  detrended,
  linearDetrend,
  m4Limit,
  normalUpperQuantile,
  type PeriodTest,
  phaseMeans,
  type SeasonDetrend,
  testPeriod,
  M4_TCRIT,
} from './season-test.js';

/**
 * R's default `lag.max` of acf() for one series of length n: floor(10·log10(n)), at most n - 1.
 * The M4 code reads xacf[m] from acf()'s default output, so a season longer than this lag is NA there,
 * which the test turns into "not seasonal".
 * @example rDefaultMaxLag(144)  //=> 21
 */
export function rDefaultMaxLag(n: number): number {
  return Math.min(Math.floor(10 * Math.log10(n)), n - 1);
}

/**
 * Biased autocorrelations r_1..r_maxLag of a series (demeaned, sums divided by n, normalized by the
 * lag-0 sum), computed directly as R's C_acf does, in the same order of operations: O(n·maxLag).
 * Index k - 1 holds r_k.
 * @example Array.from(directAcf([1, 2, 1, 2], 1))  //=> [-0.75]
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

/** How a season was proposed: by the dates' calendar, by searching the autocorrelations, or by the caller. */
export type SeasonSource = 'calendar' | 'search' | 'given';

/** A calendar period of a frequency. */
export interface CalendarSeason {
  /** Steps per season, an integer lag (365 for the daily year, 52 for the weekly year). */
  period: number;
  /** The calendar's mean steps per season (365.25 days, 52.18 weeks), for calendar features. */
  meanPeriod: number;
  /** What one season is, e.g. 'day of week'. */
  label: string;
}

const cal = (period: number, label: string, meanPeriod = period): CalendarSeason => ({ period, meanPeriod, label });

/**
 * The calendar periods tested for each frequency, shortest first. Seasons are integer lags: the daily
 * year is 365 days (mean 365.25 in meanPeriod) and the weekly year 52 weeks (52.18); yearly data has none.
 */
export const CALENDAR_SEASONS: Readonly<
  Record<'hourly' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly', readonly CalendarSeason[]>
> = {
  hourly: [cal(24, 'hour of day'), cal(168, 'hour of week')],
  daily: [cal(7, 'day of week'), cal(365, 'day of year', 365.25)],
  weekly: [cal(52, 'week of year', 365.25 / 7)],
  monthly: [cal(12, 'month of year')],
  quarterly: [cal(4, 'quarter of year')],
  yearly: [],
};

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/**
 * The calendar periods of a frequency (CALENDAR_SEASONS); for other fixed steps, the day and week when
 * the step divides them (30 minutes: 48 and 336) or the year for month multiples (2 months: 6). Null
 * when the frequency has no calendar (irregular, or a step that divides neither).
 * @example calendarSeasons({ name: 'monthly', unit: 'month', step: 1, gaps: 0, missing: 0, offGrid: 0, evidence: '' })?.map((s) => s.period)  //=> [12]
 */
export function calendarSeasons(frequency: Frequency): readonly CalendarSeason[] | null {
  if (frequency.name === 'irregular') return null;
  if (frequency.name !== 'fixed') return CALENDAR_SEASONS[frequency.name];
  if (frequency.unit === 'month') return 12 % frequency.step === 0 ? [cal(12 / frequency.step, 'time of year')] : null;
  const out: CalendarSeason[] = [];
  if (DAY_MS % frequency.step === 0 && frequency.step < DAY_MS) out.push(cal(DAY_MS / frequency.step, 'time of day'));
  if (WEEK_MS % frequency.step === 0 && frequency.step < WEEK_MS)
    out.push(cal(WEEK_MS / frequency.step, 'time of week'));
  return out.length ? out : null;
}

/** One candidate season and the evidence for or against it. */
export interface Season extends CalendarSeason {
  source: SeasonSource;
  /** Passed its significance test and is strong enough (MIN_STRENGTH). */
  confirmed: boolean;
  /** Autocorrelation at lag `period` of the tested series (the series less its trend). NaN when not tested. */
  acf: number;
  /** The test's critical value for `acf`. NaN when not tested. */
  limit: number;
  /** Adjusted share of the tested series' variance explained by the season's means per phase, 0..1. */
  strength: number;
  /** Correlation of the season's means in the first and in the second half of the data (NaN when not tested). */
  repeat: number;
  /** One sentence: how it was proposed and tested. */
  evidence: string;
}

/** What detectSeasons() found. */
export interface SeasonDetection {
  /** Confirmed seasons, strongest first. */
  seasons: Season[];
  /** Every candidate, tested or skipped, in test order. */
  tested: Season[];
  /** The shortest confirmed period, 1 when none: the input of the lookback rule. */
  shortest: number;
  method: SeasonSource;
  /** How the autocorrelations were computed (the largest FFT used): evidence of the O(n log n) path. */
  work: AcfWork;
  /** One line for the forecaster's output: the seasons and why, or why none. */
  summary: string;
}

/** Options of detectSeasons(). */
export interface DetectSeasonsOptions {
  /** The dates' frequency (inferFrequency): its calendar periods are the candidates. Without it, a search. */
  frequency?: Frequency;
  /** Test these periods (integers >= 2) instead of the calendar's or a search. */
  candidates?: readonly number[];
  /** Longest season considered. Default: a third of the series (a season needs 3 full periods). */
  maxSeason?: number;
  /** Most seasons a search returns. Default 3. */
  maxSeasons?: number;
  /** Trend removal before the test. Default 'moving-average' (measured best; see docs/forecasting.md). */
  detrend?: SeasonDetrend;
}

/** A search's one-sided significance level, split among the lags searched (Bonferroni). */
export const SEARCH_ALPHA = 0.05;
/** A search prefers a confirmed divisor q of its best period p when q's means explain this share of p's. */
export const DIVISOR_SHARE = 0.9;
/** Every calendar period: a search's best period within 1% (and half a step) of one is snapped to it. */
export const CALENDAR_PERIODS: readonly number[] = [
  ...new Set(Object.values(CALENDAR_SEASONS).flatMap((list) => list.map((c) => c.period))),
].sort((a, b) => a - b);
/** A search looks at most at this many of the last values (2^18: seasons up to 87,381 steps); the seasons it finds are removed from all. */
export const SEARCH_WINDOW = 262_144;
/** Peaks taken per search round from the autocorrelations and from the periodogram each. */
const SEARCH_PEAKS = 4;

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : 'n/a');
/** The statistics of a test as text, e.g. "r_12 = 0.846 > 0.308 (90%), strength 0.758, halves correlate 0.968". */
const stats = (m: number, r: PeriodTest, how: string) =>
  `r_${m} = ${fmt(r.acf)}${Number.isNaN(r.limit) ? '' : ` ${r.acf > r.limit ? '>' : '<='} ${fmt(r.limit)}`} (${how}), strength ${fmt(r.strength)}, halves correlate ${fmt(r.repeat)}${r.why ? `: ${r.why}` : ''}`;
/** p is within 1% (at least one step) of k·q for an integer k in [kMin, kMax]. */
const nearMultiple = (p: number, q: number, kMin: number, kMax = Number.POSITIVE_INFINITY) => {
  const k = Math.round(p / q);
  return k >= kMin && k <= kMax && Math.abs(p - k * q) <= Math.max(1, 0.01 * p);
};

/** Positive local maxima of acf at lags 2..L (those `keep` accepts), highest first. */
function acfPeaks(acf: Float64Array, L: number, keep: (k: number) => boolean): number[] {
  const out: number[] = [];
  for (let k = 2; k <= L && k + 1 < acf.length; k++)
    if (acf[k] > 0 && acf[k] >= acf[k - 1] && acf[k] > acf[k + 1] && keep(k)) out.push(k);
  return out.sort((p, q) => acf[q] - acf[p]).slice(0, SEARCH_PEAKS);
}

/**
 * Periods of the periodogram's sharpest lines: local maxima of log power standing highest above the mean
 * log power of the bins around them (a line over a red-noise background: PM2.5's weak daily cycle under its
 * multi-day persistence). A line at bin k stands for periods N/(k+1)..N/(k-1); the lag of the highest
 * autocorrelation in that range is taken, and twice it (a line may be the second harmonic).
 */
function spectralPeaks(power: Float64Array, acf: Float64Array, L: number, keep: (k: number) => boolean): number[] {
  const N = 2 * (power.length - 1);
  const logp = power.map((v) => Math.log(v + 1e-300));
  const prefix = new Float64Array(logp.length + 1);
  for (let k = 0; k < logp.length; k++) prefix[k + 1] = prefix[k] + logp[k];
  const lines: [number, number][] = [];
  for (let k = Math.max(2, Math.ceil(N / L)); k < power.length - 1; k++) {
    if (!(logp[k] > logp[k - 1] && logp[k] >= logp[k + 1])) continue;
    const w = Math.max(4, Math.round(0.1 * k));
    const lo = Math.max(1, k - w),
      hi = Math.min(logp.length - 1, k + w);
    lines.push([k, logp[k] - (prefix[hi + 1] - prefix[lo] - logp[k]) / (hi - lo)]);
  }
  const out = new Set<number>();
  for (const [k] of lines.sort((a, b) => b[1] - a[1]).slice(0, SEARCH_PEAKS)) {
    let p = Math.round(N / k);
    for (let j = Math.max(2, Math.ceil(N / (k + 1))); j <= Math.min(L, Math.floor(N / (k - 1))); j++)
      if (acf[j] > acf[p]) p = j;
    for (const m of [p, 2 * p]) if (m >= 2 && m <= L && keep(m)) out.add(m);
  }
  return [...out];
}

/** A searched candidate as a Season. */
function searched(m: number, r: PeriodTest, note: string, why: string): Season {
  return {
    ...cal(m, `lag ${m}`),
    source: 'search',
    confirmed: false,
    acf: r.acf,
    limit: r.limit,
    strength: r.strength,
    repeat: r.repeat,
    evidence: `peak at lag ${m}: ${stats(m, r, note)}${why && !r.why ? `: ${why}` : ''}`,
  };
}

/**
 * Finds the seasons of a series, each with its evidence. With the dates' frequency, each calendar period
 * (CALENDAR_SEASONS), shortest first, is tested on the series less its centred moving average of one period
 * (which removes the trend and keeps the season) after the shorter confirmed seasons' means are removed:
 * confirmed when r_m > 1.645·sqrt((1 + 2Σ_{k<m} ρ_k²)/n) as in the M4 test (ρ_k from the series less the
 * candidate season, see testPeriod) and the season explains at least MIN_STRENGTH of the variance. Without
 * a calendar, a search: the highest autocorrelation peaks (FFT, O(n log n)) of the linearly detrended and of
 * the differenced series are tested the same way with the critical value corrected for the number of lags
 * searched (Bonferroni); the strongest confirmed one wins, replaced by a confirmed divisor nearly as strong
 * (7 rather than 21) and refined on its multiples; its means are removed and the search repeats.
 * @example detectSeasons(Array.from({ length: 120 }, (_, t) => t + 10 * Math.sin((2 * Math.PI * t) / 12))).shortest  //=> 12
 */
export function detectSeasons(series: ArrayLike<number>, options: DetectSeasonsOptions = {}): SeasonDetection {
  const where = 'detectSeasons()';
  const n = series.length;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(series[i]))
      throw new DataError(`value ${i} is ${series[i]}; fill missing values first (fillMissing)`, where);
    x[i] = series[i];
  }
  const detrend = options.detrend ?? 'moving-average';
  if (!['moving-average', 'difference', 'none'].includes(detrend))
    throw new ConfigError(
      `detrend must be 'moving-average', 'difference' or 'none', got ${JSON.stringify(detrend)}`,
      where,
    );
  const maxSeason = options.maxSeason ?? Math.floor(n / 3);
  if (typeof maxSeason !== 'number' || !(maxSeason >= 0))
    throw new ConfigError(`maxSeason must be a non-negative number, got ${maxSeason}`, where);
  const maxSeasons = options.maxSeasons ?? 3;
  const work: AcfWork = { method: 'direct', fftSize: 0 };
  const residual = x.slice();
  let origin = 0; // tests see residual[origin..]: all of it, or a search's window
  const run = (m: number, tcrit: number): PeriodTest => {
    const r = testPeriod(residual.subarray(origin), m, detrend, tcrit);
    if (r.work.fftSize >= work.fftSize) Object.assign(work, r.work);
    return r;
  };
  const remove = (m: number, r: PeriodTest) => {
    const s =
      detrend === 'moving-average' ? r.means : testPeriod(residual.subarray(origin), m, 'moving-average', 0).means;
    for (let t = 0, p = ((-origin % m) + m) % m; t < n; t++, p = p + 1 === m ? 0 : p + 1) residual[t] -= s[p];
  };
  const lessTrend = {
    'moving-average': 'its centred moving average',
    difference: 'its previous value',
    none: 'its mean',
  }[detrend];
  const tested: Season[] = [];
  const verdict = (r: PeriodTest) => r.why;
  let method: SeasonSource;

  const calendar = options.candidates ? null : options.frequency ? calendarSeasons(options.frequency) : null;
  if (options.candidates || calendar) {
    method = options.candidates ? 'given' : 'calendar';
    const list = options.candidates
      ? [...options.candidates]
          .sort((a, b) => a - b)
          .map((p) => {
            if (!Number.isInteger(p) || p < 2)
              throw new ConfigError(`candidates must be integers >= 2, got ${p}`, where);
            return cal(p, `period ${p}`);
          })
      : (calendar as readonly CalendarSeason[]);
    const from = options.candidates ? 'given' : `from the ${options.frequency?.name} dates`;
    for (const c of list) {
      const m = c.period;
      const head = `${c.label} (${m}) ${from}`;
      if (n < 3 * m || m > maxSeason) {
        const why = n < 3 * m ? `needs 3 seasons (${3 * m} values), has ${n}` : `longer than maxSeason ${maxSeason}`;
        tested.push({
          ...c,
          source: method,
          confirmed: false,
          acf: Number.NaN,
          limit: Number.NaN,
          strength: 0,
          repeat: Number.NaN,
          evidence: `${head}: not tested, ${why}`,
        });
        continue;
      }
      const r = run(m, M4_TCRIT);
      const why = verdict(r);
      const after = tested.some((s) => s.confirmed) ? ', shorter seasons removed' : '';
      const evidence = `${head}: ${stats(m, r, `90%, on the series less ${lessTrend}${after}`)}`;
      tested.push({
        ...c,
        source: method,
        confirmed: !why,
        acf: r.acf,
        limit: r.limit,
        strength: r.strength,
        repeat: r.repeat,
        evidence,
      });
      if (!why) remove(m, r);
    }
  } else {
    method = 'search';
    const start = Math.max(0, n - SEARCH_WINDOW);
    origin = start;
    const L = Math.min(Math.floor(maxSeason), Math.floor((n - start) / 3));
    const tcrit = L >= 2 ? normalUpperQuantile(SEARCH_ALPHA / (L - 1)) : Number.NaN;
    const note = `z = ${fmt(tcrit)}, Bonferroni over lags 2-${L}`;
    const found: number[] = [];
    for (let round = 0; round < maxSeasons && L >= 2; round++) {
      const y = linearDetrend(residual.subarray(start));
      const lags = Math.min(L + 1, y.length - 1);
      const { acf: level, power } = acfAndSpectrum(y, lags);
      if (acfFftSize(y.length, lags) >= work.fftSize)
        Object.assign(work, { method: 'fft', fftSize: acfFftSize(y.length, lags) });
      // after a round: nothing near a found season or its low divisors; its multiples only where the
      // autocorrelation peaks among them (168 after 24), not on a slowly changing daily shape (48, 50)
      const keep = (k: number) =>
        found.every(
          (p) =>
            !nearMultiple(p, k, 1, 4) &&
            (!nearMultiple(k, p, 2) || (level[k] > level[k - p] && (k + p >= level.length || level[k] > level[k + p]))),
        );
      // candidates: autocorrelation peaks, periodogram lines, and the calendar periods that go with the seasons
      // found (168 once 24 is found, 365 once 7 is)
      const cands = new Set([...acfPeaks(level, L, keep), ...spectralPeaks(power, level, L, keep)]);
      for (const list of Object.values(CALENDAR_SEASONS))
        if (list.some((c) => found.includes(c.period)))
          for (const c of list) if (c.period <= L && !found.includes(c.period)) cands.add(c.period);
      const results = new Map([...cands].sort((a, b) => a - b).map((m) => [m, run(m, tcrit)] as const));
      const test = (m: number) => results.get(m) ?? (results.set(m, run(m, tcrit)).get(m) as PeriodTest);
      let best = -1;
      for (const [m, r] of results)
        if (!verdict(r) && (best < 0 || r.acf > (results.get(best) as PeriodTest).acf)) best = m;
      if (best < 0) {
        for (const [m, r] of results) tested.push(searched(m, r, note, verdict(r)));
        break;
      }
      const peak = best;
      const steps = [`the best peak, lag ${peak}`];
      // prefer the calendar: snap to a calendar period within 1%, then test its family's shorter
      // divisors first, as with dates (24 before 168); otherwise prefer a confirmed divisor whose means
      // carry nearly all of the winner's pattern on the same series (7 rather than 21)
      const snap = CALENDAR_PERIODS.find((c) => Math.abs(best - c) <= 0.01 * c + 0.5);
      if (snap !== undefined && snap !== best && !verdict(test(snap))) {
        best = snap;
        steps.push(`snapped to the calendar period ${snap}`);
      }
      const family = Object.values(CALENDAR_SEASONS).find((list) => list.some((c) => c.period === best));
      if (family) {
        const q = family.find((c) => c.period < best && best % c.period === 0 && !verdict(test(c.period)));
        if (q) {
          steps.push(`its calendar divisor ${q.period} taken first`);
          best = q.period;
        }
      } else {
        const { d, offset } = detrended(residual, best, detrend);
        const share = phaseMeans(d, offset, best).strength * DIVISOR_SHARE;
        const top = best;
        const q = [...results.keys()].find(
          (m) => m < top && nearMultiple(top, m, 2) && !verdict(test(m)) && phaseMeans(d, offset, m).strength >= share,
        );
        if (q !== undefined) {
          steps.push(`its divisor ${q} carries its pattern`);
          best = q;
        }
      }
      for (const [m, r] of results)
        if (m !== best) tested.push(searched(m, r, note, verdict(r) || `${best} was chosen`));
      const r = test(best);
      tested.push({ ...searched(best, r, `${note}; ${steps.join(', ')}`, ''), confirmed: true });
      found.push(best);
      remove(best, r);
    }
  }
  const seasons = tested.filter((s) => s.confirmed).sort((a, b) => b.strength - a.strength);
  const shortest = seasons.length ? Math.min(...seasons.map((s) => s.period)) : 1;
  const summary = seasons.length
    ? seasons.map((s) => `season ${s.period}: ${s.evidence}`).join('; ')
    : method === 'calendar' && tested.length === 0
      ? `no season: ${options.frequency?.name} data has no calendar season`
      : `no season${tested.length ? `: ${tested.map((s) => s.evidence).join('; ')}` : ': too short to search'}`;
  return { seasons, tested, shortest, method, work, summary };
}
