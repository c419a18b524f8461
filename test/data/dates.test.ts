// Dates: every accepted form, one form per column with errors naming the cell, calendar frequency
// (month lengths, missing steps, irregular evidence), future times and text per frequency.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DATE_FORMATS,
  type DateFormat,
  formatDate,
  futureTimes,
  inferFrequency,
  parseDateColumn,
  parseDateText,
  TWO_DIGIT_YEAR_PIVOT,
  utcTime,
} from '../../src/data/dates.js';
import { ConfigError, DataError } from '../../src/errors.js';
import { readCsvFile } from '../../src/node/csv-file.js';

const iso = (t: number) => new Date(t).toISOString();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

test('utcTime @example: years 0-99 stay years 0-99 (Date.UTC would give 1900-1999)', () => {
  assert.equal(iso(utcTime(1, 3)), '0001-03-01T00:00:00.000Z');
  assert.equal(utcTime(1981, 1, 2), Date.UTC(1981, 0, 2));
  assert.ok(Number.isNaN(utcTime(2010, 2, 29)));
  assert.equal(iso(utcTime(2012, 2, 29, 23, 59, 59, 5)), '2012-02-29T23:59:59.005Z');
});

test('parseDateText @example and every accepted form', () => {
  assert.equal(iso(parseDateText('1-Jan-81')).slice(0, 10), '1981-01-01');
  const cases: [string, string][] = [
    ['1885', '1885-01-01T00:00:00.000Z'], // a plain year
    ['1949-03', '1949-03-01T00:00:00.000Z'],
    ['1949/3', '1949-03-01T00:00:00.000Z'],
    ['1981-01-02', '1981-01-02T00:00:00.000Z'],
    ['1981/01/02', '1981-01-02T00:00:00.000Z'],
    ['2010-01-02 05:30', '2010-01-02T05:30:00.000Z'], // no zone: read as UTC
    ['2010-01-02T05:30:15', '2010-01-02T05:30:15.000Z'],
    ['2010-01-02T05:30:15.25Z', '2010-01-02T05:30:15.250Z'],
    ['2010-01-02T05:30:00+01:00', '2010-01-02T04:30:00.000Z'],
    ['2010-01-02T05:30:00-0230', '2010-01-02T08:00:00.000Z'],
    ['2010-Q1', '2010-01-01T00:00:00.000Z'],
    ['2010 Q4', '2010-10-01T00:00:00.000Z'],
    ['2010-W01', '2010-01-04T00:00:00.000Z'], // ISO week 1 holds January 4; it starts on Monday
    ['2009-W53', '2009-12-28T00:00:00.000Z'], // 2009 has 53 ISO weeks
    ['2020W01-3', '2020-01-01T00:00:00.000Z'], // Wednesday of week 1 of 2020
    ['3/14/2015', '2015-03-14T00:00:00.000Z'], // M/D/YYYY
    ['3/14/2015 13:05', '2015-03-14T13:05:00.000Z'],
    ['14/3/2015', '2015-03-14T00:00:00.000Z'], // a first field above 12 can only be a day
    ['1-Jan-81', '1981-01-01T00:00:00.000Z'], // Excel's D-Mon-YY
    ['31-Dec-29', '2029-12-31T00:00:00.000Z'], // pivot: 00-29 -> 20xx
    ['1-Jan-30', '1930-01-01T00:00:00.000Z'], //        30-99 -> 19xx
    ['5 September 2001', '2001-09-05T00:00:00.000Z'],
    ['1262304000', '2010-01-01T00:00:00.000Z'], // epoch seconds (10 digits)
    ['946684800', '2000-01-01T00:00:00.000Z'], // epoch seconds (9 digits)
    ['1262304000000', '2010-01-01T00:00:00.000Z'], // epoch milliseconds
    ['1-01', '0001-01-01T00:00:00.000Z'], // shampoo: year index 1, never 1901
    ['3-12', '0003-12-01T00:00:00.000Z'],
  ];
  for (const [text, want] of cases) assert.equal(iso(parseDateText(text)), want, text);
  assert.equal(iso(parseDateText('1-01', { baseYear: 2000 })), '2001-01-01T00:00:00.000Z');
  assert.equal(TWO_DIGIT_YEAR_PIVOT, 30);
  for (const bad of [
    '2010-13',
    '2010-02-30',
    '2010-W54',
    '2011-W53',
    '2010-Q5',
    '13/13/2010',
    '1-Foo-81',
    'hello',
    '12345',
    '20100101',
    '2010-01-02T25:00',
    '2010-01-02T05:00+1',
  ])
    assert.ok(Number.isNaN(parseDateText(bad)), bad);
});

