// conv2d, maxPooling2d, averagePooling2d, globalAveragePooling2d: finite-difference gradients in float64,
// parity with tfjs (an independent implementation, in-process) alone and inside timeDistributed in a
// CNN-LSTM, config errors, and the native save/load round trip.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import {
  averagePooling2d,
  ConfigError,
  conv2d,
  dense,
  flatten,
  globalAveragePooling2d,
  type Layer,
  loadModel,
  lstm,
  maxPooling2d,
  Rng,
  sequential,
  setRandomSeed,
  ShapeError,
  Tensor,
  timeDistributed,
} from '../../src/index.js';
import { assertClose } from '../helpers/close.js';
import { withFloat64 } from '../helpers/gradcheck.js';
import { checkLayerGradients, rand } from './layer-check.js';

test('conv2d backward matches finite differences: valid, same, strides, dilation, activations, no bias', () => {
  withFloat64(() => {
    const rng = new Rng(21);
    for (const c of [
      { kernelSize: [2, 3], padding: 'valid', activation: 'tanh' },
      { kernelSize: 3, padding: 'same', strides: [2, 1], activation: 'linear' },
      { kernelSize: [2, 2], padding: 'same', dilationRate: [1, 2], activation: 'sigmoid' },
      { kernelSize: 2, padding: 'valid', strides: 2, activation: 'linear', useBias: false },
    ] as const) {
      const l = conv2d({ filters: 3, ...c });
      l.build([[5, 6, 2]], rng);
      checkLayerGradients(l, [rand([2, 5, 6, 2], rng)]);
    }
  });
});

test('2-D pooling layers backward match finite differences', () => {
  withFloat64(() => {
    const rng = new Rng(22);
    for (const l of [
      maxPooling2d({ poolSize: 2 }),
      maxPooling2d({ poolSize: 3, strides: 2, padding: 'same' }),
      averagePooling2d({ poolSize: [2, 3] }),
      averagePooling2d({ poolSize: 3, strides: 1, padding: 'same' }),
      globalAveragePooling2d(),
    ]) {
      l.build([[5, 6, 2]], rng);
      checkLayerGradients(l, [rand([2, 5, 6, 2], rng)]);
    }
  });
});

test('conv2d inside timeDistributed backward matches finite differences', () => {
  withFloat64(() => {
    const rng = new Rng(23);
    const l = timeDistributed(conv2d({ filters: 2, kernelSize: 2, activation: 'tanh' }));
    l.build([[3, 4, 4, 1]], rng);
    checkLayerGradients(l, [rand([2, 3, 4, 4, 1], rng)]);
  });
});

const TOL = { rtol: 1e-4, atol: 1e-5 };

function randomInput(shape: number[], seed: number): Float32Array {
  const r = new Rng(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => r.uniform(-1, 1));
}

/** Builds both stacks, copies tfjs weights into ours, compares predictions on 3 random samples. */
function compare(ours: Layer[], theirs: tf.layers.Layer[], inputShape: number[]): void {
  const tm = tf.sequential({ layers: theirs });
  const om = sequential(ours);
  om.build([inputShape]);
  om.setWeights(tm.getWeights().map((w) => new Tensor(w.dataSync() as Float32Array, w.shape)));
  const shape = [3, ...inputShape];
  const x = randomInput(shape, 5);
  const want = (tm.predict(tf.tensor(x, shape)) as tf.Tensor).dataSync();
  assertClose(om.predict(new Tensor(x, shape)).data, want, TOL, theirs.map((l) => l.getClassName()).join('+'));
}

test('conv2d and 2-D pooling match tfjs (valid/same, strides, dilation, rectangular kernels and pools)', () => {
  const cases = [
    { filters: 4, kernelSize: [3, 2], padding: 'valid', activation: 'relu' },
    { filters: 3, kernelSize: 3, padding: 'same', strides: [2, 3], activation: 'tanh' },
    { filters: 2, kernelSize: [2, 3], padding: 'same', dilationRate: [2, 1], activation: 'linear' },
    { filters: 2, kernelSize: 2, padding: 'valid', dilationRate: 2, useBias: false, activation: 'sigmoid' },
  ] as const;
  for (const c of cases) {
    compare(
      [conv2d({ ...c, inputShape: [7, 8, 3] } as never)],
      [tf.layers.conv2d({ ...c, inputShape: [7, 8, 3] } as never)],
      [7, 8, 3],
    );
  }
  compare(
    [
      conv2d({ filters: 3, kernelSize: 2, inputShape: [7, 8, 2] }),
      maxPooling2d({ poolSize: [2, 3], strides: [1, 2], padding: 'same' }),
      averagePooling2d({ poolSize: 3, strides: 2, padding: 'same' }),
      averagePooling2d({ poolSize: 2, padding: 'valid' }),
    ],
    [
      tf.layers.conv2d({ filters: 3, kernelSize: 2, inputShape: [7, 8, 2] }),
      tf.layers.maxPooling2d({ poolSize: [2, 3], strides: [1, 2], padding: 'same' }),
      tf.layers.averagePooling2d({ poolSize: 3, strides: 2, padding: 'same' }),
      tf.layers.averagePooling2d({ poolSize: 2, padding: 'valid' }),
    ],
    [7, 8, 2],
  );
  compare(
    [maxPooling2d({ inputShape: [6, 5, 2] }), globalAveragePooling2d()],
    [tf.layers.maxPooling2d({ poolSize: 2, inputShape: [6, 5, 2] }), tf.layers.globalAveragePooling2d({})],
    [6, 5, 2],
  );
});

