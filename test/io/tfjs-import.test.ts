// tfjs-layers import: models built and saved by @tensorflow/tfjs in-process, loaded with
// loadTfjsModel, must predict the same within 1e-5 relative on random inputs.

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { FormatError, loadTfjsModel, Rng, tensor } from '../../src/index.js';
import { loadTfjsModelFromDir } from '../../src/node/index.js';
import { assertClose } from '../helpers/close.js';

type Artifacts = tf.io.ModelArtifacts;

async function saveToMemory(m: tf.LayersModel): Promise<Artifacts> {
  let art: Artifacts | null = null;
  await m.save(
    tf.io.withSaveHandler(async (a) => {
      art = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return art!;
}

function randomInput(shape: number[], seed: number): Float32Array {
  const r = new Rng(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => r.uniform(-2, 2));
}

async function compare(m: tf.LayersModel, inputShape: number[], label: string): Promise<void> {
  tf.setBackend('cpu');
  const art = await saveToMemory(m);
  const ours = loadTfjsModel(art as object, art.weightData as ArrayBuffer);
  const B = 4;
  const x = randomInput([B, ...inputShape], 9);
  const expected = (m.predict(tf.tensor(x, [B, ...inputShape])) as tf.Tensor).dataSync();
  const got = ours.predict(tensor(x, [B, ...inputShape]));
  assertClose(got.data, expected, { rtol: 1e-5, atol: 1e-6 }, label);
}

test('tfjs Sequential LSTM -> GRU -> Dense with tfjs defaults (hard_sigmoid = 0.2x+0.5) matches tfjs', async () => {
  tf.setBackend('cpu');
  const m = tf.sequential();
  m.add(tf.layers.lstm({ units: 4, inputShape: [6, 3], returnSequences: true }));
  m.add(tf.layers.gru({ units: 3 }));
  m.add(tf.layers.dense({ units: 2, activation: 'tanh' }));
  await compare(m, [6, 3], 'lstm-gru-dense');
  const ours = loadTfjsModel((await saveToMemory(m)) as object, (await saveToMemory(m)).weightData as ArrayBuffer);
  assert.equal((ours.layers[0].getConfig() as { recurrentActivation: string }).recurrentActivation, 'hardSigmoidTfjs');
});

test('tfjs SimpleRNN, Dropout, sigmoid LSTM with goBackwards and no bias, softmax Dense match tfjs', async () => {
  const m = tf.sequential();
  m.add(
    tf.layers.lstm({
      units: 5,
      inputShape: [4, 2],
      returnSequences: true,
      goBackwards: true,
      useBias: false,
      recurrentActivation: 'sigmoid',
    }),
  );
  m.add(tf.layers.dropout({ rate: 0.3 }));
  m.add(tf.layers.simpleRNN({ units: 3, activation: 'relu', returnSequences: true }));
  m.add(tf.layers.gru({ units: 2, goBackwards: true, recurrentActivation: 'sigmoid', activation: 'softsign' }));
  m.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
  await compare(m, [4, 2], 'mixed');
});

test('Keras 3 files map hard_sigmoid to x/6+0.5; unsupported parts are FormatErrors', async () => {
  const m = tf.sequential();
  m.add(tf.layers.lstm({ units: 2, inputShape: [3, 1] }));
  const art = await saveToMemory(m);
  const json = JSON.parse(JSON.stringify({ modelTopology: art.modelTopology, weightSpecs: art.weightSpecs }));
  json.modelTopology.keras_version = '3.6.0';
  const k3 = loadTfjsModel(json, art.weightData as ArrayBuffer);
  assert.equal((k3.layers[0].getConfig() as { recurrentActivation: string }).recurrentActivation, 'hardSigmoid');
  json.modelTopology.config.layers[0].class_name = 'ConvLSTM2D';
  assert.throws(
    () => loadTfjsModel(json, art.weightData as ArrayBuffer),
    /class 'ConvLSTM2D', which lstmkit cannot import/,
  );
  json.modelTopology.config.layers[0].class_name = 'LSTM';
  json.modelTopology.config.layers[0].config.activation = 'gelu';
  assert.throws(
    () => loadTfjsModel(json, art.weightData as ArrayBuffer),
    /activation 'gelu' has no lstmkit equivalent/,
  );
  json.modelTopology.config.layers[0].config.activation = 'tanh';
  assert.throws(
    () => loadTfjsModel(json, new Uint8Array(8)),
    (e) => e instanceof FormatError && /8 bytes but the manifest describes/.test(e.message),
  );
  json.weightSpecs[0].dtype = 'int32';
  assert.throws(() => loadTfjsModel(json, art.weightData as ArrayBuffer), /only float32/);
});

test('loadTfjsModelFromDir reads model.json and its weight shards from a folder', async () => {
  const m = tf.sequential();
  m.add(tf.layers.gru({ units: 3, inputShape: [5, 2] }));
  m.add(tf.layers.dense({ units: 1 }));
  const art = await saveToMemory(m);
  const bytes = new Uint8Array(art.weightData as ArrayBuffer);
  const cut = 40;
  const dir = await mkdtemp(join(tmpdir(), 'lstmkit-tfjs-'));
  try {
    const modelJson = {
      modelTopology: art.modelTopology,
      format: art.format,
      generatedBy: art.generatedBy,
      weightsManifest: [{ paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'], weights: art.weightSpecs }],
    };
    await writeFile(join(dir, 'model.json'), JSON.stringify(modelJson));
    await writeFile(join(dir, 'group1-shard1of2.bin'), bytes.subarray(0, cut));
    await writeFile(join(dir, 'group1-shard2of2.bin'), bytes.subarray(cut));
    const ours = await loadTfjsModelFromDir(dir);
    const x = randomInput([3, 5, 2], 4);
    const expected = (m.predict(tf.tensor(x, [3, 5, 2])) as tf.Tensor).dataSync();
    assertClose(ours.predict(tensor(x, [3, 5, 2])).data, expected, { rtol: 1e-5, atol: 1e-6 }, 'from folder');
    modelJson.weightsManifest[0].paths[0] = '../escape.bin';
    await writeFile(join(dir, 'model.json'), JSON.stringify(modelJson));
    await assert.rejects(loadTfjsModelFromDir(dir), /plain file name/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
