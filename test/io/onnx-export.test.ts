// ONNX export verified in onnxruntime-node: the exported graph must reproduce lstmkit's predictions
// within 1e-5 for every exportable layer and option (gate orders, hard sigmoids, resetAfter, goBackwards).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as ort from 'onnxruntime-node';
import { gru } from '../../src/layers/gru.js';
import { simpleRnn } from '../../src/layers/simple-rnn.js';
import { dropout } from '../../src/layers/dropout.js';
import { additiveAttention, attention } from '../../src/layers/attention.js';
import { masking } from '../../src/layers/masking.js';
import { bidirectional } from '../../src/layers/bidirectional.js';
import { conv1d } from '../../src/layers/conv1d.js';
import { embedding } from '../../src/layers/embedding.js';
import { flatten } from '../../src/layers/flatten.js';
import { add, concatenate } from '../../src/layers/merge.js';
import {
  averagePooling1d,
  globalAveragePooling1d,
  globalMaxPooling1d,
  maxPooling1d,
} from '../../src/layers/pooling.js';
import { repeatVector } from '../../src/layers/repeat-vector.js';
import { reshape } from '../../src/layers/reshape.js';
import { timeDistributed } from '../../src/layers/time-distributed.js';
import { model } from '../../src/model/graph.js';
import { input, type SymbolicTensor } from '../../src/layers/symbolic.js';
import {
  ConfigError,
  dense,
  exportOnnx,
  type Layer,
  lstm,
  type Model,
  Rng,
  sequential,
  setRandomSeed,
  tensor,
} from '../../src/index.js';
import { assertClose } from '../helpers/close.js';

async function check(
  layers: Layer[] | (() => Model),
  inputShape: number[] | number[][],
  label: string,
  ints = 0,
): Promise<void> {
  setRandomSeed(3);
  const m = Array.isArray(layers) ? sequential(layers) : layers();
  const shapes = (Array.isArray(inputShape[0]) ? inputShape : [inputShape]) as number[][];
  // Non-trivial biases (initializers give zeros): perturb every weight.
  const r = new Rng(17);
  for (const p of m.params()) for (let i = 0; i < p.value.length; i++) p.value[i] += r.uniform(-0.3, 0.3);
  const B = 3;
  const xs = shapes.map((s) =>
    Float32Array.from({ length: B * s.reduce((a, b) => a * b, 1) }, () => (ints ? r.int(ints) : r.uniform(-2, 2))),
  );
  const expected = m.predictOutputs(
    xs.length === 1 ? tensor(xs[0], [B, ...shapes[0]]) : xs.map((x, i) => tensor(x, [B, ...shapes[i]])),
  );
  const session = await ort.InferenceSession.create(await exportOnnx(m));
  const feeds = Object.fromEntries(
    xs.map((x, i) => [xs.length === 1 ? 'input' : `input_${i}`, new ort.Tensor('float32', x, [B, ...shapes[i]])]),
  );
  const out = await session.run(feeds);
  expected.forEach((e, i) => {
    const o = out[expected.length === 1 ? 'output' : `output_${i}`];
    assert.deepEqual([...o.dims], e.shape, `${label}: shape ${i}`);
    assertClose(o.data as Float32Array, e.data, { rtol: 1e-5, atol: 1e-6 }, `${label} output ${i}`);
  });
}

test('LSTM (sequences, goBackwards, no bias) + Dense export runs in onnxruntime and matches', async () => {
  await check(
    [
      lstm({ units: 4, inputShape: [5, 3], returnSequences: true }),
      lstm({ units: 3, goBackwards: true, useBias: false }),
      dense({ units: 2, activation: 'tanh' }),
    ],
    [5, 3],
    'lstm',
  );
  await check(
    [
      lstm({ units: 3, inputShape: [4, 2], goBackwards: true, returnSequences: true }),
      dense({ units: 2, activation: 'softmax' }),
    ],
    [4, 2],
    'lstm backwards sequences',
  );
});

