import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultLookback, defaultPatch, resolveGlobalConfig, windowsPerEpochSeries } from '../../../src/forecast/global/config.js';

test('default lookback and patch: seven seasons of one season each, else four horizons of one horizon each', () => {
  assert.equal(defaultLookback(48, 24), 168); // M4 Hourly
  assert.equal(defaultLookback(13, 1), 52); // M4 Weekly
  assert.equal(defaultLookback(2, 1), 20);
  assert.equal(defaultPatch([168], 48, 24), 24);
  assert.equal(defaultPatch([52], 13, 1), 13);
  assert.equal(defaultPatch([52, 60], 13, 1), 1, 'a lookback that is not whole patches: one value a step');
  const h = resolveGlobalConfig({ horizon: 48, season: 24 });
  assert.deepEqual([h.lookbacks, h.patch, h.levelWindow], [[168], 24, 24]);
  const w = resolveGlobalConfig({ horizon: 13, season: 1 });
  assert.deepEqual([w.lookbacks, w.patch], [[52], 13]);
  assert.equal(resolveGlobalConfig({ horizon: 13, season: 1, lookbacks: [30] }).patch, 1);
});

test('bad global options name the option and what is expected', () => {
  assert.throws(() => resolveGlobalConfig({ horizon: 0 }), /horizon/);
  assert.throws(() => resolveGlobalConfig({ horizon: 4, lookbacks: [0] }), /lookbacks\[0\]/);
  assert.throws(() => resolveGlobalConfig({ horizon: 4, units: 1.5 }), /units/);
  assert.throws(() => resolveGlobalConfig({ horizon: 4, colour: 1 } as never), /unknown option 'colour'/);
  assert.throws(() => resolveGlobalConfig({ horizon: 4, combineWeight: 0.5 }), /needs models to combine with/);
});

test('windows per series and epoch: the configured count, fewer beyond 250,000 windows an epoch, at least one', () => {
  assert.equal(windowsPerEpochSeries(100, 414), 100);
  assert.equal(windowsPerEpochSeries(100, 2500), 100);
  assert.equal(windowsPerEpochSeries(100, 2501), 99);
  assert.equal(windowsPerEpochSeries(100, 100_000), 2);
  assert.equal(windowsPerEpochSeries(100, 1_000_000), 1);
});
