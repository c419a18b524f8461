// Seasonality: the M4 organisers' test (golden values from statsmodels' acf, which matches R's acf),
// FFT autocorrelations, calendar seasons confirmed on real series, seasons found without dates, the
// cases the old detector got wrong, and the O(n log n) path.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { inferFrequency, parseDateColumn } from '../../src/data/dates.js';
import { fillMissing } from '../../src/data/missing.js';
import { ConfigError, DataError } from '../../src/errors.js';
import { acfAndSpectrum, acfMethod, autocorrelations, fft } from '../../src/forecast/acf.js';
import { lagCorrelation, m4Limit, normalUpperQuantile } from '../../src/forecast/season-test.js';
import {
  CALENDAR_PERIODS,
  calendarSeasons,
  detectSeasons,
  directAcf,
  rDefaultMaxLag,
  SEARCH_WINDOW,
  seasonalityTest,
} from '../../src/forecast/seasonality.js';
import { readCsvFile } from '../../src/node/csv-file.js';
import { Rng } from '../../src/rng.js';

const FIXTURES = 'test/fixtures/seasonality';
const airline = () => readCsvFile('datasets/airline-passengers.csv', { columns: ['Passengers'] }).numeric.Passengers;
const shampoo = () => readCsvFile('datasets/shampoo.csv', { columns: ['Sales'] }).numeric.Sales;
const dated = (file: string, date: string, value: string) => {
  const t = readCsvFile(file, { columns: [date, value], categorical: [date] });
  return { values: t.numeric[value], times: parseDateColumn(t.categorical[date] as string[]).times };
};
const m4 = (file: string) =>
  new Map(
    readFileSync(`${FIXTURES}/${file}`, 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const [id, ...values] = line.split(',');
        return [id, values.map(Number)] as const;
      }),
  );
/** The frequency of evenly spaced times at a step (M4 gives no dates, only the frequency). */
const every = (step: number, n = 10) => inferFrequency(Array.from({ length: n }, (_, i) => i * step));
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const periods = (d: ReturnType<typeof detectSeasons>) => d.seasons.map((s) => s.period).sort((a, b) => a - b);

test('seasonalityTest @example and the M4 limits', () => {
  assert.equal(
    seasonalityTest(
      Array.from({ length: 48 }, (_, t) => [5, 1, 2, 8][t % 4]),
      4,
    ),
    true,
  );
  assert.equal(m4Limit(new Float64Array([0, 0, 0]), 3, 100), 0.1645);
  assert.equal(rDefaultMaxLag(144), 21); // R: acf(AirPassengers) shows lags 1..21
  assert.equal(rDefaultMaxLag(5), 4);
  assert.deepEqual(Array.from(directAcf([1, 2, 1, 2], 1)), [-0.75]);
});

test('seasonalityTest matches statsmodels acf(adjusted=False) on airline and shampoo (m = 12)', () => {
  // python: acf(y, nlags=12, fft=False, adjusted=False); limit = 1.645/sqrt(n)*sqrt(1+2*sum(a[1:12]**2))
  const a = airline();
  const acfA = directAcf(a, 12);
  assert.ok(Math.abs(acfA[11] - 0.7603950422625556) < 1e-14);
  assert.ok(Math.abs(m4Limit(acfA, 12, a.length) - 0.5026490157231068) < 1e-14);
  assert.equal(seasonalityTest(a, 12), true);
  const s = shampoo();
  const acfS = directAcf(s, 12);
  assert.ok(Math.abs(acfS[11] - -0.0030481217078611334) < 1e-14);
  assert.ok(Math.abs(m4Limit(acfS, 12, s.length) - 0.6305113995486307) < 1e-14);
  assert.equal(seasonalityTest(s, 12), false);
});

