// fit() options: truncated BPTT (equal to full BPTT at k1 = k2 = T; a float64 finite-difference
// check of a 2-chunk run; k2 > k1), stateful models (fixed batch size, resetStates), sampleWeight,
// classWeight, and the memory demonstration.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryDemo } from '../../examples/memory.js';
import { dense } from '../../src/layers/dense.js';
import { gru } from '../../src/layers/gru.js';
import { lstm } from '../../src/layers/lstm.js';
import type { RecurrentRuntime } from '../../src/layers/recurrent.js';
import { sequential } from '../../src/model/sequential.js';
import { timeSlice } from '../../src/model/tbptt.js';
import { adam, sgd } from '../../src/optim/optimizer.js';
import { setRandomSeed } from '../../src/rng.js';
import { Tensor } from '../../src/tensor.js';
import { assertClose } from '../helpers/close.js';
import { numericGradient, Rng, randomArray, withFloat64 } from '../helpers/gradcheck.js';

const flat = (ts: Tensor[]) => ts.flatMap((t) => Array.from(t.data));

function seqData(B: number, T: number, seed: number) {
  const r = new Rng(seed);
  return { x: new Tensor(randomArray(B * T * 2, r), [B, T, 2]), y: new Tensor(randomArray(B * T * 2, r), [B, T, 2]) };
}
function seqModel(seed: number, units = 3) {
  setRandomSeed(seed);
  return sequential([lstm({ units, returnSequences: true, inputShape: [6, 2] }), dense({ units: 2 })]);
}

test('tbptt with k1 = k2 = T equals full BPTT exactly', async () => {
  const { x, y } = seqData(4, 6, 1);
  const a = seqModel(5),
    b = seqModel(5);
  assert.deepEqual(flat(a.getWeights()), flat(b.getWeights()));
  a.compile({ optimizer: 'adam', loss: 'mse' });
  b.compile({ optimizer: 'adam', loss: 'mse' });
  const ha = await a.fit(x, y, { epochs: 3, batchSize: 2, shuffle: false });
  const hb = await b.fit(x, y, { epochs: 3, batchSize: 2, shuffle: false, tbptt: { k1: 6, k2: 6 } });
  assert.deepEqual(flat(b.getWeights()), flat(a.getWeights()));
  assert.deepEqual(hb.history.loss, ha.history.loss);
});

test('tbptt (k1 = k2 = 3 over T = 6) matches finite differences: window 2 starts from window 1’s state, gradients cut at the border', async () => {
  await withFloat64(async () => {
    const { x, y } = seqData(2, 6, 2);
    const lr = 0.1;
    const model = seqModel(7);
    model.compile({ optimizer: sgd({ learningRate: lr }), loss: 'mse' });
    const ref = seqModel(7);
    ref.compile({ optimizer: sgd({ learningRate: lr }), loss: 'mse' });
    const rt = ref.layers[0] as unknown as { runtime: RecurrentRuntime };
    const params = ref.params();
    // Window loss at the current weights from a given initial state (null = zeros).
    const windowLoss = (t0: number, state: Float64Array[] | null) => () => {
      rt.runtime.carry = true;
      rt.runtime.reset(state ?? undefined);
      const l = ref.evaluate(timeSlice(x, t0, t0 + 3), timeSlice(y, t0, t0 + 3), { batchSize: 2 }).loss;
      rt.runtime.carry = false;
      return l;
    };
    const step = (g: Float64Array[]) => {
      for (let i = 0; i < params.length; i++)
        for (let j = 0; j < params[i].value.length; j++) params[i].value[j] -= lr * g[i][j];
    };
    const g1 = params.map((p) => numericGradient(windowLoss(0, null), p.value));
    rt.runtime.carry = true;
    rt.runtime.reset();
    ref.predict(timeSlice(x, 0, 3), { batchSize: 2 });
    const border = rt.runtime.states!.map((s) => Float64Array.from(s));
    rt.runtime.carry = false;
    step(g1);
    step(params.map((p) => numericGradient(windowLoss(3, border), p.value)));
    await model.fit(x, y, { epochs: 1, batchSize: 2, shuffle: false, tbptt: { k1: 3 } });
    assertClose(
      flat(model.getWeights()),
      flat(ref.getWeights()),
      { rtol: 1e-6, atol: 1e-8 },
      'weights after two tbptt updates',
    );
  });
});

