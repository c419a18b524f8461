import assert from 'node:assert/strict';
import { test } from 'node:test';
import { persistence } from '../../src/forecast/baselines.js';
import {
  scoreWalkForward,
  testOrigins,
  walkForwardForecasts,
  walkForwardResiduals,
} from '../../src/forecast/walk-forward.js';
import { readCsvFile } from '../../src/node/csv-file.js';
import { assertClose } from '../helpers/close.js';

test('testOrigins gives test - horizon + 1 origins ending at n - horizon', () => {
  assert.deepEqual(testOrigins(36, 12, 3), [24, 25, 26, 27, 28, 29, 30, 31, 32, 33]);
  assert.deepEqual(testOrigins(10, 2, 1), [8, 9]);
  assert.throws(() => testOrigins(10, 10, 1), /no training data/);
});

test('walkForwardForecasts only shows the forecaster the past', () => {
  const seen: number[] = [];
  const spy = {
    name: 'spy',
    fit() {},
    predict: (h: ArrayLike<number>, H: number) => {
      seen.push(h.length);
      return new Array(H).fill(h[h.length - 1]);
    },
  };
  assert.deepEqual(walkForwardForecasts([1, 2, 3, 4], spy, [2, 3], 1), [[2], [3]]);
  assert.deepEqual(seen, [2, 3]);
});

test('persistence on shampoo reproduces the published 136.761 and 144.535/86.480/121.149', () => {
  const y = readCsvFile('datasets/shampoo.csv', { dateColumns: ['Month'] }).numeric.Sales;
  const o1 = testOrigins(36, 12, 1);
  assertClose(scoreWalkForward(y, o1, walkForwardForecasts(y, persistence(), o1, 1), 24).overall.rmse, 136.761, {
    atol: 5e-4,
  });
  const o3 = testOrigins(36, 12, 3);
  const per = scoreWalkForward(y, o3, walkForwardForecasts(y, persistence(), o3, 3), 24).perHorizon.map((s) => s.rmse);
  assertClose(per, [144.535304, 86.479905, 121.149168], { atol: 5e-6 });
});

test('walkForwardResiduals are actual minus predicted per horizon', () => {
  assert.deepEqual(walkForwardResiduals([1, 2, 3, 4], [2, 3], [[2], [2]]), [[1, 2]]);
});
