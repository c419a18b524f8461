// The seeds' first example end to end (examples/univariate.ts), and the same training run compared
// with tfjs from identical initial weights.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { univariate } from '../../examples/univariate.js';
import { dense } from '../../src/layers/dense.js';
import { lstm } from '../../src/layers/lstm.js';
import { sequential } from '../../src/model/sequential.js';
import { tensor } from '../../src/tensor.js';

test('univariate example predicts 100 ± 4 for [70, 80, 90] with seeds 1 to 5 (Keras printed 102.09)', async () => {
  const got: number[] = [];
  for (let seed = 1; seed <= 5; seed++) got.push(await univariate(seed));
  for (const [i, v] of got.entries()) assert.ok(Math.abs(v - 100) <= 4, `seed ${i + 1}: ${v}`);
});

test('from tfjs initial weights, 200 epochs give the same prediction as tfjs within 0.05', async () => {
  const xs = [
    [10, 20, 30],
    [20, 30, 40],
    [30, 40, 50],
    [40, 50, 60],
    [50, 60, 70],
    [60, 70, 80],
  ];
  const ys = [[40], [50], [60], [70], [80], [90]];
  // The Keras-equivalent tfjs model (tfjs defaults differ from Keras 3: set sigmoid gates, forget bias, glorot).
  const ref = tf.sequential({
    layers: [
      tf.layers.lstm({
        units: 50,
        activation: 'relu',
        recurrentActivation: 'sigmoid',
        unitForgetBias: true,
        kernelInitializer: 'glorotUniform',
        inputShape: [3, 1],
      }),
      tf.layers.dense({ units: 1 }),
    ],
  });
  ref.compile({ optimizer: tf.train.adam(0.001), loss: 'meanSquaredError' });
  const ours = sequential([lstm({ units: 50, activation: 'relu', inputShape: [3, 1] }), dense({ units: 1 })]);
  ours.compile({ optimizer: 'adam', loss: 'mse' });
  ours.setWeights(ref.getWeights().map((w) => tensor(w.dataSync() as Float32Array, w.shape)));
  const xT = tf.tensor3d(xs.map((r) => r.map((v) => [v]))),
    yT = tf.tensor2d(ys);
  await ref.fit(xT, yT, { epochs: 200, batchSize: 32, verbose: 0 });
  await ours.fit(tensor(xs).reshape([6, 3, 1]), tensor(ys), { epochs: 200, verbose: 0 });
  const probe = [[[70], [80], [90]]];
  const theirs = (ref.predict(tf.tensor3d(probe)) as tf.Tensor).dataSync()[0];
  const mine = ours.predict(tensor(probe)).data[0];
  assert.ok(Math.abs(mine - theirs) <= 0.05, `lstmkit ${mine} vs tfjs ${theirs}`);
  tf.dispose([xT, yT]);
});
