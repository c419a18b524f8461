// Graph (functional) models: multi-input/output, shared layers, states between layers, masks, summary.
// Gradients of a whole graph are checked against finite differences in float64 through fit's own
// trainOnBatch with the fake loss Σ out·dout.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../src/errors.js';
import type { LossFn } from '../../src/kernels/losses.js';
import { dense } from '../../src/layers/dense.js';
import { embedding } from '../../src/layers/embedding.js';
import { lstm } from '../../src/layers/lstm.js';
import { masking } from '../../src/layers/masking.js';
import { add, concatenate } from '../../src/layers/merge.js';
import { repeatVector } from '../../src/layers/repeat-vector.js';
import { timeDistributed } from '../../src/layers/time-distributed.js';
import { type GraphModel, model } from '../../src/model/graph.js';
import { sequential } from '../../src/model/sequential.js';
import { input, type SymbolicTensor } from '../../src/layers/symbolic.js';
import { sgd } from '../../src/optim/optimizer.js';
import { setRandomSeed } from '../../src/rng.js';
import { Tensor } from '../../src/tensor.js';
import { assertClose } from '../helpers/close.js';
import { dot, numericGradient, Rng, randomArray, withFloat64 } from '../helpers/gradcheck.js';
import { rand } from './layer-check.js';

/** Checks every weight gradient of a graph model against finite differences of Σ out_k·dout_k. */
function checkModelGradients(m: GraphModel, xs: Tensor[], rng: Rng, tol = { rtol: 1e-5, atol: 1e-7 }): void {
  const outs = m.predictOutputs(xs.length === 1 ? xs[0] : xs, { batchSize: 1000 });
  const douts = outs.map((o) => randomArray(o.size, rng));
  const losses: LossFn[] = douts.map((d) => (dPred, yPred) => {
    dPred.set(d);
    return dot(yPred, d);
  });
  m.compile({ optimizer: sgd({ learningRate: 1e-300 }), loss: losses });
  const ys = outs.map((o) => new Tensor(new Float64Array(o.size), o.shape));
  const x = xs.length === 1 ? xs[0] : xs,
    y = ys.length === 1 ? ys[0] : ys;
  (m as unknown as { trainOnBatch(a: Tensor[], b: Tensor[], w: null): number }).trainOnBatch(xs, ys, null);
  const f = () => m.evaluate(x, y, { batchSize: 1000 }).loss;
  for (const p of m.params()) assertClose(p.grad, numericGradient(f, p.value), tol, p.name);
}

test('a two-input two-output graph with a shared layer accumulates gradients from both uses', () => {
  withFloat64(() => {
    setRandomSeed(1);
    const rng = new Rng(11);
    const a = input({ shape: [4, 2] }),
      b = input({ shape: [4, 2] });
    const shared = lstm({ units: 3 });
    const ha = shared.apply(a),
      hb = shared.apply(b);
    const merged = concatenate().apply([ha, hb]);
    const out1 = dense({ units: 2 }).apply(merged);
    const out2 = dense({ units: 1, activation: 'tanh' }).apply(add().apply([ha, hb]));
    const m = model({ inputs: [a, b], outputs: [out1, out2] });
    assert.equal(m.layers.filter((l) => l === shared).length, 1);
    checkModelGradients(m, [rand([3, 4, 2], rng), rand([3, 4, 2], rng)], rng);
  });
});

test('encoder states flow into a decoder initial state (encoder-decoder with teacher forcing)', () => {
  withFloat64(() => {
    setRandomSeed(2);
    const rng = new Rng(12);
    const encIn = input({ shape: [5, 3] }),
      decIn = input({ shape: [2, 3] });
    const [, h, c] = lstm({ units: 4, returnState: true }).apply<SymbolicTensor[]>(encIn);
    const [seq] = lstm({ units: 4, returnSequences: true, returnState: true }).apply<SymbolicTensor[]>([decIn, h, c]);
    const out = timeDistributed(dense({ units: 3, activation: 'softmax' })).apply(seq);
    const m = model({ inputs: [encIn, decIn], outputs: out });
    assert.deepEqual(
      m.predict(rand([2, 5, 3], rng).data.length ? [rand([2, 5, 3], rng), rand([2, 2, 3], rng)] : []).shape,
      [2, 2, 3],
    );
    checkModelGradients(m, [rand([2, 5, 3], rng), rand([2, 2, 3], rng)], rng);
  });
});

test('a tensor feeding several layers and also being an output sums its gradients', () => {
  withFloat64(() => {
    setRandomSeed(3);
    const rng = new Rng(13);
    const x = input({ shape: [3] });
    const h = dense({ units: 4, activation: 'tanh' }).apply(x);
    const o = dense({ units: 2 }).apply(h);
    const r = dense({ units: 2 }).apply(repeatVector(2).apply(h));
    const m = model({ inputs: x, outputs: [h, o, r] });
    checkModelGradients(m, [rand([3, 3], rng)], rng);
  });
});