test('seasonalityTest reproduces the M4 test on M4 Hourly series (golden values, make_fixtures.py)', () => {
  const golden = JSON.parse(readFileSync(`${FIXTURES}/m4-test.json`, 'utf8')) as Record<
    string,
    { n: number; lagMax: number; acf: number[]; limit: number; seasonal: boolean }
  >;
  const series = m4('m4-hourly.csv');
  assert.equal(Object.keys(golden).length, 6);
  for (const [id, g] of Object.entries(golden)) {
    const x = series.get(id) as number[];
    assert.equal(x.length, g.n, id);
    assert.equal(rDefaultMaxLag(x.length), g.lagMax, id);
    const r = directAcf(x, g.lagMax);
    for (let k = 0; k < g.lagMax; k++) assert.ok(Math.abs(r[k] - g.acf[k]) < 1e-12, `${id} r_${k + 1}`);
    assert.ok(Math.abs(m4Limit(r, 24, x.length) - g.limit) < 1e-12, id);
    assert.equal(seasonalityTest(x, 24), g.seasonal, id);
  }
  assert.equal(seasonalityTest(series.get('H272') as number[], 24), false); // the one of 414 that is not seasonal
});

test('seasonalityTest is false where the R code is: m <= 1, n < 3m, m beyond acf() default lags, constant', () => {
  const periodic = Array.from({ length: 300 }, (_, t) => Math.sin((2 * Math.PI * t) / 24));
  assert.equal(seasonalityTest(periodic, 24), true); // floor(10·log10 300) = 24
  assert.equal(seasonalityTest(periodic.slice(0, 71), 24), false); // n < 3m
  assert.equal(seasonalityTest(periodic.slice(0, 250), 24), false); // R's lag.max = 23 < 24: NA -> FALSE
  assert.equal(seasonalityTest(periodic, 1), false);
  assert.equal(seasonalityTest(periodic, 0), false);
  assert.equal(seasonalityTest(new Array(100).fill(3), 4), false);
  const rng = new Rng(7);
  const noise = Array.from({ length: 400 }, () => rng.normal());
  assert.equal(seasonalityTest(noise, 12), false);
});

test('seasonalityTest rejects a fractional season and missing values', () => {
  assert.throws(() => seasonalityTest([1, 2, 3], 52.18), ConfigError);
  assert.throws(() => seasonalityTest([1, Number.NaN, 3, 4, 5, 6], 2), DataError);
});

test('fft, autocorrelations, acfAndSpectrum @examples; the FFT path equals the direct sums', () => {
  const re = new Float64Array([1, 0, 0, 0]),
    im = new Float64Array(4);
  fft(re, im);
  assert.deepEqual(Array.from(re), [1, 1, 1, 1]);
  assert.throws(() => fft(new Float64Array(3), new Float64Array(3)), ConfigError);
  assert.deepEqual(Array.from(autocorrelations([1, 2, 1, 2], 1)), [1, -0.75]);
  assert.deepEqual(Array.from(acfAndSpectrum([1, -1, 1, -1], 1).power).map(Math.round), [0, 1, 0, 7, 16]);
  const rng = new Rng(11);
  const x = Array.from({ length: 3000 }, (_, t) => Math.sin(t / 5) + rng.normal());
  const work = { method: 'direct' as 'direct' | 'fft', fftSize: 0 };
  const viaFft = autocorrelations(x, 1000, work);
  assert.deepEqual(work, { method: 'fft', fftSize: 4096 });
  const direct = directAcf(x, 1000);
  for (let k = 1; k <= 1000; k++) assert.ok(Math.abs(viaFft[k] - direct[k - 1]) < 1e-12, `lag ${k}`);
  assert.ok(Math.abs(acfAndSpectrum(x, 1000).acf[7] - direct[6]) < 1e-12);
  assert.equal(acfMethod(3000, 5), 'direct');
  assert.throws(() => autocorrelations([1, 2, 3], 3), ConfigError);
  assert.throws(() => autocorrelations([1, Number.NaN, 3], 1), DataError);
  assert.equal(lagCorrelation(new Float64Array([1, -1, 1, -1]), 2), 0.5);
  assert.equal(normalUpperQuantile(0.05).toFixed(3), '1.645');
});

