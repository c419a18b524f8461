// m4Scores: sMAPE, MASE and OWA as the M4 organisers' R code computes them, on hand-made cases.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataError } from '../../../src/errors.js';
import { M4_FREQUENCIES, m4Scores } from '../../../src/forecast/m4.js';
import { assertClose } from '../../helpers/close.js';

test('m4Scores averages per-series sMAPE and MASE and divides by Naive2 for OWA', () => {
  const train = [
    [1, 2, 3, 4],
    [10, 10, 12, 12],
  ];
  const test = [
    [5, 6],
    [12, 14],
  ];
  // Naive2 with season 1 is the last value: series 1 → [4, 4], series 2 → [12, 12]
  const s = m4Scores({
    train,
    test,
    forecasts: {
      last: [
        [4, 4],
        [12, 12],
      ],
      good: [
        [5, 7],
        [12, 13],
      ],
    },
    season: 1,
  });
  const smape1 = (200 * (1 / 9 + 2 / 10)) / 2,
    smape2 = (200 * (0 + 2 / 26)) / 2;
  const mase1 = 1.5 / 1,
    mase2 = 1 / (2 / 3);
  assertClose([s.last.smape, s.last.mase, s.last.owa], [(smape1 + smape2) / 2, (mase1 + mase2) / 2, 1], {
    rtol: 1e-12,
  });
  const gSmape = ((200 * (0 + 1 / 13)) / 2 + (200 * (0 + 1 / 27)) / 2) / 2;
  const gMase = (0.5 / 1 + 0.5 / (2 / 3)) / 2;
  assertClose(s.good.smape, gSmape, { rtol: 1e-12 });
  assertClose(s.good.owa, 0.5 * (gSmape / s.last.smape + gMase / s.last.mase), { rtol: 1e-12 });
  const ex = m4Scores({ train: [[1, 2, 3, 4]], test: [[5, 6]], forecasts: { last: [[4, 4]] }, season: 1 });
  assert.equal(ex.last.owa, 1);
});

test('m4Scores rejects mismatched inputs, and M4_FREQUENCIES holds the M4 horizons and seasons', () => {
  assert.throws(() => m4Scores({ train: [[1, 2, 3]], test: [], forecasts: {}, season: 1 }), DataError);
  assert.throws(
    () => m4Scores({ train: [[1, 2, 3]], test: [[4]], forecasts: { x: [] }, season: 1 }),
    /'x' has 0 forecasts/,
  );
  assert.deepEqual(M4_FREQUENCIES.Hourly, { horizon: 48, season: 24 });
  assert.deepEqual(M4_FREQUENCIES.Weekly, { horizon: 13, season: 1 });
});
