// Callbacks (earlyStopping, reduceLROnPlateau, terminateOnNaN, learningRateScheduler), cancellation
// with an AbortSignal, and the terminal progress bar.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LossFn } from '../../src/kernels/losses.js';
import { dense } from '../../src/layers/dense.js';
import { lstm } from '../../src/layers/lstm.js';
import { setProgressReporter } from '../../src/model/callbacks.js';
import type { Model } from '../../src/model/model.js';
import { sequential } from '../../src/model/sequential.js';
import {
  earlyStopping,
  learningRateScheduler,
  reduceLROnPlateau,
  terminateOnNaN,
} from '../../src/model/training-callbacks.js';
import { formatEta, progressBar, renderBar, useProgressBar } from '../../src/node/progress-bar.js';
import { sgd } from '../../src/optim/optimizer.js';
import { setRandomSeed } from '../../src/rng.js';
import { Tensor } from '../../src/tensor.js';

/** A stand-in model: weights are one number per epoch so restoring can be observed. */
function fakeModel(lr = 0.1) {
  const m = {
    stopTraining: false,
    w: 0,
    optimizer: sgd({ learningRate: lr }),
    getWeights: () => [new Tensor(Float32Array.of(m.w), [1])],
    setWeights: (ws: Tensor[]) => (m.w = ws[0].data[0]),
  };
  return m;
}
/** Runs the epoch hooks over a list of monitored values; returns the epoch at which training stopped (or -1). */
function drive(
  cb: ReturnType<typeof earlyStopping> | ReturnType<typeof reduceLROnPlateau>,
  values: number[],
  m = fakeModel(),
  key = 'val_loss',
): number {
  m.stopTraining = false;
  cb.setModel?.(m as unknown as Model);
  cb.onTrainBegin?.({});
  for (let e = 0; e < values.length; e++) {
    m.w = e;
    cb.onEpochEnd?.(e, { [key]: values[e] });
    if (m.stopTraining) return e;
  }
  return -1;
}

test('earlyStopping stops after `patience` epochs without improvement and restores the best weights', () => {
  const m = fakeModel();
  const cb = earlyStopping({ patience: 2, restoreBestWeights: true });
  assert.equal(drive(cb, [1, 0.9, 0.95, 0.93, 0.5], m), 3);
  assert.equal(cb.bestEpoch, 1);
  assert.equal(m.w, 1, 'weights of epoch 1 restored');
  assert.equal(drive(earlyStopping({ patience: 2 }), [1, 0.9, 0.95, 0.93, 0.5], m), 3);
  assert.equal(m.w, 3, 'without restoreBestWeights the last weights stay');
});
test('earlyStopping minDelta: smaller changes are not improvements', () => {
  assert.equal(drive(earlyStopping({ patience: 1, minDelta: 0.1 }), [1, 0.95, 0.92, 0.5]), 1);
  assert.equal(drive(earlyStopping({ patience: 1, minDelta: 0.01 }), [1, 0.95, 0.92, 0.9]), -1);
});
test('earlyStopping mode max (and auto for accuracy) watches for increases', () => {
  assert.equal(
    drive(earlyStopping({ monitor: 'acc', patience: 1, mode: 'max' }), [0.5, 0.6, 0.55], fakeModel(), 'acc'),
    2,
  );
  assert.equal(
    drive(earlyStopping({ monitor: 'val_accuracy', patience: 1 }), [0.5, 0.6, 0.7], fakeModel(), 'val_accuracy'),
    -1,
  );
});
test('earlyStopping baseline: stops when the value never beats the baseline', () => {
  // As Keras: the first epoch counts toward patience too when it does not reach the baseline.
  assert.equal(drive(earlyStopping({ patience: 2, baseline: 0.5 }), [1, 0.9, 0.8, 0.7]), 1);
  assert.equal(drive(earlyStopping({ patience: 2, baseline: 0.5 }), [1, 0.4, 0.45, 0.45, 0.45]), 3);
});
test('earlyStopping startFromEpoch ignores the first epochs', () => {
  assert.equal(drive(earlyStopping({ patience: 1, startFromEpoch: 3 }), [1, 2, 3, 4, 5, 6]), 4);
  assert.equal(drive(earlyStopping({ patience: 1 }), [1, 2, 3, 4, 5, 6]), 1);
});
test('earlyStopping names the missing monitor key', () => {
  assert.throws(
    () => drive(earlyStopping(), [1], fakeModel(), 'loss'),
    /monitors 'val_loss' but the logs have only: loss/,
  );
});

