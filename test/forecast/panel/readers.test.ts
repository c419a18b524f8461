// Panel readers: long, wide and folder inputs (plain and .gz) into compact series on a time grid,
// streamed line by line, with sharding applied while reading.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { PanelBuilder, seriesTime, stepLabel } from '../../../src/data/panel.js';
import { csvField, splitCsvLine } from '../../../src/data/panel-csv.js';
import { longCsvReader, wideReader } from '../../../src/data/panel-readers.js';
import { inferFrequency } from '../../../src/data/dates.js';
import { shardOf } from '../../../src/forecast/panel/shard.js';
import { readPanel } from '../../../src/node/panel-files.js';

const dir = mkdtempSync(join(tmpdir(), 'lstmkit-panel-readers-'));
const H = 3_600_000;
const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');

test('splitCsvLine and csvField round-trip ids with commas and quotes', () => {
  const id = 'a,"b" c';
  assert.equal(csvField(id), '"a,""b"" c"');
  assert.deepEqual(splitCsvLine(`${csvField(id)},1.5`), [id, '1.5']);
  assert.deepEqual(splitCsvLine('x,2,3'), ['x', '2', '3']);
  assert.equal(csvField('plain'), 'plain');
});

test('longCsvReader groups rows by id, sorts them by time and keeps regular dates as start + frequency', () => {
  const b = new PanelBuilder();
  const r = longCsvReader(b, { id: 'store', date: 'when', value: 'y' });
  const t0 = Date.UTC(2021, 0, 1);
  const lines = [
    'store,when,y',
    `b,${iso(t0)},10`,
    `a,${iso(t0 + H)},2`,
    `a,${iso(t0)},1`,
    `b,${iso(t0 + H)},11`,
    `a,${iso(t0 + 2 * H)},3`,
  ];
  for (const l of lines) r.line(l);
  r.end();
  const p = b.finish();
  assert.deepEqual(
    p.series.map((s) => [s.id, Array.from(s.values), s.start]),
    [
      ['b', [10, 11], t0],
      ['a', [1, 2, 3], t0],
    ],
  );
  assert.equal(p.frequency?.name, 'hourly');
  assert.equal(p.dateFormat, 'ISO 8601 date-time');
  assert.equal(stepLabel(p, p.series[1], 3), '2021-01-01 03:00');
});

test('a missing step in the dates becomes NaN on the grid', () => {
  const b = new PanelBuilder();
  const t0 = Date.UTC(2021, 0, 1);
  for (const k of [0, 1, 3, 4]) b.addRow('s', t0 + k * H, k + 1);
  const s = b.finish().series[0];
  assert.deepEqual(Array.from(s.values), [1, 2, Number.NaN, 4, 5]);
});

test('monthly series on month ends keep month ends in the future', () => {
  const b = new PanelBuilder();
  const ends = [Date.UTC(2020, 0, 31), Date.UTC(2020, 1, 29), Date.UTC(2020, 2, 31), Date.UTC(2020, 3, 30)];
  for (const [k, t] of ends.entries()) b.addRow('m', t, k);
  const p = b.finish();
  assert.equal(p.frequency?.name, 'monthly');
  assert.equal(p.series[0].monthEnd, true);
  assert.equal(iso(seriesTime(p.series[0], 4, p.frequency!)), '2020-05-31T00:00:00Z');
  assert.equal(iso(seriesTime(p.series[0], 5, p.frequency!)), '2020-06-30T00:00:00Z');
  // the example of seriesTime's TSDoc
  const f = inferFrequency([Date.UTC(2020, 0, 31), Date.UTC(2020, 1, 29)]);
  assert.equal(
    seriesTime({ id: 'a', values: new Float64Array(2), start: Date.UTC(2020, 0, 31), monthEnd: true }, 1, f),
    Date.UTC(2020, 1, 29),
  );
});

test('wideReader reads M4-style lines; a bad line is that series error only', () => {
  const b = new PanelBuilder();
  const read = wideReader(b, { source: 'w.csv' });
  for (const l of ['"V1","V2","V3","V4"', '"H1","1","2","3"', '"H2","4","x",""', '"H3","5","6",""']) read(l);
  const p = b.finish();
  assert.deepEqual(
    p.series.map((s) => s.error ?? Array.from(s.values)),
    [[1, 2, 3], 'line 3 (series "H2"), column 3: "x" is not a number', [5, 6]],
  );
});

test('readPanel reads a long file, a wide .gz file and a folder of CSV files alike', async () => {
  const t0 = Date.UTC(2021, 0, 1);
  const rows = ['id,time,value'];
  for (const id of ['x', 'y'])
    for (let k = 0; k < 5; k++) rows.push(`${id},${iso(t0 + k * H)},${k * (id === 'x' ? 1 : 2)}`);
  writeFileSync(join(dir, 'long.csv'), `${rows.join('\n')}\n`);
  writeFileSync(join(dir, 'wide.csv.gz'), gzipSync('id,v1,v2,v3,v4,v5\nx,0,1,2,3,4\ny,0,2,4,6,8\n'));
  mkdirSync(join(dir, 'folder'));
  for (const id of ['x', 'y'])
    writeFileSync(
      join(dir, 'folder', `${id}.csv`),
      ['time,value', ...rows.filter((r) => r.startsWith(`${id},`)).map((r) => r.slice(2))].join('\n'),
    );
  writeFileSync(join(dir, 'folder', 'notes.md'), 'not a series');
  const long = await readPanel(join(dir, 'long.csv'), { id: 'id', date: 'time', value: 'value' });
  const wide = await readPanel(join(dir, 'wide.csv.gz'));
  const folder = await readPanel(join(dir, 'folder'), { date: 'time', value: 'value' });
  for (const p of [long, wide, folder])
    assert.deepEqual(
      p.series.map((s) => [s.id, Array.from(s.values)]),
      [
        ['x', [0, 1, 2, 3, 4]],
        ['y', [0, 2, 4, 6, 8]],
      ],
    );
  assert.equal(folder.frequency?.name, 'hourly');
  assert.equal(wide.frequency, undefined);
  const f32 = await readPanel(join(dir, 'wide.csv.gz'), { valueType: 'float32' });
  assert.ok(f32.series[0].values instanceof Float32Array);
});

test('readPanel keeps only the series of its shard', async () => {
  const ids = Array.from({ length: 40 }, (_, i) => `S${i}`);
  writeFileSync(join(dir, 'many.csv'), `${ids.map((id, i) => `${id},${i},${i + 1}`).join('\n')}\n`);
  const kept = (await readPanel(join(dir, 'many.csv'), { shard: { index: 1, count: 3 } })).series.map((s) => s.id);
  assert.deepEqual(
    kept,
    ids.filter((id) => shardOf(id, 3) === 1),
  );
  assert.ok(kept.length > 5 && kept.length < 25, `${kept.length} of 40 in shard 1/3`);
});

test('a missing column of a long file is an error of the whole input, naming the columns', async () => {
  writeFileSync(join(dir, 'cols.csv'), 'id,t,v\na,1,2\n');
  await assert.rejects(
    readPanel(join(dir, 'cols.csv'), { id: 'id', value: 'sales' }),
    /the value column 'sales' is not in .*cols\.csv; the columns are: id, t, v/,
  );
});
