// The playground's pasted CSV (web/paste.ts with lstmkit's number grammar), which then goes to the
// one forecaster: text or empty cells in the series column are refused with their rows instead of
// training on another column; decimal commas are read with ';' or tab separators; 200,000 rows work.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseNumberCell, quoteCell } from '../../src/data/number-cell.js';
import { parsePastedSeries } from '../../web/paste.js';
import { resolveForecastConfig } from '../../src/forecast/config.js';

const parse = (text: string) => parsePastedSeries(text, parseNumberCell, quoteCell);
const rows = (n: number, cell: (i: number) => string, sep = ',') =>
  `t${sep}sales\n${Array.from({ length: n }, (_, i) => `${i}${sep}${cell(i)}`).join('\n')}\n`;

test('a clean paste gives the last numeric column, labelled by the first', () => {
  const s = parse('month,sales,note\n2020-01,1.5,a\n2020-02,2,b\n2020-03,2.5,c\n');
  assert.deepEqual(s, { name: 'sales', values: [1.5, 2, 2.5], labels: ['2020-01', '2020-02', '2020-03'] });
});

test('a text cell in the series column is refused with its row, not replaced by the index column', () => {
  assert.throws(
    () => parse(rows(30, (i) => (i === 11 ? 'n/a' : String(i * 2)))),
    /the series column "sales" has 1 cell\(s\) that are not numbers \(row 12; row 12: "n\/a" is not a decimal number\)/,
  );
  assert.throws(
    () => parse(rows(30, (i) => (i % 2 ? 'x' : '1'))),
    /"sales" has 15 cell\(s\) that are not numbers \(row 2, 4, 6, 8, 10 and 10 more/,
  );
  assert.throws(() => parse(rows(30, (i) => (i === 3 ? '0x8D' : '1'))), /"0x8D" is not a decimal number/);
});

test('empty cells in the series column are named', () => {
  assert.throws(
    () => parse(rows(30, (i) => (i === 4 || i === 9 ? '' : '1'))),
    /"sales" has 2 empty cell\(s\) \(row 5, 10\)/,
  );
});

test("decimal commas are read with ';' or tab separators, and explained with ','", () => {
  assert.deepEqual(parse(rows(3, (i) => `${i},5`, ';')).values, [0.5, 1.5, 2.5]);
  assert.deepEqual(parse(rows(3, (i) => `${i},25`, '\t')).values, [0.25, 1.25, 2.25]);
  assert.throws(() => parse(rows(3, (i) => `${i},5`)), /row 1 has 3 fields but the header has 2: decimal commas\?/);
});

test('no column of numbers, or too few rows, is a clear error', () => {
  assert.throws(() => parse('a,b\nx,y\nz,w\n'), /no column of numbers; the header is: "a", "b"/);
  assert.throws(() => parse('a\n1\n'), /a header row and at least two data rows/);
});

test("200,000 pasted rows parse and resolve the forecaster's configuration without overflowing the call stack", () => {
  const s = parse(rows(200_000, (i) => (Math.sin(i / 50) * 10 + 20).toFixed(3)));
  assert.equal(s.values.length, 200_000);
  const { config } = resolveForecastConfig(s.values, {});
  assert.equal(config.test, 40_000);
  // the sine's period of 2π·50 ≈ 314 steps is longer than the lookback cap: it becomes a seasonal feature
  assert.ok(config.lookback <= 64, `lookback ${config.lookback}`);
});
