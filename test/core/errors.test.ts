// Bad input gets a clear error: what was wrong, what was expected, and how to fix it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, DataError, ShapeError, StateError } from '../../src/errors.js';
import { dense } from '../../src/layers/dense.js';
import { lstm } from '../../src/layers/lstm.js';
import { sequential } from '../../src/model/sequential.js';
import { tensor } from '../../src/tensor.js';

function compiled(inputShape = [3, 1]) {
  const m = sequential([lstm({ units: 4, inputShape }), dense({ units: 1 })]);
  m.compile({ optimizer: 'adam', loss: 'mse' });
  return m;
}

function throwsWith(fn: () => unknown, cls: new (...a: never[]) => Error, ...words: (string | RegExp)[]): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(
      e instanceof cls,
      `expected ${cls.name}, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`,
    );
    for (const w of words)
      assert.match(
        (e as Error).message,
        typeof w === 'string' ? new RegExp(w.replace(/[[\]().*+?^$|\\]/g, '\\$&')) : w,
      );
    return true;
  });
}

async function rejectsWith(p: Promise<unknown>, cls: new (...a: never[]) => Error, ...words: string[]): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(
      e instanceof cls,
      `expected ${cls.name}, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`,
    );
    for (const w of words) assert.ok((e as Error).message.includes(w), `message lacks "${w}": ${(e as Error).message}`);
    return true;
  });
}

test('fit() with 2-D x for an RNN says it must be [samples, timesteps, features] and shows the reshape', async () => {
  await rejectsWith(
    compiled().fit(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [[1], [2]],
    ),
    ShapeError,
    '[samples, timesteps, features]',
    'x.reshape([2, 3, 1])',
  );
});

test('fit() with a feature count that differs from inputShape names both', async () => {
  const x = tensor(new Float32Array(2 * 3 * 2), [2, 3, 2]);
  await rejectsWith(compiled().fit(x, [[1], [2]]), ShapeError, '2 features', 'inputShape [3, 1]');
});

test('fit() with different x and y sample counts names both counts', async () => {
  const x = tensor(new Float32Array(4 * 3), [4, 3, 1]);
  await rejectsWith(compiled().fit(x, [[1], [2], [3]]), ShapeError, 'same number of samples', 'x has 4', 'y has 3');
});

test('fit() with NaN in x names the first bad index', async () => {
  const x = new Float32Array(2 * 3).fill(1);
  x[4] = Number.NaN;
  await rejectsWith(compiled().fit(tensor(x, [2, 3, 1]), [[1], [2]]), DataError, 'x[1][1][0] is NaN');
});

test('fit() with Infinity in y names the first bad index', async () => {
  await rejectsWith(
    compiled().fit(tensor(new Float32Array(6), [2, 3, 1]), [[1], [Infinity]]),
    DataError,
    'y[1][0] is Infinity',
  );
});

test('units that is not a positive integer is a ConfigError naming the value', () => {
  throwsWith(() => lstm({ units: 0 }), ConfigError, 'units must be a positive integer', 'got 0');
  throwsWith(() => dense({ units: 2.5 }), ConfigError, 'got 2.5');
  throwsWith(() => lstm({ units: '8' as unknown as number }), ConfigError, 'got "8"');
});

test('an unknown activation lists the valid names', () => {
  throwsWith(
    () => lstm({ units: 2, activation: 'tahn' as 'tanh' }),
    ConfigError,
    'unknown activation "tahn"',
    "'tanh'",
    "'hardSigmoid'",
  );
});

test('an unknown optimizer or loss lists the valid names', () => {
  const m = sequential([dense({ units: 1, inputShape: [2] })]);
  throwsWith(
    () => m.compile({ optimizer: 'adamm', loss: 'mse' }),
    ConfigError,
    'unknown optimizer "adamm"',
    "'adam'",
    "'sgd'",
  );
  throwsWith(() => m.compile({ optimizer: 'adam', loss: 'mean_sq' }), ConfigError, 'unknown loss "mean_sq"', "'mse'");
});

test('predict() before the model is built says how to build it', () => {
  const m = sequential([lstm({ units: 2 }), dense({ units: 1 })]);
  throwsWith(() => m.predict(tensor(new Float32Array(3), [1, 3, 1])), StateError, 'not built', 'inputShape');
});

test('fit() before compile() says to compile', async () => {
  const m = sequential([dense({ units: 1, inputShape: [1] })]);
  await rejectsWith(m.fit([[1]], [[1]]), StateError, 'compile the model before fit()');
});

test('tensor() rejects ragged nested arrays and names the position', () => {
  throwsWith(() => tensor([[1, 2], [3]]), ShapeError, 'ragged', '[1]', 'expected length 2');
});

test('setWeights() with a wrong shape names the weight and both shapes', () => {
  const layer = dense({ units: 2, inputShape: [3] });
  sequential([layer]);
  throwsWith(() => layer.setWeights([[[1, 2, 3]], [0, 0]]), ShapeError, 'kernel', '[3, 2]', '[1, 3]');
});

test('inputShape with a batch dimension or zero is rejected', () => {
  throwsWith(() => lstm({ units: 2, inputShape: [0, 1] }), ConfigError, 'inputShape must be positive integers');
});
