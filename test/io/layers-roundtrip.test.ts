// Native format round trips for every registered layer, in Sequential and functional models.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attention } from '../../src/layers/attention.js';
import { bidirectional } from '../../src/layers/bidirectional.js';
import { conv1d } from '../../src/layers/conv1d.js';
import { dropout } from '../../src/layers/dropout.js';
import { embedding } from '../../src/layers/embedding.js';
import { flatten } from '../../src/layers/flatten.js';
import { gru } from '../../src/layers/gru.js';
import { masking } from '../../src/layers/masking.js';
import { add, concatenate } from '../../src/layers/merge.js';
import {
  averagePooling1d,
  globalAveragePooling1d,
  globalMaxPooling1d,
  maxPooling1d,
} from '../../src/layers/pooling.js';
import { repeatVector } from '../../src/layers/repeat-vector.js';
import { reshape } from '../../src/layers/reshape.js';
import { simpleRnn } from '../../src/layers/simple-rnn.js';
import { timeDistributed } from '../../src/layers/time-distributed.js';
import { model } from '../../src/model/graph.js';
import { input } from '../../src/layers/symbolic.js';
import {
  dense,
  loadModel,
  lstm,
  averagePooling2d,
  conv2d,
  globalAveragePooling2d,
  maxPooling2d,
  type Model,
  Rng,
  registeredLayers,
  setRandomSeed,
  sequential,
  type Tensor,
  tensor,
} from '../../src/index.js';
import { assertClose } from '../helpers/close.js';

function rand(shape: number[], seed: number, ints = 0): Tensor {
  const r = new Rng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(
    Float32Array.from({ length: n }, () => (ints ? r.int(ints) : r.uniform(-1, 1))),
    shape,
  );
}

async function roundTrip(m: Model, xs: Tensor[], label: string): Promise<Set<string>> {
  const { artifacts } = await m.save();
  const copy = await loadModel({ topology: JSON.stringify(artifacts.topology), weights: artifacts.weights });
  const x = xs.length === 1 ? xs[0] : xs;
  const a = m.predictOutputs(x),
    b = copy.predictOutputs(x);
  assert.equal(b.length, a.length);
  a.forEach((t, i) => {
    assert.deepEqual(b[i].shape, t.shape, `${label}: output ${i} shape`);
    assertClose(b[i].data, t.data, { atol: 0 }, `${label}: output ${i}`);
  });
  assert.deepEqual(
    copy.layers.map((l) => l.className),
    m.layers.map((l) => l.className),
  );
  return new Set(m.layers.map((l) => l.className));
}

test('every registered layer round-trips through the native format with identical predictions', async () => {
  setRandomSeed(12);
  const seen = new Set<string>();
  const add1 = (s: Set<string>) => {
    for (const c of s) seen.add(c);
  };
  const s1 = sequential([
    conv1d({ filters: 4, kernelSize: 3, padding: 'causal', inputShape: [12, 2], activation: 'relu' }),
    maxPooling1d({ poolSize: 2 }),
    bidirectional(lstm({ units: 3, returnSequences: true }), { mergeMode: 'sum' }),
    timeDistributed(dense({ units: 2 })),
    averagePooling1d({ poolSize: 2 }),
    flatten(),
    dense({ units: 2 }),
  ]);
  add1(await roundTrip(s1, [rand([3, 12, 2], 1)], 'conv-bilstm'));
  const s2 = sequential([
    embedding({ inputDim: 10, outputDim: 4, maskZero: true, inputShape: [6] }),
    gru({ units: 3, dropout: 0.2 }),
    repeatVector({ n: 4 }),
    simpleRnn({ units: 3, returnSequences: true }),
    dropout({ rate: 0.5 }),
    globalAveragePooling1d(),
    reshape({ targetShape: [3, 1] }),
    globalMaxPooling1d(),
  ]);
  add1(await roundTrip(s2, [rand([3, 6], 2, 10)], 'embedding'));
  const s3 = sequential([masking({ maskValue: 0, inputShape: [5, 2] }), lstm({ units: 2 })]);
  add1(await roundTrip(s3, [rand([2, 5, 2], 3)], 'masking'));
  const s4 = sequential([
    conv2d({ filters: 2, kernelSize: 2, padding: 'same', inputShape: [5, 5, 1] }),
    maxPooling2d(),
    averagePooling2d({ poolSize: 1 }),
    globalAveragePooling2d(),
  ]);
  add1(await roundTrip(s4, [rand([2, 5, 5, 1], 6)], 'conv2d'));

  // Functional: two inputs, a shared layer (called twice), merges and attention.
  const qIn = input({ shape: [5, 3], name: 'query' }),
    vIn = input({ shape: [4, 3], name: 'values' });
  const shared = dense({ units: 4 });
  const q = shared.apply(qIn),
    v = shared.apply(vIn);
  const ctx = attention().apply([q, v]);
  const summed = add().apply([ctx, q]);
  const enc = lstm({ units: 3 }).apply(summed);
  const enc2 = gru({ units: 2 }).apply(v);
  const out = dense({ units: 1 }).apply(concatenate({ axis: -1 }).apply([enc, enc2]));
  const g = model({ inputs: [qIn, vIn], outputs: [out, enc2], name: 'two_towers' });
  add1(await roundTrip(g, [rand([2, 5, 3], 4), rand([2, 4, 3], 5)], 'functional'));
  const missing = registeredLayers().filter((c) => !seen.has(c) && c !== 'AdditiveAttention');
  assert.deepEqual(missing, [], 'every registered layer is exercised');
});
