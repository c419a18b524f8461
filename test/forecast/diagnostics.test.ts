import assert from 'node:assert/strict';
import { test } from 'node:test';
import { correlation, detectShift } from '../../src/forecast/diagnostics.js';
import { Rng } from '../../src/rng.js';
import { assertClose } from '../helpers/close.js';

test('correlation matches the Pearson formula', () => {
  // x = [1,2,3], y = [2,4,7]: cov 2.5, var 1 and 6.333.. -> r = 5 / sqrt(2 * 12.666..)
  assertClose(correlation([1, 2, 3], [2, 4, 7]), 5 / Math.sqrt(2 * (38 / 3)), { atol: 1e-12 });
  assert.equal(correlation([1, 1, 1], [1, 2, 3]), 0);
});

test('detectShift flags a forecast that repeats the previous value', () => {
  const rng = new Rng(5);
  const y: number[] = [0];
  for (let t = 1; t < 60; t++) y.push(y[t - 1] + rng.normal());
  const actual = y.slice(1),
    lagged = y.slice(0, -1);
  const shifted = detectShift(actual, lagged, y[0]);
  assert.equal(shifted.shifted, true);
  assertClose(shifted.lag1, 1, { atol: 1e-12 });
  // a forecast close to the truth is not flagged
  const good = actual.map((v) => v + 0.1 * rng.normal());
  assert.equal(detectShift(actual, good, y[0]).shifted, false);
});

test('detectShift needs at least 3 pairs', () => {
  assert.throws(() => detectShift([1, 2], [1, 2], 0), /at least 3/);
});
