// Search spaces: grid enumeration, seeded random draws (log-uniform rates), keys, and errors.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configKey, gridConfigs, randomConfigs, type TuneConfig } from '../../../src/forecast/tune/space.js';
import { resolveForecastConfig } from '../../../src/forecast/config.js';
import { defaultSpace } from '../../../src/forecast/tune/tune.js';

const base: TuneConfig = {
  difference: 0,
  units: 16,
  layers: 1,
  lookback: 12,
  learningRate: 0.001,
  batchSize: 16,
  dropout: 0,
  recurrentDropout: 0,
  epochs: 200,
};

test('gridConfigs enumerates every combination over the base; ranges give gridPoints points (log-spaced)', () => {
  const g = gridConfigs({ units: [8, 16], learningRate: { min: 1e-4, max: 1e-2, log: true } }, base);
  assert.equal(g.length, 6);
  assert.deepEqual([...new Set(g.map((c) => c.learningRate))], [1e-4, 1e-3, 1e-2]);
  assert.ok(g.every((c) => c.lookback === 12 && c.epochs === 200));
  assert.equal(gridConfigs({}, base).length, 1);
});

test('randomConfigs draws distinct configurations, the same for the same seed, log-uniform within the range', () => {
  const space = { units: [8, 16, 32], learningRate: { min: 1e-4, max: 1e-1, log: true } };
  const a = randomConfigs(space, base, 40, 3);
  assert.deepEqual(a, randomConfigs(space, base, 40, 3));
  assert.notDeepEqual(a, randomConfigs(space, base, 40, 4));
  assert.equal(new Set(a.map(configKey)).size, 40);
  assert.ok(a.every((c) => c.learningRate >= 1e-4 && c.learningRate <= 1e-1));
  // log-uniform: about half the draws below the geometric middle 3.16e-3 (a uniform draw would give ~3%)
  const below = a.filter((c) => c.learningRate < 3.16e-3).length;
  assert.ok(below >= 10 && below <= 30, `${below} of 40 below the log midpoint`);
  assert.equal(randomConfigs({ units: [8, 16] }, base, 10, 1).length, 2);
});

test('defaultSpace searches around the resolved defaults and keeps lookbacks the training part can hold', () => {
  const series = Array.from({ length: 144 }, (_, t) => 100 + t + 10 * Math.sin((2 * Math.PI * t) / 12));
  const b = resolveForecastConfig(series, { season: 12 }).config;
  assert.equal(b.lookback, 12);
  assert.deepEqual(defaultSpace(b, 86).lookback, [6, 12, 24]);
  // a short training part: 2L would leave too few windows
  assert.deepEqual(defaultSpace(b, 40).lookback, [6, 12]);
  assert.deepEqual(defaultSpace(b, 86, false).difference, undefined);
  assert.deepEqual(defaultSpace(b, 86).difference, [0, 1]);
});

test('search spaces reject unknown names and bad values with clear errors', () => {
  assert.throws(() => gridConfigs({ unit: [8] } as never, base), /unknown hyperparameter 'unit'/);
  assert.throws(() => gridConfigs({ units: [8.5] }, base), /positive integers/);
  assert.throws(() => gridConfigs({ dropout: [1] }, base), /numbers in \[0, 1\)/);
  assert.throws(() => randomConfigs({ learningRate: { min: 0.1, max: 0.01 } }, base, 3), /min <= max/);
  assert.throws(() => randomConfigs({}, base, 0), /trials must be a positive integer/);
});
