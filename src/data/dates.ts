// Dates: text to UTC milliseconds with one format chosen per column (parseDateColumn), the calendar
// frequency of a time column (inferFrequency), its next times (futureTimes) and text per frequency
// (formatDate). Wall-clock times without a zone are read as UTC, so there is no daylight saving time.

import { ConfigError, DataError } from '../errors.js';
import { NA_TOKENS } from './missing.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** The mean Gregorian month, 365.2425 / 12 days. */
const MEAN_MONTH = (365.2425 / 12) * DAY;

/**
 * Two-digit years (the Excel-style `D-Mon-YY` and `M/D/YY`): 00-29 are 2000-2029 and 30-99 are
 * 1930-1999, Excel's default pivot.
 */
export const TWO_DIGIT_YEAR_PIVOT = 30;

/** The date forms lstmkit reads, by the pattern users see in messages. */
export const DATE_FORMATS = [
  'YYYY',
  'YYYY-MM',
  'YYYY-MM-DD',
  'ISO 8601 date-time',
  'YYYY-Qn',
  'YYYY-Www',
  'M/D/YYYY',
  'D/M/YYYY',
  'D-Mon-YY',
  'epoch seconds',
  'epoch milliseconds',
  'Y-MM',
] as const;
/** One of DATE_FORMATS. */
export type DateFormat = (typeof DATE_FORMATS)[number];

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m1: number) => (m1 === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m1) ? 30 : 31);

/**
 * UTC milliseconds of a proleptic-Gregorian date and time (month 1-12). Unlike Date.UTC, years 0-99
 * stay years 0-99 (the `Y-MM` year index). NaN when a field is out of range (e.g. February 30).
 * @example new Date(utcTime(1, 3)).toISOString()  //=> '0001-03-01T00:00:00.000Z'
 */
export function utcTime(year: number, month: number, day = 1, hour = 0, minute = 0, second = 0, ms = 0): number {
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 60)
    return Number.NaN;
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, ms);
  return d.getTime();
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const monthOfName = (s: string) => {
  const k = s.toLowerCase();
  const i = MONTHS.indexOf(k.slice(0, 3));
  const full = [
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
  ];
  return i >= 0 && (k.length === 3 || full[i] === k || (i === 8 && k === 'sept')) ? i + 1 : Number.NaN;
};
const fullYear = (s: string) =>
  s.length === 2 ? (Number(s) < TWO_DIGIT_YEAR_PIVOT ? 2000 : 1900) + Number(s) : Number(s);
const fraction = (s: string | undefined) => (s ? Math.round(Number(`0.${s}`) * 1000) : 0);

/** Monday 00:00 UTC of ISO week 1 of an ISO year (the week holding January 4). */
function isoWeekOne(year: number): number {
  const jan4 = utcTime(year, 1, 4);
  return jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
}

/** ISO year and week (1-53) of a time. */
function isoWeekOf(t: number): [number, number] {
  const dow = (new Date(t).getUTCDay() + 6) % 7;
  const thursday = Math.floor(t / DAY) * DAY + (3 - dow) * DAY;
  const year = new Date(thursday).getUTCFullYear();
  return [year, 1 + Math.floor((thursday - isoWeekOne(year)) / WEEK)];
}

interface FormatRule {
  re: RegExp;
  parse(m: RegExpExecArray, baseYear: number): number;
}

