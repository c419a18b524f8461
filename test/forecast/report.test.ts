import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTime, futureTime } from '../../src/forecast/report.js';
import { lineChart, niceTicks } from '../../src/forecast/svg.js';
import { comparisonTable, meanStd } from '../../src/forecast/summary.js';

test('niceTicks gives round steps covering the range', () => {
  assert.deepEqual(niceTicks(0, 100, 5), [0, 20, 40, 60, 80, 100]);
  assert.deepEqual(niceTicks(0.1, 0.35, 5), [0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
});

test('lineChart renders a standalone SVG with one polyline per line series and escaped labels', () => {
  const svg = lineChart(
    [
      { label: 'a<b', x: [0, 1, 2], y: [1, 3, 2], color: '#000' },
      { label: 'band', x: [0, 1, 2], y: [0, 2, 1], y2: [2, 4, 3], color: '#888', kind: 'band' },
    ],
    { title: 'demo' },
  );
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  assert.equal((svg.match(/<polyline/g) ?? []).length, 1);
  assert.equal((svg.match(/<polygon/g) ?? []).length, 1);
  assert.ok(svg.includes('a&lt;b'));
  assert.ok(!svg.includes('NaN'));
});

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
