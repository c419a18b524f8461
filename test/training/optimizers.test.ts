// Each optimizer's steps against tfjs' optimizer (tf.train.*) on the same gradient sequence, or against
// a scalar hand computation of Keras 3's formulas where tfjs has none (nadam, adamw); clipping; schedules.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import type { Param } from '../../src/layers/layer.js';
import { adadelta } from '../../src/optim/adadelta.js';
import { adagrad } from '../../src/optim/adagrad.js';
import { adamax } from '../../src/optim/adamax.js';
import { adamw } from '../../src/optim/adamw.js';
import { nadam } from '../../src/optim/nadam.js';
import { adam, type Optimizer, sgd } from '../../src/optim/optimizer.js';
import { getOptimizer } from '../../src/optim/registry.js';
import { rmsprop } from '../../src/optim/rmsprop.js';
import {
  cosineDecay,
  exponentialDecay,
  inverseTimeDecay,
  piecewiseConstantDecay,
  polynomialDecay,
} from '../../src/optim/schedules.js';
import { assertClose } from '../helpers/close.js';
import { Rng, randomArray } from '../helpers/gradcheck.js';

const N = 7,
  STEPS = 6;
const start = randomArray(N, new Rng(1));
const grads = Array.from({ length: STEPS }, (_, s) => randomArray(N, new Rng(10 + s), -2, 2));

function runOurs(opt: Optimizer): Float64Array {
  const p: Param = {
    name: 'w',
    shape: [N],
    value: Float64Array.from(start),
    grad: new Float64Array(N),
    trainable: true,
  };
  for (const g of grads) {
    p.grad.set(g);
    opt.step([p]);
  }
  return p.value as Float64Array;
}

function runTfjs(opt: tf.Optimizer): Float32Array {
  const v = tf.variable(tf.tensor1d(Float32Array.from(start)));
  for (const g of grads) {
    const gt = tf.tensor1d(Float32Array.from(g));
    opt.applyGradients({ [v.name]: gt });
    gt.dispose();
  }
  const out = v.dataSync() as Float32Array;
  v.dispose();
  opt.dispose();
  return out;
}

const tol = { rtol: 1e-5, atol: 1e-6 };
test('sgd matches tf.train.sgd', () =>
  assertClose(runOurs(sgd({ learningRate: 0.1 })), runTfjs(tf.train.sgd(0.1)), tol, 'sgd'));
test('sgd with momentum matches tf.train.momentum', () =>
  assertClose(
    runOurs(sgd({ learningRate: 0.1, momentum: 0.9 })),
    runTfjs(tf.train.momentum(0.1, 0.9)),
    tol,
    'momentum',
  ));
test('adam matches tf.train.adam', () =>
  assertClose(
    runOurs(adam({ learningRate: 0.01 })),
    runTfjs(tf.train.adam(0.01, 0.9, 0.999, 1e-7)),
    { rtol: 1e-5, atol: 1e-5 },
    'adam',
  ));
test('rmsprop matches tf.train.rmsprop', () =>
  assertClose(runOurs(rmsprop({ learningRate: 0.01 })), runTfjs(tf.train.rmsprop(0.01, 0.9, 0, 1e-7)), tol, 'rmsprop'));
test('rmsprop with momentum and centered matches tf.train.rmsprop', () =>
  assertClose(
    runOurs(rmsprop({ learningRate: 0.01, momentum: 0.5, centered: true })),
    runTfjs(tf.train.rmsprop(0.01, 0.9, 0.5, 1e-7, true)),
    tol,
    'rmsprop centered',
  ));
test('adagrad matches tf.train.adagrad', () =>
  assertClose(runOurs(adagrad({ learningRate: 0.05 })), runTfjs(tf.train.adagrad(0.05, 0.1)), tol, 'adagrad'));
