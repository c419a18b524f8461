// The Keras options added for Keras 3 files: zeroOutputForMask, Conv1D groups, Attention scoreMode
// 'concat', TimeDistributed passing masks. Finite differences in float64; the Keras numbers for the same
// layers are in test/io/keras3.test.ts (fixtures masking_zero_output, conv1d_groups, attention_concat,
// time_distributed_mask).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attention } from '../../src/layers/attention.js';
import { bidirectional } from '../../src/layers/bidirectional.js';
import { conv1d } from '../../src/layers/conv1d.js';
import { gru } from '../../src/layers/gru.js';
import { lstm } from '../../src/layers/lstm.js';
import { masking } from '../../src/layers/masking.js';
import { timeDistributed } from '../../src/layers/time-distributed.js';
import { Tensor } from '../../src/tensor.js';
import { Rng, withFloat64 } from '../helpers/gradcheck.js';
import { checkLayerGradients, rand } from './layer-check.js';

const mask = (rows: number[][]) => new Tensor(Float64Array.from(rows.flat()), [rows.length, rows[0].length]);
const MASK = mask([
  [1, 1, 0, 1, 0],
  [0, 1, 1, 1, 1],
]);

test('zeroOutputForMask zeroes masked outputs (sequences, last step, go backwards) and matches finite differences', () => {
  withFloat64(() => {
    const rng = new Rng(31);
    for (const cfg of [
      { returnSequences: true },
      { returnSequences: false },
      { returnSequences: true, goBackwards: true },
      { returnSequences: false, goBackwards: true },
    ]) {
      const l = lstm({ units: 3, zeroOutputForMask: true, ...cfg });
      l.build([[5, 2]], rng);
      const x = rand([2, 5, 2], rng);
      const [y] = l.call([x], { training: false, mask: MASK });
      // Processing step s reads input step T−1−s when going backwards.
      const zero = (b: number, s: number) => MASK.data[b * 5 + (cfg.goBackwards ? 4 - s : s)] === 0;
      for (let b = 0; b < 2; b++)
        for (let s = 0; s < (cfg.returnSequences ? 5 : 1); s++) {
          const row = y.data.subarray(
            (b * (cfg.returnSequences ? 5 : 1) + s) * 3,
            (b * (cfg.returnSequences ? 5 : 1) + s + 1) * 3,
          );
          const step = cfg.returnSequences ? s : 4;
          assert.equal(
            row.every((v) => v === 0),
            zero(b, step),
            `${JSON.stringify(cfg)} sample ${b} step ${s}`,
          );
        }
      checkLayerGradients(l, [x], { masks: [MASK] });
    }
    const g = gru({ units: 2, zeroOutputForMask: true, returnSequences: true });
    g.build([[5, 2]], rng);
    checkLayerGradients(g, [rand([2, 5, 2], rng)], { masks: [MASK] });
  });
});

test('conv1d with groups matches finite differences and equals separate convolutions per group', () => {
  withFloat64(() => {
    const rng = new Rng(32);
    const l = conv1d({ filters: 6, kernelSize: 3, groups: 2, padding: 'same', activation: 'tanh' });
    l.build([[7, 4]], rng);
    assert.deepEqual(l.params()[0].shape, [3, 2, 6]);
    const x = rand([2, 7, 4], rng);
    checkLayerGradients(l, [x]);
    // Group 1 alone: channels 2..3 into filters 3..5.
    const half = conv1d({ filters: 3, kernelSize: 3, padding: 'same', activation: 'tanh' });
    half.build([[7, 2]], rng);
    const [W, b] = l.params();
    const [W1, b1] = half.params();
    for (let j = 0; j < 3; j++)
      for (let c = 0; c < 2; c++)
        for (let f = 0; f < 3; f++) W1.value[(j * 2 + c) * 3 + f] = W.value[(j * 2 + c) * 6 + 3 + f];
    b1.value.set(b.value.subarray(3));
    const x1 = new Tensor(new Float64Array(2 * 7 * 2), [2, 7, 2]);
    for (let r = 0; r < 14; r++) x1.data.set(x.data.subarray(r * 4 + 2, r * 4 + 4), r * 2);
    const [y] = l.call([x], { training: false, mask: null });
    const [y1] = half.call([x1], { training: false, mask: null });
    for (let r = 0; r < 14; r++)
      for (let f = 0; f < 3; f++) assert.ok(Math.abs(y.data[r * 6 + 3 + f] - y1.data[r * 3 + f]) < 1e-12);
    assert.throws(() => conv1d({ filters: 5, kernelSize: 2, groups: 2 }), /divisible by groups/);
  });
});

