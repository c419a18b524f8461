// Keras semantics of the training loop: losses reduce the last axis and average the rest (a sequence
// of class scores is scored per step), and an abort between epochs ends training without an empty epoch.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dense } from '../../src/layers/dense.js';
import { lstm } from '../../src/layers/lstm.js';
import { sequential } from '../../src/model/sequential.js';
import { Rng } from '../../src/rng.js';
import { Tensor, tensor } from '../../src/tensor.js';
import { assertClose } from '../helpers/close.js';

test('categoricalCrossentropy on a (N,T,V) output is the mean over samples and steps of per-step cross-entropy', () => {
  const rng = new Rng(3);
  const N = 2,
    T = 4,
    V = 3;
  const m = sequential([
    lstm({ units: 5, returnSequences: true, inputShape: [T, 2] }),
    dense({ units: V, activation: 'softmax' }),
  ]);
  m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const x = new Tensor(
    Float32Array.from({ length: N * T * 2 }, () => rng.uniform(-1, 1)),
    [N, T, 2],
  );
  const labels = [0, 2, 1, 1, 2, 0, 0, 1];
  const y = tensor(labels.map((c) => [0, 1, 2].map((k) => (k === c ? 1 : 0)))).reshape([N, T, V]);
  const p = m.predict(x).data;
  let ce = 0,
    correct = 0;
  for (let r = 0; r < N * T; r++) {
    ce -= Math.log(p[r * V + labels[r]]);
    const arg = [0, 1, 2].reduce((a, k) => (p[r * V + k] > p[r * V + a] ? k : a), 0);
    if (arg === labels[r]) correct++;
  }
  const result = m.evaluate(x, y);
  assertClose(result.loss, ce / (N * T), { rtol: 1e-5 }, 'per-step cross-entropy');
  assertClose(result.accuracy, correct / (N * T), { atol: 1e-12 }, 'per-step accuracy');
});

test('a perfect sequence prediction has cross-entropy near 0, not T·log T', async () => {
  const m = sequential([dense({ units: 3, activation: 'softmax', inputShape: [4, 3] })]);
  m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  const eye = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
    [1, 0, 0],
  ];
  m.setWeights([
    [
      [20, 0, 0],
      [0, 20, 0],
      [0, 0, 20],
    ],
    [0, 0, 0],
  ]);
  assert.ok(m.evaluate(tensor([eye]), tensor([eye])).loss < 1e-6);
});

test('fit stops cleanly when aborted between epochs: no empty epoch is logged', async () => {
  const m = sequential([dense({ units: 1, inputShape: [2] })]);
  m.compile({ optimizer: 'sgd', loss: 'mse' });
  const signal = { aborted: false };
  let epochsEnded = 0;
  const h = await m.fit(
    [
      [1, 2],
      [3, 4],
    ],
    [[1], [2]],
    {
      epochs: 10,
      signal,
      callbacks: {
        onEpochEnd: () => {
          epochsEnded++;
          if (epochsEnded === 3) signal.aborted = true;
        },
      },
    },
  );
  assert.equal(h.epoch.length, 3);
  assert.equal(epochsEnded, 3);
  assert.ok(h.history.loss.every((v) => v > 0));
});
