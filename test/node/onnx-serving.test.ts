// lstmkit/node's onnxServing: a trained model run in onnxruntime-node gives model.predict()'s outputs
// (to 1e-5), for stacked LSTM and GRU + Dense models; a missing onnxruntime-node is a clear ConfigError.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dense, gru, lstm, sequential, setRandomSeed, Tensor } from '../../src/index.js';
import { onnxServing } from '../../src/node/onnx-serving.js';
import { Rng } from '../../src/rng.js';
import { assertClose } from '../helpers/close.js';

test('onnxServing().predict equals model.predict to 1e-5 (stacked LSTM, GRU, Dense; 1 and 2 threads)', async () => {
  setRandomSeed(4);
  const T = 7,
    F = 3,
    B = 5;
  const model = sequential([
    lstm({ units: 6, returnSequences: true, inputShape: [T, F] }),
    gru({ units: 5 }),
    dense({ units: 2 }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'mse' });
  const r = new Rng(8);
  const x = new Tensor(
    Float32Array.from({ length: B * T * F }, () => r.uniform(-1, 1)),
    [B, T, F],
  );
  const y = new Tensor(
    Float32Array.from({ length: B * 2 }, () => r.uniform(-1, 1)),
    [B, 2],
  );
  await model.fit(x, y, { epochs: 2, batchSize: 5 }); // trained weights, non-zero biases
  const want = model.predict(x);
  for (const threads of [1, 2]) {
    const server = await onnxServing(model, { threads });
    const got = await server.predict(x);
    assert.deepEqual(got.shape, [B, 2]);
    assertClose(got.data, want.data, { atol: 1e-5, rtol: 1e-5 }, `threads ${threads}`);
    await assert.rejects(
      () => server.predict(new Tensor(new Float32Array(B * T * 2), [B, T, 2])),
      /shape \[batch, 7, 3\]/,
    );
    await server.release();
  }
});

test('onnxServing says how to install onnxruntime-node when it is absent', async () => {
  setRandomSeed(1);
  const model = sequential([lstm({ units: 2, inputShape: [3, 1] })]);
  await assert.rejects(
    () => onnxServing(model, { load: () => Promise.reject(new Error("Cannot find package 'onnxruntime-node'")) }),
    /onnxruntime-node is not installed.*npm install onnxruntime-node.*model\.predict\(\)/,
  );
  await assert.rejects(() => onnxServing(model, { threads: 0 }), /threads must be a positive integer/);
});
