// Wide series files (one series a row, M4 style): the pure parser and the Node streaming reader.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { parseWide, wideLineParser } from '../../src/data/wide.js';
import { DataError } from '../../src/errors.js';
import { readWideFile, streamWideFile } from '../../src/node/wide-file.js';

test('parseWide reads ragged rows, drops trailing empty cells and detects the header', () => {
  assert.deepEqual(parseWide('id,v1,v2\nA,1,2\nB,3,\n'), [
    { id: 'A', values: Float64Array.from([1, 2]) },
    { id: 'B', values: Float64Array.from([3]) },
  ]);
  // no header: the first line is data; quoted ids may hold commas and quotes
  const rows = parseWide('"a, ""b""",1.5,NA,2\n\nC,-1e3\r\n');
  assert.equal(rows[0].id, 'a, "b"');
  assert.deepEqual(Array.from(rows[0].values), [1.5, Number.NaN, 2]);
  assert.deepEqual(Array.from(rows[1].values), [-1000]);
  assert.equal(parseWide('x,1,2\n', { header: true }).length, 0);
  assert.equal(parseWide('V1;V2\nA;4\n', { delimiter: ';' })[0].values[0], 4);
  const parse = wideLineParser();
  assert.equal(parse('"V1","V2","V3"'), null);
  assert.deepEqual(parse('"H1","605","586"'), { id: 'H1', values: Float64Array.from([605, 586]) });
});

test('parseWide names the line, series and column of a bad cell', () => {
  assert.throws(
    () => parseWide('id,v1\nA,1\nB,x\n', { source: 'f.csv' }),
    (e: Error) => {
      assert.ok(e instanceof DataError);
      assert.match(e.message, /f\.csv.*line 3 \(series "B"\), column 2: "x" is not a number/);
      return true;
    },
  );
});

test('readWideFile reads the M4 files (gzip) and plain CSV alike; streamWideFile yields row by row', async () => {
  const weekly = await readWideFile('datasets/m4/Weekly-test.csv.gz');
  assert.equal(weekly.length, 359);
  assert.ok(weekly.every((s) => s.values.length === 13));
  assert.equal(weekly[0].id, 'W1');
  assert.equal(weekly[0].values[0], 35397.16);
  const hourly = await readWideFile('datasets/m4/Hourly-train.csv.gz');
  const lengths = hourly.map((s) => s.values.length);
  assert.deepEqual([hourly.length, Math.min(...lengths), Math.max(...lengths)], [414, 700, 960]);
  const dir = mkdtempSync(join(tmpdir(), 'lstmkit-wide-'));
  const text = '"V1","V2","V3"\n"A","1","2"\n"B","3",""\n';
  writeFileSync(join(dir, 'x.csv'), text);
  writeFileSync(join(dir, 'x.csv.gz'), gzipSync(text));
  const plain = await readWideFile(join(dir, 'x.csv'));
  assert.deepEqual(await readWideFile(join(dir, 'x.csv.gz')), plain);
  const ids: string[] = [];
  for await (const s of streamWideFile(join(dir, 'x.csv'))) ids.push(s.id);
  assert.deepEqual(ids, ['A', 'B']);
  await assert.rejects(readWideFile(join(dir, 'missing.csv')), DataError);
  await assert.rejects(readWideFile(dir), /not a regular file/);
});
