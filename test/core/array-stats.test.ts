// minOf / maxOf agree with Math.min / Math.max on small arrays (NaN and empty included) and work on
// lengths where spreading into Math.max overflows the call stack; statistics over a long walk-forward
// (300,000 origins) no longer do.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maxOf, minOf } from '../../src/array-stats.js';
import { scoreWalkForward } from '../../src/forecast/walk-forward.js';

test('minOf and maxOf match Math.min and Math.max, including NaN and empty arrays', () => {
  for (const a of [[3, 1, 2], [-0.5], [], [1, Number.NaN, 3], [Number.POSITIVE_INFINITY, -2]]) {
    assert.equal(minOf(a), Math.min(...a), JSON.stringify(a));
    assert.equal(maxOf(a), Math.max(...a), JSON.stringify(a));
  }
});

test('minOf and maxOf take a million values, where the spread overflows the stack', () => {
  const big = Float64Array.from({ length: 1_000_000 }, (_, i) => Math.sin(i) * i);
  assert.throws(() => Math.max(...big), RangeError);
  assert.equal(
    maxOf(big),
    big.reduce((m, v) => (v > m ? v : m), Number.NEGATIVE_INFINITY),
  );
  assert.equal(
    minOf(big),
    big.reduce((m, v) => (v < m ? v : m), Number.POSITIVE_INFINITY),
  );
});

test('scoreWalkForward scores 300,000 origins (their values were spread into push)', () => {
  const n = 300_100;
  const series = Float64Array.from({ length: n }, (_, i) => 10 + Math.sin(i / 7));
  const origins = Array.from({ length: 300_000 }, (_, i) => 100 + i);
  const predictions = origins.map((o) => [series[o] + 0.5]);
  const s = scoreWalkForward(series, origins, predictions, 100);
  assert.ok(Math.abs(s.overall.mae - 0.5) < 1e-9, String(s.overall.mae));
});