test("attention({ scoreMode: 'concat' }) matches finite differences, with and without scale, masks and scores", () => {
  withFloat64(() => {
    const rng = new Rng(33);
    for (const useScale of [true, false]) {
      const l = attention({ scoreMode: 'concat', useScale, returnAttentionScores: true });
      l.build(
        [
          [3, 4],
          [5, 4],
        ],
        rng,
      );
      for (const p of l.params()) p.value[0] = 0.7;
      checkLayerGradients(l, [rand([2, 3, 4], rng), rand([2, 5, 4], rng)], {
        masks: [
          mask([
            [1, 1, 0],
            [1, 1, 1],
          ]),
          mask([
            [1, 1, 1, 0, 0],
            [1, 1, 1, 1, 1],
          ]),
        ],
      });
    }
    assert.throws(() => attention({ scoreMode: 'general' as never }), /scoreMode/);
  });
});

test('timeDistributed hands the wrapped layer its slice of a (B,T,T2) mask, as Keras', () => {
  withFloat64(() => {
    const rng = new Rng(34);
    const inner = lstm({ units: 2 });
    const td = timeDistributed(inner);
    td.build([[3, 5, 2]], rng);
    const x = rand([2, 3, 5, 2], rng);
    for (const [b, t] of [
      [0, 1],
      [1, 2],
    ])
      x.data.fill(0, ((b * 3 + t) * 5 + 3) * 2, ((b * 3 + t) * 5 + 5) * 2); // last two inner steps padded
    const m = masking();
    m.build([[3, 5, 2]], rng);
    const mk = m.computeMask([x])!;
    assert.deepEqual(mk.shape, [2, 3, 5]);
    const [y] = td.call([x], { training: false, mask: mk });
    // Each inner sequence equals the LSTM run alone on its unpadded steps.
    const row = (b: number, t: number, steps: number) => {
      const xi = new Tensor(x.data.slice((b * 3 + t) * 10, (b * 3 + t) * 10 + steps * 2), [1, steps, 2]);
      return inner.call([xi], { training: false, mask: null })[0].data;
    };
    const want = row(0, 1, 3);
    assert.ok(
      Math.abs(y.data[(0 * 3 + 1) * 2] - want[0]) < 1e-12 && Math.abs(y.data[(0 * 3 + 1) * 2 + 1] - want[1]) < 1e-12,
    );
    const full = row(0, 0, 5);
    assert.ok(Math.abs(y.data[0] - full[0]) < 1e-12);
    checkLayerGradients(td, [x], { masks: [mk] });
  });
});

test('the new options survive a native save and load (zeroOutputForMask, preset, groups, scoreMode)', async () => {
  const { input, loadModel, model } = await import('../../src/index.js');
  const q = input({ shape: [6, 4] }),
    v = input({ shape: [5, 4] });
  const c = conv1d({ filters: 4, kernelSize: 2, groups: 2, padding: 'same' }).apply(q);
  const r = lstm({ units: 4, returnSequences: true, zeroOutputForMask: true, preset: 'tfjs' }).apply(c);
  const out = attention({ scoreMode: 'concat', useScale: true }).apply([r, v]);
  const m = model({ inputs: [q, v], outputs: out });
  const { artifacts } = await m.save();
  const copy = await loadModel(artifacts);
  const cfgs = (mm: typeof m) => mm.layers.map((l) => JSON.stringify(l.getConfig()));
  assert.deepEqual(cfgs(copy as typeof m), cfgs(m));
  const rng = new Rng(35);
  const xs = [rand([2, 6, 4], rng), rand([2, 5, 4], rng)];
  assert.deepEqual(Array.from(copy.predictOutputs(xs)[0].data), Array.from(m.predictOutputs(xs)[0].data));
});

test('bidirectional() sets zeroOutputForMask = returnSequences on both halves, as Keras does', () => {
  withFloat64(() => {
    const rng = new Rng(36);
    const b = bidirectional(lstm({ units: 2, returnSequences: true }), { mergeMode: 'concat' });
    b.build([[5, 2]], rng);
    assert.equal(b.forwardLayer.getConfig().zeroOutputForMask, true);
    assert.equal(b.backwardLayer.getConfig().zeroOutputForMask, true);
    const [y] = b.call([rand([2, 5, 2], rng)], { training: false, mask: MASK });
    for (let r = 0; r < 10; r++) {
      const row = Array.from(y.data.subarray(r * 4, r * 4 + 4));
      assert.equal(
        row.every((v) => v === 0),
        MASK.data[r] === 0,
        `row ${r}`,
      );
    }
    assert.equal(bidirectional(lstm({ units: 2 })).forwardLayer.getConfig().zeroOutputForMask, false);
  });
});
