// inputShape [null, features] (Keras' None): one model fits and predicts sequences of any length,
// prints None in its summary, saves and loads, and refuses clearly where a size must be known.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ConfigError,
  concatenate,
  dense,
  embedding,
  exportOnnx,
  flatten,
  input,
  loadModel,
  lstm,
  model,
  Rng,
  ShapeError,
  sequential,
  setRandomSeed,
  Tensor,
  timeDistributed,
} from '../../src/index.js';
import { assertClose } from '../helpers/close.js';

function batch(n: number, T: number, D: number, seed: number): Tensor {
  const r = new Rng(seed);
  return new Tensor(
    Float32Array.from({ length: n * T * D }, () => r.uniform(-1, 1)),
    [n, T, D],
  );
}

test('inputShape [null, F]: fit and predict on sequences of different lengths; the summary prints None', async () => {
  setRandomSeed(1);
  const m = sequential([
    lstm({ units: 4, returnSequences: true, inputShape: [null, 2] }),
    timeDistributed(dense({ units: 1 })),
  ]);
  m.compile({ optimizer: 'adam', loss: 'mse' });
  for (const T of [5, 9, 3]) {
    const x = batch(8, T, 2, T);
    const y = new Tensor(new Float32Array(8 * T), [8, T, 1]);
    const ok = await m.fit(x, y, { epochs: 1, batchSize: 8 });
    assert.ok(Number.isFinite(ok.history.loss[0]));
    assert.deepEqual(m.predict(x).shape, [8, T, 1]);
  }
  assert.deepEqual(
    m.inputShapes()?.[0].map((d) => (Number.isNaN(d) ? null : d)),
    [null, 2],
  );
  assert.match(m.summary(false), /\(None, None, 4\)/);
  // The first steps' outputs do not depend on the length of what follows (causal).
  const long = batch(1, 6, 2, 42);
  const short = new Tensor(long.data.slice(0, 4 * 2), [1, 4, 2]);
  assertClose(m.predict(short).data, m.predict(long).data.slice(0, 4), { atol: 1e-6 }, 'prefix');
});

test('inputShape [null, F] models save and load; graph inputs take null too', async () => {
  setRandomSeed(2);
  const x = input({ shape: [null, 3] });
  const h = lstm({ units: 2, returnSequences: true }).apply(x);
  const g = model({ inputs: x, outputs: dense({ units: 1 }).apply(concatenate().apply([x, h])) });
  const s = sequential([embedding({ inputDim: 5, outputDim: 2, inputShape: [null] }), lstm({ units: 3 })]);
  for (const [m, data] of [
    [g, batch(2, 7, 3, 1)],
    [s, new Tensor(Float32Array.from([1, 2, 3, 4, 0, 1, 2, 3]), [2, 4])],
  ] as const) {
    const { artifacts } = await m.save();
    const copy = await loadModel(artifacts);
    assertClose(copy.predictOutputs(data)[0].data, m.predictOutputs(data)[0].data, { atol: 0 }, m.name);
    assert.equal(JSON.stringify(copy.inputShapes()), JSON.stringify(m.inputShapes()));
  }
});

test('a size that must be known but varies is a clear error; other bad inputShapes too', () => {
  assert.throws(
    () =>
      sequential([lstm({ units: 2, returnSequences: true, inputShape: [null, 3] }), flatten(), dense({ units: 1 })]),
    (e) => e instanceof ShapeError && /weight 'kernel' would have shape \[null, 1\].*varies \(null\)/.test(e.message),
  );
  assert.throws(
    () => sequential([lstm({ units: 2, inputShape: [5, null] })]),
    (e) => e instanceof ShapeError && /would have shape \[null, 8\]/.test(e.message),
  );
  assert.throws(
    () => lstm({ units: 2, inputShape: [0, 3] }),
    (e) => e instanceof ConfigError && /positive integers, or null for a size that varies.*\[0, 3\]/.test(e.message),
  );
  assert.throws(
    () => lstm({ units: 2, inputShape: 3 as never }),
    (e) => e instanceof ConfigError && /must be an array/.test(e.message),
  );
  assert.throws(
    () => input({ shape: [null, -1] }),
    (e) => e instanceof ConfigError && /\[null, -1\]/.test(e.message),
  );
});

test('an inputShape [null, F] model exports to ONNX with a symbolic time axis (onnxruntime agrees at two lengths)', async () => {
  const ort = await import('onnxruntime-node');
  setRandomSeed(3);
  const m = sequential([lstm({ units: 3, inputShape: [null, 2] }), dense({ units: 1 })]);
  const session = await ort.InferenceSession.create(await exportOnnx(m));
  for (const T of [4, 7]) {
    const x = batch(2, T, 2, T);
    const r = await session.run({
      [session.inputNames[0]]: new ort.Tensor('float32', x.data as Float32Array, [2, T, 2]),
    });
    assertClose(r[session.outputNames[0]].data as Float32Array, m.predict(x).data, { atol: 1e-5 }, `T=${T}`);
  }
});
