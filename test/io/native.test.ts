// Native format round trips: in memory and through a folder, with optimizer and RNG state; atomic saves.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  adam,
  crc32,
  dense,
  loadCheckpoint,
  loadModel,
  lstm,
  Rng,
  type Sequential,
  sequential,
  setRandomSeed,
  tensor,
} from '../../src/index.js';
import { fileHandler, loadModel as loadFolder, saveModel } from '../../src/node/index.js';
import { assertClose } from '../helpers/close.js';

function smallModel(): Sequential {
  setRandomSeed(7);
  return sequential([
    lstm({ units: 4, inputShape: [5, 2], returnSequences: true }),
    lstm({ units: 3 }),
    dense({ units: 2, activation: 'tanh' }),
  ]);
}

function input(seed: number, B = 3): ReturnType<typeof tensor> {
  const r = new Rng(seed);
  return tensor(
    Array.from({ length: B * 10 }, () => r.uniform(-1, 1)),
    [B, 5, 2],
  );
}

test('crc32 matches the standard check value', () => {
  assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
});

test('Rng getState/setState continues the sequence exactly (including the spare normal)', () => {
  const r = new Rng(3);
  r.normal();
  const s = r.getState();
  const a = [r.normal(), r.next(), r.normal()];
  r.setState(JSON.parse(JSON.stringify(s)));
  assert.deepEqual([r.normal(), r.next(), r.normal()], a);
  assert.throws(() => r.setState({ words: [1, 2], spare: null }), /four 32-bit/);
});

test('model.save() in memory -> loadModel gives identical predictions, names and config', async () => {
  const m = smallModel();
  const { artifacts, location } = await m.save();
  assert.equal(location, 'memory');
  const copy = (await loadModel(artifacts)) as Sequential;
  assert.deepEqual(
    copy.layers.map((l) => [l.className, l.name]),
    m.layers.map((l) => [l.className, l.name]),
  );
  assert.deepEqual(copy.layers[0].getConfig(), m.layers[0].getConfig());
  const x = input(1);
  assertClose(copy.predict(x).data, m.predict(x).data, { atol: 0 }, 'predictions');
  // Also through JSON text, as from a file.
  const fromText = (await loadModel({
    topology: JSON.stringify(artifacts.topology),
    weights: artifacts.weights,
  })) as Sequential;
  assertClose(fromText.predict(x).data, m.predict(x).data, { atol: 0 }, 'predictions via text');
});

test('saveModel/loadModel through a folder, with optimizer state; a failed save leaves the old model', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lstmkit-io-'));
  try {
    const m = smallModel();
    m.compile({ optimizer: adam({ learningRate: 0.01 }), loss: 'mse' });
    await m.fit(input(2, 8), tensor(new Float32Array(16), [8, 2]), { epochs: 1, batchSize: 4 });
    const target = join(dir, 'model');
    await saveModel(m, target);
    assert.deepEqual((await readdir(target)).sort(), ['model.json', 'weights.bin']);
    const { model, optimizer, epoch } = await loadCheckpoint(fileHandler(target));
    assert.equal(epoch, null);
    assert.ok(optimizer);
    assert.equal(optimizer.iterations, 2);
    assert.deepEqual(optimizer.getState(), m.optimizer!.getState());
    const x = input(3);
    assertClose((model as Sequential).predict(x).data, m.predict(x).data, { atol: 0 }, 'predictions');

    // A save that fails after writing the weights (topology not serializable) must not touch the model.
    const before = await readFile(join(target, 'weights.bin'));
    const bad = { topology: { n: 1n } as object, weights: new Uint8Array(8) };
    await assert.rejects(fileHandler(target).save!(bad), /BigInt/);
    assert.deepEqual(await readFile(join(target, 'weights.bin')), before);
    assert.deepEqual((await readdir(dir)).sort(), ['model'], 'no temporary folder left behind');
    // Overwriting replaces the model in one swap.
    const other = smallModel();
    await saveModel(other, target);
    const loaded = (await loadFolder(target)) as Sequential;
    assertClose(loaded.predict(x).data, other.predict(x).data, { atol: 0 }, 'overwritten model');
    assert.deepEqual((await readdir(dir)).sort(), ['model']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('loadModel(folder) reads a committed replacement that a crash left half-moved, and ignores an uncommitted one', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lstmkit-io-'));
  try {
    const target = join(dir, 'model');
    const old = smallModel();
    await saveModel(old, target);
    setRandomSeed(99);
    const next = sequential([
      lstm({ units: 4, inputShape: [5, 2], returnSequences: true }),
      lstm({ units: 3 }),
      dense({ units: 2, activation: 'tanh' }),
    ]);
    next.build([[5, 2]]);
    const { artifacts } = await next.save();
    const x = input(4);
    // A stage without a journal is an unfinished save: the old model is what loads.
    const stage = '.lstmkit-stage-999999-ab';
    await mkdir(join(target, stage));
    await writeFile(join(target, stage, 'weights.bin'), artifacts.weights);
    await writeFile(join(target, stage, 'model.json'), JSON.stringify(artifacts.topology));
    assertClose(((await loadFolder(target)) as Sequential).predict(x).data, old.predict(x).data, { atol: 0 }, 'old');
    // With the journal written and weights.bin already moved, the files on disk are a mix; a load sees the new model.
    await writeFile(
      join(target, '.lstmkit-commit.json'),
      JSON.stringify({ stage, files: ['model.json', 'weights.bin'] }),
    );
    await rename(join(target, stage, 'weights.bin'), join(target, 'weights.bin'));
    assertClose(((await loadFolder(target)) as Sequential).predict(x).data, next.predict(x).data, { atol: 0 }, 'new');
    // The next save rolls the replacement forward first, then writes its own; nothing temporary is left.
    await saveModel(old, target);
    assert.deepEqual((await readdir(target)).sort(), ['model.json', 'weights.bin']);
    await assert.rejects(loadFolder(join(dir, 'nothing')), /no saved model/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('browser targets fail clearly in Node; unknown schemes are rejected', async () => {
  const m = smallModel();
  await assert.rejects(m.save('indexeddb://x'), /IndexedDB is not available/);
  await assert.rejects(m.save('downloads://x'), /downloads need a browser/);
  await assert.rejects(m.save('s3://bucket/x'), /unknown save target/);
});

test('save -> load -> save reproduces the same topology and bytes', async () => {
  const m = smallModel();
  m.compile({ optimizer: adam(), loss: 'mse' });
  await m.fit(input(5, 6), tensor(new Float32Array(12), [6, 2]), { epochs: 1, batchSize: 3 });
  const first = (await m.save()).artifacts;
  const { model, optimizer } = await loadCheckpoint(first);
  model.compile({ optimizer: optimizer!, loss: 'mse' });
  const second = (await model.save()).artifacts;
  assert.deepEqual(JSON.parse(JSON.stringify(second.topology)), JSON.parse(JSON.stringify(first.topology)));
  assert.deepEqual(second.weights, first.weights);
});
