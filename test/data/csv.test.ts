// CSV: typed columns, dates (incl. the shampoo form), NA tokens, selection, errors naming row and column.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvColumn, csvRows, parseCsv, parseDate } from '../../src/data/csv.js';
import { ConfigError, DataError, FormatError } from '../../src/errors.js';
import { readCsvFile } from '../../src/node/csv-file.js';

test('parseDate @example and every accepted form', () => {
  assert.equal(new Date(parseDate('1949-03')).toISOString(), '1949-03-01T00:00:00.000Z');
  assert.equal(parseDate('1981-01-02'), Date.UTC(1981, 0, 2));
  assert.equal(parseDate('2010-01-02 05:30'), Date.UTC(2010, 0, 2, 5, 30));
  assert.equal(parseDate('2010-01-02T05:30:15'), Date.UTC(2010, 0, 2, 5, 30, 15));
  assert.equal(parseDate('2010-01-02T05:30:00+01:00'), Date.UTC(2010, 0, 2, 4, 30));
  // shampoo's year index is year 3 of the calendar, never 1903 (issue: '1-01' became 1901)
  assert.equal(new Date(parseDate('3-12')).getUTCFullYear(), 3);
  assert.equal(new Date(parseDate('3-12')).getUTCMonth(), 11);
  assert.equal(parseDate('1-Jan-81'), Date.UTC(1981, 0, 1)); // every form of parseDateText
  assert.equal(parseDate('1-01', 2000), Date.UTC(2001, 0, 1));
  for (const bad of ['2010-13', '2010-02-30', 'hello', '13/13/2010']) assert.ok(Number.isNaN(parseDate(bad)), bad);
});

test('parseCsv @example: shampoo-style dates and NA', () => {
  const t = parseCsv('Month,Sales\n1-01,266.0\n1-02,NA\n', { dateColumns: ['Month'] });
  assert.deepEqual(t.numeric.Sales, [266, Number.NaN]);
  assert.deepEqual(
    t.dates.Month.map((v) => [new Date(v).getUTCFullYear(), new Date(v).getUTCMonth()]),
    [
      [1, 0],
      [1, 1],
    ],
  );
  assert.equal(t.dateFormats.Month, 'Y-MM');
  assert.equal(t.rowCount, 2);
  assert.deepEqual(JSON.parse(JSON.stringify({ ...t, numeric: {} })).names, ['Month', 'Sales']);
});

test('parseCsv: categorical, selection, quotes, custom NA tokens, no header', () => {
  const text = 'a,"b",c\n1,"x, y",3\n2,,-4.5e1\n';
  const t = parseCsv(text, { columns: ['c', 'b'], categorical: ['b'] });
  assert.deepEqual(t.names, ['c', 'b']);
  assert.deepEqual(t.numeric, { c: [3, -45] });
  assert.deepEqual(t.categorical.b, ['x, y', null]);
  assert.deepEqual(parseCsv('a\n-\n1\n', { naTokens: ['-'] }).numeric.a, [Number.NaN, 1]);
  assert.deepEqual(parseCsv('1;2\n3;4\n', { header: false, delimiter: ';' }).numeric, {
    column1: [1, 3],
    column2: [2, 4],
  });
});

test('csvColumn / csvRows @examples', () => {
  assert.deepEqual(csvColumn(parseCsv('a,b\n1,2\n3,4\n'), 'b'), [2, 4]);
  assert.deepEqual(csvRows(parseCsv('a,b\n1,2\n3,4\n'), ['b', 'a']), [
    [2, 1],
    [4, 3],
  ]);
});

test('CSV errors name the row, line and column', () => {
  assert.throws(
    () => parseCsv('a,b\n1,2\n3,"4\n5,6\n'),
    (e: Error) => e instanceof FormatError && /unterminated at data row 2/.test(e.message),
  );
  assert.throws(
    () => parseCsv('a,b\n1,2\n3,oops\n'),
    (e: Error) =>
      e instanceof DataError && /data row 2 \(line 3\), column 'b': "oops" is not a decimal number/.test(e.message),
  );
  assert.throws(
    () => parseCsv('a,b\n1,2\n3\n'),
    (e: Error) => e instanceof DataError && /ragged rows: data row 2 \(line 3\) has 1 fields/.test(e.message),
  );
  assert.throws(
    () => parseCsv('d\n2010-99\n', { dateColumns: ['d'] }),
    (e: Error) => e instanceof DataError && /column 'd'.*not a date/.test(e.message),
  );
  assert.throws(
    () => parseCsv('a\n1\n', { columns: ['z'] }),
    (e: Error) => e instanceof ConfigError && /'z'.*has: a/.test(e.message),
  );
  assert.throws(
    () => parseCsv('a\n'),
    (e: Error) => e instanceof DataError && /no data rows/.test(e.message),
  );
  assert.throws(
    () => csvColumn(parseCsv('a\nx\n', { categorical: ['a'] }), 'a'),
    (e: Error) => e instanceof DataError && /categorical/.test(e.message),
  );
  assert.throws(
    () => parseCsv('a\n1\n', { source: 'f.csv', columns: ['q'] }),
    (e: Error) => /parseCsv\(f\.csv\)/.test(e.message),
  );
});

test('readCsvFile @example: the bundled datasets', () => {
  const air = readCsvFile('datasets/airline-passengers.csv', { dateColumns: ['Month'] });
  assert.equal(air.numeric.Passengers.length, 144);
  assert.equal(air.dates.Month[0], Date.UTC(1949, 0, 1));
  assert.equal(air.dates.Month[143], Date.UTC(1960, 11, 1));
  const sh = readCsvFile('datasets/shampoo.csv', { dateColumns: ['Month'] });
  assert.deepEqual([sh.numeric.Sales[0], sh.numeric.Sales[35]], [266, 646.9]);
  assert.equal(new Date(sh.dates.Month[35]).getUTCFullYear(), 3);
  const temps = readCsvFile('datasets/daily-min-temperatures.csv', { dateColumns: ['Date'] });
  assert.equal(temps.rowCount, 3650);
  assert.throws(
    () => readCsvFile('datasets/nope.csv'),
    (e: Error) => e instanceof DataError && /nope\.csv/.test(e.message),
  );
});