test('masks flow through graphs as through sequential (masking -> lstm equals the same in sequential)', () => {
  withFloat64(() => {
    const rng = new Rng(14);
    const xv = rand([2, 5, 2], rng);
    xv.data.fill(0, 6, 10); // sample 0, steps 3 and 4 are padding
    setRandomSeed(4);
    const x = input({ shape: [5, 2] });
    const l1 = lstm({ units: 3, returnSequences: true });
    const y = lstm({ units: 2 }).apply(l1.apply(masking().apply(x)));
    const g = model({ inputs: x, outputs: y });
    const s = sequential([
      masking({ inputShape: [5, 2] }),
      lstm({ units: 3, returnSequences: true }),
      lstm({ units: 2 }),
    ]);
    s.setWeights(g.getWeights());
    assertClose(g.predict(xv).data, s.predict(xv).data, { atol: 1e-6 }, 'graph vs sequential');
    // The padded sample gives the same output as its unpadded 3-step prefix.
    const short = new Tensor(xv.data.slice(0, 6), [1, 3, 2]);
    const x3 = input({ shape: [3, 2] });
    const g3 = model({ inputs: x3, outputs: g.layers[2].apply(g.layers[1].apply(x3)) });
    assertClose(g.predict(xv).data.slice(0, 2), g3.predict(short).data, { atol: 1e-6 }, 'masked = truncated');
    checkModelGradients(g, [xv], rng);
  });
});

test('embedding maskZero masks padded ids for the lstm after it', () => {
  setRandomSeed(5);
  const x = input({ shape: [4] });
  const e = embedding({ inputDim: 6, outputDim: 3, maskZero: true });
  const l = lstm({ units: 2 });
  const m = model({ inputs: x, outputs: l.apply(e.apply(x)) });
  const padded = m.predict([[3, 2, 0, 0]]).data;
  const x2 = input({ shape: [2] });
  const m2 = model({ inputs: x2, outputs: l.apply(e.apply(x2)) });
  assertClose(padded, m2.predict([[3, 2]]).data, { atol: 1e-6 }, 'padded = short');
});

test('summary() lists inputs, shared layers and their connections', () => {
  setRandomSeed(6);
  const a = input({ shape: [4, 2], name: 'left' }),
    b = input({ shape: [4, 2], name: 'right' });
  const shared = lstm({ units: 3, name: 'shared_lstm' });
  const out = dense({ units: 1, name: 'head' }).apply(
    concatenate({ name: 'cat' }).apply([shared.apply(a), shared.apply(b)]),
  );
  const text = model({ inputs: [a, b], outputs: out, name: 'siamese' }).summary(false);
  assert.match(text, /Model: "siamese"/);
  assert.match(text, /Connected to/);
  assert.match(text, /shared_lstm \(LSTM\)\s+\(None, 3\)\s+72\s+left\[0\]\[0\], right\[0\]\[0\]/);
  assert.match(text, /cat \(Concatenate\)\s+\(None, 6\)\s+0\s+shared_lstm\[0\]\[0\], shared_lstm\[1\]\[0\]/);
  assert.match(text, /Total params: 79/);
});

test('model() rejects outputs that do not depend on the listed inputs, and non-symbolic values', () => {
  const a = input({ shape: [2] }),
    b = input({ shape: [2] });
  const y = dense({ units: 1 }).apply(add().apply([a, b]));
  assert.throws(
    () => model({ inputs: a, outputs: y }),
    (e: Error) => e instanceof ConfigError && /not in inputs/.test(e.message),
  );
  assert.throws(() => dense({ units: 1 }).apply([1, 2] as unknown as SymbolicTensor), ConfigError);
  assert.throws(() => input({ shape: [0] }), ConfigError);
});

test('a graph model trains with fit() on two inputs and two outputs', async () => {
  setRandomSeed(7);
  const a = input({ shape: [3] }),
    b = input({ shape: [3] });
  const h = dense({ units: 8, activation: 'tanh' }).apply(concatenate().apply([a, b]));
  const m = model({ inputs: [a, b], outputs: [dense({ units: 1 }).apply(h), dense({ units: 1 }).apply(h)] });
  m.compile({ optimizer: 'adam', loss: 'mse' });
  const r = new Rng(3);
  const xa = rand([64, 3], r),
    xb = rand([64, 3], r);
  const s = (t: Tensor, k: number) =>
    new Tensor(
      Float32Array.from({ length: 64 }, (_, i) => t.data[i * 3 + k]),
      [64, 1],
    );
  const hist = await m.fit([xa, xb], [s(xa, 0), s(xb, 1)], { epochs: 60, batchSize: 16 });
  const loss = hist.history.loss;
  assert.ok(loss[loss.length - 1] < 0.2 * loss[0], `loss ${loss[0]} -> ${loss[loss.length - 1]}`);
  const p = m.predict<Tensor[]>([xa, xb]);
  assert.equal(p.length, 2);
  assert.deepEqual(p[0].shape, [64, 1]);
});