test('parseDateColumn @example: shampoo dates become years 1-3, missing cells NaN', () => {
  const c = parseDateColumn(['1-01', '1-02', 'NA']);
  assert.deepEqual(
    c.times.slice(0, 2).map((t) => new Date(t).getUTCFullYear()),
    [1, 1],
  );
  assert.ok(Number.isNaN(c.times[2]));
  assert.equal(c.format, 'Y-MM');
  assert.equal(c.missing, 1);
  assert.match(c.reason, /year index.*not 19YY/);
});

test('parseDateColumn reads the bundled datasets in one form each', () => {
  const read = (file: string, col: string) =>
    readCsvFile(file, { columns: [col], categorical: [col] }).categorical[col] as string[];
  const airline = parseDateColumn(read('datasets/airline-passengers.csv', 'Month'));
  assert.equal(airline.format, 'YYYY-MM');
  assert.equal(iso(airline.times[143]), '1960-12-01T00:00:00.000Z');
  const shampoo = parseDateColumn(read('datasets/shampoo.csv', 'Month'));
  assert.equal(shampoo.format, 'Y-MM');
  assert.equal(iso(shampoo.times[0]), '0001-01-01T00:00:00.000Z');
  assert.equal(iso(shampoo.times[35]), '0003-12-01T00:00:00.000Z');
  const temps = parseDateColumn(read('datasets/daily-min-temperatures.csv', 'Date'));
  assert.equal(temps.format, 'YYYY-MM-DD');
  assert.equal(temps.times.length, 3650);
});

test('parseDateColumn chooses one form per column, with the reason', () => {
  const years = parseDateColumn(['1885', '1886', '1887']);
  assert.equal(years.format, 'YYYY');
  const epoch = parseDateColumn(['999999999', '1000000000']);
  assert.equal(epoch.format, 'epoch seconds'); // 9 and 10 digits in one column
  assert.match(epoch.reason, /4-digit integers are years/);
  const us = parseDateColumn(['1/2/2010', '1/3/2010']);
  assert.equal(us.format, 'M/D/YYYY');
  assert.match(us.reason, /month first.*D\/M\/YYYY/);
  assert.equal(iso(us.times[1]).slice(0, 10), '2010-01-03');
  const dayFirst = parseDateColumn(['1/2/2010', '1/3/2010', '13/3/2010']);
  assert.equal(dayFirst.format, 'D/M/YYYY'); // row 3 cannot be month first, so the whole column is day first
  assert.deepEqual(
    dayFirst.times.map((t) => iso(t).slice(0, 10)),
    ['2010-02-01', '2010-03-01', '2010-03-13'],
  );
  const given = parseDateColumn(['1/2/2010'], { format: 'D/M/YYYY' });
  assert.equal(iso(given.times[0]).slice(0, 10), '2010-02-01');
  const excel = parseDateColumn(['1-Jan-81', '2-Jan-81']);
  assert.equal(excel.format, 'D-Mon-YY');
  assert.match(excel.reason, /pivot/);
  assert.equal(parseDateColumn(['2010-W52', '2010-W53'.replace('53', '01')]).format, 'YYYY-Www');
  assert.equal(parseDateColumn(['2010-Q1', '2010-Q2']).format, 'YYYY-Qn');
  const zones = parseDateColumn(['2010-01-01 00:00', '2010-01-01T01:00:00Z']);
  assert.equal(zones.format, 'ISO 8601 date-time');
  assert.equal(zones.times[1] - zones.times[0], HOUR);
  for (const f of DATE_FORMATS) assert.equal(typeof f, 'string');
});