test('detectSeasons @example', () => {
  assert.equal(
    detectSeasons(Array.from({ length: 120 }, (_, t) => t + 10 * Math.sin((2 * Math.PI * t) / 12))).shortest,
    12,
  );
});

test('calendarSeasons: the calendar periods of each frequency', () => {
  const monthly = calendarSeasons({
    name: 'monthly',
    unit: 'month',
    step: 1,
    gaps: 0,
    missing: 0,
    offGrid: 0,
    evidence: '',
  });
  assert.deepEqual(
    monthly?.map((s) => s.period),
    [12],
  );
  assert.deepEqual(
    calendarSeasons(every(HOUR))?.map((s) => s.period),
    [24, 168],
  );
  assert.deepEqual(
    calendarSeasons(every(DAY))?.map((s) => [s.period, s.meanPeriod]),
    [
      [7, 7],
      [365, 365.25],
    ],
  );
  assert.deepEqual(
    calendarSeasons(every(7 * DAY))?.map((s) => s.period),
    [52],
  );
  assert.deepEqual(
    calendarSeasons(every(30 * 60_000))?.map((s) => s.period),
    [48, 336],
  );
  const twoMonths = inferFrequency(Array.from({ length: 6 }, (_, i) => Date.UTC(2000, 2 * i, 1)));
  assert.deepEqual(
    calendarSeasons(twoMonths)?.map((s) => s.period),
    [6],
  );
  assert.deepEqual(calendarSeasons(inferFrequency(parseDateColumn(['1885', '1886']).times)), []);
  assert.equal(calendarSeasons(every(5 * DAY)), null);
  assert.equal(calendarSeasons(inferFrequency([0, 1, 1])), null);
  assert.deepEqual(CALENDAR_PERIODS, [4, 7, 12, 24, 52, 168, 365]);
});

test('detectSeasons with dates: airline 12, shampoo none, daily temperatures 365 (not 7)', () => {
  const a = dated('datasets/airline-passengers.csv', 'Month', 'Passengers');
  const da = detectSeasons(a.values, { frequency: inferFrequency(a.times) });
  assert.deepEqual([da.method, periods(da), da.shortest], ['calendar', [12], 12]);
  assert.match(da.summary, /month of year \(12\) from the monthly dates: r_12 = 0\.846 > 0\.308/);
  const s = dated('datasets/shampoo.csv', 'Month', 'Sales');
  const ds = detectSeasons(s.values, { frequency: inferFrequency(s.times) });
  assert.deepEqual([periods(ds), ds.shortest], [[], 1]);
  assert.match(ds.summary, /^no season: month of year \(12\).*: not significant/);
  const t = dated('datasets/daily-min-temperatures.csv', 'Date', 'Temp');
  const dt = detectSeasons(t.values, { frequency: inferFrequency(t.times) });
  assert.deepEqual(periods(dt), [365]);
  assert.equal(dt.seasons[0].meanPeriod, 365.25);
  assert.ok(dt.seasons[0].strength > 0.5);
  const week = dt.tested.find((x) => x.period === 7);
  assert.match(week?.evidence ?? '', /day of week .*weaker than 0\.02/); // significant at 90%, but 0.4% of the variance
});

test('detectSeasons without dates finds the same: airline 12, shampoo none, temperatures 365', () => {
  const da = detectSeasons(airline());
  assert.deepEqual([da.method, periods(da)], ['search', [12]]);
  assert.deepEqual(periods(detectSeasons(shampoo())), []);
  const t = readCsvFile('datasets/daily-min-temperatures.csv', { columns: ['Temp'] }).numeric.Temp;
  const dt = detectSeasons(t);
  assert.deepEqual(periods(dt), [365]);
  assert.match(dt.seasons[0].evidence, /snapped to the calendar period 365|the best peak, lag 365/);
});

