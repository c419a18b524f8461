// diagnose(): real training runs that are underfit, overfit and unstable by construction get the
// right verdict; gradient norms (tracked per layer) flag exploding and vanishing gradients.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dense } from '../../src/layers/dense.js';
import { lstm } from '../../src/layers/lstm.js';
import type { History } from '../../src/model/callbacks.js';
import { sequential } from '../../src/model/sequential.js';
import { adam } from '../../src/optim/optimizer.js';
import { Rng, setRandomSeed } from '../../src/rng.js';
import { diagnose, diagnosisHtml, renderDiagnosis } from '../../src/forecast/diagnose.js';
import { gradientNormTracker } from '../../src/forecast/gradient-norms.js';

/** Windows of a noisy sine: x (N, L, 1), y (N, 1). */
function sineWindows(n: number, L: number, noise: number, seed: number) {
  const rng = new Rng(seed);
  const s = Array.from({ length: n + L }, (_, t) => Math.sin(t / 3) + noise * rng.normal());
  const x = Array.from({ length: n }, (_, i) => s.slice(i, i + L).map((v) => [v]));
  const y = Array.from({ length: n }, (_, i) => [s[i + L]]);
  return { x, y };
}

async function train(
  units: number,
  layers: number,
  lr: number,
  epochs: number,
  data: ReturnType<typeof sineWindows>,
  validationSplit: number,
) {
  setRandomSeed(1);
  const L = data.x[0].length;
  const ls = Array.from({ length: layers }, (_, i) =>
    lstm({ units, returnSequences: i < layers - 1, ...(i === 0 ? { inputShape: [L, 1] } : {}) }),
  );
  const model = sequential([...ls, dense({ units: 1 })]);
  model.compile({ optimizer: adam({ learningRate: lr }), loss: 'mse' });
  const g = gradientNormTracker(model);
  const history = await model.fit(data.x, data.y, { epochs, batchSize: 16, validationSplit, callbacks: [g] });
  return { history, norms: g.norms, model };
}

test('diagnose names a deliberately underfit model (1 unit, 2 epochs)', async () => {
  const { history, norms } = await train(1, 1, 0.001, 2, sineWindows(200, 10, 0.05, 1), 0.2);
  const d = diagnose(history, { gradientNorms: norms });
  assert.equal(d.verdict, 'underfit', renderDiagnosis(d));
  assert.match(d.advice.join(' '), /train longer|add capacity/);
});

test('diagnose names a deliberately overfit model (2×64-unit LSTM on 40 noisy values)', async () => {
  const { history, norms } = await train(64, 2, 0.01, 150, sineWindows(40, 6, 0.8, 2), 0.3);
  const d = diagnose(history, { gradientNorms: norms });
  assert.equal(d.verdict, 'overfit', renderDiagnosis(d));
  assert.match(d.evidence[0], /val_loss was lowest at epoch/);
  assert.match(d.advice.join(' '), /dropout/);
});

test('diagnose names an unstable run (learning rate 1e5)', async () => {
  // A learning rate of 10 is chaotic: its verdict (unstable, overfit, exploding) flips with float rounding
  // (kernel summation order); 1e5 makes the loss jump on every backend.
  const { history, norms } = await train(8, 1, 1e5, 30, sineWindows(200, 10, 0.05, 3), 0.2);
  const d = diagnose(history, { gradientNorms: norms });
  assert.equal(d.verdict, 'unstable', renderDiagnosis(d));
  assert.match(d.advice.join(' '), /lower the learning rate/);
});

test('diagnose calls a well-trained model a good fit', async () => {
  const { history } = await train(16, 1, 0.01, 60, sineWindows(200, 10, 0.05, 4), 0.2);
  const d = diagnose(history);
  assert.equal(d.verdict, 'good fit', renderDiagnosis(d));
});