function adadeltaByHand(lr: number, rho: number, eps: number, tfjsVariant: boolean): number[] {
  return Array.from(start, (p0, i) => {
    let p = p0,
      ag = 0,
      ad = 0;
    for (const gs of grads) {
      const g = gs[i],
        agNew = rho * ag + (1 - rho) * g * g;
      const delta = (-Math.sqrt(ad + eps) / Math.sqrt((tfjsVariant ? ag : agNew) + eps)) * g;
      ag = agNew;
      ad = rho * ad + (1 - rho) * delta * delta;
      p += lr * delta;
    }
    return p;
  });
}
test('adadelta matches a hand computation of Keras 3 Adadelta (tfjs divides by the previous E[g²] instead)', () => {
  assertClose(
    runOurs(adadelta({ learningRate: 1 })),
    adadeltaByHand(1, 0.95, 1e-7, false),
    { rtol: 1e-12, atol: 1e-14 },
    'adadelta',
  );
  // The same hand computation with tfjs' order reproduces tf.train.adadelta, so the harness is sound.
  assertClose(runTfjs(tf.train.adadelta(1, 0.95, 1e-7)), adadeltaByHand(1, 0.95, 1e-7, true), tol, 'tfjs adadelta');
});
test('adamax matches tf.train.adamax', () =>
  assertClose(
    runOurs(adamax({ learningRate: 0.02 })),
    runTfjs(tf.train.adamax(0.02, 0.9, 0.999, 1e-7)),
    tol,
    'adamax',
  ));

test('nadam matches a hand computation of Keras 3 Nadam', () => {
  const lr = 0.01,
    b1 = 0.9,
    b2 = 0.999,
    eps = 1e-7;
  const expected = Array.from(start, (p0, i) => {
    let p = p0,
      m = 0,
      v = 0,
      prod = 1;
    grads.forEach((gs, s) => {
      const g = gs[i],
        t = s + 1;
      const ut = b1 * (1 - 0.5 * 0.96 ** t),
        ut1 = b1 * (1 - 0.5 * 0.96 ** (t + 1));
      prod *= ut;
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g * g;
      const mHat = (ut1 * m) / (1 - prod * ut1) + ((1 - ut) * g) / (1 - prod);
      p -= (lr * mHat) / (Math.sqrt(v / (1 - b2 ** t)) + eps);
    });
    return p;
  });
  assertClose(runOurs(nadam({ learningRate: lr })), expected, { rtol: 1e-12, atol: 1e-14 }, 'nadam');
});

test('adamw matches a hand computation: decoupled decay, then the Adam step', () => {
  const lr = 0.01,
    wd = 0.1,
    b1 = 0.9,
    b2 = 0.999,
    eps = 1e-7;
  const expected = Array.from(start, (p0, i) => {
    let p = p0,
      m = 0,
      v = 0;
    grads.forEach((gs, s) => {
      const g = gs[i],
        t = s + 1;
      p -= lr * wd * p;
      m = b1 * m + (1 - b1) * g;
      v = b2 * v + (1 - b2) * g * g;
      p -= ((lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t)) * (m / (Math.sqrt(v) + eps));
    });
    return p;
  });
  assertClose(runOurs(adamw({ learningRate: lr, weightDecay: wd })), expected, { rtol: 1e-12, atol: 1e-14 }, 'adamw');
  assertClose(
    runOurs(adamw({ learningRate: lr, weightDecay: 0 })),
    runOurs(adam({ learningRate: lr })),
    { atol: 0 },
    'adamw(0) = adam',
  );
});

test('optimizer names resolve in compile (getOptimizer) and unknown names list the choices', () => {
  for (const [name, cls] of Object.entries({
    rmsprop: 'RMSprop',
    adagrad: 'Adagrad',
    adadelta: 'Adadelta',
    adamax: 'Adamax',
    nadam: 'Nadam',
    adamw: 'AdamW',
    sgd: 'SGD',
    adam: 'Adam',
  })) {
    assert.equal(getOptimizer(name, 'test').className, cls);
  }
  assert.throws(() => getOptimizer('adamm', 'test'), /unknown optimizer "adamm".*'nadam'/);
});

function clipped(config: object, g: number[][]): number[][] {
  const params: Param[] = g.map((v, i) => ({
    name: `p${i}`,
    shape: [v.length],
    value: new Float64Array(v.length),
    grad: Float64Array.from(v),
    trainable: true,
  }));
  sgd({ learningRate: 1, ...config }).step(params);
  return params.map((p) => Array.from(p.value, (x) => -x));
}