const ZONE = /^(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const zoneOffset = (z: string | undefined): number => {
  if (!z || z.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z) as RegExpExecArray;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return (m[1] === '-' ? -1 : 1) * minutes * MINUTE;
};
const slashRule = (monthFirst: boolean): FormatRule => ({
  re: /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/,
  parse: (m) => {
    const [mo, d] = monthFirst ? [m[1], m[2]] : [m[2], m[1]];
    return utcTime(fullYear(m[3]), Number(mo), Number(d), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  },
});

/** How each format is recognized and read; the order is the priority when one cell fits several. */
const RULES: Record<DateFormat, FormatRule> = {
  YYYY: { re: /^(\d{4})$/, parse: (m) => utcTime(Number(m[1]), 1) },
  'YYYY-MM': { re: /^(\d{4})[-/](\d{1,2})$/, parse: (m) => utcTime(Number(m[1]), Number(m[2])) },
  'YYYY-MM-DD': {
    re: /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/,
    parse: (m) => utcTime(Number(m[1]), Number(m[3]), Number(m[4])),
  },
  'ISO 8601 date-time': {
    re: /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i,
    parse: (m) => {
      if (m[8] && !ZONE.test(m[8])) return Number.NaN;
      const t = utcTime(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
      return t + fraction(m[7]) - zoneOffset(m[8]);
    },
  },
  'YYYY-Qn': { re: /^(\d{4})\s*-?\s*Q([1-4])$/i, parse: (m) => utcTime(Number(m[1]), 3 * Number(m[2]) - 2) },
  'YYYY-Www': {
    re: /^(\d{4})-?W(\d{2})(?:-?([1-7]))?$/i,
    parse: (m) => {
      const y = Number(m[1]),
        w = Number(m[2]);
      if (w < 1 || w > isoWeekOf(utcTime(y, 12, 28))[1]) return Number.NaN;
      return isoWeekOne(y) + (w - 1) * WEEK + (Number(m[3] ?? 1) - 1) * DAY;
    },
  },
  'M/D/YYYY': slashRule(true),
  'D/M/YYYY': slashRule(false),
  'D-Mon-YY': {
    re: /^(\d{1,2})[-\s]([A-Za-z]{3,9})[-\s](\d{4}|\d{2})$/,
    parse: (m) => utcTime(fullYear(m[3]), monthOfName(m[2]), Number(m[1])),
  },
  'epoch seconds': { re: /^\d{9,10}$/, parse: (m) => Number(m[0]) * 1000 },
  'epoch milliseconds': { re: /^\d{12,13}$/, parse: (m) => Number(m[0]) },
  'Y-MM': { re: /^(\d{1,2})-(\d{1,2})$/, parse: (m, base) => utcTime(base + Number(m[1]), Number(m[2])) },
};

function parseAs(format: DateFormat, s: string, baseYear: number): number {
  const rule = RULES[format];
  const m = rule.re.exec(s);
  return m ? rule.parse(m, baseYear) : Number.NaN;
}

/** Options of parseDateText() and parseDateColumn(). */
export interface DateOptions {
  /** Year added to a `Y-MM` year index. Default 0: `'1-01'` is January of year 1, printed back as `1-01`. */
  baseYear?: number;
}

/**
 * Reads one date cell in the first accepted form it fits (see DATE_FORMATS; `M/D/YYYY` before
 * `D/M/YYYY`). NaN when it fits none. For a column prefer parseDateColumn(), which chooses one form
 * for all its cells and says which cell does not fit.
 * @example new Date(parseDateText('1-Jan-81')).toISOString().slice(0, 10)  //=> '1981-01-01'
 */
export function parseDateText(text: string, options: DateOptions = {}): number {
  const s = String(text).trim();
  const base = options.baseYear ?? 0;
  for (const f of DATE_FORMATS) {
    const t = parseAs(f, s, base);
    if (!Number.isNaN(t)) return t;
  }
  return Number.NaN;
}

/** Options of parseDateColumn(). */
export interface DateColumnOptions extends DateOptions {
  /** Read every cell in this form instead of choosing one. */
  format?: DateFormat;
  /** Cells read as missing (NaN). Default NA_TOKENS. */
  naTokens?: readonly string[];
  /** Column name for messages. */
  name?: string;
  /** Row number of the first cell in messages (e.g. 2 for a file line under a header). Default 1. */
  firstRow?: number;
}

/** A parsed date column. */
export interface DateColumn {
  /** UTC milliseconds; NaN for a missing cell. */
  times: number[];
  /** The one form every cell was read in. */
  format: DateFormat;
  /** Why that form: e.g. "every date has the form YYYY-MM". */
  reason: string;
  /** Missing cells. */
  missing: number;
}

const NOTES: Partial<Record<DateFormat, string>> = {
  'D-Mon-YY': `; two-digit years 00-${TWO_DIGIT_YEAR_PIVOT - 1} are 20xx and ${TWO_DIGIT_YEAR_PIVOT}-99 are 19xx (Excel's pivot)`,
  'M/D/YYYY': '; no first field is above 12, so month first (US order) was assumed: pass format D/M/YYYY for day first',
  'D/M/YYYY': ' and some first field is above 12, so day first',
  'epoch seconds':
    ': 9- or 10-digit integers are seconds since 1970-01-01 UTC (4-digit integers are years, 12-13 digits milliseconds)',
  'epoch milliseconds': ': 12- or 13-digit integers are milliseconds since 1970-01-01 UTC',
  'Y-MM': ': a 1-2 digit year index and a month, kept as that year of the calendar (not 19YY) and printed back as Y-MM',
};

const clip = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);

/**
 * Parses a column of date cells, choosing one form for the whole column: among the forms the first
 * non-missing cell fits (in DATE_FORMATS order), the first that every cell fits. When none fits every
 * cell, throws a DataError naming the first cell that does not fit the form that fits the most leading
 * cells: its row, its text (at most 60 characters), the form and why it was chosen.
 * @example parseDateColumn(['1-01', '1-02', 'NA']).times.slice(0, 2).map((t) => new Date(t).getUTCFullYear())  //=> [1, 1]
 */
export function parseDateColumn(
  cells: ArrayLike<string | null | undefined>,
  options: DateColumnOptions = {},
): DateColumn {
  const where = 'parseDateColumn()';
  const na = new Set(options.naTokens ?? NA_TOKENS);
  const base = options.baseYear ?? 0;
  const first = options.firstRow ?? 1;
  const col = options.name !== undefined ? `, column '${options.name}'` : '';
  const text: (string | null)[] = Array.from(cells, (c) => {
    const s = c == null ? '' : String(c).trim();
    return na.has(s) ? null : s;
  });
  const k0 = text.findIndex((s) => s !== null);
  if (k0 < 0) throw new DataError(`the date column${col} has no values (all ${text.length} cells are missing)`, where);
  if (options.format !== undefined && !(DATE_FORMATS as readonly string[]).includes(options.format))
    throw new ConfigError(
      `unknown date format ${JSON.stringify(options.format)}; expected one of: ${DATE_FORMATS.join(', ')}`,
      where,
    );
  const candidates = options.format
    ? [options.format]
    : DATE_FORMATS.filter((f) => !Number.isNaN(parseAs(f, text[k0] as string, base)));
  if (candidates.length === 0)
    throw new DataError(
      `row ${first + k0}${col}: ${clip(text[k0] as string)} is not a date in any accepted form (${DATE_FORMATS.join(', ')})`,
      where,
    );
  let best = { format: candidates[0], fail: -1, times: [] as number[] };
  for (const format of candidates) {
    const times = new Array<number>(text.length);
    let fail = -1;
    for (let i = 0; i < text.length && fail < 0; i++) {
      const s = text[i];
      times[i] = s === null ? Number.NaN : parseAs(format, s, base);
      if (s !== null && Number.isNaN(times[i])) fail = i;
    }
    if (fail < 0) {
      const missing = text.length - text.filter((s) => s !== null).length;
      const alsoDayFirst =
        format === 'M/D/YYYY' && text.every((s) => s === null || !Number.isNaN(parseAs('D/M/YYYY', s, base)));
      const note = format === 'M/D/YYYY' && !alsoDayFirst ? '' : (NOTES[format] ?? '');
      const how = options.format ? `format ${format} was given` : `every date has the form ${format}${note}`;
      return { times, format, reason: how, missing };
    }
    if (fail > best.fail) best = { format, fail, times };
  }
  const bad = best.fail;
  const why = options.format
    ? 'it was given as format'
    : `rows ${first}-${first + bad - 1} fit it${candidates.length > 1 ? ` (it fits more leading rows than ${candidates.filter((f) => f !== best.format).join(', ')})` : ''}`;
  throw new DataError(
    `row ${first + bad}${col}: ${clip(text[bad] as string)} does not fit the date form ${best.format}, chosen because ${why}`,
    where,
  );
}

/** The calendar frequencies; `fixed` is any other regular step, `irregular` has none. */
export type FrequencyName = 'hourly' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly' | 'fixed' | 'irregular';

/** The frequency of a time column, with the evidence. */
export interface Frequency {
  name: FrequencyName;
  /** `month`: steps in calendar months (monthly 1, quarterly 3, yearly 12); `ms`: a fixed step. */
  unit: 'month' | 'ms';
  /** The step in `unit`; for `irregular`, the median interval in ms. */
  step: number;
  /** Intervals longer than one step that are whole multiples of it. */
  gaps: number;
  /** Steps missing inside those gaps. */
  missing: number;
  /** Intervals that are not whole multiples of the step. */
  offGrid: number;
  /** How the frequency was read, e.g. "3649 intervals: 3647 of 1 day, 2 gaps (2 missing steps)". */
  evidence: string;
}

/** At most this share of intervals may be off the grid (not whole steps) in a regular series. */
export const MAX_OFF_GRID_SHARE = 0.01;
/** At most this share of the grid's steps may be missing in a regular series. */
export const MAX_MISSING_SHARE = 0.2;

const monthIndex = (t: number) => {
  const d = new Date(t);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};

function describeStep(unit: 'month' | 'ms', step: number): string {
  if (unit === 'month') return step === 1 ? '1 month' : `${step} months`;
  for (const [ms, word] of [
    [WEEK, 'week'],
    [DAY, 'day'],
    [HOUR, 'hour'],
    [MINUTE, 'minute'],
    [1000, 'second'],
  ] as const) {
    if (step % ms === 0) return step === ms ? `1 ${word}` : `${step / ms} ${word}s`;
  }
  return `${step} ms`;
}

/**
 * The calendar frequency of increasing UTC times: monthly, quarterly and yearly counted in calendar
 * months (so month lengths do not matter), otherwise the most common interval (hourly, daily, weekly or
 * another fixed step in ms). A few missing steps are tolerated and counted; the series is `irregular`
 * (with the evidence) when times do not increase, more than MAX_OFF_GRID_SHARE of the intervals are not
 * whole steps, or more than MAX_MISSING_SHARE of the grid is missing.
 * @example inferFrequency([Date.UTC(2000, 0, 31), Date.UTC(2000, 1, 29), Date.UTC(2000, 2, 31)]).name  //=> 'monthly'
 */
export function inferFrequency(times: ArrayLike<number>): Frequency {
  const where = 'inferFrequency()';
  const n = times.length;
  if (n < 2) throw new DataError(`needs at least 2 times to see a step, got ${n}`, where);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(times[i]))
      throw new DataError(`time ${i} is ${times[i]}; drop or fill rows without a date first`, where);
  }
  const diffs = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) {
    diffs[i - 1] = times[i] - times[i - 1];
    if (diffs[i - 1] <= 0) {
      const what = diffs[i - 1] === 0 ? 'repeats' : 'comes before';
      return {
        name: 'irregular',
        unit: 'ms',
        step: Number.NaN,
        gaps: 0,
        missing: 0,
        offGrid: 0,
        evidence: `times do not increase: time ${i} ${what} time ${i - 1}`,
      };
    }
  }
  const median = Float64Array.from(diffs).sort()[(n - 1) >> 1];
  let unit: 'month' | 'ms' = 'ms',
    step: number;
  let intervals: (i: number) => number; // whole steps in interval i, or NaN when off the grid
  if (median >= 27 * DAY) {
    unit = 'month';
    step = Math.max(1, Math.round(median / MEAN_MONTH));
    intervals = (i) => {
      const months = monthIndex(times[i + 1]) - monthIndex(times[i]);
      const close = Math.abs(diffs[i] - months * MEAN_MONTH) <= 4 * DAY;
      return months > 0 && months % step === 0 && close ? months / step : Number.NaN;
    };
  } else {
    const counts = new Map<number, number>();
    for (const d of diffs) counts.set(d, (counts.get(d) ?? 0) + 1);
    step = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
    const tol = step >= DAY ? HOUR : 0; // a zoned daily series may shift by an hour across DST
    intervals = (i) => {
      const k = Math.round(diffs[i] / step);
      return k >= 1 && Math.abs(diffs[i] - k * step) <= tol ? k : Number.NaN;
    };
  }
  let gaps = 0,
    missing = 0,
    offGrid = 0;
  for (let i = 0; i < n - 1; i++) {
    const k = intervals(i);
    if (Number.isNaN(k)) offGrid++;
    else if (k > 1) {
      gaps++;
      missing += k - 1;
    }
  }
  const name: FrequencyName =
    unit === 'month'
      ? (({ 1: 'monthly', 3: 'quarterly', 12: 'yearly' } as Record<number, FrequencyName>)[step] ?? 'fixed')
      : (({ [HOUR]: 'hourly', [DAY]: 'daily', [WEEK]: 'weekly' } as Record<number, FrequencyName>)[step] ?? 'fixed');
  const regular = n - 1 - gaps - offGrid;
  let evidence = `${n - 1} intervals: ${regular} of ${describeStep(unit, step)}`;
  if (gaps) evidence += `, ${gaps} gap${gaps > 1 ? 's' : ''} (${missing} missing step${missing > 1 ? 's' : ''})`;
  if (offGrid) evidence += `, ${offGrid} not a whole number of steps`;
  const grid = n + missing;
  if (offGrid > MAX_OFF_GRID_SHARE * (n - 1) || missing > MAX_MISSING_SHARE * grid) {
    const why =
      offGrid > MAX_OFF_GRID_SHARE * (n - 1)
        ? `more than ${MAX_OFF_GRID_SHARE * 100}% of intervals are off the grid`
        : `more than ${MAX_MISSING_SHARE * 100}% of the grid's steps are missing`;
    return { name: 'irregular', unit: 'ms', step: median, gaps, missing, offGrid, evidence: `${evidence}; ${why}` };
  }
  return { name, unit, step, gaps, missing, offGrid, evidence };
}

