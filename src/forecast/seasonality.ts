// Seasonality: the M4 organisers' significance test (SeasonalityTest in Mcompetitions/M4-methods,
// "Benchmarks and Evaluation.R"), reproduced to the bit so Naive2 and the other M4 benchmarks match
// the published numbers; and detectSeasons(): calendar periods from the dates confirmed by that test,
// or, without dates, autocorrelation peaks (FFT, O(n log n)) confirmed by a test corrected for the search.

import { minOf } from '../array-stats.js';
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

/** A searched candidate as a Season; `notChosen` says why a confirmed one was not taken. */
function searched(m: number, r: PeriodTest, note: string, notChosen: string): Season {
  const { acf, limit, strength, repeat } = r;
  const confirmed = r.confirmed && !notChosen;
  const evidence = `peak at lag ${m}: ${stats(m, r, note)}${r.confirmed && notChosen ? `: ${notChosen}` : ''}`;
  return { ...cal(m, `lag ${m}`), source: 'search', confirmed, acf, limit, strength, repeat, evidence };
}

/** The state of one detection: the series less the seasons found so far, and the tests run on it. */
interface Detection {
  residual: Float64Array;
  /** Tests see residual[origin..]: all of it, or a search's window. */
  origin: number;
  detrend: SeasonDetrend;
  work: AcfWork;
  tested: Season[];
}

function run(st: Detection, m: number, tcrit: number): PeriodTest {
  const r = testPeriod(st.residual.subarray(st.origin), m, st.detrend, tcrit);
  if (r.work.fftSize >= st.work.fftSize) Object.assign(st.work, r.work);
  return r;
}

/** Subtracts a confirmed season's means (per phase from the origin) from the whole residual. */
function remove(st: Detection, m: number, r: PeriodTest): void {
  const { residual, origin } = st;
  const s =
    st.detrend === 'moving-average' ? r.means : testPeriod(residual.subarray(origin), m, 'moving-average', 0).means;
  for (let t = 0, p = ((-origin % m) + m) % m; t < residual.length; t++, p = p + 1 === m ? 0 : p + 1)
    residual[t] -= s[p];
}

const LESS_TREND: Record<SeasonDetrend, string> = {
  'moving-average': 'its centred moving average',
  difference: 'its previous value',
  none: 'its mean',
};

/** Tests the given or calendar periods, shortest first, removing each confirmed one before the next. */
function testList(
  st: Detection,
  list: readonly CalendarSeason[],
  source: SeasonSource,
  from: string,
  maxSeason: number,
): void {
  const n = st.residual.length;
  for (const c of list) {
    const m = c.period;
    const head = `${c.label} (${m}) ${from}`;
    if (n < 3 * m || m > maxSeason) {
      const why = n < 3 * m ? `needs 3 seasons (${3 * m} values), has ${n}` : `longer than maxSeason ${maxSeason}`;
      const none = { acf: Number.NaN, limit: Number.NaN, strength: 0, repeat: Number.NaN };
      st.tested.push({ ...c, ...none, source, confirmed: false, evidence: `${head}: not tested, ${why}` });
      continue;
    }
    const r = run(st, m, M4_TCRIT);
    const after = st.tested.some((s) => s.confirmed) ? ', shorter seasons removed' : '';
    const evidence = `${head}: ${stats(m, r, `90%, on the series less ${LESS_TREND[st.detrend]}${after}`)}`;
    const { acf, limit, strength, repeat } = r;
    st.tested.push({ ...c, source, confirmed: r.confirmed, acf, limit, strength, repeat, evidence });
    if (r.confirmed) remove(st, m, r);
  }
}