test('clipvalue clips each gradient value to [-c, c]', () => {
  assertClose(clipped({ clipvalue: 0.5 }, [[1, -2, 0.25]]).flat(), [0.5, -0.5, 0.25], { atol: 1e-15 });
});
test('clipnorm rescales each gradient tensor to at most that L2 norm, separately', () => {
  const [a, b] = clipped({ clipnorm: 1 }, [
    [3, 4],
    [0.3, 0.4],
  ]);
  assertClose(a, [0.6, 0.8], { atol: 1e-15 }, 'a (norm 5 -> 1)');
  assertClose(b, [0.3, 0.4], { atol: 1e-15 }, 'b (norm 0.5 kept)');
});
test('globalClipnorm rescales all gradients together to at most that global norm', () => {
  const [a, b] = clipped({ globalClipnorm: 1 }, [
    [3, 4],
    [0, 0],
  ]);
  assertClose([...a, ...b], [0.6, 0.8, 0, 0], { atol: 1e-15 });
  const [c, d] = clipped({ globalClipnorm: 10 }, [[3], [4]]);
  assertClose([...c, ...d], [3, 4], { atol: 1e-15 }, 'under the limit: unchanged');
});

test('schedules follow the Keras 3 formulas', () => {
  const e = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
  assertClose([e(0), e(5), e(20)], [0.1, 0.1 * 0.5 ** 0.5, 0.025], { rtol: 1e-15 }, 'exponential');
  const es = exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true });
  assertClose([es(9), es(10), es(25)], [0.1, 0.05, 0.025], { rtol: 1e-15 }, 'exponential staircase');
  const it = inverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 });
  assertClose([it(0), it(2), it(6)], [0.1, 0.05, 0.025], { rtol: 1e-15 }, 'inverse time');
  const pc = piecewiseConstantDecay({ boundaries: [100, 200], values: [0.1, 0.01, 0.001] });
  assert.deepEqual([pc(0), pc(100), pc(101), pc(200), pc(201)], [0.1, 0.1, 0.01, 0.01, 0.001]);
  const pd = polynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, endLearningRate: 0.01, power: 2 });
  assertClose([pd(0), pd(5), pd(10), pd(50)], [0.1, 0.09 * 0.25 + 0.01, 0.01, 0.01], { rtol: 1e-14 }, 'polynomial');
  const pcyc = polynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, endLearningRate: 0, cycle: true });
  assertClose([pcyc(15)], [0.1 * (1 - 15 / 20)], { rtol: 1e-14 }, 'polynomial cycle');
  const cd = cosineDecay({ initialLearningRate: 0, decaySteps: 100, warmupTarget: 0.1, warmupSteps: 10, alpha: 0.1 });
  assertClose(
    [cd(0), cd(5), cd(10), cd(60), cd(110), cd(500)],
    [0, 0.05, 0.1, 0.1 * (0.9 * 0.5 + 0.1), 0.01, 0.01],
    { rtol: 1e-12, atol: 1e-15 },
    'cosine',
  );
  assert.throws(
    () => exponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 }),
    /decaySteps must be a positive number/,
  );
  assert.throws(() => piecewiseConstantDecay({ boundaries: [1], values: [1] }), /one more entry/);
});

test('a schedule as learningRate is evaluated at the step count before each update', () => {
  const sched = piecewiseConstantDecay({ boundaries: [1], values: [1, 0.1] });
  const p: Param = { name: 'w', shape: [1], value: new Float64Array(1), grad: new Float64Array(1), trainable: true };
  const opt = sgd({ learningRate: sched });
  const seen: number[] = [];
  for (let s = 0; s < 4; s++) {
    const before = p.value[0];
    p.grad[0] = 1;
    opt.step([p]);
    seen.push(before - p.value[0]);
  }
  assertClose(seen, [1, 1, 0.1, 0.1], { rtol: 1e-12 });
});
