// CSV cells and text that used to be read wrongly or reported misleadingly: hex and 1e39 cells,
// a 5 MB cell in a message, doubled carriage returns, a byte-order mark, NUL characters.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCsv } from '../../src/data/csv.js';
import { toNumbers } from '../../src/data/missing.js';
import { FLOAT32_MAX, parseNumberCell, quoteCell } from '../../src/data/number-cell.js';
import { DataError } from '../../src/errors.js';

function refused(text: string, pattern: RegExp, options = {}): string {
  let message = '';
  assert.throws(
    () => parseCsv(text, options),
    (e: unknown) => {
      assert.ok(e instanceof DataError, String(e));
      message = (e as Error).message;
      assert.match(message, pattern);
      return true;
    },
  );
  return message;
}

test('parseNumberCell reads decimal numbers only, within float32', () => {
  assert.equal(parseNumberCell(' -2.5e3 ').value, -2500);
  assert.equal(parseNumberCell('.5').value, 0.5);
  assert.equal(parseNumberCell('3.4028234663852886e38').value, FLOAT32_MAX);
  for (const s of ['0x8D', '0b101', '0o17', 'Infinity', '1_000', '1,5', '', '12abc'])
    assert.equal(parseNumberCell(s).problem, 'is not a decimal number', s);
  assert.match(parseNumberCell('1e39').problem ?? '', /beyond the float32 range/);
  assert.match(parseNumberCell('-4e38').problem ?? '', /beyond the float32 range/);
  assert.equal(parseNumberCell('1,5', { decimalComma: true }).value, 1.5);
  assert.equal(parseNumberCell('1.5', { decimalComma: true }).value, 1.5);
});

test('hex and 1e39 cells are refused with their row and column', () => {
  refused('t,y\n1,2\n2,0x8D\n', /data row 2 \(line 3\), column 'y': "0x8D" is not a decimal number/);
  refused('t,y\n1,2\n2,1e39\n', /data row 2 \(line 3\), column 'y': "1e39" is beyond the float32 range/);
  assert.throws(() => toNumbers(['1', '1e39']), /at index 1, "1e39", is beyond the float32 range/);
  assert.throws(() => toNumbers(['0x8D']), /"0x8D": not a number/);
});

test('a 5 MB cell is quoted in 40 characters and its length', () => {
  const big = 'x'.repeat(5_000_000);
  const message = refused(
    `t,y\n1,${big}\n`,
    /column 'y': "x{40}\.\.\." \(5000000 characters\) is not a decimal number/,
  );
  assert.ok(message.length < 250, `message of ${message.length} characters`);
  const wide = refused(`t,${big}\n1,a\n`, /column "x{40}\.\.\." \(5000000 characters\)/);
  assert.ok(wide.length < 250, `message of ${wide.length} characters`);
  assert.equal(quoteCell('ab'), '"ab"');
});

test('doubled carriage returns are line ends, not part of a date', () => {
  const t = parseCsv('Month,Sales\r\r\n1949-01,1\r\r\n1949-02,2\r\r\n', { dateColumns: ['Month'] });
  assert.deepEqual(t.numeric.Sales, [1, 2]);
  assert.deepEqual(t.dates.Month, [Date.UTC(1949, 0, 1), Date.UTC(1949, 1, 1)]);
});

test('a byte-order mark does not become part of the first column name', () => {
  const t = parseCsv('\uFEFFMonth,Sales\n1949-01,1\n', { dateColumns: ['Month'] });
  assert.deepEqual(t.names, ['Month', 'Sales']);
});

test('NUL characters (binary data, UTF-16 read as UTF-8) are named as such, not as a malformed quote', () => {
  refused(
    'PK\u0003\u0004\u0000\u0000"\u0001abc\n',
    /NUL character on line 1: this is binary data or UTF-16 text, not CSV/,
  );
  refused('a,b\n1,2\n3\u0000,4\n', /NUL character on line 3/);
});

test('a decimal comma in a comma-separated file gets a hint', () => {
  refused('t,y\n1,2,5\n', /has 3 fields but the header has 2 \(decimal commas in a comma-separated file\?/);
});
