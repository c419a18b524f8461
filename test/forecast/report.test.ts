import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timeAxis } from '../../src/forecast/time-axis.js';
import { comparisonTable, meanStd } from '../../src/forecast/summary.js';

test("timeAxis steps calendar months for monthly data and labels at the frequency, in the dates' own form", () => {
  const m = timeAxis([Date.UTC(1960, 10, 1), Date.UTC(1960, 11, 1)]);
  assert.equal(m.label(m.time(2)), '1961-01');
  assert.equal(m.label(m.time(4)), '1961-03');
  const h = timeAxis([0, 3600000]);
  assert.equal(h.label(h.time(2)), '1970-01-01 02:00');
  // shampoo's year index: month 12 of year 3 is followed by month 1 of year 4, written '4-01' (never 1904)
  const y = new Date(0);
  y.setUTCFullYear(3, 10, 1);
  const a = y.getTime();
  y.setUTCFullYear(3, 11, 1);
  const s = timeAxis([a, y.getTime()], 'Y-MM');
  assert.equal(s.label(s.time(2)), '4-01');
});

test('meanStd and comparisonTable', () => {
  assert.deepEqual(meanStd([1, 2, 3]), { mean: 2, std: 1 });
  const t = comparisonTable([{ task: 'a', metric: 'RMSE', published: '1', ours: '0.9', target: '<= 1', met: true }]);
  assert.equal(t.split('\n').length, 3);
  assert.ok(t.endsWith('yes'));
});