/** Searches the last SEARCH_WINDOW values for up to maxSeasons seasons (see detectSeasons). */
function search(st: Detection, maxSeason: number, maxSeasons: number): void {
  const n = st.residual.length;
  st.origin = Math.max(0, n - SEARCH_WINDOW);
  const L = Math.min(Math.floor(maxSeason), Math.floor((n - st.origin) / 3));
  if (L < 2) return;
  const tcrit = normalUpperQuantile(SEARCH_ALPHA / (L - 1));
  const note = `z = ${fmt(tcrit)}, Bonferroni over lags 2-${L}`;
  const found: number[] = [];
  for (let round = 0; round < maxSeasons; round++) {
    const window = st.residual.subarray(st.origin);
    const y = linearDetrend(window);
    const lags = Math.min(L + 1, y.length - 1);
    const { acf: level, power } = acfAndSpectrum(y, lags);
    const fftSize = acfFftSize(y.length, lags);
    if (fftSize >= st.work.fftSize) Object.assign(st.work, { method: 'fft', fftSize });
    // after a round: nothing near a found season or its low divisors; its multiples only where the
    // autocorrelation peaks among them (168 after 24), not on a slowly changing daily shape (48, 50)
    const keep = (k: number) =>
      found.every(
        (p) =>
          !nearMultiple(p, k, 1, 4) &&
          (!nearMultiple(k, p, 2) || (level[k] > level[k - p] && (k + p >= level.length || level[k] > level[k + p]))),
      );
    // candidates: autocorrelation peaks, periodogram lines, and the calendar periods that go with the
    // seasons found (168 once 24 is found, 365 once 7 is)
    const cands = new Set([...acfPeaks(level, L, keep), ...spectralPeaks(power, level, L, keep)]);
    for (const list of Object.values(CALENDAR_SEASONS))
      if (list.some((c) => found.includes(c.period)))
        for (const c of list) if (c.period <= L && !found.includes(c.period)) cands.add(c.period);
    const results = new Map([...cands].sort((a, b) => a - b).map((m) => [m, run(st, m, tcrit)] as const));
    const test = (m: number) => results.get(m) ?? (results.set(m, run(st, m, tcrit)).get(m) as PeriodTest);
    let best = -1;
    for (const [m, r] of results) if (r.confirmed && (best < 0 || r.acf > test(best).acf)) best = m;
    if (best < 0) {
      for (const [m, r] of results) st.tested.push(searched(m, r, note, ''));
      return;
    }
    const steps = [`the best peak, lag ${best}`];
    // prefer the calendar: snap to a calendar period within 1%, then take its family's shorter divisors
    // first, as with dates (24 before 168); otherwise prefer a confirmed divisor whose means carry nearly
    // all of the winner's pattern on the same series (7 rather than 21)
    const snap = CALENDAR_PERIODS.find((c) => Math.abs(best - c) <= 0.01 * c + 0.5);
    if (snap !== undefined && snap !== best && test(snap).confirmed) {
      best = snap;
      steps.push(`snapped to the calendar period ${snap}`);
    }
    const top = best;
    const family = Object.values(CALENDAR_SEASONS).find((list) => list.some((c) => c.period === top));
    if (family) {
      const q = family.find((c) => c.period < top && top % c.period === 0 && test(c.period).confirmed);
      if (q) {
        steps.push(`its calendar divisor ${q.period} taken first`);
        best = q.period;
      }
    } else {
      const { d, offset } = detrended(window, top, st.detrend);
      const share = phaseMeans(d, offset, top).strength * DIVISOR_SHARE;
      const basic = (m: number) =>
        m < top && nearMultiple(top, m, 2) && test(m).confirmed && phaseMeans(d, offset, m).strength >= share;
      const q = [...results.keys()].find(basic);
      if (q !== undefined) {
        steps.push(`its divisor ${q} carries its pattern`);
        best = q;
      }
    }
    for (const [m, r] of results) if (m !== best) st.tested.push(searched(m, r, note, `${best} was chosen`));
    st.tested.push(searched(best, test(best), `${note}; ${steps.join(', ')}`, ''));
    found.push(best);
    remove(st, best, test(best));
  }
}

/**
 * Finds the seasons of a series, each with its evidence. With the dates' frequency, each calendar period
 * (CALENDAR_SEASONS), shortest first, is tested on the series less its centred moving average of one period
 * (which removes the trend and keeps the season), after the shorter confirmed seasons' means are removed;
 * it is confirmed by testPeriod: r_m > 1.645·sqrt((1 + 2Σ_{k<m} ρ_k²)/n) as in the M4 test (ρ_k from the
 * series less the candidate season), at least MIN_STRENGTH of the variance, and a shape that repeats in
 * both halves (MIN_REPEAT). Without a calendar, a search over the last SEARCH_WINDOW values: the highest
 * autocorrelation peaks and periodogram lines of the linearly detrended series (one FFT, O(n log n)) are
 * tested the same way with the critical value corrected for the lags searched (Bonferroni); the strongest
 * confirmed one wins, snapped to a calendar period within 1%, or replaced by a confirmed divisor (its
 * calendar divisor: 24 before 168; or one carrying DIVISOR_SHARE of its pattern: 7 rather than 21); its
 * means are removed and the search repeats.
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
  if (!(detrend in LESS_TREND))
    throw new ConfigError(
      `detrend must be 'moving-average', 'difference' or 'none', got ${JSON.stringify(detrend)}`,
      where,
    );
  const maxSeason = options.maxSeason ?? Math.floor(n / 3);
  if (typeof maxSeason !== 'number' || !(maxSeason >= 0))
    throw new ConfigError(`maxSeason must be a non-negative number, got ${maxSeason}`, where);
  const st: Detection = { residual: x, origin: 0, detrend, work: { method: 'direct', fftSize: 0 }, tested: [] };
  let method: SeasonSource = 'search';
  if (options.candidates) {
    method = 'given';
    const list = [...options.candidates]
      .sort((a, b) => a - b)
      .map((p) => {
        if (!Number.isInteger(p) || p < 2) throw new ConfigError(`candidates must be integers >= 2, got ${p}`, where);
        return cal(p, `period ${p}`);
      });
    testList(st, list, method, 'given', maxSeason);
  } else {
    const calendar = options.frequency ? calendarSeasons(options.frequency) : null;
    if (calendar) {
      method = 'calendar';
      testList(st, calendar, method, `from the ${options.frequency?.name} dates`, maxSeason);
    } else search(st, maxSeason, options.maxSeasons ?? 3);
  }
  const { tested, work } = st;
  const seasons = tested.filter((s) => s.confirmed).sort((a, b) => b.strength - a.strength);
  const shortest = seasons.length ? minOf(seasons.map((s) => s.period)) : 1;
  const summary = seasons.length
    ? seasons.map((s) => `season ${s.period}: ${s.evidence}`).join('; ')
    : method === 'calendar' && tested.length === 0
      ? `no season: ${options.frequency?.name} data has no calendar season`
      : `no season${tested.length ? `: ${tested.map((s) => s.evidence).join('; ')}` : ': too short to search'}`;
  return { seasons, tested, shortest, method, work, summary };
}
