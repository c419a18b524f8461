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
  const got = ours.predictOutputs(tensor(x, [B, ...inputShape]))[0];
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
  // The converter's form for Keras h5 files nests the model under model_config.
  const nested = {
    ...json,
    modelTopology: { model_config: json.modelTopology, training_config: { loss: 'mse' }, keras_version: '2.15.0' },
  };
  assert.equal(
    (loadTfjsModel(nested, art.weightData as ArrayBuffer).layers[0].getConfig() as { recurrentActivation: string })
      .recurrentActivation,
    'hardSigmoidTfjs',
  );
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
    assertClose(ours.predictOutputs(tensor(x, [3, 5, 2]))[0].data, expected, { rtol: 1e-5, atol: 1e-6 }, 'from folder');
    modelJson.weightsManifest[0].paths[0] = '../escape.bin';
    await writeFile(join(dir, 'model.json'), JSON.stringify(modelJson));
    await assert.rejects(loadTfjsModelFromDir(dir), /plain file name/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

async function compareMany(
  m: tf.LayersModel,
  inputShapes: number[][],
  label: string,
  ints: number[] = [],
  // biome-ignore lint/suspicious/noExplicitAny: the mutations reach into arbitrary saved JSON
  mutate?: (json: Record<string, any>) => void,
): Promise<void> {
  tf.setBackend('cpu');
  const art = await saveToMemory(m);
  const json = JSON.parse(
    JSON.stringify({ modelTopology: art.modelTopology, weightSpecs: art.weightSpecs, generatedBy: art.generatedBy }),
  );
  mutate?.(json);
  const ours = loadTfjsModel(json, art.weightData as ArrayBuffer);
  const B = 3;
  const xs = inputShapes.map((s, i) => {
    const x = randomInput([B, ...s], 20 + i);
    if (ints[i]) for (let k = 0; k < x.length; k++) x[k] = Math.floor(Math.abs(x[k]) * 2.5) % ints[i];
    return x;
  });
  const tx = xs.map((x, i) => tf.tensor(x, [B, ...inputShapes[i]]));
  const raw = m.predict(tx.length === 1 ? tx[0] : tx);
  const expected = (Array.isArray(raw) ? raw : [raw]).map((t) => t.dataSync());
  const got = ours.predictOutputs(
    xs.length === 1 ? tensor(xs[0], [B, ...inputShapes[0]]) : xs.map((x, i) => tensor(x, [B, ...inputShapes[i]])),
  );
  assert.equal(got.length, expected.length);
  got.forEach((g, i) => {
    assertClose(g.data, expected[i], { rtol: 1e-5, atol: 1e-6 }, `${label} output ${i}`);
  });
}

test('tfjs wrappers, conv and pooling layers: Bidirectional, TimeDistributed, Conv1D, pooling, Flatten, Reshape, RepeatVector', async () => {
  const m = tf.sequential();
  m.add(tf.layers.conv1d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [10, 2] }));
  m.add(tf.layers.maxPooling1d({ poolSize: 2 }));
  m.add(
    tf.layers.bidirectional({
      layer: tf.layers.lstm({ units: 3, returnSequences: true }) as tf.RNN,
      mergeMode: 'concat',
    }),
  );
  m.add(tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 2, activation: 'tanh' }) }));
  m.add(tf.layers.averagePooling1d({ poolSize: 2 }));
  m.add(tf.layers.globalAveragePooling1d());
  m.add(tf.layers.reshape({ targetShape: [2, 1] }));
  m.add(tf.layers.flatten());
  m.add(tf.layers.repeatVector({ n: 3 }));
  m.add(tf.layers.bidirectional({ layer: tf.layers.gru({ units: 2 }) as tf.RNN, mergeMode: 'ave' }));
  m.add(tf.layers.reshape({ targetShape: [2, 1] }));
  m.add(tf.layers.globalMaxPooling1d());
  await compareMany(m, [[10, 2]], 'wrappers');
});

