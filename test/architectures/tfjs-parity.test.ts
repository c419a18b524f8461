// Parity with tfjs (an independent implementation, in-process) for the layers tfjs has: weights are
// copied from a tfjs model into ours, and both predict on the same random input.

import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { bidirectional } from '../../src/layers/bidirectional.js';
import { conv1d } from '../../src/layers/conv1d.js';
import { dense } from '../../src/layers/dense.js';
import { embedding } from '../../src/layers/embedding.js';
import { flatten } from '../../src/layers/flatten.js';
import type { Layer } from '../../src/layers/layer.js';
import { lstm } from '../../src/layers/lstm.js';
import { masking } from '../../src/layers/masking.js';
import { add, concatenate } from '../../src/layers/merge.js';
import {
  averagePooling1d,
  globalAveragePooling1d,
  globalMaxPooling1d,
  maxPooling1d,
} from '../../src/layers/pooling.js';
import { repeatVector } from '../../src/layers/repeat-vector.js';
import { timeDistributed } from '../../src/layers/time-distributed.js';
import { model } from '../../src/model/graph.js';
import { sequential } from '../../src/model/sequential.js';
import { input } from '../../src/layers/symbolic.js';
import { Rng } from '../../src/rng.js';
import { Tensor } from '../../src/tensor.js';
import { assertClose } from '../helpers/close.js';

const TOL = { rtol: 1e-4, atol: 1e-5 };

function randomInput(shape: number[], seed: number): Float32Array {
  const r = new Rng(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => r.uniform(-1, 1));
}

/** Builds both stacks, copies tfjs weights into ours, compares predictions. */
function compareSequential(ours: Layer[], theirs: tf.layers.Layer[], inputShape: number[], data?: Float32Array): void {
  const tm = tf.sequential({ layers: theirs });
  const om = sequential(ours);
  om.build([inputShape]);
  om.setWeights(tm.getWeights().map((w) => new Tensor(w.dataSync() as Float32Array, w.shape)));
  const shape = [3, ...inputShape];
  const x = data ?? randomInput(shape, 5);
  const want = (tm.predict(tf.tensor(x, shape)) as tf.Tensor).dataSync();
  assertClose(om.predict(new Tensor(x, shape)).data, want, TOL, theirs.map((l) => l.getClassName()).join('+'));
}

const sig = { recurrentActivation: 'sigmoid' } as const;

test('bidirectional(lstm) matches tfjs for concat, sum, mul, ave with and without returnSequences', () => {
  for (const mergeMode of ['concat', 'sum', 'mul', 'ave'] as const) {
    for (const returnSequences of [true, false]) {
      compareSequential(
        [bidirectional(lstm({ units: 4, returnSequences, ...sig }), { mergeMode, inputShape: [5, 3] })],
        [
          tf.layers.bidirectional({
            layer: tf.layers.lstm({ units: 4, returnSequences, ...sig }) as tf.RNN,
            mergeMode,
            inputShape: [5, 3],
          }),
        ],
        [5, 3],
      );
    }
  }
});

test('timeDistributed(dense) and repeatVector match tfjs', () => {
  compareSequential(
    [
      lstm({ units: 4, inputShape: [3, 2], ...sig }),
      repeatVector(2),
      lstm({ units: 3, returnSequences: true, ...sig }),
      timeDistributed(dense({ units: 2, activation: 'softmax' })),
    ],
    [
      tf.layers.lstm({ units: 4, inputShape: [3, 2], ...sig }),
      tf.layers.repeatVector({ n: 2 }),
      tf.layers.lstm({ units: 3, returnSequences: true, ...sig }),
      tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 2, activation: 'softmax' }) }),
    ],
    [3, 2],
  );
});

test('conv1d matches tfjs for valid, same, causal padding, strides and dilation', () => {
  for (const c of [
    { padding: 'valid', strides: 1, dilationRate: 1 },
    { padding: 'same', strides: 2, dilationRate: 1 },
    { padding: 'same', strides: 1, dilationRate: 1 },
    { padding: 'valid', strides: 1, dilationRate: 2 },
  ] as const) {
    compareSequential(
      [conv1d({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [8, 2], ...c })],
      [tf.layers.conv1d({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [8, 2], ...c })],
      [8, 2],
    );
  }
});

test("conv1d 'causal' equals tfjs 'valid' on the input left-padded with dilation·(k−1) zeros", () => {
  // tfjs has no causal padding; Keras defines it as this left padding.
  const tl = tf.layers.conv1d({ filters: 4, kernelSize: 3, dilationRate: 2, activation: 'tanh', inputShape: [12, 2] });
  const tm = tf.sequential({ layers: [tl] });
  const ol = conv1d({
    filters: 4,
    kernelSize: 3,
    dilationRate: 2,
    activation: 'tanh',
    padding: 'causal',
    inputShape: [8, 2],
  });
  const om = sequential([ol]);
  om.setWeights(tm.getWeights().map((w) => new Tensor(w.dataSync() as Float32Array, w.shape)));
  const x = randomInput([3, 8, 2], 4);
  const padded = new Float32Array(3 * 12 * 2);
  for (let b = 0; b < 3; b++) padded.set(x.subarray(b * 16, (b + 1) * 16), b * 24 + 8);
  const want = (tm.predict(tf.tensor(padded, [3, 12, 2])) as tf.Tensor).dataSync();
  assertClose(om.predict(new Tensor(x, [3, 8, 2])).data, want, TOL, 'causal conv1d');
});

