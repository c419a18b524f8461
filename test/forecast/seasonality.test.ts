// Seasonality: the M4 organisers' test (golden values from statsmodels' acf, which matches R's acf),
// calendar seasons confirmed on real series, seasons found without dates, and the O(n log n) path.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, DataError } from '../../src/errors.js';
import { m4Limit } from '../../src/forecast/season-test.js';
import { directAcf, rDefaultMaxLag, seasonalityTest } from '../../src/forecast/seasonality.js';
import { readCsvFile } from '../../src/node/csv-file.js';
import { Rng } from '../../src/rng.js';

const airline = () => readCsvFile('datasets/airline-passengers.csv', { columns: ['Passengers'] }).numeric.Passengers;
const shampoo = () => readCsvFile('datasets/shampoo.csv', { columns: ['Sales'] }).numeric.Sales;

test('seasonalityTest @example and the M4 limits', () => {
  assert.equal(seasonalityTest(Array.from({ length: 48 }, (_, t) => [5, 1, 2, 8][t % 4]), 4), true);
  assert.equal(m4Limit(new Float64Array([0, 0, 0]), 3, 100), 0.1645);
  assert.equal(rDefaultMaxLag(144), 21); // R: acf(AirPassengers) shows lags 1..21
  assert.equal(rDefaultMaxLag(5), 4);
});

test('seasonalityTest matches statsmodels acf(adjusted=False) on airline and shampoo (m = 12)', () => {
  // python: acf(y, nlags=12, fft=False, adjusted=False); limit = 1.645/sqrt(n)*sqrt(1+2*sum(a[1:12]**2))
  const a = airline();
  const acfA = directAcf(a, 12);
  assert.ok(Math.abs(acfA[11] - 0.7603950422625556) < 1e-14);
  assert.ok(Math.abs(m4Limit(acfA, 12, a.length) - 0.5026490157231068) < 1e-14);
  assert.equal(seasonalityTest(a, 12), true);
  const s = shampoo();
  const acfS = directAcf(s, 12);
  assert.ok(Math.abs(acfS[11] - -0.0030481217078611334) < 1e-14);
  assert.ok(Math.abs(m4Limit(acfS, 12, s.length) - 0.6305113995486307) < 1e-14);
  assert.equal(seasonalityTest(s, 12), false);
});

test('seasonalityTest is false where the R code is: m <= 1, n < 3m, m beyond acf() default lags, constant', () => {
  const periodic = Array.from({ length: 300 }, (_, t) => Math.sin((2 * Math.PI * t) / 24));
  assert.equal(seasonalityTest(periodic, 24), true); // floor(10·log10 300) = 24
  assert.equal(seasonalityTest(periodic.slice(0, 71), 24), false); // n < 3m
  assert.equal(seasonalityTest(periodic.slice(0, 250), 24), false); // R's lag.max = 23 < 24: NA -> FALSE
  assert.equal(seasonalityTest(periodic, 1), false);
  assert.equal(seasonalityTest(periodic, 0), false);
  assert.equal(seasonalityTest(new Array(100).fill(3), 4), false);
  const rng = new Rng(7);
  const noise = Array.from({ length: 400 }, () => rng.normal());
  assert.equal(seasonalityTest(noise, 12), false);
});

test('seasonalityTest rejects a fractional season and missing values', () => {
  assert.throws(() => seasonalityTest([1, 2, 3], 52.18), ConfigError);
  assert.throws(() => seasonalityTest([1, Number.NaN, 3, 4, 5, 6], 2), DataError);
});