test('detectSeasons on Beijing PM2.5 (2010, hourly): 24 from the dates and without them', () => {
  const rows = readFileSync(`${FIXTURES}/pollution-2010.csv`, 'utf8').trim().split('\n').slice(1);
  const cells = rows.map((r) => r.split(','));
  const times = cells.map(([y, mo, d, h]) => Date.UTC(+y, +mo - 1, +d, +h));
  const pm = fillMissing(
    cells.map((c) => (c[4] === 'NA' ? Number.NaN : Number(c[4]))),
    { method: 'interpolate' },
  ) as number[];
  const frequency = inferFrequency(times);
  assert.equal(frequency.name, 'hourly');
  const withDates = detectSeasons(pm, { frequency });
  assert.deepEqual([periods(withDates), withDates.shortest], [[24], 24]);
  assert.match(withDates.tested[1].evidence, /hour of week \(168\).*weaker than 0\.02/);
  assert.deepEqual(periods(detectSeasons(pm)), [24]);
});

test('detectSeasons on M4 Hourly series: 24 (and 168 where the week shows), with the hourly calendar and without', () => {
  const series = m4('m4-hourly.csv');
  for (const id of ['H1', 'H2', 'H101', 'H151', 'H351']) {
    const x = series.get(id) as number[];
    const cal = detectSeasons(x, { frequency: every(HOUR) });
    const found = detectSeasons(x);
    assert.equal(cal.shortest, 24, id);
    assert.equal(found.shortest, 24, id);
    assert.deepEqual(periods(found), periods(cal), id);
  }
  assert.deepEqual(periods(detectSeasons(series.get('H151') as number[], { frequency: every(HOUR) })), [24, 168]);
  // the series the M4 test finds not seasonal at 24 has none on the calendar either
  assert.deepEqual(periods(detectSeasons(series.get('H272') as number[], { frequency: every(HOUR) })), []);
});

test('detectSeasons on M4 Weekly series: the year (52) where it repeats, none where it does not', () => {
  const series = m4('m4-weekly.csv');
  const weekly = every(7 * DAY);
  const w4 = detectSeasons(series.get('W4') as number[], { frequency: weekly });
  assert.deepEqual(periods(w4), [52]);
  assert.ok(Math.abs(w4.seasons[0].meanPeriod - 52.18) < 0.01);
  assert.deepEqual(periods(detectSeasons(series.get('W4') as number[])), [52]);
  for (const id of ['W1', 'W2']) {
    assert.deepEqual(periods(detectSeasons(series.get(id) as number[], { frequency: weekly })), [], id);
    assert.deepEqual(periods(detectSeasons(series.get(id) as number[])), [], id);
  }
});

/** The kinds of series the old detector got wrong (it found 23, 21, 8 and 337 for none, 7, 12 and 365). */
function issueCases() {
  const rng = new Rng(42);
  const days = (n: number) => Array.from({ length: n }, (_, t) => t * DAY);
  const noise = Array.from({ length: 1000 }, () => rng.normal());
  let walk = 0;
  const randomWalk = Array.from({ length: 1000 }, () => (walk += rng.normal()));
  const weekly = Array.from(
    { length: 730 },
    (_, t) => [0, 0.2, 0.1, 0.3, 0.5, 1.5, 1.2][t % 7] + 0.02 * t + 0.5 * rng.normal(),
  );
  const monthly = Array.from(
    { length: 120 },
    (_, t) => 100 + t + 10 * Math.sin((2 * Math.PI * t) / 12) + 3 * rng.normal(),
  );
  const yearAndWeek = Array.from(
    { length: 1500 },
    (_, t) => 10 * Math.sin((2 * Math.PI * t) / 365.25) + [0, 0, 0, 0, 0, 2, 2][t % 7] + 2 * rng.normal(),
  );
  return [
    { name: 'white noise (none)', values: noise, times: days(1000), want: [] },
    { name: 'random walk (none)', values: randomWalk, times: days(1000), want: [] },
    { name: 'daily with a weekly pattern (7)', values: weekly, times: days(730), want: [7] },
    {
      name: 'monthly with a year (12)',
      values: monthly,
      times: monthly.map((_, t) => Date.UTC(2000, t, 1)),
      want: [12],
    },
    { name: 'daily with a year and a week (7, 365)', values: yearAndWeek, times: days(1500), want: [7, 365] },
  ];
}