test('tbptt with k2 > k1 trains (loss falls) and a last-output model is scored on the final window only', async () => {
  const { x } = seqData(8, 6, 3);
  // Target: the previous step's input (needs one step of memory, which may cross a window border).
  const y = new Tensor(
    Float32Array.from(x.data, (_, i) => (Math.floor(i / 2) % 6 === 0 ? 0 : x.data[i - 2])),
    [8, 6, 2],
  );
  const model = seqModel(9, 8);
  model.compile({ optimizer: adam({ learningRate: 0.03 }), loss: 'mse' });
  const h = await model.fit(x, y, { epochs: 60, batchSize: 8, tbptt: { k1: 2, k2: 4 } });
  assert.ok(h.history.loss[59] < 0.5 * h.history.loss[0], `loss ${h.history.loss[0]} -> ${h.history.loss[59]}`);
  setRandomSeed(4);
  const last = sequential([gru({ units: 4, inputShape: [6, 2] }), dense({ units: 1 })]);
  const opt = sgd({ learningRate: 0.01 });
  last.compile({ optimizer: opt, loss: 'mse' });
  await last.fit(
    x,
    new Tensor(
      Float32Array.from({ length: 8 }, (_, i) => i / 8),
      [8, 1],
    ),
    { epochs: 1, batchSize: 8, tbptt: { k1: 2 } },
  );
  assert.equal(opt.iterations, 1, 'one update per batch');
  await assert.rejects(last.fit(x, y, { tbptt: { k1: 3, k2: 2 } }), /0 < k1 <= k2/);
});

test('stateful model: fixed batch size with a clear error, state carried across batches, model.resetStates()', async () => {
  setRandomSeed(2);
  const model = sequential([lstm({ units: 3, stateful: true, inputShape: [2, 1] }), dense({ units: 1 })]);
  model.compile({ optimizer: 'adam', loss: 'mse' });
  const x = new Tensor(
    Float32Array.from({ length: 8 }, (_, i) => i / 8),
    [4, 2, 1],
  );
  const a = model.predict(x, { batchSize: 2 }).data;
  const b = model.predict(x, { batchSize: 2 }).data;
  assert.notDeepEqual(Array.from(a), Array.from(b), 'the second call starts from the carried state');
  model.resetStates();
  assert.deepEqual(Array.from(model.predict(x, { batchSize: 2 }).data), Array.from(a));
  assert.throws(
    () => model.predict(x, { batchSize: 4 }),
    /needs batches of exactly 2 samples, got 4: row i of each batch continues the sequence of row i of the previous batch/,
  );
  await assert.rejects(
    model.fit(new Tensor(new Float32Array(10), [5, 2, 1]), new Tensor(new Float32Array(5), [5, 1]), { batchSize: 2 }),
    /stateful layers.*5 training samples do not split into batches of 2/,
  );
  const fixed = sequential([gru({ units: 3, stateful: true, batchSize: 3, inputShape: [2, 1] })]);
  assert.throws(() => fixed.predict(x, { batchSize: 2 }), /exactly 3 samples.*\(by batchSize\)/);
});

test('sampleWeight: a sample with weight 0 has no influence; classWeight equals the matching sampleWeight', async () => {
  const x = new Tensor(
    Float32Array.from({ length: 8 * 4 }, (_, i) => Math.sin(i)),
    [8, 4, 1],
  );
  const y = new Tensor(
    Float32Array.from({ length: 8 }, (_, i) => i % 2),
    [8, 1],
  );
  const y2 = new Tensor(
    Float32Array.from(y.data, (v, i) => (i === 3 ? 100 : v)),
    [8, 1],
  );
  const make = () => {
    setRandomSeed(6);
    const m = sequential([lstm({ units: 3, inputShape: [4, 1] }), dense({ units: 1, activation: 'sigmoid' })]);
    m.compile({ optimizer: 'sgd', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    return m;
  };
  const w = Float32Array.from({ length: 8 }, (_, i) => (i === 3 ? 0 : 1));
  const [m1, m2] = [make(), make()];
  await m1.fit(x, y, { epochs: 2, batchSize: 4, shuffle: false, sampleWeight: w });
  await m2.fit(x, y2, { epochs: 2, batchSize: 4, shuffle: false, sampleWeight: w });
  assert.deepEqual(flat(m1.getWeights()), flat(m2.getWeights()));
  const [m3, m4] = [make(), make()];
  await m3.fit(x, y, { epochs: 2, batchSize: 4, shuffle: false, classWeight: { 0: 1, 1: 3 } });
  await m4.fit(x, y, {
    epochs: 2,
    batchSize: 4,
    shuffle: false,
    sampleWeight: Float32Array.from(y.data, (c) => (c === 1 ? 3 : 1)),
  });
  assert.deepEqual(flat(m3.getWeights()), flat(m4.getWeights()));
  const [m5] = [make()];
  await m5.fit(x, y, { epochs: 2, batchSize: 4, shuffle: false });
  assert.notDeepEqual(flat(m5.getWeights()), flat(m3.getWeights()), 'class weights change training');
  await assert.rejects(make().fit(x, y, { classWeight: { 0: 1 } }), /classWeight has no weight for class 1/);
});

test('memory demonstration: a stateful LSTM(20) fed one step at a time predicts all 8 next symbols', async () => {
  const r = await memoryDemo(1);
  assert.deepEqual(r.predicted, [
    [0, 1, 2, 3],
    [0, 1, 2, 4],
  ]);
  assert.equal(r.correct, 8);
});
