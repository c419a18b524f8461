// Axes on d3-scale: round linear ticks, calendar-aligned UTC time ticks, powers of ten on log axes,
// and extents that work for arrays far larger than the argument-spreading limit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finiteExtent, fitXAxis, makeAxis, niceTicks } from '../../src/charts/scales.js';

test('niceTicks gives round steps covering the range', () => {
  assert.deepEqual(niceTicks(0, 100, 5), [0, 20, 40, 60, 80, 100]);
  assert.deepEqual(niceTicks(0.1, 0.35, 5), [0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
});

test('time axes put ticks on calendar boundaries (January 1st of years for 12 years of months)', () => {
  const axis = makeAxis('time', [Date.UTC(1949, 0, 1), Date.UTC(1960, 11, 1)], { range: [0, 700], count: 6 });
  assert.ok(axis.ticks.length >= 4);
  for (const t of axis.ticks) {
    const d = new Date(t.value);
    assert.equal(t.value, Date.UTC(d.getUTCFullYear(), 0, 1), `${d.toISOString()} is a year start`);
    assert.equal(t.label, String(d.getUTCFullYear()));
  }
  // Eleven weeks: ticks on Sundays (UTC weeks), at midnight, labelled month and day.
  const days = makeAxis('time', [Date.UTC(2024, 0, 3), Date.UTC(2024, 2, 20)], { range: [0, 700], count: 6 });
  for (const t of days.ticks) {
    const d = new Date(t.value);
    assert.equal(d.getUTCDay() * 24 + d.getUTCHours(), 0, `${d.toISOString()} starts a week`);
  }
  assert.equal(days.ticks[0].label, 'Jan 07');
});

test('log axes label powers of ten', () => {
  const axis = makeAxis('log', [0.0031, 0.62], { range: [200, 0], count: 4, nice: true });
  assert.deepEqual(axis.domain, [0.001, 1]);
  assert.deepEqual(
    axis.ticks.map((t) => t.value),
    [0.001, 0.01, 0.1, 1],
  );
  assert.deepEqual(
    axis.ticks.map((t) => t.label),
    ['0.001', '0.01', '0.1', '1'],
  );
});

test('fitXAxis drops ticks until the labels have room', () => {
  const wide = fitXAxis('linear', [0, 1_000_000], [0, 800]);
  const narrow = fitXAxis('linear', [0, 1_000_000], [0, 200]);
  assert.ok(narrow.ticks.length < wide.ticks.length);
  const gap = 200 / narrow.ticks.length;
  assert.ok(gap >= narrow.ticks[0].label.length * 6.6, `${narrow.ticks.length} labels in 200 px`);
});

test('finiteExtent skips NaN and, for log axes, non-positive values; works on 2,000,000 values', () => {
  assert.deepEqual(finiteExtent([[3, Number.NaN, 1], [7]]), [1, 7]);
  assert.deepEqual(finiteExtent([[-1, 0, 0.5, 4]], true), [0.5, 4]);
  assert.equal(finiteExtent([[Number.NaN]]), null);
  const big = new Float64Array(2_000_000).map((_, i) => Math.sin(i));
  big[1_234_567] = 9;
  big[7] = -2;
  assert.deepEqual(finiteExtent([big]), [-2, 9]);
});
