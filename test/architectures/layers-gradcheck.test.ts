// Finite-difference gradient checks (float64) for every architecture layer, and for masked RNNs.

import { test } from 'node:test';
import { additiveAttention, attention } from '../../src/layers/attention.js';
import { bidirectional } from '../../src/layers/bidirectional.js';
import { conv1d } from '../../src/layers/conv1d.js';
import { dense } from '../../src/layers/dense.js';
import { embedding } from '../../src/layers/embedding.js';
import { flatten } from '../../src/layers/flatten.js';
import { gru } from '../../src/layers/gru.js';
import { lstm } from '../../src/layers/lstm.js';
import { masking } from '../../src/layers/masking.js';
import { add, concatenate } from '../../src/layers/merge.js';
import {
  averagePooling1d,
  globalAveragePooling1d,
  globalMaxPooling1d,
  maxPooling1d,
} from '../../src/layers/pooling.js';
import { repeatVector } from '../../src/layers/repeat-vector.js';
import { simpleRnn } from '../../src/layers/simple-rnn.js';
import { reshape } from '../../src/layers/reshape.js';
import { timeDistributed } from '../../src/layers/time-distributed.js';
import { Tensor } from '../../src/tensor.js';
import { assertClose } from '../helpers/close.js';
import { Rng, withFloat64 } from '../helpers/gradcheck.js';
import { checkLayerGradients, rand } from './layer-check.js';

const mask = (rows: number[][]) => new Tensor(Float64Array.from(rows.flat()), [rows.length, rows[0].length]);

test('conv1d backward matches finite differences for valid, same, causal, strides and dilation', () => {
  withFloat64(() => {
    const rng = new Rng(1);
    for (const c of [
      { padding: 'valid', strides: 1, dilationRate: 1, activation: 'tanh' },
      { padding: 'same', strides: 2, dilationRate: 1, activation: 'linear' },
      { padding: 'causal', strides: 1, dilationRate: 2, activation: 'sigmoid' },
      { padding: 'same', strides: 1, dilationRate: 1, activation: 'relu' },
    ] as const) {
      const l = conv1d({ filters: 3, kernelSize: 3, ...c });
      l.build([[7, 2]], rng);
      checkLayerGradients(l, [rand([2, 7, 2], rng)]);
    }
  });
});

test('pooling layers backward match finite differences', () => {
  withFloat64(() => {
    const rng = new Rng(2);
    for (const l of [
      maxPooling1d({ poolSize: 2 }),
      maxPooling1d({ poolSize: 3, strides: 2, padding: 'same' }),
      averagePooling1d({ poolSize: 2 }),
      averagePooling1d({ poolSize: 3, strides: 1, padding: 'same' }),
      globalMaxPooling1d(),
      globalAveragePooling1d(),
    ]) {
      l.build([[5, 3]], rng);
      checkLayerGradients(l, [rand([2, 5, 3], rng)]);
    }
    const g = globalAveragePooling1d();
    g.build([[4, 2]], rng);
    checkLayerGradients(g, [rand([2, 4, 2], rng)], {
      masks: [
        mask([
          [1, 1, 0, 0],
          [1, 1, 1, 1],
        ]),
      ],
    });
  });
});

test('flatten, reshape, repeatVector, concatenate and add backward match finite differences', () => {
  withFloat64(() => {
    const rng = new Rng(3);
    const f = flatten();
    f.build([[3, 2]], rng);
    checkLayerGradients(f, [rand([2, 3, 2], rng)]);
    const r = reshape({ targetShape: [-1, 3] });
    r.build([[6]], rng);
    checkLayerGradients(r, [rand([2, 6], rng)]);
    const rv = repeatVector(3);
    rv.build([[4]], rng);
    checkLayerGradients(rv, [rand([2, 4], rng)]);
    const c = concatenate();
    c.build(
      [
        [3, 2],
        [3, 4],
      ],
      rng,
    );
    checkLayerGradients(c, [rand([2, 3, 2], rng), rand([2, 3, 4], rng)]);
    const c1 = concatenate({ axis: 1 });
    c1.build(
      [
        [3, 2],
        [1, 2],
      ],
      rng,
    );
    checkLayerGradients(c1, [rand([2, 3, 2], rng), rand([2, 1, 2], rng)]);
    const a = add();
    a.build([[3], [3], [3]], rng);
    checkLayerGradients(a, [rand([2, 3], rng), rand([2, 3], rng), rand([2, 3], rng)]);
  });
});

test('embedding backward scatters into the embedding gradient (finite differences)', () => {
  withFloat64(() => {
    const rng = new Rng(4);
    const e = embedding({ inputDim: 5, outputDim: 3 });
    e.build([[4]], rng);
    checkLayerGradients(e, [new Tensor(Float64Array.from([1, 0, 4, 1, 2, 2, 3, 0]), [2, 4])], { skipInputs: [0] });
  });
});

