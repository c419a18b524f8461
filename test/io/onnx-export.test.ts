// ONNX export verified in onnxruntime-node: the exported graph must reproduce lstmkit's predictions
// within 1e-5 for every exportable layer and option (gate orders, hard sigmoids, resetAfter, goBackwards).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as ort from 'onnxruntime-node';
import { gru } from '../../src/layers/gru.js';
import { simpleRnn } from '../../src/layers/simple-rnn.js';
import { dropout } from '../../src/layers/dropout.js';
import {
  ConfigError,
  dense,
  exportOnnx,
  type Layer,
  lstm,
  Rng,
  sequential,
  setRandomSeed,
  tensor,
} from '../../src/index.js';
import { assertClose } from '../helpers/close.js';

async function check(layers: Layer[], inputShape: number[], label: string): Promise<void> {
  setRandomSeed(3);
  const m = sequential(layers);
  // Non-trivial biases (initializers give zeros): perturb every weight.
  const r = new Rng(17);
  for (const p of m.params()) for (let i = 0; i < p.value.length; i++) p.value[i] += r.uniform(-0.3, 0.3);
  const B = 3;
  const x = Float32Array.from({ length: B * inputShape.reduce((a, b) => a * b, 1) }, () => r.uniform(-2, 2));
  const expected = m.predict(tensor(x, [B, ...inputShape]));
  const session = await ort.InferenceSession.create(exportOnnx(m));
  const out = await session.run({ input: new ort.Tensor('float32', x, [B, ...inputShape]) });
  assert.deepEqual([...out.output.dims], expected.shape, `${label}: shape`);
  assertClose(out.output.data as Float32Array, expected.data, { rtol: 1e-5, atol: 1e-6 }, label);
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

test('exportOnnx names the layer or activation that cannot be exported', () => {
  setRandomSeed(1);
  const m = sequential([lstm({ units: 2, inputShape: [3, 1], recurrentActivation: 'softmax' })]);
  assert.throws(
    () => exportOnnx(m),
    (e) => e instanceof ConfigError && /layer 'lstm.*activation 'softmax' has no ONNX LSTM equivalent/.test(e.message),
  );
  assert.throws(() => exportOnnx(sequential([lstm({ units: 2 })])), /not built yet/);
});
