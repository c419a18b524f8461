// Sharding: a stable, disjoint assignment by id; merging the shards' output folders gives the same
// summary, forecast.csv, per-series results and report pages as one run over the whole panel.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fnv1a, shardFilter, shardOf } from '../../../src/forecast/panel/shard.js';
import { mergePanelOutputs } from '../../../src/node/panel-merge.js';
import { forecastPanelToFolder } from '../../../src/node/panel-run.js';
import { readWideFile } from '../../../src/node/wide-file.js';

const dir = mkdtempSync(join(tmpdir(), 'lstmkit-panel-shards-'));

test('fnv1a is the 32-bit FNV-1a of UTF-8 bytes (published test vectors)', () => {
  assert.equal(fnv1a(''), 0x811c9dc5);
  assert.equal(fnv1a('a'), 0xe40c292c);
  assert.equal(fnv1a('foobar'), 0xbf9cf968);
  assert.equal(fnv1a('é'), fnv1a('\u00e9'));
  assert.equal(shardOf('H1', 4), 2);
});

test('shards are disjoint and cover every id', () => {
  const ids = Array.from({ length: 1000 }, (_, i) => `series-${i}`);
  const filters = Array.from({ length: 7 }, (_, i) => shardFilter({ index: i, count: 7 }));
  const sizes = filters.map((f) => ids.filter(f).length);
  assert.equal(
    ids.every((id) => filters.filter((f) => f(id)).length === 1),
    true,
  );
  assert.ok(Math.min(...sizes) > 100 && Math.max(...sizes) < 190, sizes.join(' '));
  assert.throws(() => shardFilter({ index: 3, count: 3 }), /0 <= index < count, got \{"index":3,"count":3\}/);
});

const sortedLines = (path: string) => readFileSync(path, 'utf8').trim().split('\n').slice(1).sort();
const results = (d: string) => JSON.parse(readFileSync(join(d, 'results.json'), 'utf8'));

function closeDeep(a: unknown, b: unknown, path = ''): void {
  if (typeof a === 'number' && typeof b === 'number') {
    assert.ok(
      Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)) || (Number.isNaN(a) && Number.isNaN(b)),
      `${path}: ${a} vs ${b}`,
    );
    return;
  }
  if (a && b && typeof a === 'object') {
    assert.deepEqual(Object.keys(a).sort(), Object.keys(b as object).sort(), path);
    for (const k of Object.keys(a))
      closeDeep((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  assert.deepEqual(a, b, path);
}

test('three shards merged equal the unsharded run (summary, forecast.csv, results, pages)', async () => {
  const series = (await readWideFile('datasets/m4/Weekly-train.csv.gz')).slice(0, 60);
  const base = { horizon: 13, season: 1, models: ['Naive2', 'SES', 'Theta'], pages: 4 };
  const runShards = async (options: typeof base, tag: string) => {
    const out: string[] = [];
    for (let i = 0; i < 3; i++) {
      out.push(join(dir, `${tag}-${i}`));
      await forecastPanelToFolder({ series }, { ...options, shard: { index: i, count: 3 } }, out[i]);
    }
    return out;
  };
  // each shard choosing its own best model need not agree with the whole panel's choice: refused
  const best = await runShards(base, 'best');
  await assert.rejects(
    mergePanelOutputs(best, join(dir, 'bad')),
    /forecast the future with \w+, but over all series the model to use is \w+; rerun the shards with futureModel \w+/,
  );
  const options = { ...base, futureModel: 'Theta' };
  const whole = await forecastPanelToFolder({ series }, options, join(dir, 'whole'));
  const shards = await runShards(options, 'shard');
  const sizes = shards.map((d) => results(d).series.length);
  assert.equal(
    sizes.reduce((a: number, b: number) => a + b, 0),
    60,
  );
  const merged = await mergePanelOutputs(shards, join(dir, 'merged'));
  assert.deepEqual(merged.setup.merged, { outputs: 3, shards: [0, 1, 2], count: 3 });
  closeDeep(results(merged.dir).summary, results(whole.dir).summary);
  assert.deepEqual(results(merged.dir).future, results(whole.dir).future);
  assert.deepEqual(sortedLines(join(merged.dir, 'forecast.csv')), sortedLines(join(whole.dir, 'forecast.csv')));
  const byId = (d: string) => results(d).series.sort((a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1));
  assert.deepEqual(byId(merged.dir), byId(whole.dir));
  assert.deepEqual(
    JSON.parse(readFileSync(join(merged.dir, 'pages.json'), 'utf8')),
    JSON.parse(readFileSync(join(whole.dir, 'pages.json'), 'utf8')),
  );
  assert.match(readFileSync(join(merged.dir, 'report.html'), 'utf8'), /60 series: 60 scored by every model/);
  // outputs of differently set up runs, or the same shard twice, are refused
  const other = await forecastPanelToFolder(
    { series },
    { ...options, horizon: 6, shard: { index: 2, count: 3 } },
    join(dir, 'other'),
  );
  await assert.rejects(
    mergePanelOutputs([shards[0], other.dir], join(dir, 'bad')),
    /the outputs disagree on horizon: .* has 13, .* has 6; run every shard with the same options/,
  );
  await assert.rejects(
    mergePanelOutputs([shards[0], shards[0]], join(dir, 'bad')),
    /a shard is given twice \(shards 0, 0\)/,
  );
  const partial = await mergePanelOutputs(shards.slice(0, 2), join(dir, 'partial'));
  assert.deepEqual(partial.setup.merged, { outputs: 2, shards: [0, 1], count: 3, missing: [2] });
});
