// Calibrated intervals: over many synthetic series, the empirical coverage on the test part of
// intervals calibrated on the calibration part (the procedure forecast() runs) is within ±5 points
// of the nominal level; forecast() itself on a handful of series stays near nominal too.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linearAutoregression } from '../../src/forecast/baselines.js';
import { forecast } from '../../src/forecast/forecast.js';
import { intervalReport, residualsBefore } from '../../src/forecast/intervals.js';
import { testOrigins, walkForwardForecasts } from '../../src/forecast/walk-forward.js';
import { Rng } from '../../src/rng.js';

/** AR(1) around a 12-step season, unit-variance noise. */
function synthetic(n: number, rng: Rng): number[] {
  const y: number[] = [];
  let e = 0;
  for (let t = 0; t < n; t++) {
    e = 0.6 * e + rng.normal();
    y.push(10 + 3 * Math.sin((2 * Math.PI * t) / 12) + e);
  }
  return y;
}

test('intervals calibrated on the calibration part cover 80% / 95% of test values within ±5 points (300 series)', () => {
  const rng = new Rng(2024);
  const n = 160,
    H = 6,
    test = 30,
    calibration = 30;
  const testStart = n - test,
    calibrationStart = testStart - calibration;
  let inside80 = 0,
    inside95 = 0,
    total = 0;
  for (let s = 0; s < 300; s++) {
    const y = synthetic(n, rng);
    const cal = linearAutoregression({ lags: 12 });
    cal.fit(y.slice(0, calibrationStart));
    const calOrigins = Array.from({ length: calibration }, (_, i) => calibrationStart + i);
    const calPred = walkForwardForecasts(y.slice(0, testStart), cal, calOrigins, H);
    const ev = linearAutoregression({ lags: 12 });
    ev.fit(y.slice(0, testStart));
    const origins = testOrigins(n, test, H);
    const pred = walkForwardForecasts(y, ev, origins, H);
    const r = intervalReport(y, { calibrationStart, testStart }, calOrigins, calPred, origins, pred, H, [0.8, 0.95]);
    const count = origins.length * H;
    inside80 += r.coverage[0] * count;
    inside95 += r.coverage[1] * count;
    total += count;
  }
  const c80 = inside80 / total,
    c95 = inside95 / total;
  assert.ok(Math.abs(c80 - 0.8) <= 0.05, `80% intervals covered ${(c80 * 100).toFixed(1)}%`);
  assert.ok(Math.abs(c95 - 0.95) <= 0.05, `95% intervals covered ${(c95 * 100).toFixed(1)}%`);
});

test("forecast(): the LSTM ensemble's calibrated intervals cover near nominal over 12 synthetic series", async () => {
  const rng = new Rng(7);
  let inside80 = 0,
    inside95 = 0,
    total = 0;
  for (let s = 0; s < 12; s++) {
    const y = synthetic(120, rng);
    const r = await forecast(y, {
      season: 12,
      horizon: 4,
      units: 8,
      epochs: 30,
      repeats: 1,
      mlp: false,
      seed: s,
      difference: false,
    });
    const count = r.origins.length * 4;
    inside80 += r.intervals!.coverage[0] * count;
    inside95 += r.intervals!.coverage[1] * count;
    total += count;
  }
  const c80 = inside80 / total,
    c95 = inside95 / total;
  assert.ok(Math.abs(c80 - 0.8) <= 0.1, `80% intervals covered ${(c80 * 100).toFixed(1)}%`);
  assert.ok(Math.abs(c95 - 0.95) <= 0.06, `95% intervals covered ${(c95 * 100).toFixed(1)}%`);
});

test('residualsBefore() keeps only the steps that land before the end', () => {
  assert.deepEqual(
    residualsBefore(
      [1, 2, 3, 4],
      [2, 3],
      [
        [2, 2],
        [2, 2],
      ],
      2,
      4,
    ),
    [[1, 2], [2]],
  );
});