test('parseDateColumn names the first cell that does not fit, trimmed, with the form and why', () => {
  assert.throws(
    () => parseDateColumn(['2010-01-01', '2010-01-02', '2010-13-01'], { name: 'Date', firstRow: 2 }),
    (e: Error) =>
      e instanceof DataError &&
      /row 4, column 'Date': "2010-13-01" does not fit the date form YYYY-MM-DD, chosen because rows 2-3 fit it/.test(
        e.message,
      ),
  );
  const long = `2010-01-0${'x'.repeat(100)}`;
  assert.throws(
    () => parseDateColumn(['2010-01-01', long]),
    (e: Error) => e.message.includes(`"${long.slice(0, 57)}..."`) && !e.message.includes('x'.repeat(58)),
  );
  // 'M/D/YYYY' and 'D/M/YYYY' both fit the first cell; the one that fits more rows is named
  assert.throws(
    () => parseDateColumn(['1/2/2010', '13/2/2010', '2/13/2010']),
    /row 3: "2\/13\/2010" does not fit the date form D\/M\/YYYY, chosen because rows 1-2 fit it \(it fits more leading rows than M\/D\/YYYY\)/,
  );
  assert.throws(() => parseDateColumn(['NA', 'soon']), /row 2: "soon" is not a date in any accepted form/);
  assert.throws(() => parseDateColumn(['', 'NA']), /no values/);
  assert.throws(() => parseDateColumn(['2010'], { format: 'YYYY-QQ' as DateFormat }), ConfigError);
  assert.throws(
    () => parseDateColumn(['2010-01'], { format: 'YYYY' }),
    /does not fit the date form YYYY, chosen because it was given/,
  );
});

const days = (start: string, n: number, skip: number[] = []) => {
  const t0 = Date.parse(start);
  return Array.from({ length: n }, (_, i) => t0 + i * DAY).filter((_, i) => !skip.includes(i));
};

test('inferFrequency @example: month ends are monthly; calendar units whatever the month lengths', () => {
  assert.equal(inferFrequency([Date.UTC(2000, 0, 31), Date.UTC(2000, 1, 29), Date.UTC(2000, 2, 31)]).name, 'monthly');
  const months = Array.from({ length: 30 }, (_, i) => Date.UTC(2000, i, 1));
  assert.deepEqual(
    { ...inferFrequency(months), evidence: '' },
    { name: 'monthly', unit: 'month', step: 1, gaps: 0, missing: 0, offGrid: 0, evidence: '' },
  );
  assert.equal(inferFrequency(Array.from({ length: 9 }, (_, i) => Date.UTC(2000, 3 * i, 1))).name, 'quarterly');
  const years = parseDateColumn(['1885', '1886', '1888', '1889']).times;
  const y = inferFrequency(years);
  assert.equal(y.name, 'yearly');
  assert.equal(y.missing, 1);
  assert.equal(inferFrequency(parseDateColumn(['1-01', '1-02', '1-03']).times).name, 'monthly');
  assert.equal(inferFrequency(parseDateColumn(['2010-W01', '2010-W02', '2010-W03']).times).name, 'weekly');
  const hourly = parseDateColumn(['1262304000', '1262307600', '1262311200']).times;
  assert.equal(inferFrequency(hourly).name, 'hourly');
  const quarterHours = Array.from({ length: 10 }, (_, i) => i * 15 * 60_000);
  const q = inferFrequency(quarterHours);
  assert.deepEqual([q.name, q.unit, q.step], ['fixed', 'ms', 15 * 60_000]);
  assert.match(q.evidence, /9 intervals: 9 of 15 minutes/);
});

test('inferFrequency tolerates a few missing steps and reports them (daily temperatures skip two Dec 31s)', () => {
  const temps = parseDateColumn(
    readCsvFile('datasets/daily-min-temperatures.csv', { columns: ['Date'], categorical: ['Date'] }).categorical
      .Date as string[],
  ).times;
  const f = inferFrequency(temps);
  assert.equal(f.name, 'daily');
  assert.equal(f.missing, 2);
  assert.equal(f.evidence, '3649 intervals: 3647 of 1 day, 2 gaps (2 missing steps)');
  // zoned daily data shifts by an hour across daylight saving time and stays daily
  const dst = days('2020-03-25T00:00:00Z', 10).map((t, i) => (i >= 5 ? t - HOUR : t));
  assert.equal(inferFrequency(dst).name, 'daily');
});

