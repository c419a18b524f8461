// Parity with @tensorflow/tfjs (an independent implementation, in-process): the same weights give the
// same LSTM outputs and the same gradients of sum(y · dy) w.r.t. x and every weight, within 1e-5
// relative (both sides float32), on random shapes including odd sizes.

import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { lstm } from '../../src/layers/lstm.js';
import { Rng } from '../../src/rng.js';
import { Tensor } from '../../src/tensor.js';
import { assertClose } from '../helpers/close.js';

interface Case {
  B: number;
  T: number;
  D: number;
  H: number;
  returnSequences?: boolean;
  goBackwards?: boolean;
  activation?: 'tanh' | 'relu';
  hard?: boolean;
}

function run(c: Case): void {
  const rng = new Rng(c.B * 1000 + c.T * 100 + c.D * 10 + c.H);
  const ours = lstm({
    units: c.H,
    returnSequences: c.returnSequences ?? false,
    goBackwards: c.goBackwards ?? false,
    activation: c.activation ?? 'tanh',
    recurrentActivation: c.hard ? 'hardSigmoidTfjs' : 'sigmoid',
    biasInitializer: { name: 'randomUniform', minval: -0.5, maxval: 0.5 },
  });
  ours.build([[c.T, c.D]], rng);
  const theirs = tf.layers.lstm({
    units: c.H,
    returnSequences: c.returnSequences ?? false,
    goBackwards: c.goBackwards ?? false,
    activation: c.activation ?? 'tanh',
    recurrentActivation: c.hard ? 'hardSigmoid' : 'sigmoid',
    inputShape: [c.T, c.D],
  });
  const xData = Float32Array.from({ length: c.B * c.T * c.D }, () => rng.uniform(-1, 1));
  const x = tf.tensor(xData, [c.B, c.T, c.D]);
  tf.dispose(theirs.apply(x) as tf.Tensor); // builds the tfjs layer
  theirs.setWeights(ours.getWeights().map((w) => tf.tensor(w.data, w.shape)));
  const [y] = ours.call([new Tensor(xData, [c.B, c.T, c.D])], { training: true, mask: null });
  const dyData = Float32Array.from({ length: y.size }, () => rng.uniform(-1, 1));
  const [dx] = ours.backward([new Tensor(dyData, y.shape)]);

  const dy = tf.tensor(dyData, y.shape);
  const yTf = theirs.apply(x) as tf.Tensor;
  assertClose(y.data, yTf.dataSync(), { rtol: 1e-5, atol: 1e-6 }, 'y');
  const f = () => tf.sum(tf.mul(theirs.apply(x) as tf.Tensor, dy)) as tf.Scalar;
  const { grads } = tf.variableGrads(
    f,
    theirs.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val),
  );
  const dxTf = tf.grad((xi: tf.Tensor) => tf.sum(tf.mul(theirs.apply(xi) as tf.Tensor, dy)))(x);
  assertClose(dx!.data, dxTf.dataSync(), { rtol: 1e-5, atol: 1e-6 }, 'dx');
  const params = ours.params();
  theirs.trainableWeights.forEach((w, i) => {
    const g = grads[(w as unknown as { val: tf.Variable }).val.name];
    assertClose(params[i].grad, g.dataSync(), { rtol: 1e-5, atol: 1e-6 }, params[i].name);
  });
  tf.dispose([x, dy, yTf, dxTf, ...Object.values(grads)]);
}

test('lstm matches tfjs forward and gradients (B=3,T=7,D=5,H=6)', () => run({ B: 3, T: 7, D: 5, H: 6 }));
test('lstm matches tfjs with returnSequences (B=4,T=13,D=17,H=9)', () =>
  run({ B: 4, T: 13, D: 17, H: 9, returnSequences: true }));
test('lstm matches tfjs with goBackwards and returnSequences (B=2,T=6,D=3,H=5)', () =>
  run({ B: 2, T: 6, D: 3, H: 5, goBackwards: true, returnSequences: true }));
test('lstm matches tfjs with relu activation (B=5,T=3,D=1,H=50)', () =>
  run({ B: 5, T: 3, D: 1, H: 50, activation: 'relu' }));
// T=1 is covered by the finite-difference test: tfjs' own gradient of a one-step RNN fails inside tf.stack.
test('lstm matches tfjs with tfjs hard sigmoid gates (B=1,T=2,D=1,H=1)', () =>
  run({ B: 1, T: 2, D: 1, H: 1, hard: true }));
test('lstm matches tfjs with tfjs hard sigmoid gates (B=3,T=9,D=4,H=7)', () =>
  run({ B: 3, T: 9, D: 4, H: 7, hard: true, returnSequences: true }));
