import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, DataError } from '../../src/errors.js';
import { drift, linearAutoregression, meanForecast, persistence, seasonalNaive } from '../../src/forecast/baselines.js';
import { solveLeastSquares } from '../../src/forecast/least-squares.js';
import { assertClose } from '../helpers/close.js';

test('persistence, seasonal naive, drift and mean forecast as defined', () => {
  assert.deepEqual(persistence().predict([1, 2, 5], 2), [5, 5]);
  assert.deepEqual(seasonalNaive({ season: 2 }).predict([1, 2, 3, 4], 3), [3, 4, 3]);
  assert.deepEqual(drift().predict([1, 2, 3], 2), [4, 5]);
  assert.deepEqual(meanForecast().predict([1, 2, 6], 2), [3, 3]);
});

test('baselines reject bad configs and too-short histories', () => {
  assert.throws(() => seasonalNaive({ season: 0 }), ConfigError);
  assert.throws(() => seasonalNaive({ season: 4 }).predict([1, 2], 1), DataError);
  assert.throws(() => drift().predict([1], 1), /at least 2/);
  assert.throws(() => linearAutoregression({ lags: 2 }).predict([1, 2, 3], 1), /fit/);
});

test('linearAutoregression recovers a noise-free AR(2) and forecasts it exactly (recursively)', () => {
  const y = [1, 2];
  for (let t = 2; t < 40; t++) y.push(3 + 0.5 * y[t - 1] - 0.2 * y[t - 2]);
  const ar = linearAutoregression({ lags: 2 });
  ar.fit(y.slice(0, 30));
  const expected = y.slice(30, 33);
  assertClose(ar.predict(y.slice(0, 30), 3), expected, { atol: 1e-6 });
});

test('linearAutoregression on differences extends a linear trend', () => {
  const ar = linearAutoregression({ lags: 1, difference: true });
  const y = Array.from({ length: 20 }, (_, t) => 5 + 2 * t + (t % 2));
  ar.fit(y);
  const f = ar.predict(y, 2);
  assert.equal(f.length, 2);
  // differences alternate 3, 1: AR(1) on them gives d = 4 - d_prev exactly
  assertClose(f, [y[19] + (4 - (y[19] - y[18])), y[19] + 4], { atol: 1e-6 });
});

test('solveLeastSquares solves an exact system', () => {
  assertClose(
    solveLeastSquares(
      [
        [1, 0],
        [1, 1],
        [1, 2],
      ],
      [1, 3, 5],
    ),
    [1, 2],
    { atol: 1e-9 },
  );
  assert.throws(
    () =>
      solveLeastSquares(
        [
          [1, 1],
          [1, 1],
        ],
        [1, 2],
      ),
    /singular/,
  );
});
