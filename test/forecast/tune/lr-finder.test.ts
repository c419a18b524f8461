// findLearningRate(): on a simple regression the suggested rate lands in a sane range, the loss
// curve is smoothed and stops on divergence, and the model's weights and optimizer come back intact.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dense } from '../../../src/layers/dense.js';
import { lstm } from '../../../src/layers/lstm.js';
import { sequential } from '../../../src/model/sequential.js';
import { adam, sgd } from '../../../src/optim/optimizer.js';
import { Rng, setRandomSeed } from '../../../src/rng.js';
import { findLearningRate, lrFinderSvg } from '../../../src/forecast/tune/lr-finder.js';

/** y = 2·x0 − x1 + 0.5 + small noise, 256 samples. */
function linear(seed: number) {
  const rng = new Rng(seed);
  const x = Array.from({ length: 256 }, () => [rng.normal(), rng.normal()]);
  const y = x.map(([a, b]) => [2 * a - b + 0.5 + 0.01 * rng.normal()]);
  return { x, y };
}

test('findLearningRate suggests a sane SGD rate on linear regression (between 1e-3 and 1; SGD diverges above 1)', async () => {
  setRandomSeed(1);
  const model = sequential([dense({ units: 1, inputShape: [2] })]);
  model.compile({ optimizer: sgd({ learningRate: 0.01 }), loss: 'mse' });
  const { x, y } = linear(2);
  const before = model.getWeights().map((w) => Array.from(w.data));
  const r = await findLearningRate(model, x, y, { minLr: 1e-5, maxLr: 10, steps: 100, batchSize: 32 });
  assert.ok(r.suggested >= 1e-3 && r.suggested <= 1, `suggested ${r.suggested}`);
  assert.ok(r.minLossRate > r.suggested, `min-loss rate ${r.minLossRate} vs ${r.suggested}`);
  assert.ok(r.diverged, 'the loss should blow up before lr 10');
  assert.ok(r.rates.length < 100 && r.rates.length === r.smoothed.length);
  assert.ok(r.rates.every((v, i) => i === 0 || v > r.rates[i - 1]));
  assertCloseRatio(r.rates[1] / r.rates[0], (10 / 1e-5) ** (1 / 99));
  // weights, rate and optimizer iterations restored
  assert.deepEqual(
    model.getWeights().map((w) => Array.from(w.data)),
    before,
  );
  assert.equal(model.optimizer!.learningRate, 0.01);
  assert.equal(model.optimizer!.iterations, 0);
  const svg = lrFinderSvg(r);
  assert.match(svg, /^<svg[\s\S]*suggested[\s\S]*<\/svg>$/);
});

function assertCloseRatio(a: number, b: number): void {
  assert.ok(Math.abs(a / b - 1) < 1e-9, `${a} vs ${b}`);
}

test('findLearningRate on an LSTM with Adam suggests a rate in [1e-4, 0.3]', async () => {
  setRandomSeed(4);
  const rng = new Rng(5);
  const s = Array.from({ length: 140 }, (_, t) => Math.sin(t / 4) + 0.05 * rng.normal());
  const x = Array.from({ length: 128 }, (_, i) => s.slice(i, i + 8).map((v) => [v]));
  const y = Array.from({ length: 128 }, (_, i) => [s[i + 8]]);
  const model = sequential([lstm({ units: 8, inputShape: [8, 1] }), dense({ units: 1 })]);
  model.compile({ optimizer: adam({ learningRate: 0.001 }), loss: 'mse' });
  await model.fit(x, y, { epochs: 1, batchSize: 32 });
  const iterations = model.optimizer!.iterations;
  const r = await findLearningRate(model, x, y, { minLr: 1e-6, maxLr: 3, steps: 80, batchSize: 32 });
  assert.ok(r.suggested >= 1e-4 && r.suggested <= 0.3, `suggested ${r.suggested}`);
  assert.equal(model.optimizer!.iterations, iterations);
});

test('findLearningRate checks its input', async () => {
  const model = sequential([dense({ units: 1, inputShape: [2] })]);
  const { x, y } = linear(1);
  await assert.rejects(findLearningRate(model, x, y), /compile the model before findLearningRate/);
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  await assert.rejects(findLearningRate(model, x, y, { minLr: 1, maxLr: 0.1 }), /0 < minLr < maxLr/);
  await assert.rejects(findLearningRate(model, x, y, { steps: 2 }), /steps must be an integer >= 5/);
});
