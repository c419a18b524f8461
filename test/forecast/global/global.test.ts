import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, DataError } from '../../../src/errors.js';
import { type PanelSeries, trainGlobal } from '../../../src/forecast/global/global.js';
import { smape } from '../../../src/forecast/metrics.js';
import { globalWorkerRunner } from '../../../src/node/global-workers.js';
import { Rng } from '../../../src/rng.js';

// A panel with known structure: each series is its own level times a shared period-4 pattern, with
// 2% noise; lengths differ so the last step falls at every phase of the pattern.
const PATTERN = [1.6, 0.6, 1.2, 0.6];
function panel(count: number, seed: number): PanelSeries[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const level = 10 + 90 * rng.next(),
      n = 40 + i;
    return {
      id: `s${i}`,
      values: Array.from({ length: n + 4 }, (_, t) => level * PATTERN[t % 4] * (1 + 0.02 * rng.normal())),
    };
  });
}
const split = (p: PanelSeries[]) => ({
  train: p.map((s) => ({ id: s.id, values: (s.values as number[]).slice(0, -4) })),
  test: p.map((s) => (s.values as number[]).slice(-4)),
});
const tiny = {
  horizon: 4,
  season: 4,
  deseasonalize: 'none',
  lookbacks: [8],
  units: 16,
  epochs: 4,
  windowsPerSeries: 10,
  patience: 2,
} as const;

test('trainGlobal learns a shared seasonal pattern across series of different levels', async () => {
  const { train, test: actual } = split(panel(24, 1));
  const g = await trainGlobal(train, { ...tiny, epochs: 40, patience: 0, learningRate: 0.01 });
  const f = g.forecast(train.map((s) => s.values));
  const mean = (fs: number[][]) => fs.reduce((s, x, i) => s + smape(actual[i], x), 0) / fs.length;
  const naive = mean(train.map((s) => new Array(4).fill(s.values[s.values.length - 1])));
  const err = mean(f);
  assert.ok(naive > 40, `naive sMAPE ${naive}`);
  assert.ok(err < 8, `global LSTM sMAPE ${err} (naive ${naive})`);
});

test('trainGlobal: the same seed gives the same bits; worker threads give the same bits as in process', async () => {
  const { train } = split(panel(12, 2));
  const config = { ...tiny, lookbacks: [8, 12], seeds: 2 };
  const a = await trainGlobal(train, config);
  const b = await trainGlobal(train, config);
  const c = await trainGlobal(train, config, { runner: globalWorkerRunner({ workers: 2 }) });
  const d = await trainGlobal(train, { ...config, seed: 5 });
  const fa = a.forecast(train.map((s) => s.values));
  assert.equal(a.members.length, 4);
  assert.deepEqual(b.forecast(train.map((s) => s.values)), fa);
  assert.deepEqual(c.forecast(train.map((s) => s.values)), fa);
  assert.notDeepEqual(d.forecast(train.map((s) => s.values)), fa);
});

test('trainGlobal names what is wrong with the config or the panel', async () => {
  const { train } = split(panel(3, 3));
  await assert.rejects(trainGlobal(train, { ...tiny, units: 0 }), ConfigError);
  await assert.rejects(trainGlobal(train, { ...tiny, lookback: 8 } as never), /unknown option 'lookback'/);
  await assert.rejects(trainGlobal(train, { ...tiny, lookbacks: [6] }), /not a multiple of patch 4/);
  await assert.rejects(trainGlobal([], tiny), /panel is empty/);
  await assert.rejects(trainGlobal([{ id: 'short', values: [1, 2, 3] }], tiny), /series 'short' has 3 values/);
  await assert.rejects(trainGlobal([{ id: 'neg', values: [...train[0].values, -1] }], tiny), DataError);
});
