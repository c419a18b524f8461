// The seeds' first example end to end (examples/univariate.ts), and the same training run compared
// with tfjs from identical initial weights.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { univariate } from '../../examples/univariate.js';
import { dense } from '../../src/layers/dense.js';
import { lstm } from '../../src/layers/lstm.js';
import { sequential } from '../../src/model/sequential.js';
import { adam } from '../../src/optim/optimizer.js';
import { setRandomSeed } from '../../src/rng.js';
import { tensor } from '../../src/tensor.js';

test('univariate example predicts 100 ± 4 for [70, 80, 90] with seeds 1 to 5 (Keras printed 102.09)', async () => {
  const got: number[] = [];
  for (let seed = 1; seed <= 5; seed++) got.push(await univariate(seed));
  for (const [i, v] of got.entries()) assert.ok(Math.abs(v - 100) <= 4, `seed ${i + 1}: ${v}`);
});

// The initial weights come from lstmkit's seeded initializers and are copied into tfjs (tfjs' own
// initializers are not seeded, which made this comparison start from a different point every run).
// tfjs' Adam adds epsilon after bias correction; with that form (biasCorrectedEpsilon) the whole run
// matches tfjs to 1e-3. lstmkit's default is Keras' form, which moved seed 1 by 0.14 (101.57 vs 101.44).
async function afterTraining(seed: number, biasCorrectedEpsilon: boolean): Promise<[number, number]> {
  const xs = [
    [10, 20, 30],
    [20, 30, 40],
    [30, 40, 50],
    [40, 50, 60],
    [50, 60, 70],
    [60, 70, 80],
  ];
  const ys = [[40], [50], [60], [70], [80], [90]];
  setRandomSeed(seed);
  const ours = sequential([lstm({ units: 50, activation: 'relu', inputShape: [3, 1] }), dense({ units: 1 })]);
  ours.compile({ optimizer: adam({ biasCorrectedEpsilon }), loss: 'mse' });
  // The Keras-equivalent tfjs model (tfjs defaults differ from Keras 3: set sigmoid gates and the forget bias).
  const ref = tf.sequential({
    layers: [
      tf.layers.lstm({
        units: 50,
        activation: 'relu',
        recurrentActivation: 'sigmoid',
        unitForgetBias: true,
        inputShape: [3, 1],
      }),
      tf.layers.dense({ units: 1 }),
    ],
  });
  ref.compile({ optimizer: tf.train.adam(0.001), loss: 'meanSquaredError' });
  ref.setWeights(ours.getWeights().map((w) => tf.tensor(w.data, w.shape)));
  const xT = tf.tensor3d(xs.map((r) => r.map((v) => [v]))),
    yT = tf.tensor2d(ys);
  await ref.fit(xT, yT, { epochs: 200, batchSize: 32, verbose: 0 });
  await ours.fit(tensor(xs).reshape([6, 3, 1]), tensor(ys), { epochs: 200, verbose: 0 });
  const probe = [[[70], [80], [90]]];
  const theirs = (ref.predict(tf.tensor3d(probe)) as tf.Tensor).dataSync()[0];
  tf.dispose([xT, yT]);
  return [ours.predict(tensor(probe)).data[0], theirs];
}

for (const seed of [1, 2, 3]) {
  test(`from the same initial weights (seed ${seed}), 200 epochs with tfjs' Adam form give tfjs' prediction within 0.005`, async () => {
    const [mine, theirs] = await afterTraining(seed, true);
    assert.ok(Math.abs(mine - theirs) <= 0.005, `lstmkit ${mine} vs tfjs ${theirs}`);
  });
}

test("with Keras' Adam (the default) the same runs stay within 0.05 of tfjs on seeds 2 and 3, 0.15 on seed 1", async () => {
  for (const [seed, tol] of [
    [1, 0.15],
    [2, 0.05],
    [3, 0.05],
  ]) {
    const [mine, theirs] = await afterTraining(seed, false);
    assert.ok(Math.abs(mine - theirs) <= tol, `seed ${seed}: lstmkit ${mine} vs tfjs ${theirs}`);
  }
});
