import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataError } from '../../src/errors.js';
import { mae, mape, mase, rmse, scores, skill, smape } from '../../src/forecast/metrics.js';
import { assertClose } from '../helpers/close.js';

// Hand-computed: actual [100, 200, 300], predicted [110, 180, 300].
// errors 10, 20, 0 -> MAE 10, RMSE sqrt(500/3), MAPE (10% + 10% + 0%)/3, sMAPE (20/210 + 40/380 + 0)/3.
const a = [100, 200, 300],
  p = [110, 180, 300];

test('mae, rmse, mape, smape match hand-computed values', () => {
  assertClose(mae(a, p), 10, { atol: 1e-12 });
  assertClose(rmse(a, p), Math.sqrt(500 / 3), { atol: 1e-12 });
  assertClose(mape(a, p), 20 / 3, { atol: 1e-12 });
  assertClose(smape(a, p), (100 * (20 / 210 + 40 / 380)) / 3, { atol: 1e-12 });
});

test('mase scales by the in-sample (seasonal) naive MAE of the training series', () => {
  // naive MAE of [1, 2, 3, 4] is 1; forecast errors 0 and 2 -> MAE 1 -> MASE 1.
  assertClose(mase([5, 6], [5, 8], [1, 2, 3, 4]), 1, { atol: 1e-12 });
  // season 2 on [1, 5, 2, 7]: |2-1| + |7-5| = 3 over 2 -> 1.5; MAE 3 -> MASE 2.
  assertClose(mase([0], [3], [1, 5, 2, 7], 2), 2, { atol: 1e-12 });
});

test('mape skips zero actual values; smape counts 0/0 as 0', () => {
  assertClose(mape([0, 100], [5, 90]), 10, { atol: 1e-12 });
  assert.ok(Number.isNaN(mape([0, 0], [1, 1])));
  assertClose(smape([0, 100], [0, 100]), 0, { atol: 1e-12 });
});

test('scores() bundles the five metrics and skill() compares RMSEs', () => {
  const s = scores([5, 6], [5, 8], [1, 2, 3, 4]);
  assertClose([s.mae, s.rmse, s.mase], [1, Math.sqrt(2), 1], { atol: 1e-12 });
  assertClose(skill(80, 100), 0.2, { atol: 1e-12 });
});

test('metrics reject length mismatches and empty input', () => {
  assert.throws(() => mae([1, 2], [1]), DataError);
  assert.throws(() => rmse([], []), /at least one/);
  assert.throws(() => mase([1], [1], [1]), /more than season/);
});