test('inferFrequency says irregular, with the evidence, when there is no grid', () => {
  const back = inferFrequency([0, DAY, DAY]);
  assert.equal(back.name, 'irregular');
  assert.match(back.evidence, /time 2 repeats time 1/);
  const jitter = Array.from({ length: 20 }, (_, i) => i * DAY + (i % 3) * 7 * HOUR);
  const j = inferFrequency(jitter);
  assert.equal(j.name, 'irregular');
  assert.match(j.evidence, /off the grid/);
  const sparse = inferFrequency(days('2020-01-01T00:00:00Z', 20, [1, 2, 3, 5, 6, 7, 9, 10]));
  assert.equal(sparse.name, 'irregular');
  assert.match(sparse.evidence, /more than 20% of the grid's steps are missing/);
  assert.throws(() => inferFrequency([1]), DataError);
  assert.throws(() => inferFrequency([0, Number.NaN, 2]), /time 1 is NaN/);
});

test('futureTimes @example: month ends stay month ends; days of month are kept and clamped', () => {
  const ends = [Date.UTC(2000, 0, 31), Date.UTC(2000, 1, 29)];
  const iso10 = (ts: number[]) => ts.map((t) => iso(t).slice(0, 10));
  assert.deepEqual(iso10(futureTimes(ends, inferFrequency(ends), 2)), ['2000-03-31', '2000-04-30']);
  const on30 = [Date.UTC(2001, 0, 30), Date.UTC(2001, 1, 28), Date.UTC(2001, 2, 30)];
  assert.deepEqual(iso10(futureTimes(on30, inferFrequency(on30), 2)), ['2001-04-30', '2001-05-30']);
  const lastFeb = on30.slice(0, 2); // the anchor is the 30th, not February's clamped 28th
  assert.deepEqual(iso10(futureTimes(lastFeb, inferFrequency(on30), 1)), ['2001-03-30']);
  const shampoo = parseDateColumn(['3-11', '3-12']).times;
  const fs = inferFrequency(shampoo);
  assert.deepEqual(
    futureTimes(shampoo, fs, 2).map((t) => formatDate(t, fs, 'Y-MM')),
    ['4-01', '4-02'],
  );
  const quarters = parseDateColumn(['2010-Q3', '2010-Q4']);
  const fq = inferFrequency(quarters.times);
  assert.deepEqual(
    futureTimes(quarters.times, fq, 2).map((t) => formatDate(t, fq)),
    ['2011-Q1', '2011-Q2'],
  );
  const hours = [Date.UTC(2020, 2, 29, 0), Date.UTC(2020, 2, 29, 1)]; // across a European DST change: still +1 h
  const fh = inferFrequency(hours);
  assert.deepEqual(
    futureTimes(hours, fh, 2).map((t) => formatDate(t, fh)),
    ['2020-03-29 02:00', '2020-03-29 03:00'],
  );
  assert.deepEqual(futureTimes(hours, fh, 0), []);
  assert.throws(() => futureTimes(hours, fh, -1), ConfigError);
  assert.throws(() => futureTimes(hours, inferFrequency([0, 0]), 1), /regular frequency/);
});

test('formatDate @example and the form per frequency or input format', () => {
  const monthly = inferFrequency([Date.UTC(1960, 11, 1), Date.UTC(1961, 0, 1)]);
  assert.equal(formatDate(Date.UTC(1961, 0, 1), monthly), '1961-01');
  assert.equal(formatDate(utcTime(2, 7), monthly), '2-07'); // a year index prints back as Y-MM
  const yearly = inferFrequency(parseDateColumn(['1885', '1886']).times);
  assert.equal(formatDate(utcTime(1887, 1), yearly), '1887');
  const daily = inferFrequency([0, DAY]);
  assert.equal(formatDate(Date.UTC(1991, 0, 1), daily), '1991-01-01');
  const weekly = parseDateColumn(['2009-W52', '2009-W53']);
  const fw = inferFrequency(weekly.times);
  assert.equal(formatDate(futureTimes(weekly.times, fw, 1)[0], fw, weekly.format), '2010-W01');
  assert.equal(formatDate(futureTimes(weekly.times, fw, 1)[0], fw), '2010-01-04');
  const seconds = inferFrequency([0, 1500]);
  assert.equal(formatDate(1500, seconds), '1970-01-01 00:00:01.500');
  assert.equal(formatDate(Number.NaN, daily), 'NA');
});
