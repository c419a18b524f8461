// fit({ samplesPerEpoch }): each epoch trains on that many samples drawn anew without replacement
// (seen through a loss that records which targets it was given), the full set when it is not smaller,
// and one clear error for values that cannot work.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../src/errors.js';
import type { LossFn } from '../../src/kernels/losses.js';
import { dense } from '../../src/layers/dense.js';
import { lstm } from '../../src/layers/lstm.js';
import { sequential } from '../../src/model/sequential.js';
import { setRandomSeed } from '../../src/rng.js';
import { Tensor } from '../../src/tensor.js';

const N = 50;
/** A small model, its data (y = the sample's index) and a loss that records the targets of each batch. */
function setup() {
  setRandomSeed(5);
  const m = sequential([lstm({ units: 3, inputShape: [4, 1] }), dense({ units: 1 })]);
  const seen: number[] = [];
  const loss: LossFn = (dPred, yPred, yTrue, n) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      seen.push(yTrue[i]);
      dPred[i] = (2 * (yPred[i] - yTrue[i])) / n;
      s += (yPred[i] - yTrue[i]) ** 2;
    }
    return s / n;
  };
  m.compile({ optimizer: 'adam', loss });
  const x = new Tensor(
    Float32Array.from({ length: N * 4 }, (_, i) => Math.sin(i)),
    [N, 4, 1],
  );
  const y = new Tensor(
    Float32Array.from({ length: N }, (_, i) => i),
    [N, 1],
  );
  return { m, x, y, seen };
}

test('samplesPerEpoch: each epoch trains on that many distinct samples, a fresh draw each epoch', async () => {
  const { m, x, y, seen } = setup();
  const epochs = 6;
  const h = await m.fit(x, y, { epochs, batchSize: 8, samplesPerEpoch: 20 });
  assert.equal(h.params.steps, 3, 'ceil(20 / 8) steps an epoch');
  assert.equal(seen.length, epochs * 20);
  const distinct = new Set<number>();
  for (let e = 0; e < epochs; e++) {
    const epoch = seen.slice(e * 20, (e + 1) * 20);
    assert.equal(new Set(epoch).size, 20, `epoch ${e}: no sample twice`);
    for (const v of epoch) distinct.add(v);
  }
  assert.ok(distinct.size > 40, `the draws cover the set over epochs (${distinct.size} of ${N} distinct)`);
});

test('samplesPerEpoch at least the sample count trains exactly as without it (same weights, bit for bit)', async () => {
  const a = setup();
  await a.m.fit(a.x, a.y, { epochs: 3, batchSize: 16, validationSplit: 0.2 });
  const b = setup();
  await b.m.fit(b.x, b.y, { epochs: 3, batchSize: 16, validationSplit: 0.2, samplesPerEpoch: 40 });
  assert.deepEqual(b.seen, a.seen);
  assert.deepEqual(
    b.m.getWeights().map((t) => Array.from(t.data)),
    a.m.getWeights().map((t) => Array.from(t.data)),
  );
});

test('samplesPerEpoch refuses a non-positive or fractional count, and shuffle: false, with one clear error', async () => {
  const { m, x, y } = setup();
  for (const bad of [0, -3, 2.5, Number.NaN])
    await assert.rejects(m.fit(x, y, { samplesPerEpoch: bad }), (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /samplesPerEpoch must be a positive integer/);
      return true;
    });
  await assert.rejects(m.fit(x, y, { samplesPerEpoch: 10, shuffle: false }), /needs shuffle: true/);
});

test('samplesPerEpoch below the sample count is refused for stateful models', async () => {
  const m = sequential([lstm({ units: 2, stateful: true, batchSize: 5, inputShape: [3, 1] }), dense({ units: 1 })]);
  m.compile({ optimizer: 'sgd', loss: 'mse' });
  const x = new Tensor(new Float32Array(20 * 3), [20, 3, 1]);
  const y = new Tensor(new Float32Array(20), [20, 1]);
  await assert.rejects(m.fit(x, y, { batchSize: 5, samplesPerEpoch: 10 }), /stateful layers.*samplesPerEpoch 10/);
});
