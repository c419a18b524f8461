// estimateTrainingMemory: the parameter count equals the built model's for every cell, depth and
// shape; the byte total adds weights, gradients, optimizer slots, workspaces and data; a model that
// cannot fit is refused from its config, before anything is allocated.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../src/errors.js';
import { dense } from '../../src/layers/dense.js';
import { gru } from '../../src/layers/gru.js';
import { lstm } from '../../src/layers/lstm.js';
import { simpleRnn } from '../../src/layers/simple-rnn.js';
import { checkTrainingMemory, estimateTrainingMemory, formatBytes } from '../../src/model/memory-estimate.js';
import { sequential } from '../../src/model/sequential.js';
import { setRandomSeed } from '../../src/rng.js';

const LAYERS = { lstm, gru, simpleRnn } as const;

test('the estimated parameter count equals countParams() of the built model', () => {
  setRandomSeed(1);
  for (const cell of ['lstm', 'gru', 'simpleRnn'] as const)
    for (const [units, layers, timesteps, features, outputs] of [
      [3, 1, 4, 1, 1],
      [5, 2, 6, 3, 2],
      [7, 3, 2, 2, 4],
    ]) {
      const stack = Array.from({ length: layers }, (_, l) =>
        LAYERS[cell]({
          units,
          returnSequences: l < layers - 1,
          ...(l === 0 ? { inputShape: [timesteps, features] } : {}),
        }),
      );
      const m = sequential([...stack, dense({ units: outputs })]);
      m.build([[timesteps, features]]);
      const e = estimateTrainingMemory({ cell, units, layers, timesteps, features, outputs });
      assert.equal(e.params, m.countParams(), `${cell} ${units}x${layers}`);
    }
});

test('the byte total is weights + gradients + optimizer slots + workspaces + data', () => {
  const base = { units: 64, timesteps: 12, batchSize: 16 };
  const adam = estimateTrainingMemory(base);
  assert.equal(adam.parts.weights, adam.params * 4);
  assert.equal(adam.parts.gradients, adam.params * 4);
  assert.equal(adam.parts.optimizer, adam.params * 4 * 3, 'Adam keeps three slot arrays per weight');
  assert.equal(estimateTrainingMemory({ ...base, optimizer: 'adagrad' }).parts.optimizer, adam.params * 4);
  assert.equal(
    adam.bytes,
    Object.values(adam.parts).reduce((s, b) => s + b, 0),
  );
  const withData = estimateTrainingMemory({ ...base, samples: 1000 });
  assert.equal(withData.parts.data - adam.parts.data, 1000 * (12 + 1) * 4);
  assert.ok(estimateTrainingMemory({ ...base, batchSize: 64 }).parts.activations > adam.parts.activations);
});

test('units: 100000 is refused from the config with the estimate; a small model passes', () => {
  assert.throws(
    () => checkTrainingMemory({ units: 100000, timesteps: 12 }, 8e9),
    (e: unknown) =>
      e instanceof ConfigError &&
      /1 lstm layer\(s\) of 100000 units needs about 1\.1 TB \(weights 160 GB, gradients 160 GB, optimizer 480 GB, .*more than the 8 GB allowed/.test(
        (e as Error).message,
      ),
  );
  assert.equal(checkTrainingMemory({ units: 32, timesteps: 12 }, 8e9).params, 4 * 32 * (1 + 32 + 1) + 33);
  for (const bad of [{ units: 0 }, { units: 1.5 }, { units: 8, layers: -1 }, { units: 8, cell: 'rnn' }])
    assert.throws(() => estimateTrainingMemory({ timesteps: 4, ...bad } as never), ConfigError, JSON.stringify(bad));
});

test('formatBytes writes powers of 1000', () => {
  assert.deepEqual([12, 12_345, 3.2e11, 1.06e12, 999].map(formatBytes), [
    '12 bytes',
    '12 kB',
    '320 GB',
    '1.1 TB',
    '999 bytes',
  ]);
});

test('trainingMemoryLimit is a fraction of the memory this process may use', async () => {
  const { totalmem } = await import('node:os');
  const { trainingMemoryLimit } = await import('../../src/node/memory-limit.js');
  const limit = trainingMemoryLimit(0.5);
  assert.ok(limit > 0 && limit <= 0.5 * totalmem(), String(limit));
  assert.throws(
    () => checkTrainingMemory({ units: 300000, timesteps: 12 }, trainingMemoryLimit()),
    /needs about \d+ TB/,
  );
});

test('the estimate is part of the public API', async () => {
  const api = await import('../../src/index.js');
  assert.equal(api.estimateTrainingMemory, estimateTrainingMemory);
  assert.equal(api.checkTrainingMemory, checkTrainingMemory);
  assert.equal(api.formatBytes, formatBytes);
});