test('reduceLROnPlateau multiplies the rate by factor after patience, with cooldown and minLr', () => {
  const m = fakeModel(0.1);
  drive(reduceLROnPlateau({ factor: 0.5, patience: 2, cooldown: 1, minLr: 0.02 }), [1, 1, 1, 1, 1, 1, 1, 1, 1], m);
  // epochs 2: 0.05; cooldown 1 epoch, then 2 more bad epochs -> epoch 5: 0.025; epoch 8: max(0.0125, 0.02).
  assert.equal(m.optimizer.learningRate, 0.02);
  const m2 = fakeModel(0.1);
  drive(reduceLROnPlateau({ factor: 0.5, patience: 2 }), [1, 0.9, 0.8, 0.7], m2);
  assert.equal(m2.optimizer.learningRate, 0.1, 'improving: unchanged');
});

function smallModel() {
  setRandomSeed(3);
  const model = sequential([lstm({ units: 4, inputShape: [5, 2] }), dense({ units: 1 })]);
  const x = new Tensor(
    Float32Array.from({ length: 16 * 10 }, (_, i) => Math.sin(i * 0.37)),
    [16, 5, 2],
  );
  const y = new Tensor(
    Float32Array.from({ length: 16 }, (_, i) => Math.cos(i)),
    [16, 1],
  );
  return { model, x, y };
}

test('terminateOnNaN stops at the first NaN loss and keeps the weights from before that batch', async () => {
  const { model, x, y } = smallModel();
  let calls = 0;
  const mse: LossFn = (d, p, t, N, K) => {
    let s = 0;
    for (let i = 0; i < N * K; i++) {
      d[i] = (2 * (p[i] - t[i])) / (N * K);
      s += (p[i] - t[i]) ** 2;
    }
    if (++calls === 3) d.fill(Number.NaN);
    return calls === 3 ? Number.NaN : s / (N * K);
  };
  model.compile({ optimizer: 'sgd', loss: mse });
  let afterBatch1: number[] = [];
  const cb = terminateOnNaN();
  const h = await model.fit(x, y, {
    epochs: 3,
    batchSize: 4,
    shuffle: false,
    callbacks: [
      cb,
      { onBatchEnd: (b) => void (b === 1 && (afterBatch1 = model.getWeights().flatMap((t) => Array.from(t.data)))) },
    ],
  });
  assert.equal(cb.stoppedAtBatch, 2);
  assert.deepEqual(
    model.getWeights().flatMap((t) => Array.from(t.data)),
    afterBatch1,
  );
  assert.ok(model.getWeights().every((t) => t.data.every(Number.isFinite)));
  assert.equal(h.epoch.length, 1);
});

test('learningRateScheduler sets the rate at each epoch start from (epoch, lr)', async () => {
  const { model, x, y } = smallModel();
  const opt = sgd({ learningRate: 0.1 });
  model.compile({ optimizer: opt, loss: 'mse' });
  const seen: number[] = [];
  await model.fit(x, y, {
    epochs: 3,
    batchSize: 16,
    callbacks: [
      learningRateScheduler((e, lr) => (e === 0 ? lr : lr / 2)),
      { onEpochEnd: () => void seen.push(opt.currentLearningRate()) },
    ],
  });
  assert.deepEqual(seen, [0.1, 0.05, 0.025]);
});

test('earlyStopping inside fit stops training early on a real model', async () => {
  const { model, x, y } = smallModel();
  model.compile({ optimizer: sgd({ learningRate: 1e-9 }), loss: 'mse' });
  const cb = earlyStopping({ monitor: 'loss', patience: 2, minDelta: 1e-3 });
  const h = await model.fit(x, y, { epochs: 50, batchSize: 8, callbacks: [cb] });
  assert.equal(h.epoch.length, 3);
  assert.equal(cb.stoppedEpoch, 2);
});