test('the CNN-LSTM of the lesson (timeDistributed conv2d -> maxPooling2d -> flatten -> LSTM -> dense) matches tfjs', () => {
  compare(
    [
      timeDistributed(conv2d({ filters: 2, kernelSize: 2, activation: 'relu' }), { inputShape: [4, 8, 8, 1] }),
      timeDistributed(maxPooling2d({ poolSize: 2 })),
      timeDistributed(flatten()),
      lstm({ units: 5, recurrentActivation: 'sigmoid' }),
      dense({ units: 1, activation: 'sigmoid' }),
    ],
    [
      tf.layers.timeDistributed({
        layer: tf.layers.conv2d({ filters: 2, kernelSize: 2, activation: 'relu' }),
        inputShape: [4, 8, 8, 1],
      }),
      tf.layers.timeDistributed({ layer: tf.layers.maxPooling2d({ poolSize: 2 }) }),
      tf.layers.timeDistributed({ layer: tf.layers.flatten() }),
      tf.layers.lstm({ units: 5, recurrentActivation: 'sigmoid' }),
      tf.layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
    [4, 8, 8, 1],
  );
});

test('2-D layer configs: unknown keys, bad sizes and impossible shapes are clear errors', () => {
  const bad: [() => unknown, RegExp][] = [
    [
      () => conv2d({ filters: 2, kernelSize: 2, kernel_size: 3 } as never),
      /unknown option 'kernel_size' \(did you mean 'kernelSize'\?\); accepted: .*kernelSize/,
    ],
    [() => conv2d({ filters: 2, kernelSize: [2, 0] }), /kernelSize must be a positive integer or a pair/],
    [() => conv2d({ filters: 0, kernelSize: 2 }), /filters must be a positive integer, got 0/],
    [
      () => conv2d({ filters: 2, kernelSize: 2, padding: 'causal' as never }),
      /unknown padding "causal"; expected one of: 'valid', 'same'/,
    ],
    [() => conv2d({ filters: 2, kernelSize: 2, strides: 2, dilationRate: 2 }), /strides > 1 with dilationRate > 1/],
    [() => conv2d({ filters: 2, kernelSize: 2, useBias: 'yes' as never }), /useBias must be true or false/],
    [() => conv2d(undefined as never), /expected a config object/],
    [() => maxPooling2d({ pool_size: 2 } as never), /unknown option 'pool_size' \(did you mean 'poolSize'\?\)/],
    [() => averagePooling2d({ strides: [1, 2, 3] as never }), /strides must be a positive integer or a pair/],
    [() => globalAveragePooling2d({ poolSize: 2 } as never), /unknown option 'poolSize'/],
  ];
  for (const [make, message] of bad) assert.throws(make, (e) => e instanceof ConfigError && message.test(e.message));
  assert.throws(
    () => sequential([conv2d({ filters: 2, kernelSize: 5, inputShape: [4, 4, 1] })]),
    (e) => e instanceof ShapeError && /too small for kernelSize \[5, 5\]/.test(e.message),
  );
  assert.throws(
    () => sequential([conv2d({ filters: 2, kernelSize: 2, inputShape: [8, 1] })]),
    (e) => e instanceof ShapeError && /\[height, width, channels\].*timeDistributed/.test(e.message),
  );
  assert.deepEqual(conv2d({ filters: 2, kernelSize: 3, strides: [1, 2] }).getConfig().kernelSize, [3, 3]);
});

test('a CNN-LSTM with the 2-D layers round-trips through the native format', async () => {
  setRandomSeed(3);
  const m = sequential([
    timeDistributed(conv2d({ filters: 2, kernelSize: [2, 3], padding: 'same', activation: 'relu' }), {
      inputShape: [3, 6, 6, 1],
    }),
    timeDistributed(maxPooling2d()),
    timeDistributed(averagePooling2d({ poolSize: 2, strides: 1 })),
    timeDistributed(globalAveragePooling2d()),
    lstm({ units: 3 }),
    dense({ units: 1 }),
  ]);
  const x = new Tensor(randomInput([2, 3, 6, 6, 1], 9), [2, 3, 6, 6, 1]);
  const { artifacts } = await m.save();
  const copy = await loadModel({ topology: JSON.stringify(artifacts.topology), weights: artifacts.weights });
  assertClose(copy.predictOutputs(x)[0].data, m.predict(x).data, { atol: 0 }, 'round trip');
});
