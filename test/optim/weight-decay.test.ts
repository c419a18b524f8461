// weightDecay on every optimizer, against Keras 3.15's own optimizers (test/fixtures/keras3/training.json,
// made by make_training_fixtures.py): three steps from the same weights and gradients.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  adadelta,
  adagrad,
  adam,
  adamax,
  adamw,
  ConfigError,
  cosineDecay,
  exponentialDecay,
  nadam,
  type Optimizer,
  type Param,
  rmsprop,
  sgd,
} from '../../src/index.js';
import { assertClose } from '../helpers/close.js';

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/keras3/training.json'), 'utf8')) as {
  w0: number[];
  grads: number[][];
  optimizers: Record<string, number[][]>;
};

const OURS: Record<string, () => Optimizer> = {
  sgd: () => sgd({ learningRate: 0.1, momentum: 0.9, weightDecay: 0.1 }),
  adam: () => adam({ learningRate: 0.05, weightDecay: 0.1 }),
  adamw: () => adamw({ learningRate: 0.05 }),
  rmsprop: () => rmsprop({ learningRate: 0.05, weightDecay: 0.1, clipnorm: 0.5 }),
  adagrad: () => adagrad({ learningRate: 0.1, weightDecay: 0.1 }),
  adadelta: () => adadelta({ learningRate: 1, weightDecay: 0.1 }),
  adamax: () => adamax({ learningRate: 0.05, weightDecay: 0.1 }),
  nadam: () => nadam({ learningRate: 0.05, weightDecay: 0.1 }),
};

test('every optimizer with weightDecay matches Keras 3 step by step', () => {
  for (const [name, make] of Object.entries(OURS)) {
    const opt = make();
    const p: Param = {
      name: 'w',
      shape: [2, 3],
      value: Float32Array.from(fixture.w0),
      grad: new Float32Array(6),
      trainable: true,
    };
    fixture.grads.forEach((g, step) => {
      p.grad.set(g);
      opt.step([p]);
      assertClose(p.value, fixture.optimizers[name][step], { rtol: 1e-5, atol: 1e-6 }, `${name} step ${step + 1}`);
    });
    assert.equal((opt.getConfig() as { weightDecay?: number }).weightDecay, name === 'adamw' ? 0.004 : 0.1);
  }
});

test('optimizer factories refuse unknown options and bad values by name', () => {
  assert.throws(
    () => adam({ weightDecy: 0.1 } as never),
    (e) => e instanceof ConfigError && /unknown option 'weightDecy'; accepted: .*weightDecay/.test(e.message),
  );
  assert.throws(() => sgd({ weight_decay: 0.1 } as never), /did you mean 'weightDecay'/);
  assert.throws(() => rmsprop({ weightDecay: -1 }), /weightDecay must be >= 0/);
  assert.throws(() => adagrad({ clipnorm: 'x' as never }), /clipnorm must be a finite number/);
  assert.equal((sgd().getConfig() as { weightDecay?: number }).weightDecay, undefined);
});

test('learning-rate schedules refuse unknown options by name', () => {
  assert.throws(
    () => exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, stairCase: true } as never),
    /exponentialDecay: unknown option 'stairCase'; accepted: .*staircase/,
  );
  assert.throws(
    () => cosineDecay({ initialLearningRate: 0.1, decaySteps: 10, warmup: 5 } as never),
    /unknown option 'warmup'/,
  );
  assert.equal(exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 })(20), 0.025);
});