test('tfjs Embedding (maskZero) + Masking + GRU and a functional model with shared layers, Concatenate, Add', async () => {
  const s = tf.sequential();
  s.add(tf.layers.embedding({ inputDim: 7, outputDim: 3, maskZero: true, inputLength: 6 }));
  s.add(tf.layers.lstm({ units: 3 }));
  s.add(tf.layers.dense({ units: 2 }));
  await compareMany(s, [[6]], 'embedding', [7]);
  const mk = tf.sequential();
  mk.add(tf.layers.masking({ maskValue: 0, inputShape: [5, 2] }));
  mk.add(tf.layers.simpleRNN({ units: 3 }));
  await compareMany(mk, [[5, 2]], 'masking');

  const a = tf.input({ shape: [5, 2] }),
    b = tf.input({ shape: [5, 2] });
  const shared = tf.layers.lstm({ units: 3, returnSequences: true });
  const ha = shared.apply(a) as tf.SymbolicTensor,
    hb = shared.apply(b) as tf.SymbolicTensor;
  const summed = tf.layers.add().apply([ha, hb]) as tf.SymbolicTensor;
  const cat = tf.layers.concatenate({ axis: -1 }).apply([summed, ha]) as tf.SymbolicTensor;
  const last = tf.layers.gru({ units: 2 }).apply(cat) as tf.SymbolicTensor;
  const head = tf.layers.dense({ units: 1 }).apply(last) as tf.SymbolicTensor;
  const g = tf.model({ inputs: [a, b], outputs: [head, last] });
  await compareMany(
    g,
    [
      [5, 2],
      [5, 2],
    ],
    'functional',
  );
  // The same graph in Keras 3's inbound_nodes form ({ args: [keras tensors] }).
  await compareMany(
    g,
    [
      [5, 2],
      [5, 2],
    ],
    'functional keras3 nodes',
    [],
    (json) => {
      // (keras_version stays tfjs': a Keras 3 version would rightly read hard_sigmoid as x/6+0.5.)
      for (const l of json.modelTopology.config.layers) {
        l.inbound_nodes = l.inbound_nodes.map((node: [string, number, number][]) => {
          const ts = node.map(([n, k, t]) => ({
            class_name: '__keras_tensor__',
            config: { keras_history: [n, k, t] },
          }));
          return { args: ts.length === 1 ? ts : [ts], kwargs: {} };
        });
      }
    },
  );
});

test('a Keras 3 functional model.json with Attention (dot scores) imports and matches a hand computation', () => {
  const kt = (name: string) => ({
    class_name: '__keras_tensor__',
    config: { shape: [null], dtype: 'float32', keras_history: [name, 0, 0] },
  });
  const modelJson = {
    format: 'layers-model',
    generatedBy: 'keras v3.6.0',
    modelTopology: {
      class_name: 'Functional',
      keras_version: '3.6.0',
      config: {
        name: 'attn',
        layers: [
          { class_name: 'InputLayer', name: 'q', config: { batch_shape: [null, 4, 3], name: 'q' }, inbound_nodes: [] },
          { class_name: 'InputLayer', name: 'v', config: { batch_shape: [null, 5, 3], name: 'v' }, inbound_nodes: [] },
          {
            class_name: 'Attention',
            name: 'att',
            config: { name: 'att', use_scale: false, score_mode: 'dot', dropout: 0 },
            inbound_nodes: [{ args: [[kt('q'), kt('v')]], kwargs: {} }],
          },
          {
            class_name: 'Dense',
            name: 'd',
            config: { name: 'd', units: 2, activation: 'linear', use_bias: true },
            inbound_nodes: [{ args: [kt('att')], kwargs: {} }],
          },
        ],
        input_layers: [
          ['q', 0, 0],
          ['v', 0, 0],
        ],
        output_layers: [['d', 0, 0]],
      },
    },
    weightsManifest: [
      {
        paths: ['w.bin'],
        weights: [
          { name: 'd/kernel', shape: [3, 2], dtype: 'float32' },
          { name: 'd/bias', shape: [2], dtype: 'float32' },
        ],
      },
    ],
  };
  const W = Float32Array.of(0.5, -1, 2, 0.25, -0.75, 1, 0.1, -0.2);
  const m = loadTfjsModel(modelJson, W);
  const q = randomInput([1, 4, 3], 31),
    v = randomInput([1, 5, 3], 32);
  const expected: number[] = [];
  for (let i = 0; i < 4; i++) {
    const s = Array.from(
      { length: 5 },
      (_, j) => q[i * 3] * v[j * 3] + q[i * 3 + 1] * v[j * 3 + 1] + q[i * 3 + 2] * v[j * 3 + 2],
    );
    const mx = Math.max(...s),
      e = s.map((z) => Math.exp(z - mx)),
      sum = e.reduce((a, b) => a + b, 0);
    const ctx = [0, 1, 2].map((d) => e.reduce((acc, w, j) => acc + (w / sum) * v[j * 3 + d], 0));
    for (let o = 0; o < 2; o++) expected.push(ctx[0] * W[o] + ctx[1] * W[2 + o] + ctx[2] * W[4 + o] + W[6 + o]);
  }
  const [y] = m.predictOutputs([tensor(q, [1, 4, 3]), tensor(v, [1, 5, 3])]);
  assertClose(y.data, expected, { rtol: 1e-5, atol: 1e-6 }, 'attention');
  assert.throws(
    () =>
      loadTfjsModel(
        {
          ...modelJson,
          modelTopology: {
            ...modelJson.modelTopology,
            config: { ...modelJson.modelTopology.config, output_layers: [['nope', 0, 0]] },
          },
        },
        W.buffer,
      ),
    /output_layers\[0\] refers to nope\[0\]\[0\]/,
  );
});

