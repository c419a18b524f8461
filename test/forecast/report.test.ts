import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTime, futureTime } from '../../src/forecast/report.js';
import { comparisonTable, meanStd } from '../../src/forecast/summary.js';

test('futureTime steps calendar months for monthly data', () => {
  const d = [Date.UTC(1960, 10, 1), Date.UTC(1960, 11, 1)];
  assert.equal(formatTime(futureTime(d, 0), 31 * 86400000), '1961-01');
  assert.equal(formatTime(futureTime(d, 2), 31 * 86400000), '1961-03');
  assert.equal(formatTime(futureTime([0, 3600000], 0), 3600000), '1970-01-01 02:00');
});

test('meanStd and comparisonTable', () => {
  assert.deepEqual(meanStd([1, 2, 3]), { mean: 2, std: 1 });
  const t = comparisonTable([{ task: 'a', metric: 'RMSE', published: '1', ours: '0.9', target: '<= 1', met: true }]);
  assert.equal(t.split('\n').length, 3);
  assert.ok(t.endsWith('yes'));
});