function checkFrequency(frequency: Frequency, where: string): void {
  if (frequency?.name === 'irregular' || !(frequency?.step > 0))
    throw new DataError(`needs a regular frequency, got ${frequency?.name}: ${frequency?.evidence}`, where);
}

/**
 * The next h times after a series at a frequency: calendar months keep the day of the month (clamped
 * to the month's length) or stay on month ends when the series is on month ends; fixed steps add
 * milliseconds (UTC, so no daylight saving time).
 * @example futureTimes([Date.UTC(2000, 0, 31), Date.UTC(2000, 1, 29)], inferFrequency([Date.UTC(2000, 0, 31), Date.UTC(2000, 1, 29)]), 2).map((t) => new Date(t).toISOString().slice(0, 10))  //=> ['2000-03-31', '2000-04-30']
 */
export function futureTimes(times: ArrayLike<number>, frequency: Frequency, h: number): number[] {
  const where = 'futureTimes()';
  checkFrequency(frequency, where);
  if (!Number.isInteger(h) || h < 0) throw new ConfigError(`h must be a non-negative integer, got ${h}`, where);
  const n = times.length;
  if (n < 1 || !Number.isFinite(times[n - 1]))
    throw new DataError('needs the series\u2019 times, ending with a finite one', where);
  const last = times[n - 1];
  if (frequency.unit === 'ms') return Array.from({ length: h }, (_, i) => last + (i + 1) * frequency.step);
  const recent = Array.from({ length: Math.min(n, 12) }, (_, i) => new Date(times[n - 1 - i]));
  const onEnds = recent.every((d) => d.getUTCDate() === daysIn(d.getUTCFullYear(), d.getUTCMonth() + 1));
  const anchor = Math.max(...recent.map((d) => d.getUTCDate()));
  const l = recent[0];
  const timeOfDay = last - utcTime(l.getUTCFullYear(), l.getUTCMonth() + 1, l.getUTCDate());
  return Array.from({ length: h }, (_, i) => {
    const k = l.getUTCFullYear() * 12 + l.getUTCMonth() + (i + 1) * frequency.step;
    const y = Math.floor(k / 12),
      m = (k % 12) + 1;
    return utcTime(y, m, onEnds ? daysIn(y, m) : Math.min(anchor, daysIn(y, m))) + timeOfDay;
  });
}

