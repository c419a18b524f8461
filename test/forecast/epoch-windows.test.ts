// A long training part trains each epoch on MAX_EPOCH_WINDOWS windows (64 batches of the largest
// automatic batch), a shorter one on all its windows: seen in the members' histories.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AUTO_BATCH_MAX,
  AUTO_EPOCH_STEPS,
  MAX_EPOCH_WINDOWS,
  resolveForecastConfig,
} from '../../src/forecast/config.js';
import { trainMember } from '../../src/forecast/train.js';

const series = (n: number) => Array.from({ length: n }, (_, t) => 10 + Math.sin((2 * Math.PI * t) / 24) + 0.001 * t);

test('MAX_EPOCH_WINDOWS is 64 batches of 256 (the batch-size rule), and a long series trains on that many an epoch', async () => {
  assert.equal(MAX_EPOCH_WINDOWS, AUTO_EPOCH_STEPS * AUTO_BATCH_MAX);
  assert.equal(MAX_EPOCH_WINDOWS, 16_384);
  const y = series(24_000);
  const { config } = resolveForecastConfig(y, { lookback: 6, horizon: 1, epochs: 1, units: 2, repeats: 1, test: 24 });
  assert.equal(config.batchSize, 256);
  const m = await trainMember(y.slice(0, 24_000 - 24), undefined, config, 0);
  assert.equal(m.history.params.steps, MAX_EPOCH_WINDOWS / 256, '64 steps, not the ~80 of every window');
  assert.ok((m.history.params.samples as number) > MAX_EPOCH_WINDOWS, 'more windows than one epoch takes');
});

test('a training part below MAX_EPOCH_WINDOWS trains every window each epoch', async () => {
  const y = series(2_000);
  const { config } = resolveForecastConfig(y, { lookback: 6, horizon: 1, epochs: 1, units: 2, repeats: 1, test: 24 });
  const m = await trainMember(y.slice(0, 2_000 - 24), undefined, config, 0);
  const samples = m.history.params.samples as number;
  assert.equal(m.history.params.steps, Math.ceil(samples / config.batchSize));
});
