// Differencing and power transforms: examples, exact inverses on random data, no look-ahead.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { difference, inverseDifference, inverseDifferenceAt, seasonalDifference } from '../../src/data/difference.js';
import { boxCox, fitBoxCox, inverseBoxCox, inverseLog, logTransform } from '../../src/data/power.js';
import { ConfigError, DataError } from '../../src/errors.js';
import { Rng } from '../../src/rng.js';
import { assertClose } from '../helpers/close.js';

test('difference / seasonalDifference / inverseDifference / inverseDifferenceAt @examples', () => {
  assert.deepEqual(difference([1, 4, 9, 16], { interval: 1 }), [3, 5, 7]);
  assert.deepEqual(seasonalDifference([1, 2, 3, 5, 6, 7], { period: 3 }), [4, 4, 4]);
  assert.deepEqual(inverseDifference([3, 5, 7], [1]), [4, 9, 16]);
  assert.deepEqual(inverseDifferenceAt([3.5, 4.5], [1, 2], [10, 13, 18]), [13.5, 17.5]);
  assert.deepEqual(difference([1, 4, 9, 16], { order: 2 }), [2, 2]);
  assert.deepEqual(
    difference([
      [1, 10],
      [2, 30],
      [4, 60],
    ]),
    [
      [1, 20],
      [2, 30],
    ],
  );
});

test('inverseDifference(difference(x)) = x within 1e-9 for random interval/order (seeded)', () => {
  const rng = new Rng(5);
  for (let trial = 0; trial < 60; trial++) {
    const interval = 1 + rng.int(4),
      order = 1 + rng.int(3),
      n = interval * order + 1 + rng.int(30);
    const x = Array.from({ length: n }, () => rng.normal(100, 20));
    const lag = interval * order;
    const d = difference(x, { interval, order });
    assert.equal(d.length, n - lag);
    const back = inverseDifference(d, x.slice(0, lag), { interval, order });
    assertClose(back, x.slice(lag), { atol: 1e-9 }, `interval ${interval} order ${order}`);
    // the one-step inverse at known positions gives the same from the true history
    const pos = d.map((_, i) => i + lag);
    assertClose(inverseDifferenceAt(d, pos, x, { interval, order }), x.slice(lag), { atol: 1e-9 }, 'at positions');
  }
});

test('inverseDifferenceAt reads only values before each position (changing the future changes nothing)', () => {
  const rng = new Rng(9);
  const x = Array.from({ length: 30 }, () => rng.normal());
  const preds = [0.5, -0.25];
  const pos = [20, 21];
  const a = inverseDifferenceAt(preds, pos, x, { interval: 2, order: 2 });
  const tampered = x.map((v, t) => (t >= 20 ? v + 1000 : v));
  assert.deepEqual(inverseDifferenceAt(preds, pos, tampered, { interval: 2, order: 2 }), a);
  // and a history that stops right before the last position is enough
  assert.deepEqual(inverseDifferenceAt([preds[1]], [21], x.slice(0, 21), { interval: 2, order: 2 }), [a[1]]);
});

test('log and Box-Cox @examples', () => {
  assertClose(logTransform([1, Math.E]), [0, 1], { atol: 1e-15 });
  assertClose(inverseLog([0, 1], { offset: 1 }), [0, Math.E - 1], { atol: 1e-15 });
  assertClose(boxCox([1, 4], 0.5), [0, 2], { atol: 1e-15 });
  assertClose(inverseBoxCox([0, 2], 0.5), [1, 4], { atol: 1e-15 });
  assertClose(fitBoxCox([1, 2, 4, 8, 16, 32]).lambda, 0, { atol: 0.05 });
});

test('fitBoxCox maximizes the Box-Cox likelihood (golden: numpy grid search)', () => {
  // numpy: llf(l) = (l-1)*log(x).sum() - n/2*log(y.var()); argmax over np.linspace(-5, 5, 200001) -> 0.0907
  const x = [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118];
  const { lambda } = fitBoxCox(x);
  assertClose(lambda, 0.0907, { atol: 1e-4 }, 'lambda');
  const llf = (l: number) => {
    const y = boxCox(x, l);
    const m = y.reduce((a, b) => a + b) / y.length;
    const v = y.reduce((a, b) => a + (b - m) ** 2, 0) / y.length;
    return (l - 1) * x.reduce((a, b) => a + Math.log(b), 0) - (y.length / 2) * Math.log(v);
  };
  assert.ok(llf(lambda) >= llf(lambda + 0.01) && llf(lambda) >= llf(lambda - 0.01));
});

test('log and Box-Cox round trips within 1e-9 on random positive data (seeded)', () => {
  const rng = new Rng(13);
  for (let trial = 0; trial < 30; trial++) {
    const x = Array.from({ length: 20 }, () => rng.uniform(0.1, 500));
    const lambda = rng.uniform(-2, 2) * (trial % 5 === 0 ? 0 : 1);
    assertClose(inverseBoxCox(boxCox(x, lambda), lambda), x, { rtol: 1e-9 }, `boxCox ${lambda}`);
    assertClose(inverseLog(logTransform(x, { offset: 3 }), { offset: 3 }), x, { rtol: 1e-9 }, 'log');
  }
});

test('stationarity errors: too short, non-positive, bad options, missing history', () => {
  assert.throws(
    () => difference([1], {}),
    (e: Error) => e instanceof DataError && /1 values.*more than 1/.test(e.message),
  );
  assert.throws(() => difference([1, 2, 3], { interval: 0 }), ConfigError);
  assert.throws(
    () => inverseDifference([1], [1], { order: 2 }),
    (e: Error) => e instanceof DataError && /last 2/.test(e.message),
  );
  assert.throws(
    () => inverseDifferenceAt([1], [5], [1, 2, 3]),
    (e: Error) => e instanceof DataError && /position 5/.test(e.message),
  );
  assert.throws(
    () => logTransform([1, 0]),
    (e: Error) => e instanceof DataError && /index 1/.test(e.message),
  );
  assert.throws(() => boxCox([-1], 1), DataError);
  assert.throws(
    () => fitBoxCox([2, 2, 2]),
    (e: Error) => e instanceof DataError && /constant/.test(e.message),
  );
  assert.throws(() => boxCox([1], Number.NaN), ConfigError);
});