test('fit stops at the next batch once its AbortSignal is aborted', async () => {
  const { model, x, y } = smallModel();
  const opt = sgd();
  model.compile({ optimizer: opt, loss: 'mse' });
  const controller = new AbortController();
  const h = await model.fit(x, y, {
    epochs: 5,
    batchSize: 2,
    signal: controller.signal,
    callbacks: { onBatchEnd: (b) => void (b === 2 && controller.abort()) },
  });
  assert.equal(opt.iterations, 3);
  assert.equal(h.epoch.length, 1);
});

test('progress bar: ETA formatting, bar rendering, and fit({ verbose: 1 }) through useProgressBar', async () => {
  assert.deepEqual([formatEta(7.4), formatEta(65), formatEta(3723)], ['7s', '1:05', '1:02:03']);
  assert.equal(
    renderBar(10, 40, 30, 6, { loss: 0.5 }),
    `10/40 [${'='.repeat(6)}>${'.'.repeat(23)}] - ETA: 18s - loss: 0.5000`,
  );
  assert.equal(renderBar(40, 40, 10, 3.2, { loss: 0.25 }), `40/40 [${'='.repeat(10)}] - 3s - loss: 0.2500`);
  let text = '';
  let clock = 0;
  const stream = { isTTY: true, write: (s: string) => (text += s) };
  const bar = progressBar({ stream, now: () => (clock += 100) });
  bar.epochBegin(0, 2, 4);
  bar.batchEnd(0, { loss: 1 });
  assert.match(text, /Epoch 1\/2\n\r1\/4 \[=*>\.*\] - ETA: 0s - loss: 1\.0000/);
  const { model, x, y } = smallModel();
  model.compile({ optimizer: 'adam', loss: 'mse' });
  text = '';
  useProgressBar({ stream: { isTTY: false, write: (s: string) => (text += s) } });
  try {
    await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 1 });
  } finally {
    setProgressReporter(null);
  }
  assert.match(
    text,
    /^Epoch 1\/2\n2\/2 \[=+\] - \d+s - loss: [\d.]+\nEpoch 2\/2\n2\/2 \[=+\] - \d+s - loss: [\d.]+\n$/,
  );
});

test('history.learning_rate: per epoch with learningRateScheduler, reduceLROnPlateau and a schedule; absent otherwise', async () => {
  const { model, x, y } = smallModel();
  model.compile({ optimizer: sgd({ learningRate: 0.1 }), loss: 'mse' });
  const scheduled = await model.fit(x, y, {
    epochs: 3,
    batchSize: 16,
    callbacks: [learningRateScheduler((e, lr) => (e === 0 ? lr : lr / 2))],
  });
  assert.deepEqual(scheduled.history.learning_rate, [0.1, 0.05, 0.025]);

  model.compile({ optimizer: sgd({ learningRate: 0.1 }), loss: 'mse' });
  const plateau = await model.fit(x, y, {
    epochs: 4,
    batchSize: 16,
    callbacks: [reduceLROnPlateau({ monitor: 'loss', factor: 0.5, patience: 1, minDelta: 1e9 })],
  });
  // minDelta 1e9: no epoch counts as an improvement after the first, so each later epoch halves the rate.
  assert.deepEqual(
    plateau.history.learning_rate.map((v) => Number(v.toPrecision(6))),
    [0.1, 0.1, 0.05, 0.025],
  );

  const decay = Object.assign((step: number) => 0.1 / (1 + step), { config: {} });
  model.compile({ optimizer: sgd({ learningRate: decay }), loss: 'mse' });
  const h = await model.fit(x, y, { epochs: 2, batchSize: 8 }); // 16 samples: 2 updates per epoch
  assert.deepEqual(h.history.learning_rate, [0.1 / 2, 0.1 / 4], "the rate of each epoch's last update (steps 1, 3)");

  model.compile({ optimizer: sgd({ learningRate: 0.1 }), loss: 'mse' });
  const plain = await model.fit(x, y, { epochs: 2, batchSize: 16 });
  assert.equal(plain.history.learning_rate, undefined);
});
