// The report's own numbers (src/forecast/report-data.ts): coverage counts, residual autocorrelations
// and their band, the decomposition (airline's seasonal figure equals R's decompose), the additive or
// multiplicative choice, and the history shown before the fan.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  coverageCounts,
  decompositionType,
  fanStart,
  forecastNumbers,
  residualAcf,
  seriesComponents,
} from '../../src/forecast/report-data.js';
import { readCsvFile } from '../../src/node/csv-file.js';
import { Rng } from '../../src/rng.js';
import { assertClose } from '../helpers/close.js';
import { syntheticResult } from '../helpers/forecast-result.js';

const airline = readCsvFile('datasets/airline-passengers.csv', { dateColumns: ['Month'] }).numeric.Passengers;

test('coverageCounts gives every level its share and count of the origins × horizon test values', () => {
  const r = syntheticResult(airline, { horizon: 3, test: 24, calibration: 24, seasons: [12] });
  const counts = coverageCounts(r);
  assert.deepEqual(
    counts.map((c) => [c.level, c.total]),
    [
      [0.8, 66],
      [0.95, 66],
    ],
  );
  for (const [i, c] of counts.entries()) {
    assert.equal(c.covered, r.intervals!.coverage[i]);
    assert.equal(c.inside / c.total, c.covered, 'the count is the share');
  }
  assert.deepEqual(coverageCounts({ ...r, intervals: null }), []);
});

test('residualAcf @example, its lag count and band, and null for too few residuals', () => {
  const alt = residualAcf([1, -1, 1, -1, 1, -1, 1, -1, 1, -1])!;
  assert.deepEqual(alt.outside, [1, 2, 3]);
  assertClose(alt.acf, [1, -0.9, 0.8, -0.7, 0.6, -0.5], { atol: 1e-12 });
  assertClose(alt.band, 1.96 / Math.sqrt(10), { rtol: 1e-12 });
  const rng = new Rng(3);
  const noise = Array.from({ length: 200 }, () => rng.normal());
  // K = min(100, max(ceil(10 log10 200) = 24, 12 + 1)); NaNs are left out
  assert.equal(residualAcf([...noise, Number.NaN], 12)!.acf.length, 25);
  assert.equal(residualAcf(noise, 48)!.acf.length, 50);
  assert.equal(residualAcf([1, 2, 3, 4, 5, 6, 7]), null);
});

test("seriesComponents: airline passengers' multiplicative figure equals R's decompose(AirPassengers, 'multiplicative')", () => {
  const c = seriesComponents(airline, [12])!;
  assert.equal(c.type, 'multiplicative');
  assert.equal(c.season, 12);
  // R 4.x: round(decompose(AirPassengers, type = "multiplicative")$figure, 7)
  assertClose(
    c.figure,
    [
      0.9102304, 0.8836253, 1.0073663, 0.975906, 0.981378, 1.1127758, 1.2265555, 1.219911, 1.0604919, 0.9217572,
      0.8011781, 0.8988244,
    ],
    { atol: 6e-8 },
  );
  for (let t = 6; t < airline.length - 6; t++)
    assertClose(c.trend[t] * c.seasonal[t] * c.remainder[t], airline[t], { rtol: 1e-12 }, `t=${t}`);
  assert.ok(Number.isNaN(c.trend[5]) && Number.isNaN(c.remainder[airline.length - 1]));
});

test('seriesComponents takes the longest season that fits twice, additive when the swing does not grow', () => {
  const rng = new Rng(1);
  const hourly = Array.from(
    { length: 24 * 7 * 6 },
    (_, t) =>
      50 + t / 100 + 5 * Math.sin((2 * Math.PI * t) / 24) + 2 * Math.sin((2 * Math.PI * t) / 168) + rng.normal(),
  );
  const c = seriesComponents(hourly, [24, 168, 8766])!;
  assert.equal(c.season, 168);
  assert.equal(c.type, 'additive');
  for (let t = 84; t < hourly.length - 84; t++)
    assertClose(c.trend[t] + c.seasonal[t] + c.remainder[t], hourly[t], { rtol: 1e-12 });
  assert.equal(seriesComponents(hourly, []), null);
  assert.equal(seriesComponents(hourly.slice(0, 40), [24]), null);
});

test('decompositionType: multiplicative only for positive series whose seasonal swing grows with the level', () => {
  const grows = Array.from({ length: 96 }, (_, t) => (10 + t) * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 12)));
  assert.equal(decompositionType(grows, 12), 'multiplicative');
  const steady = grows.map((_, t) => 10 + t + 3 * Math.sin((2 * Math.PI * t) / 12));
  assert.equal(decompositionType(steady, 12), 'additive');
  assert.equal(decompositionType([...grows.slice(0, 95), 0], 12), 'additive', 'a zero rules out the ratio');
  assert.equal(decompositionType(grows.slice(0, 36), 12), 'additive', 'fewer than 4 full seasons');
});

test('fanStart @examples and forecastNumbers keeps only plain numbers', () => {
  assert.equal(fanStart(144, 12), 0);
  assert.equal(fanStart(500_000, 24), 499_712);
  assert.equal(fanStart(3650, 7), 3530);
  const r = syntheticResult(airline, { horizon: 3, test: 24, calibration: 24, seasons: [12] });
  const withModels = { ...r, evaluationModel: {}, finalModel: {}, calibrationModel: null } as never;
  const plain = forecastNumbers(withModels);
  assert.deepEqual(Object.keys(plain).sort(), Object.keys(r).sort());
  assert.deepEqual(structuredClone(plain), r);
});
