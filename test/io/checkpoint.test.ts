// Checkpoints and exact resume: an interrupted run resumed from a checkpoint ends with the same
// weights as an uninterrupted run with the same seed.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dropout } from '../../src/layers/dropout.js';
import {
  adam,
  dense,
  loadCheckpoint,
  lstm,
  memoryHandler,
  modelCheckpoint,
  Rng,
  type Sequential,
  sequential,
  setRandomSeed,
  tensor,
} from '../../src/index.js';
import { assertClose } from '../helpers/close.js';

function data(): { x: ReturnType<typeof tensor>; y: ReturnType<typeof tensor> } {
  const r = new Rng(11);
  const N = 24,
    T = 4;
  const x = Array.from({ length: N * T }, () => r.uniform(-1, 1));
  const y = Array.from({ length: N }, (_, i) => x[i * T] * 0.5 - x[i * T + 3]);
  return { x: tensor(x, [N, T, 1]), y: tensor(y, [N, 1]) };
}

function fresh(withDropout = false): Sequential {
  setRandomSeed(42);
  const m = withDropout
    ? sequential([
        lstm({ units: 5, inputShape: [4, 1], dropout: 0.2, recurrentDropout: 0.1 }),
        dropout({ rate: 0.3 }),
        dense({ units: 1 }),
      ])
    : sequential([lstm({ units: 5, inputShape: [4, 1] }), dense({ units: 1 })]);
  m.compile({ optimizer: adam({ learningRate: 0.02 }), loss: 'mse' });
  return m;
}

for (const withDropout of [false, true])
  test(`fit resumed from a modelCheckpoint (initialEpoch) matches an uninterrupted run exactly${withDropout ? ' (with dropout and recurrent dropout)' : ''}`, async () => {
    const { x, y } = data();
    const full = fresh(withDropout);
    await full.fit(x, y, { epochs: 4, batchSize: 5 });

    const first = fresh(withDropout);
    const mem = memoryHandler();
    const saved: number[] = [];
    await first.fit(x, y, {
      epochs: 2,
      batchSize: 5,
      callbacks: [modelCheckpoint({ model: first, target: mem, onSave: (e) => saved.push(e) })],
    });
    assert.deepEqual(saved, [0, 1]);

    const { model, optimizer, epoch } = await loadCheckpoint(mem);
    assert.equal(epoch, 1);
    assert.ok(optimizer, 'Adam is rebuilt from the checkpoint');
    model.compile({ optimizer, loss: 'mse' });
    const h = await model.fit(x, y, { epochs: 4, batchSize: 5, initialEpoch: epoch! + 1 });
    assert.deepEqual(h.epoch, [2, 3]);
    const a = full.getWeights(),
      b = model.getWeights();
    a.forEach((w, i) => {
      assertClose(b[i].data, w.data, { atol: 0 }, `weight ${i}`);
    });
  });

test('modelCheckpoint saveBestOnly saves only on improvement of the monitored metric', async () => {
  const { x, y } = data();
  const m = fresh();
  const saved: number[] = [];
  const ckpt = modelCheckpoint({
    model: m,
    target: memoryHandler(),
    monitor: 'loss',
    saveBestOnly: true,
    onSave: (e) => saved.push(e),
  });
  const h = await m.fit(x, y, { epochs: 5, batchSize: 8, callbacks: [ckpt] });
  const losses = h.history.loss;
  const expected: number[] = [];
  let best = Infinity;
  losses.forEach((l, e) => {
    if (l < best) {
      best = l;
      expected.push(e);
    }
  });
  assert.deepEqual(saved, expected);
  assert.equal(ckpt.best, best);
  // One checkpoint per epoch through a target function.
  const perEpoch = new Map<number, ReturnType<typeof memoryHandler>>();
  const every = modelCheckpoint({ model: m, target: (e) => perEpoch.set(e, memoryHandler()).get(e)! });
  await m.fit(x, y, { epochs: 2, batchSize: 8, callbacks: [every] });
  assert.deepEqual([...perEpoch.keys()], [0, 1]);
  assert.equal((await loadCheckpoint(perEpoch.get(1)!)).epoch, 1);
  await assert.rejects(
    m.fit(x, y, { epochs: 1, callbacks: [modelCheckpoint({ model: m, target: memoryHandler(), saveBestOnly: true })] }),
    /val_loss.*not in the epoch logs/,
  );
  assert.throws(() => modelCheckpoint({ model: m, target: memoryHandler(), mode: 'up' as 'min' }), /mode must be/);
});

test('a checkpoint of an optimizer with a schedule restores into the optimizer you pass', async () => {
  const { x, y } = data();
  setRandomSeed(42);
  const schedule = (step: number) => 0.02 / (1 + step);
  const m = sequential([lstm({ units: 3, inputShape: [4, 1] }), dense({ units: 1 })]);
  m.compile({ optimizer: adam({ learningRate: schedule }), loss: 'mse' });
  await m.fit(x, y, { epochs: 1, batchSize: 8 });
  const { artifacts } = await m.save();
  const plain = await loadCheckpoint(artifacts);
  assert.equal(plain.optimizer, null, 'a schedule cannot be rebuilt from the file');
  assert.equal(plain.optimizerState?.iterations, 3);
  const mine = adam({ learningRate: schedule });
  const restored = await loadCheckpoint(artifacts, { optimizer: mine });
  assert.equal(restored.optimizer, mine);
  assert.deepEqual(mine.getState(), m.optimizer!.getState());
});