test('hard sigmoids (tfjs 0.2x+0.5 and Keras 3 x/6+0.5) and other RNN activations export exactly', async () => {
  await check(
    [
      lstm({ units: 3, inputShape: [6, 2], recurrentActivation: 'hardSigmoidTfjs', returnSequences: true }),
      lstm({ units: 2, recurrentActivation: 'hardSigmoid', activation: 'softsign' }),
    ],
    [6, 2],
    'hard sigmoid',
  );
  await check(
    [
      gru({ units: 3, inputShape: [6, 2], recurrentActivation: 'hardSigmoid', activation: 'elu' }),
      dense({ units: 1, activation: 'hardSigmoidTfjs' }),
    ],
    [6, 2],
    'gru elu',
  );
  // Alpha/beta lists are positional: a parameterless activation before Elu must not shift them.
  await check(
    [
      gru({ units: 3, inputShape: [6, 2], activation: 'elu', returnSequences: true }),
      simpleRnn({ units: 2, activation: 'linear' }),
    ],
    [6, 2],
    'sigmoid+elu, affine',
  );
});

test('GRU (resetAfter true and false) and SimpleRNN export with linear_before_reset and match', async () => {
  await check(
    [
      gru({ units: 4, inputShape: [5, 3], returnSequences: true }),
      dropout({ rate: 0.5 }),
      gru({ units: 3, resetAfter: false, goBackwards: true }),
      dense({ units: 2, activation: 'relu' }),
    ],
    [5, 3],
    'gru',
  );
  await check(
    [
      simpleRnn({ units: 4, inputShape: [5, 2], returnSequences: true, activation: 'relu' }),
      simpleRnn({ units: 3 }),
      dense({ units: 2, activation: 'sigmoid' }),
    ],
    [5, 2],
    'simple rnn',
  );
});

test('exportOnnx names the layer or activation that cannot be exported', async () => {
  setRandomSeed(1);
  const m = sequential([lstm({ units: 2, inputShape: [3, 1], recurrentActivation: 'softmax' })]);
  await assert.rejects(
    () => exportOnnx(m),
    (e) => e instanceof ConfigError && /layer 'lstm.*activation 'softmax' has no ONNX LSTM equivalent/.test(e.message),
  );
  await assert.rejects(() => exportOnnx(sequential([lstm({ units: 2 })])), /not built yet/);
});

test('Conv1D, pooling, Bidirectional (concat, sum, ave, mul), TimeDistributed, Flatten, RepeatVector, Reshape export and match', async () => {
  await check(
    [
      conv1d({
        filters: 4,
        kernelSize: 3,
        padding: 'causal',
        dilationRate: 2,
        activation: 'relu',
        inputShape: [12, 2],
      }),
      maxPooling1d({ poolSize: 3, strides: 2, padding: 'same' }),
      bidirectional(lstm({ units: 3, returnSequences: true })),
      timeDistributed(dense({ units: 2, activation: 'tanh' })),
      averagePooling1d({ poolSize: 3, strides: 2, padding: 'same' }),
      flatten(),
      repeatVector({ n: 2 }),
      bidirectional(gru({ units: 3 }), { mergeMode: 'sum' }),
      dense({ units: 2 }),
    ],
    [12, 2],
    'conv-bi',
  );
  await check(
    [
      conv1d({ filters: 3, kernelSize: 2, padding: 'same', strides: 2, inputShape: [9, 2] }),
      bidirectional(simpleRnn({ units: 2, returnSequences: true }), { mergeMode: 'ave' }),
      bidirectional(lstm({ units: 2, returnSequences: true }), { mergeMode: 'mul' }),
      globalMaxPooling1d(),
      reshape({ targetShape: [2, 1] }),
      globalAveragePooling1d(),
    ],
    [9, 2],
    'bi merges',
  );
});