test('tfjs encoder-decoder (returnState, initialState) imports; so does its Keras 3 form with initial_state kwargs', async () => {
  const encIn = tf.input({ shape: [6, 2] }),
    decIn = tf.input({ shape: [4, 3] });
  const [, h, c] = tf.layers.lstm({ units: 3, returnState: true }).apply(encIn) as tf.SymbolicTensor[];
  const dec = tf.layers
    .lstm({ units: 3, returnSequences: true })
    .apply(decIn, { initialState: [h, c] }) as tf.SymbolicTensor;
  const out = tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 2 }) }).apply(dec) as tf.SymbolicTensor;
  const m = tf.model({ inputs: [encIn, decIn], outputs: [out, h] });
  await compareMany(
    m,
    [
      [6, 2],
      [4, 3],
    ],
    'seq2seq',
  );
  await compareMany(
    m,
    [
      [6, 2],
      [4, 3],
    ],
    'seq2seq keras3 nodes',
    [],
    (json) => {
      for (const l of json.modelTopology.config.layers) {
        l.inbound_nodes = l.inbound_nodes.map((node: [string, number, number][]) => {
          const ts = node.map(([n, k, t]) => ({
            class_name: '__keras_tensor__',
            config: { keras_history: [n, k, t] },
          }));
          return ts.length === 3
            ? { args: [ts[0]], kwargs: { initial_state: ts.slice(1) } }
            : { args: ts.length === 1 ? ts : [ts], kwargs: {} };
        });
      }
    },
  );
});

test('a Keras GRU with reset_after=True (converter form, bias (2,3H)) matches the golden.md Keras values', () => {
  const json = {
    modelTopology: {
      keras_version: '2.15.0',
      backend: 'tensorflow',
      model_config: {
        class_name: 'Sequential',
        config: {
          name: 'sequential',
          layers: [
            { class_name: 'InputLayer', config: { batch_input_shape: [null, 6, 4], name: 'input_1' } },
            {
              class_name: 'GRU',
              config: {
                name: 'gru',
                units: 3,
                activation: 'tanh',
                recurrent_activation: 'sigmoid',
                use_bias: true,
                reset_after: true,
                return_sequences: false,
              },
            },
          ],
        },
      },
    },
    weightsManifest: [
      {
        paths: ['group1-shard1of1.bin'],
        weights: [
          { name: 'gru/gru_cell/kernel', shape: [4, 9], dtype: 'float32' },
          { name: 'gru/gru_cell/recurrent_kernel', shape: [3, 9], dtype: 'float32' },
          { name: 'gru/gru_cell/bias', shape: [2, 9], dtype: 'float32' },
        ],
      },
    ],
  };
  const w = new Float32Array(36 + 27 + 18);
  w.fill(0.01, 0, 36).fill(0.02, 36, 63).fill(0.03, 63);
  const m = loadTfjsModel(json, w);
  const x = tensor(
    Float32Array.from({ length: 72 }, (_, i) => i),
    [3, 6, 4],
  );
  const h = m.predictOutputs(x)[0].data;
  assertClose([h[0], h[3], h[6]], [0.5217289, 0.6371659, 0.39384964], { rtol: 1e-5 }, 'golden GRU');
});

test('a Keras LSTM in the converter form (forward and go_backwards) matches the golden.md Keras values', () => {
  for (const [goBackwards, golden] of [
    [false, [0.6288687, 0.8689914, 0.9460773]],
    [true, [0.3562216, 0.7478953, 0.8872726]],
  ] as const) {
    const json = {
      modelTopology: {
        keras_version: '2.15.0',
        class_name: 'Sequential',
        config: {
          name: 'sequential',
          layers: [
            {
              class_name: 'LSTM',
              config: {
                name: 'lstm',
                units: 3,
                batch_input_shape: [null, 6, 4],
                activation: 'tanh',
                recurrent_activation: 'sigmoid',
                go_backwards: goBackwards,
              },
            },
          ],
        },
      },
      weightSpecs: [
        { name: 'lstm/lstm_cell/kernel', shape: [4, 12], dtype: 'float32' },
        { name: 'lstm/lstm_cell/recurrent_kernel', shape: [3, 12], dtype: 'float32' },
        { name: 'lstm/lstm_cell/bias', shape: [12], dtype: 'float32' },
      ],
    };
    const w = new Float32Array(48 + 36 + 12);
    w.fill(0.01, 0, 48)
      .fill(0.02, 48, 84)
      .fill(0.03, 84)
      .fill(1, 84 + 3, 84 + 6); // forget-gate bias 1 (unit_forget_bias)
    const h = loadTfjsModel(json, w).predictOutputs(
      tensor(
        Float32Array.from({ length: 72 }, (_, i) => i),
        [3, 6, 4],
      ),
    )[0].data;
    assertClose([h[0], h[3], h[6]], golden, { rtol: 1e-5 }, `golden LSTM goBackwards=${goBackwards}`);
  }
});