const pad = (v: number, w = 2) => String(v).padStart(w, '0');

/**
 * A time as text at the resolution of its frequency: yearly `YYYY`, quarterly `YYYY-Qn`, monthly
 * `YYYY-MM`, daily and weekly `YYYY-MM-DD`, finer steps `YYYY-MM-DD HH:MM[:SS]`. Given the column's
 * input format, `Y-MM` (year index), `YYYY-Www` and `YYYY-Qn` are printed back in that form; a monthly
 * time before year 100 is always a year index and prints as `Y-MM`.
 * @example formatDate(Date.UTC(1961, 0, 1), inferFrequency([Date.UTC(1960, 11, 1), Date.UTC(1961, 0, 1)]))  //=> '1961-01'
 */
export function formatDate(t: number, frequency: Frequency, format?: DateFormat): string {
  if (!Number.isFinite(t)) return 'NA';
  const d = new Date(t);
  const y = d.getUTCFullYear(),
    mo = d.getUTCMonth() + 1;
  if (format === 'YYYY-Www') {
    const [wy, w] = isoWeekOf(t);
    return `${wy}-W${pad(w)}`;
  }
  const ymd = `${pad(y, 4)}-${pad(mo)}-${pad(d.getUTCDate())}`;
  const monthsStep = frequency.unit === 'month' ? frequency.step : 0;
  if (format === 'Y-MM' || (y < 100 && monthsStep > 0 && monthsStep < 12)) return `${y}-${pad(mo)}`;
  if (format === 'YYYY' || monthsStep === 12) return pad(y, 4);
  if (format === 'YYYY-Qn' || monthsStep === 3) return `${pad(y, 4)}-Q${Math.ceil(mo / 3)}`;
  if (monthsStep > 0) return `${pad(y, 4)}-${pad(mo)}`;
  const step = frequency.name === 'irregular' ? (t % DAY === 0 ? DAY : 1000) : frequency.step;
  if (step % DAY === 0) return ymd;
  const hm = `${ymd} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  if (step % MINUTE === 0) return hm;
  const sec = `${hm}:${pad(d.getUTCSeconds())}`;
  return step % 1000 === 0 ? sec : `${sec}.${pad(d.getUTCMilliseconds(), 3)}`;
}