test('Embedding (ids cast in-graph) and a functional model with shared layers, Concatenate and Add export and match', async () => {
  await check(
    [embedding({ inputDim: 9, outputDim: 3, inputShape: [5] }), lstm({ units: 3 }), dense({ units: 2 })],
    [5],
    'embedding',
    9,
  );
  await check(
    () => {
      const a = input({ shape: [6, 2] }),
        b = input({ shape: [6, 2] });
      const shared = dense({ units: 3, activation: 'relu' });
      const sa = shared.apply(a),
        sb = shared.apply(b);
      const merged = concatenate({ axis: -1 }).apply([add().apply([sa, sb]), sa]);
      const h = gru({ units: 2 }).apply(merged);
      return model({ inputs: [a, b], outputs: [dense({ units: 1 }).apply(h), h] });
    },
    [
      [6, 2],
      [6, 2],
    ],
    'functional',
  );
});

test('encoder-decoder with returnState and initial states (LSTM and goBackwards GRU) exports and matches', async () => {
  await check(
    () => {
      const encIn = input({ shape: [6, 2] }),
        decIn = input({ shape: [4, 3] });
      const [, h, c] = lstm({ units: 3, returnState: true }).apply<SymbolicTensor[]>(encIn);
      const dec = lstm({ units: 3, returnSequences: true }).apply([decIn, h, c]);
      const [, hg] = gru({ units: 2, returnState: true, goBackwards: true }).apply<SymbolicTensor[]>(encIn);
      const dec2 = gru({ units: 2 }).apply([decIn, hg]);
      const out = timeDistributed(dense({ units: 2 })).apply(dec);
      return model({ inputs: [encIn, decIn], outputs: [out, dec2, c] });
    },
    [
      [6, 2],
      [4, 3],
    ],
    'seq2seq',
  );
});

test('Attention (scaled, causal, scores) and AdditiveAttention (with key) export and match', async () => {
  await check(
    () => {
      const q = input({ shape: [5, 3] }),
        v = input({ shape: [5, 3] });
      const [ctx, scores] = attention({ useScale: true, useCausalMask: true, returnAttentionScores: true }).apply<
        SymbolicTensor[]
      >([q, v]);
      const add2 = additiveAttention().apply([q, v, lstm({ units: 3, returnSequences: true }).apply(v)]);
      const plain = additiveAttention({ useScale: false }).apply([q, v]);
      return model({ inputs: [q, v], outputs: [ctx, scores, add2, plain] });
    },
    [
      [5, 3],
      [5, 3],
    ],
    'attention',
  );
});

test("Conv1D groups and Attention scoreMode 'concat' (with and without scale) export and match", async () => {
  await check(
    [conv1d({ filters: 6, kernelSize: 3, groups: 3, padding: 'causal', inputShape: [7, 3] })],
    [7, 3],
    'groups',
  );
  await check(
    () => {
      const q = input({ shape: [4, 3] }),
        v = input({ shape: [5, 3] });
      const a = attention({ scoreMode: 'concat', useScale: true }).apply([q, v]);
      const b = attention({ scoreMode: 'concat' }).apply([q, v]);
      return model({ inputs: [q, v], outputs: [a, b] });
    },
    [
      [4, 3],
      [5, 3],
    ],
    'concat attention',
  );
});

test('layers without an ONNX mapping are named in the error', async () => {
  setRandomSeed(1);
  const m = sequential([masking({ maskValue: 0, inputShape: [4, 2] }), lstm({ units: 2 })]);
  await assert.rejects(
    () => exportOnnx(m),
    (e) =>
      e instanceof ConfigError &&
      /layer 'masking\w*' \(Masking\) has no ONNX export; exportable: .*LSTM/.test(e.message),
  );
  const e = sequential([embedding({ inputDim: 5, outputDim: 2, maskZero: true, inputShape: [3] })]);
  await assert.rejects(() => exportOnnx(e), /maskZero; ONNX export does not carry masks/);
});
