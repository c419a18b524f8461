// inspectLstm/inspectLstmLayer against hand checks: the LSTM recurrences at every step, and the
// layer's own forward pass (returnSequences output) through a Sequential model.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dense, inspectLstm, inspectLstmLayer, lstm, sequential, setRandomSeed, tensor } from '../../src/index.js';
import { assertClose } from '../helpers/close.js';

const sig = (v: number) => 1 / (1 + Math.exp(-v));

function sequence(T: number, D: number): number[][] {
  return Array.from({ length: T }, (_, t) => Array.from({ length: D }, (_, d) => Math.sin(1.3 * t + 0.7 * d)));
}

test('inspectLstmLayer gates and states satisfy the LSTM equations at every step (T=6,D=3,H=4)', () => {
  setRandomSeed(3);
  const layer = lstm({ units: 4, inputShape: [6, 3] });
  sequential([layer]);
  const x = sequence(6, 3);
  const r = inspectLstmLayer(layer, x);
  const [W, U, b] = layer.getWeights().map((w) => w.data);
  const H = 4,
    D = 3,
    G = 16;
  let h = [0, 0, 0, 0],
    c = [0, 0, 0, 0];
  for (let t = 0; t < 6; t++) {
    const z = Array.from({ length: G }, (_, k) => {
      let s = b[k];
      for (let d = 0; d < D; d++) s += x[t][d] * W[d * G + k];
      for (let j = 0; j < H; j++) s += h[j] * U[j * G + k];
      return s;
    });
    const i = z.slice(0, H).map(sig),
      f = z.slice(H, 2 * H).map(sig),
      g = z.slice(2 * H, 3 * H).map(Math.tanh),
      o = z.slice(3 * H).map(sig);
    c = c.map((cj, j) => f[j] * cj + i[j] * g[j]);
    h = c.map((cj, j) => o[j] * Math.tanh(cj));
    const tol = { atol: 1e-5 };
    assertClose(r.inputGate[t], i, tol, `i[${t}]`);
    assertClose(r.forgetGate[t], f, tol, `f[${t}]`);
    assertClose(r.cellInput[t], g, tol, `g[${t}]`);
    assertClose(r.outputGate[t], o, tol, `o[${t}]`);
    assertClose(r.cell[t], c, tol, `c[${t}]`);
    assertClose(r.hidden[t], h, tol, `h[${t}]`);
    // h = o * tanh(c) from the inspection's own numbers.
    assertClose(
      r.hidden[t],
      r.outputGate[t].map((oj, j) => oj * Math.tanh(r.cell[t][j])),
      { atol: 1e-6 },
      `h=o*tanh(c) at ${t}`,
    );
  }
  assert.deepEqual(
    r.input,
    x.map((row) => row.map((v) => Math.fround(v))),
  );
  assert.deepEqual(r.time, [0, 1, 2, 3, 4, 5]);
});

test("inspectLstm on a second LSTM layer equals that layer's own forward output (Sequential, 3 layers)", () => {
  setRandomSeed(11);
  const model = sequential([
    lstm({ units: 5, inputShape: [7, 2], returnSequences: true }),
    lstm({ units: 3, returnSequences: true, name: 'inner' }),
    dense({ units: 1 }),
  ]);
  const x = sequence(7, 2);
  const r = inspectLstm(model, 'inner', x);
  // The layer's own forward, run the way the model runs it.
  const h1 = model.layers[0].call([tensor([x])], { training: false, mask: null })[0];
  const h2 = model.layers[1].call([h1], { training: false, mask: null })[0];
  assertClose(r.hidden.flat(), h2.data, { atol: 1e-7 }, 'hidden vs layer forward');
  assertClose(r.input.flat(), h1.data, { atol: 0 }, 'input = first layer output');
  assert.equal(r.units, 3);
  assert.equal(r.layer, 'inner');
});

test('inspectLstm with goBackwards reports steps in processing order', () => {
  setRandomSeed(5);
  const model = sequential([lstm({ units: 2, inputShape: [4, 1], goBackwards: true })]);
  const x = [[1], [2], [3], [4]];
  const r = inspectLstm(model, 0, x);
  assert.deepEqual(r.time, [3, 2, 1, 0]);
  assert.deepEqual(r.input, [[4], [3], [2], [1]]);
  const y = model.predict(tensor([x]));
  assertClose(r.hidden[3], y.data, { atol: 1e-7 }, 'last hidden = model output');
});

test('inspectLstm rejects bad layers and shapes with clear errors', () => {
  setRandomSeed(1);
  const model = sequential([lstm({ units: 2, inputShape: [3, 2] }), dense({ units: 1 })]);
  assert.throws(() => inspectLstm(model, 1, sequence(3, 2)), /is a Dense, not an LSTM/);
  assert.throws(() => inspectLstm(model, 'nope', sequence(3, 2)), /no layer "nope"/);
  assert.throws(() => inspectLstm(model, 0, sequence(3, 3)), /expected one sequence of shape \[timesteps, 2\]/);
  const unbuilt = lstm({ units: 2 });
  assert.throws(() => inspectLstmLayer(unbuilt, [[1]]), /not built yet/);
});

test('the TSDoc examples of inspectLstmLayer and inspectLstm run', () => {
  const layer = lstm({ units: 2, inputShape: [3, 1] });
  sequential([layer]);
  const r = inspectLstmLayer(layer, [[1], [0], [0]]);
  assert.ok(r.forgetGate[2][0] > 0 && r.forgetGate[2][0] < 1);
  const model = sequential([lstm({ units: 4, inputShape: [5, 1], returnSequences: true }), dense({ units: 1 })]);
  assert.equal(inspectLstm(model, 0, [[1], [0], [0], [0], [0]]).cell.length, 5);
});
