// Losses: values against tfjs (tf.metrics / tf.losses) or closed forms, gradients against central
// differences in float64 (every loss and option, with sample weights); metrics on small hand cases.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import {
  binaryCrossentropy,
  categoricalCrossentropy,
  huberLoss,
  type LossFn,
  logCosh,
  meanAbsolutePercentageError,
  sparseCategoricalCrossentropy,
} from '../../src/kernels/losses.js';
import { getLoss, losses } from '../../src/model/losses.js';
import { getMetric } from '../../src/model/metrics.js';
import { assertClose } from '../helpers/close.js';
import { numericGradient, Rng, randomArray } from '../helpers/gradcheck.js';

const N = 4,
  K = 3;
const rng = new Rng(5);
const logits = randomArray(N * K, rng, -3, 3);
const softmax = (z: Float64Array) => {
  const p = new Float64Array(z.length);
  for (let n = 0; n < N; n++) {
    const row = Array.from(z.subarray(n * K, n * K + K)),
      m = Math.max(...row),
      e = row.map((v) => Math.exp(v - m)),
      s = e.reduce((a, b) => a + b);
    for (let k = 0; k < K; k++) p[n * K + k] = e[k] / s;
  }
  return p;
};
const probs = softmax(logits);
const sigmoid = logits.map((z) => 1 / (1 + Math.exp(-z)));
const classes = Float64Array.from([2, 0, 1, 2]);
const oneHot = Float64Array.from({ length: N * K }, (_, i) => (classes[Math.floor(i / K)] === i % K ? 1 : 0));
const binTargets = Float64Array.from({ length: N * K }, (_, i) => ((i * 7) % 3 === 0 ? 1 : 0));
const w = Float64Array.from([1, 0.5, 2, 0]);

function lossValue(fn: LossFn, pred: Float64Array, y: Float64Array, weights: Float64Array | null = null): number {
  return fn(new Float64Array(pred.length), pred, y, N, K, weights);
}
function gradcheck(name: string, fn: LossFn, pred: Float64Array, y: Float64Array): void {
  const p = Float64Array.from(pred);
  const d = new Float64Array(p.length);
  fn(d, p, y, N, K, w);
  assertClose(
    d,
    numericGradient(() => fn(new Float64Array(p.length), p, y, N, K, w), p, 1e-7),
    { rtol: 1e-5, atol: 1e-8 },
    name,
  );
}
const tfMean = (t: tf.Tensor) => t.mean().dataSync()[0];
const t2 = (a: Float64Array) => tf.tensor2d(Float32Array.from(a), [N, K]);

test('huber, logcosh and mape values match tfjs / closed forms', () => {
  const y = randomArray(N * K, rng, -2, 2),
    pred = randomArray(N * K, rng, -3, 3);
  assertClose(
    lossValue(huberLoss(1), pred, y),
    tf.losses.huberLoss(t2(y), t2(pred), undefined, 1).dataSync()[0],
    { rtol: 1e-5 },
    'huber',
  );
  assertClose(
    lossValue(losses.huber({ delta: 0.5 }), pred, y),
    tf.losses.huberLoss(t2(y), t2(pred), undefined, 0.5).dataSync()[0],
    { rtol: 1e-5 },
    'huber 0.5',
  );
  const lc = Array.from(pred, (p, i) => Math.log(Math.cosh(p - y[i]))).reduce((a, b) => a + b) / (N * K);
  assertClose(lossValue(logCosh, pred, y), lc, { rtol: 1e-12 }, 'logcosh');
  assertClose(
    lossValue(meanAbsolutePercentageError, pred, y),
    tfMean(tf.metrics.MAPE(t2(y), t2(pred))),
    { rtol: 1e-5 },
    'mape',
  );
  assert.ok(
    Number.isFinite(
      lossValue(
        logCosh,
        Float64Array.from({ length: N * K }, () => 1000),
        new Float64Array(N * K),
      ),
    ),
    'logcosh does not overflow',
  );
});

