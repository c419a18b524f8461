// Parity with @tensorflow/tfjs (independent, in-process) for GRU (resetAfter false, tfjs' only form)
// and SimpleRNN: the same weights give the same outputs and the same gradients of sum(y · dy)
// w.r.t. x and every weight, within 1e-5 relative (both sides float32).

import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { gru } from '../../src/layers/gru.js';
import type { Layer } from '../../src/layers/layer.js';
import { simpleRnn } from '../../src/layers/simple-rnn.js';
import { Rng } from '../../src/rng.js';
import { Tensor } from '../../src/tensor.js';
import { assertClose } from '../helpers/close.js';

interface Case {
  kind: 'gru' | 'simpleRnn';
  B: number;
  T: number;
  D: number;
  H: number;
  returnSequences?: boolean;
  goBackwards?: boolean;
  hard?: boolean;
  activation?: 'tanh' | 'relu';
}

function run(c: Case): void {
  const rng = new Rng(c.B * 1000 + c.T * 100 + c.D * 10 + c.H);
  const common = {
    units: c.H,
    returnSequences: c.returnSequences ?? false,
    goBackwards: c.goBackwards ?? false,
    activation: c.activation ?? 'tanh',
  } as const;
  const bias = { name: 'randomUniform', minval: -0.5, maxval: 0.5 } as const;
  const ours: Layer =
    c.kind === 'gru'
      ? gru({
          ...common,
          resetAfter: false,
          recurrentActivation: c.hard ? 'hardSigmoidTfjs' : 'sigmoid',
          biasInitializer: bias,
        })
      : simpleRnn({ ...common, biasInitializer: bias });
  ours.build([[c.T, c.D]], rng);
  const theirs =
    c.kind === 'gru'
      ? tf.layers.gru({ ...common, recurrentActivation: c.hard ? 'hardSigmoid' : 'sigmoid', inputShape: [c.T, c.D] })
      : tf.layers.simpleRNN({ ...common, inputShape: [c.T, c.D] });
  const xData = Float32Array.from({ length: c.B * c.T * c.D }, () => rng.uniform(-1, 1));
  const x = tf.tensor(xData, [c.B, c.T, c.D]);
  tf.dispose(theirs.apply(x) as tf.Tensor);
  theirs.setWeights(ours.getWeights().map((w) => tf.tensor(w.data, w.shape)));
  const [y] = ours.call([new Tensor(xData, [c.B, c.T, c.D])], { training: true, mask: null });
  const dyData = Float32Array.from({ length: y.size }, () => rng.uniform(-1, 1));
  const [dx] = ours.backward([new Tensor(dyData, y.shape)]);
  const dy = tf.tensor(dyData, y.shape);
  const yTf = theirs.apply(x) as tf.Tensor;
  assertClose(y.data, yTf.dataSync(), { rtol: 1e-5, atol: 1e-6 }, 'y');
  const f = () => tf.sum(tf.mul(theirs.apply(x) as tf.Tensor, dy)) as tf.Scalar;
  const vars = theirs.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
  const { grads } = tf.variableGrads(f, vars);
  const dxTf = tf.grad((xi: tf.Tensor) => tf.sum(tf.mul(theirs.apply(xi) as tf.Tensor, dy)))(x);
  if (!dx) throw new Error('no dx');
  assertClose(dx.data, dxTf.dataSync(), { rtol: 1e-5, atol: 1e-6 }, 'dx');
  const params = ours.params();
  vars.forEach((v, i) => {
    assertClose(params[i].grad, grads[v.name].dataSync(), { rtol: 1e-5, atol: 1e-6 }, params[i].name);
  });
  tf.dispose([x, dy, yTf, dxTf, ...Object.values(grads)]);
}

test('gru(resetAfter false) matches tfjs forward and gradients (B=3,T=7,D=5,H=6)', () =>
  run({ kind: 'gru', B: 3, T: 7, D: 5, H: 6 }));
test('gru(resetAfter false) matches tfjs with returnSequences (B=4,T=11,D=13,H=9)', () =>
  run({ kind: 'gru', B: 4, T: 11, D: 13, H: 9, returnSequences: true }));
test('gru(resetAfter false) matches tfjs with goBackwards + tfjs hard sigmoid (B=2,T=6,D=3,H=5)', () =>
  run({ kind: 'gru', B: 2, T: 6, D: 3, H: 5, goBackwards: true, returnSequences: true, hard: true }));
test('simpleRnn matches tfjs forward and gradients (B=3,T=7,D=5,H=6)', () =>
  run({ kind: 'simpleRnn', B: 3, T: 7, D: 5, H: 6 }));
test('simpleRnn matches tfjs with returnSequences + goBackwards (B=4,T=9,D=13,H=11)', () =>
  run({ kind: 'simpleRnn', B: 4, T: 9, D: 13, H: 11, returnSequences: true, goBackwards: true }));
test('simpleRnn matches tfjs with relu (B=5,T=4,D=2,H=8)', () =>
  run({ kind: 'simpleRnn', B: 5, T: 4, D: 2, H: 8, activation: 'relu' }));
