// A model's first layer is asked for no input gradients (nothing reads them): recurrent layers then
// skip the dx GEMM, and their weight gradients must be bit-identical to a backward that computes dx,
// on the float64 reference and on the wasm backend (whose kernels run the first layer of every fit).
// Sequential and graph models ask exactly the layers whose input gradients nothing reads.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getBackend, setBackend } from '../../src/backend/backend.js';
import { createWasmBackend } from '../../src/backend/wasm/backend.js';
import { loadSync } from '../../src/backend/wasm/module.js';
import { dense } from '../../src/layers/dense.js';
import { gru } from '../../src/layers/gru.js';
import type { Layer } from '../../src/layers/layer.js';
import { lstm } from '../../src/layers/lstm.js';
import { input } from '../../src/layers/symbolic.js';
import { model } from '../../src/model/graph.js';
import { simpleRnn } from '../../src/layers/simple-rnn.js';
import { sequential } from '../../src/model/sequential.js';
import { Tensor } from '../../src/tensor.js';
import { randomArray, Rng, withFloat64 } from '../helpers/gradcheck.js';

const LAYERS: [string, () => Layer][] = [
  ['lstm', () => lstm({ units: 7, returnSequences: true })],
  ['gru', () => gru({ units: 6 })],
  ['simpleRnn', () => simpleRnn({ units: 5, goBackwards: true })],
];

/** Weight gradients and returned input gradients of one backward, with or without input gradients. */
function backwardOnce(make: () => Layer, inputGradients: boolean, B: number): { grads: number[][]; dx: Tensor | null } {
  const be = getBackend();
  const rng = new Rng(3);
  const T = 9,
    D = 4;
  const layer = make();
  layer.build([[T, D]], rng);
  for (const p of layer.params()) p.value.set(randomArray(p.value.length, rng, -0.6, 0.6));
  const x = new Tensor(be.alloc(B * T * D), [B, T, D]);
  x.data.set(randomArray(B * T * D, rng));
  const [y] = layer.call([x], { training: true, mask: null });
  const dy = new Tensor(be.alloc(y.size), y.shape);
  dy.data.set(randomArray(y.size, rng));
  for (const p of layer.params()) p.grad.fill(0);
  const [dx] = layer.backward([dy], inputGradients);
  return { grads: layer.params().map((p) => Array.from(p.grad)), dx };
}

function checkSkip(backendName: string, B: number): void {
  for (const [name, make] of LAYERS) {
    const full = backwardOnce(make, true, B);
    const skip = backwardOnce(make, false, B);
    assert.ok(full.dx, `${backendName} ${name}: dx is computed when asked`);
    assert.equal(skip.dx, null, `${backendName} ${name}: no dx when not asked`);
    assert.deepEqual(skip.grads, full.grads, `${backendName} ${name}: weight gradients identical without dx`);
    assert.ok(
      full.grads.every((g) => g.some((v) => v !== 0)),
      `${backendName} ${name}: gradients are not all zero`,
    );
  }
}

test('recurrent layers without input gradients: same weight gradients, no dx (float64 reference)', () => {
  withFloat64(() => checkSkip('reference', 3));
});

test('recurrent layers without input gradients: same weight gradients, no dx (wasm, B = 3 and 11)', () => {
  const rt = loadSync();
  assert.ok(rt, 'the wasm kernels load in Node');
  const before = getBackend();
  setBackend(createWasmBackend(rt));
  try {
    checkSkip('wasm', 3); // the matrix-vector step
    checkSkip('wasm', 11); // the packed GEMM step, with an edge tile
  } finally {
    setBackend(before);
  }
});

test('Sequential asks its first layer for no input gradients and every later layer for them', () => {
  const model = sequential([
    lstm({ units: 4, inputShape: [5, 2], returnSequences: true }),
    lstm({ units: 3 }),
    dense({ units: 1 }),
  ]);
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  const asked: boolean[] = [];
  for (const layer of model.layers) {
    const backward = layer.backward.bind(layer);
    layer.backward = (d, inputGradients = true) => {
      asked.push(inputGradients);
      return backward(d, inputGradients);
    };
  }
  const x = new Tensor(
    Float32Array.from({ length: 2 * 5 * 2 }, (_, i) => Math.sin(i)),
    [2, 5, 2],
  );
  const y = new Tensor(Float32Array.from([0.5, -0.5]), [2, 1]);
  const loss = model.trainOnBatch([x], [y], null);
  assert.ok(Number.isFinite(loss));
  assert.deepEqual(asked, [true, true, false], 'dense, second LSTM, then the first LSTM (backward order)');
});

test('a graph asks no input gradients only of the nodes fed by nothing but model inputs', () => {
  const x = input({ shape: [5, 2] }),
    s = input({ shape: [3] });
  const first = lstm({ units: 3, returnSequences: true, name: 'first' });
  const second = lstm({ units: 3, name: 'second' });
  const head = dense({ units: 1, name: 'head' });
  const h1 = first.apply(x);
  const h2 = second.apply([h1, s, s]); // initial states from a model input, sequence from a layer
  const m = model({ inputs: [x, s], outputs: head.apply(h2) });
  m.compile({ optimizer: 'sgd', loss: 'mse' });
  const asked: Record<string, boolean> = {};
  for (const layer of [first, second, head] as Layer[]) {
    const backward = layer.backward.bind(layer);
    layer.backward = (d, inputGradients = true) => {
      asked[layer.name] = inputGradients;
      return backward(d, inputGradients);
    };
  }
  const xs = new Tensor(
    Float32Array.from({ length: 2 * 5 * 2 }, (_, i) => Math.cos(i)),
    [2, 5, 2],
  );
  const ss = new Tensor(
    Float32Array.from({ length: 2 * 3 }, (_, i) => 0.1 * i),
    [2, 3],
  );
  const y = new Tensor(Float32Array.from([1, -1]), [2, 1]);
  assert.ok(Number.isFinite(m.trainOnBatch([xs, ss], [y], null)));
  assert.deepEqual(asked, { head: true, second: true, first: false });
});