test('cross-entropies match tfjs, probabilities and logits alike', () => {
  assertClose(
    lossValue(binaryCrossentropy(), sigmoid, binTargets),
    tfMean(tf.metrics.binaryCrossentropy(t2(binTargets), t2(sigmoid))),
    { rtol: 1e-5 },
    'bce',
  );
  assertClose(
    lossValue(binaryCrossentropy(true), logits, binTargets),
    lossValue(binaryCrossentropy(), sigmoid, binTargets),
    { rtol: 1e-6 },
    'bce logits',
  );
  assertClose(
    lossValue(categoricalCrossentropy(), probs, oneHot),
    tfMean(tf.metrics.categoricalCrossentropy(t2(oneHot), t2(probs))),
    { rtol: 1e-5 },
    'cce',
  );
  assertClose(
    lossValue(categoricalCrossentropy(true), logits, oneHot),
    tf.losses.softmaxCrossEntropy(t2(oneHot), t2(logits)).dataSync()[0],
    { rtol: 1e-5 },
    'cce logits',
  );
  const sparse = (fn: LossFn, p: Float64Array) => fn(new Float64Array(N * K), p, classes, N, K, null);
  assertClose(
    sparse(sparseCategoricalCrossentropy(), probs),
    lossValue(categoricalCrossentropy(), probs, oneHot),
    { rtol: 1e-12 },
    'scce',
  );
  assertClose(
    sparse(sparseCategoricalCrossentropy(true), logits),
    lossValue(categoricalCrossentropy(), probs, oneHot),
    { rtol: 1e-12 },
    'scce logits',
  );
  const huge = Float64Array.from(logits, (z) => z * 1000);
  assert.ok(
    Number.isFinite(sparse(sparseCategoricalCrossentropy(true), huge)),
    'fused softmax is stable for huge logits',
  );
});

test('every loss gradient matches central differences (float64, with sample weights)', () => {
  const y = randomArray(N * K, rng, -2, 2),
    pred = randomArray(N * K, rng, -3, 3);
  gradcheck('huber', huberLoss(0.7), pred, y);
  gradcheck('logcosh', logCosh, pred, y);
  gradcheck('mape', meanAbsolutePercentageError, pred, y);
  gradcheck('bce', binaryCrossentropy(), sigmoid, binTargets);
  gradcheck('bce logits', binaryCrossentropy(true), logits, binTargets);
  gradcheck('cce', categoricalCrossentropy(), probs, oneHot);
  gradcheck('cce logits', categoricalCrossentropy(true), logits, oneHot);
  gradcheck('scce', sparseCategoricalCrossentropy(), probs, classes);
  gradcheck('scce logits', sparseCategoricalCrossentropy(true), logits, classes);
});

test('loss names resolve in compile; unknown names list the choices; bad sparse targets are named', () => {
  for (const name of [
    'huber',
    'logcosh',
    'mape',
    'binaryCrossentropy',
    'categoricalCrossentropy',
    'sparseCategoricalCrossentropy',
  ])
    assert.equal(typeof getLoss(name, 't'), 'function');
  assert.throws(() => getLoss('hubber', 't'), /unknown loss "hubber".*'huber'/);
  assert.throws(
    () =>
      sparseCategoricalCrossentropy()(new Float64Array(6), new Float64Array(6), Float64Array.from([0, 3]), 2, 3, null),
    /target 3 \(sample 1\) is not a class index in \[0, 3\)/,
  );
});

function metric(
  name: string,
  pred: number[],
  y: number[],
  n: number,
  k: number,
  weights: number[] | null = null,
): number {
  const m = getMetric(name, 't');
  m.update(Float64Array.from(pred), Float64Array.from(y), n, k, weights ? Float64Array.from(weights) : null);
  return m.result();
}

test('accuracy metrics: binary, categorical, sparse, and "accuracy" choosing from shapes', () => {
  assert.equal(metric('binaryAccuracy', [0.9, 0.2, 0.6, 0.4], [1, 0, 0, 0], 4, 1), 0.75);
  assert.equal(metric('categoricalAccuracy', [0.1, 0.9, 0.8, 0.2], [0, 1, 0, 1], 2, 2), 0.5);
  assert.equal(metric('sparseCategoricalAccuracy', [0.1, 0.9, 0.8, 0.2, 0.3, 0.7], [1, 1, 1], 3, 2), 2 / 3);
  assert.equal(metric('accuracy', [0.1, 0.9, 0.8, 0.2, 0.3, 0.7], [1, 1, 1], 3, 2), 2 / 3, 'sparse by shape');
  assert.equal(metric('accuracy', [0.9, 0.2], [1, 1], 2, 1), 0.5, 'binary by shape');
  assert.equal(metric('accuracy', [0.1, 0.9, 0.8, 0.2], [0, 1, 0, 1], 2, 2), 0.5, 'categorical by shape');
  assert.equal(metric('binaryAccuracy', [0.9, 0.2], [1, 1], 2, 1, [3, 1]), 0.75, 'weighted');
});

test('mape and r2 metrics', () => {
  assertClose(metric('mape', [110, 45], [100, 50], 2, 1), 10, { rtol: 1e-12 });
  // r2 of [1,2,3] against [1,2,4]: SS_res 1, SS_tot 14/3.
  assertClose(metric('r2', [1, 2, 3], [1, 2, 4], 3, 1), 1 - 3 / 14, { rtol: 1e-12 });
  assertClose(
    metric('r2', [1, 10, 2, 20, 3, 30], [1, 10, 2, 20, 4, 30], 3, 2),
    (1 - 3 / 14 + 1) / 2,
    { rtol: 1e-12 },
    'two outputs, averaged',
  );
});