test('timeDistributed(dense) and timeDistributed(conv1d) on 4-D input match finite differences', () => {
  withFloat64(() => {
    const rng = new Rng(5);
    const td = timeDistributed(dense({ units: 2, activation: 'tanh' }));
    td.build([[3, 4]], rng);
    checkLayerGradients(td, [rand([2, 3, 4], rng)]);
    const tc = timeDistributed(conv1d({ filters: 4, kernelSize: 1, activation: 'tanh' }));
    tc.build([[2, 2, 1]], rng);
    checkLayerGradients(tc, [rand([3, 2, 2, 1], rng)]);
  });
});

test('bidirectional(lstm) backward matches finite differences for every merge mode, sequences and states', () => {
  withFloat64(() => {
    const rng = new Rng(6);
    for (const mergeMode of ['concat', 'sum', 'mul', 'ave', null] as const) {
      const b = bidirectional(lstm({ units: 3, returnSequences: true }), { mergeMode });
      b.build([[4, 2]], rng);
      checkLayerGradients(b, [rand([2, 4, 2], rng)]);
    }
    const s = bidirectional(lstm({ units: 3, returnState: true }));
    s.build([[4, 2]], rng);
    checkLayerGradients(s, [
      rand([2, 4, 2], rng),
      rand([2, 3], rng),
      rand([2, 3], rng),
      rand([2, 3], rng),
      rand([2, 3], rng),
    ]);
    const m = bidirectional(lstm({ units: 2, returnSequences: true }));
    m.build([[4, 2]], rng);
    checkLayerGradients(m, [rand([2, 4, 2], rng)], {
      masks: [
        mask([
          [1, 1, 1, 0],
          [1, 1, 1, 1],
        ]),
      ],
    });
  });
});

test('masked lstm backward matches finite differences (masked steps carry state, go backwards too)', () => {
  withFloat64(() => {
    const rng = new Rng(8);
    for (const cfg of [
      { returnSequences: true },
      { returnSequences: false },
      { returnSequences: true, goBackwards: true },
      { returnState: true },
    ]) {
      const l = lstm({ units: 3, ...cfg });
      l.build([[5, 2]], rng);
      checkLayerGradients(l, [rand([2, 5, 2], rng)], {
        masks: [
          mask([
            [1, 1, 0, 1, 0],
            [1, 1, 1, 0, 0],
          ]),
        ],
      });
    }
  });
});

test('masking zeroes masked steps and its backward matches finite differences', () => {
  withFloat64(() => {
    const rng = new Rng(9);
    const m = masking({ maskValue: 0 });
    m.build([[3, 2]], rng);
    const x = rand([2, 3, 2], rng);
    x.data.fill(0, 2, 4);
    // The mask is not differentiable where a step is exactly maskValue; check the rule there directly.
    checkLayerGradients(m, [x], { skipInputs: [0] });
    m.call([x], { training: true, mask: null });
    const dy = rand([2, 3, 2], rng);
    const dx = m.backward([dy])[0]!;
    const keep = [1, 0, 1, 1, 1, 1];
    assertClose(
      dx.data,
      dy.data.map((v, i) => v * keep[Math.floor(i / 2)]),
      { atol: 0 },
      'masking dx',
    );
    assertClose(m.computeMask([x])!.data, keep, { atol: 0 }, 'mask');
  });
});

test('attention and additiveAttention backward match finite differences (scale, key, masks, scores)', () => {
  withFloat64(() => {
    const rng = new Rng(10);
    for (const make of [
      () => attention({ useScale: true, returnAttentionScores: true }),
      () => attention(),
      () => additiveAttention({ returnAttentionScores: true }),
      () => additiveAttention({ useScale: false, useCausalMask: true }),
    ]) {
      const l = make();
      l.build(
        [
          [3, 4],
          [5, 2],
          [5, 4],
        ],
        rng,
      );
      checkLayerGradients(l, [rand([2, 3, 4], rng), rand([2, 5, 2], rng), rand([2, 5, 4], rng)]);
      const l2 = make();
      l2.build(
        [
          [3, 4],
          [5, 4],
        ],
        rng,
      );
      checkLayerGradients(l2, [rand([2, 3, 4], rng), rand([2, 5, 4], rng)], {
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
  });
});

test('masked gru and simpleRnn, and bidirectional(gru), backward match finite differences', () => {
  withFloat64(() => {
    const rng = new Rng(12);
    const m = mask([
      [1, 1, 0, 1, 0],
      [1, 1, 1, 0, 0],
    ]);
    for (const l of [
      gru({ units: 3, returnSequences: true }),
      gru({ units: 3, goBackwards: true }),
      simpleRnn({ units: 3, returnSequences: true }),
      simpleRnn({ units: 2 }),
    ]) {
      l.build([[5, 2]], rng);
      checkLayerGradients(l, [rand([2, 5, 2], rng)], { masks: [m] });
    }
    const b = bidirectional(gru({ units: 2, returnSequences: true }), { mergeMode: 'sum' });
    b.build([[5, 2]], rng);
    checkLayerGradients(b, [rand([2, 5, 2], rng)], { masks: [m] });
  });
});