test('detectSeasons on the kinds the old detector got wrong: none, 7, 12, 365, with dates and without', () => {
  for (const c of issueCases()) {
    assert.deepEqual(
      periods(detectSeasons(c.values, { frequency: inferFrequency(c.times) })),
      c.want,
      `${c.name}, dates`,
    );
    assert.deepEqual(periods(detectSeasons(c.values)), c.want, `${c.name}, no dates`);
  }
});

test('detrending by the moving average is the measured choice: differences lose the year, a trend swamps the raw series', () => {
  const t = dated('datasets/daily-min-temperatures.csv', 'Date', 'Temp');
  const daily = inferFrequency(t.times);
  assert.deepEqual(periods(detectSeasons(t.values, { frequency: daily, detrend: 'difference' })), []);
  assert.deepEqual(periods(detectSeasons(t.values, { frequency: daily })), [365]);
  const monthly = issueCases()[3];
  const frequency = inferFrequency(monthly.times);
  assert.deepEqual(periods(detectSeasons(monthly.values, { frequency, detrend: 'none' })), []);
  assert.deepEqual(periods(detectSeasons(monthly.values, { frequency })), [12]);
});

test('detectSeasons runs in O(n log n): FFT autocorrelations of bounded size on a long search, none on the calendar', () => {
  const rng = new Rng(5);
  const n = SEARCH_WINDOW + 40_000;
  const x = new Float64Array(n);
  for (let t = 0; t < n; t++) x[t] = 3 * Math.sin((2 * Math.PI * t) / 24) + rng.normal();
  const search = detectSeasons(x, { maxSeasons: 1 });
  assert.deepEqual(periods(search), [24]);
  assert.deepEqual(search.work, { method: 'fft', fftSize: 2 ** 19 }); // the window's 2^18 values and lags to 2^18/3
  const calendar = detectSeasons(x, { frequency: every(HOUR) });
  assert.deepEqual(periods(calendar), [24]);
  assert.ok(calendar.work.fftSize <= 2 ** 18, `${calendar.work.fftSize}`); // Bartlett sums on a bounded window
  assert.equal(acfMethod(100_000, 33_333), 'fft'); // the direct sums would be 3.3e9 products
});

test('detectSeasons: options, missing values, short series and the evidence of each candidate', () => {
  const a = airline();
  const given = detectSeasons(a, { candidates: [6, 12] });
  assert.equal(given.method, 'given');
  assert.deepEqual(periods(given), [12]);
  assert.equal(given.tested.length, 2);
  const short = detectSeasons(a.slice(0, 30), { frequency: every(DAY) });
  assert.deepEqual(periods(short), []);
  assert.match(
    short.tested[1].evidence,
    /day of year \(365\) from the daily dates: not tested, needs 3 seasons \(1095 values\), has 30/,
  );
  assert.match(detectSeasons(a, { frequency: every(DAY), maxSeason: 6 }).tested[0].evidence, /longer than maxSeason 6/);
  const yearly = detectSeasons([1, 2, 3, 4, 5, 6], {
    frequency: inferFrequency(parseDateColumn(['1885', '1886']).times),
  });
  assert.equal(yearly.summary, 'no season: yearly data has no calendar season');
  assert.equal(detectSeasons([1, 2, 3]).summary, 'no season: too short to search');
  const irregular = detectSeasons(a, { frequency: inferFrequency([0, 1, 1]) }); // no calendar: a search
  assert.deepEqual([irregular.method, periods(irregular)], ['search', [12]]);
  assert.throws(() => detectSeasons([1, Number.NaN, 3]), /value 1 is NaN; fill missing values first/);
  assert.throws(() => detectSeasons(a, { detrend: 'loess' as 'none' }), ConfigError);
  assert.throws(() => detectSeasons(a, { candidates: [1.5] }), ConfigError);
  assert.throws(() => detectSeasons(a, { maxSeason: -1 }), ConfigError);
});