test('pooling layers match tfjs', () => {
  compareSequential(
    [maxPooling1d({ poolSize: 2, inputShape: [7, 3] })],
    [tf.layers.maxPooling1d({ poolSize: 2, inputShape: [7, 3] })],
    [7, 3],
  );
  compareSequential(
    [maxPooling1d({ poolSize: 3, strides: 2, padding: 'same', inputShape: [7, 3] })],
    [tf.layers.maxPooling1d({ poolSize: 3, strides: 2, padding: 'same', inputShape: [7, 3] })],
    [7, 3],
  );
  compareSequential(
    [averagePooling1d({ poolSize: 2, inputShape: [7, 3] })],
    [tf.layers.averagePooling1d({ poolSize: 2, inputShape: [7, 3] })],
    [7, 3],
  );
  compareSequential(
    [globalMaxPooling1d({ inputShape: [7, 3] })],
    [tf.layers.globalMaxPooling1d({ inputShape: [7, 3] })],
    [7, 3],
  );
  compareSequential(
    [globalAveragePooling1d({ inputShape: [7, 3] })],
    [tf.layers.globalAveragePooling1d({ inputShape: [7, 3] })],
    [7, 3],
  );
});

test('CNN-LSTM stack (timeDistributed conv1d, maxPooling1d, flatten) on 4-D input matches tfjs', () => {
  compareSequential(
    [
      timeDistributed(conv1d({ filters: 8, kernelSize: 1, activation: 'relu' }), { inputShape: [2, 2, 1] }),
      timeDistributed(maxPooling1d({ poolSize: 2 })),
      timeDistributed(flatten()),
      lstm({ units: 5, ...sig }),
      dense({ units: 1 }),
    ],
    [
      tf.layers.timeDistributed({
        layer: tf.layers.conv1d({ filters: 8, kernelSize: 1, activation: 'relu' }),
        inputShape: [2, 2, 1],
      }),
      tf.layers.timeDistributed({ layer: tf.layers.maxPooling1d({ poolSize: 2 }) }),
      tf.layers.timeDistributed({ layer: tf.layers.flatten() }),
      tf.layers.lstm({ units: 5, ...sig }),
      tf.layers.dense({ units: 1 }),
    ],
    [2, 2, 1],
  );
});

test('embedding with maskZero feeding an lstm matches tfjs (padded steps skipped)', () => {
  const ids = Float32Array.from([3, 1, 0, 0, 2, 4, 4, 0, 1, 1, 1, 1]);
  compareSequential(
    [
      embedding({ inputDim: 5, outputDim: 3, maskZero: true, inputShape: [4] }),
      lstm({ units: 2, returnSequences: true, ...sig }),
    ],
    [
      tf.layers.embedding({ inputDim: 5, outputDim: 3, maskZero: true, inputShape: [4] }),
      tf.layers.lstm({ units: 2, returnSequences: true, ...sig }),
    ],
    [4],
    ids,
  );
});

test('masking feeding lstm and bidirectional lstm matches tfjs', () => {
  const x = randomInput([3, 5, 2], 9);
  x.fill(0, 6, 10); // sample 0: steps 3, 4 padded
  x.fill(0, 10, 12); // sample 1: step 0 padded
  compareSequential(
    [masking({ inputShape: [5, 2] }), lstm({ units: 3, returnSequences: true, ...sig })],
    [tf.layers.masking({ inputShape: [5, 2] }), tf.layers.lstm({ units: 3, returnSequences: true, ...sig })],
    [5, 2],
    x,
  );
  compareSequential(
    [masking({ inputShape: [5, 2] }), lstm({ units: 3, ...sig })],
    [tf.layers.masking({ inputShape: [5, 2] }), tf.layers.lstm({ units: 3, ...sig })],
    [5, 2],
    x,
  );
  compareSequential(
    [masking({ inputShape: [5, 2] }), bidirectional(lstm({ units: 3, ...sig }))],
    [
      tf.layers.masking({ inputShape: [5, 2] }),
      tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 3, ...sig }) as tf.RNN }),
    ],
    [5, 2],
    x,
  );
});

test('concatenate and add in a graph match tfjs', () => {
  const ta = tf.input({ shape: [3] }),
    tb = tf.input({ shape: [3] });
  const td1 = tf.layers.dense({ units: 2 }),
    td2 = tf.layers.dense({ units: 2 });
  const tcat = tf.layers
    .concatenate()
    .apply([td1.apply(ta) as tf.SymbolicTensor, td2.apply(tb) as tf.SymbolicTensor]) as tf.SymbolicTensor;
  const tsum = tf.layers
    .add()
    .apply([td1.apply(ta) as tf.SymbolicTensor, td2.apply(tb) as tf.SymbolicTensor]) as tf.SymbolicTensor;
  const tm = tf.model({ inputs: [ta, tb], outputs: [tcat, tsum] });
  const a = input({ shape: [3] }),
    b = input({ shape: [3] });
  const d1 = dense({ units: 2 }),
    d2 = dense({ units: 2 });
  const om = model({
    inputs: [a, b],
    outputs: [concatenate().apply([d1.apply(a), d2.apply(b)]), add().apply([d1.apply(a), d2.apply(b)])],
  });
  om.setWeights(tm.getWeights().map((w) => new Tensor(w.dataSync() as Float32Array, w.shape)));
  const xa = randomInput([4, 3], 1),
    xb = randomInput([4, 3], 2);
  const want = tm.predict([tf.tensor(xa, [4, 3]), tf.tensor(xb, [4, 3])]) as tf.Tensor[];
  const got = om.predict<Tensor[]>([new Tensor(xa, [4, 3]), new Tensor(xb, [4, 3])]);
  assertClose(got[0].data, want[0].dataSync(), TOL, 'concatenate');
  assertClose(got[1].data, want[1].dataSync(), TOL, 'add');
});