test('gradientNormTracker records per-layer norms equal to the norms of the gradients after each batch', async () => {
  setRandomSeed(3);
  const model = sequential([lstm({ units: 3, inputShape: [4, 1] }), dense({ units: 1 })]);
  model.compile({ optimizer: adam({ learningRate: 0.01 }), loss: 'mse' });
  const g = gradientNormTracker(model);
  const data = sineWindows(16, 4, 0, 5);
  let byHand: number[] = [];
  const check = {
    onBatchEnd() {
      byHand = model.layers.map((l) =>
        Math.sqrt(
          l.params().reduce((s, p) => s + Array.from(p.grad).reduce((a: number, v: number) => a + v * v, 0), 0),
        ),
      );
    },
  };
  // one batch per epoch: the epoch mean is that batch's norm
  await model.fit(data.x, data.y, { epochs: 2, batchSize: 16, shuffle: false, callbacks: [g, check] });
  assert.deepEqual(
    g.norms.layers,
    model.layers.map((l) => l.name),
  );
  assert.equal(g.norms.perEpoch.length, 2);
  for (let i = 0; i < 2; i++) assert.ok(Math.abs(g.norms.perEpoch[1][i] - byHand[i]) <= 1e-9 * byHand[i], `layer ${i}`);
  assert.ok(g.norms.maxGlobal[1] > 0);
});

const hist = (loss: number[], val?: number[]): History => ({
  epoch: loss.map((_, i) => i),
  history: { loss, ...(val ? { val_loss: val } : {}) },
  params: { epochs: loss.length, steps: 1, samples: 1 },
});

test('diagnose flags exploding and vanishing gradients from tracked norms, NaN losses, and renders text and HTML', () => {
  const flat = Array.from({ length: 20 }, (_, i) => 1 / (1 + i));
  const norms = (perEpoch: number[][], maxGlobal: number[]) => ({
    layers: ['lstm_1', 'lstm_2', 'dense_1'],
    perEpoch,
    maxGlobal,
  });
  const big = diagnose(hist(flat), {
    gradientNorms: norms(
      flat.map(() => [1, 1, 1]),
      flat.map((_, i) => (i === 10 ? 5e4 : 1)),
    ),
  });
  assert.equal(big.verdict, 'exploding gradients');
  assert.match(big.evidence[0], /5e\+4|50000/);
  const small = diagnose(hist(flat), {
    gradientNorms: norms(
      flat.map(() => [1e-9, 1e-3, 1e-2]),
      flat.map(() => 1e-2),
    ),
  });
  assert.equal(small.verdict, 'vanishing gradients');
  const nan = diagnose(hist([1, 0.5, Number.NaN]));
  assert.equal(nan.verdict, 'unstable');
  assert.match(nan.evidence[0], /NaN at epoch 3/);
  const good = hist(
    Array.from({ length: 30 }, (_, i) => 0.1 + 1 / (1 + i) ** 3),
    Array.from({ length: 30 }, (_, i) => 0.12 + 1 / (1 + i) ** 3),
  );
  assert.equal(diagnose(good).verdict, 'good fit');
  assert.equal(diagnose(hist(Array(10).fill(0.5))).verdict, 'underfit');
  assert.equal(diagnose(hist(Array(10).fill(0.5)), { baselineLoss: 0.55 }).verdict, 'underfit');
  const text = renderDiagnosis(big);
  assert.match(text, /^diagnosis: exploding gradients\n {2}evidence: /);
  const html = diagnosisHtml(
    good.history ? good : good,
    diagnose(good),
    norms(
      flat.map(() => [1, 2, 3]),
      flat,
    ),
  );
  assert.equal((html.match(/<svg/g) ?? []).length, 2);
  assert.match(html, /<h2>Diagnosis: good fit<\/h2>/);
  assert.throws(
    () => diagnose({ epoch: [], history: {}, params: { epochs: 0, steps: 0, samples: 0 } }),
    /at least one epoch/,
  );
});
