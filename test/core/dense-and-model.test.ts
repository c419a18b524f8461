// Dense backward against finite differences for every activation; a whole model's gradients (loss ->
// dense -> lstm -> lstm) against finite differences of the loss; summary() parameter counts as Keras.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACTIVATIONS, type Activation } from '../../src/kernels/activations.js';
import { denseBackward, denseForward } from '../../src/kernels/dense.js';
import { gemm } from '../../src/kernels/gemm.js';
import { meanAbsoluteError, meanSquaredError } from '../../src/kernels/losses.js';
import { dense } from '../../src/layers/dense.js';
import { lstm } from '../../src/layers/lstm.js';
import { sequential } from '../../src/model/sequential.js';
import { Tensor } from '../../src/tensor.js';
import { assertClose } from '../helpers/close.js';
import { dot, numericGradient, Rng, randomArray, withFloat64 } from '../helpers/gradcheck.js';

for (const act of ACTIVATIONS) {
  test(`denseBackward matches finite differences (N=4,D=5,U=3, ${act})`, () => {
    const rng = new Rng(11);
    const N = 4,
      D = 5,
      U = 3;
    const x = randomArray(N * D, rng),
      W = randomArray(D * U, rng),
      b = randomArray(U, rng);
    const dy = randomArray(N * U, rng),
      y = new Float64Array(N * U);
    const loss = () => {
      denseForward(gemm, y, x, W, b, N, D, U, act as Activation);
      return dot(y, dy);
    };
    loss();
    const dx = new Float64Array(N * D),
      dW = new Float64Array(D * U),
      db = new Float64Array(U),
      dz = new Float64Array(N * U);
    denseBackward(gemm, dx, dW, db, dz, dy, y, x, W, N, D, U, act as Activation);
    const tol = { rtol: 1e-6, atol: 1e-8 };
    assertClose(dx, numericGradient(loss, x), tol, 'dx');
    assertClose(dW, numericGradient(loss, W), tol, 'dW');
    assertClose(db, numericGradient(loss, b), tol, 'db');
  });
}

for (const [name, fn] of [
  ['mse', meanSquaredError],
  ['mae', meanAbsoluteError],
] as const) {
  test(`${name} gradient matches finite differences, with sample weights`, () => {
    const rng = new Rng(2);
    const p = randomArray(12, rng),
      t = randomArray(12, rng),
      w = Float64Array.from([1, 0.5, 2]),
      d = new Float64Array(12);
    const value = fn(d, p, t, 3, 4, w);
    assertClose(
      d,
      numericGradient(() => fn(new Float64Array(12), p, t, 3, 4, w), p),
      { rtol: 1e-6, atol: 1e-9 },
      'dPred',
    );
    let expected = 0;
    for (let n = 0; n < 3; n++) {
      let s = 0;
      for (let k = 0; k < 4; k++)
        s += name === 'mse' ? (p[n * 4 + k] - t[n * 4 + k]) ** 2 : Math.abs(p[n * 4 + k] - t[n * 4 + k]);
      expected += (w[n] * s) / 4;
    }
    assertClose(value, expected / 3, { rtol: 1e-12 }, 'loss');
  });
}

test("a stacked model's weight gradients match finite differences of its mse loss (float64)", () => {
  withFloat64(() => {
    const rng = new Rng(4);
    const m = sequential([
      lstm({ units: 3, returnSequences: true, inputShape: [4, 2] }),
      lstm({ units: 2, goBackwards: true }),
      dense({ units: 2, activation: 'tanh' }),
    ]);
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = new Tensor(randomArray(3 * 4 * 2, rng), [3, 4, 2]),
      y = new Tensor(randomArray(6, rng), [3, 2]);
    const lossOf = () => m.evaluate(x, y).loss;
    // One training step with learning rate 0 would change nothing; read the gradients from the params
    // after trainOnBatch by undoing the SGD step: with lr = 0.01, grad = (before - after) / 0.01.
    const before = m.params().map((p) => Float64Array.from(p.value));
    m.trainOnBatch([x], [y], null);
    const after = m.params().map((p) => Float64Array.from(p.value));
    for (const [i, p] of m.params().entries()) p.value.set(before[i]);
    m.params().forEach((p, i) => {
      const analytic = before[i].map((v, k) => (v - after[i][k]) / 0.01);
      assertClose(analytic, numericGradient(lossOf, p.value), { rtol: 1e-5, atol: 1e-8 }, p.name);
    });
  });
});

test('summary() shows output shapes and the same parameter counts as Keras', () => {
  const m = sequential([lstm({ units: 50, activation: 'relu', inputShape: [3, 1] }), dense({ units: 1 })], {
    name: 'univariate',
  });
  const text = m.summary(false);
  // Keras: LSTM(50) on 1 feature has 4·50·(1+50+1) = 10,400 parameters; Dense(1) 51.
  assert.match(text, /\(LSTM\)\s+\(None, 50\)\s+10,400/);
  assert.match(text, /\(Dense\)\s+\(None, 1\)\s+51/);
  assert.match(text, /Total params: 10,451/);
  const stacked = sequential([
    lstm({ units: 100, returnSequences: true, inputShape: [3, 2] }),
    lstm({ units: 100 }),
    dense({ units: 3 }),
  ]);
  assert.equal(stacked.countParams(), 4 * 100 * (2 + 100 + 1) + 4 * 100 * (100 + 100 + 1) + 303);
  assert.match(stacked.summary(false), /\(None, 3, 100\)/);
});
