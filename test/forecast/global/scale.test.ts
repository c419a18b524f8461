import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DataError } from '../../../src/errors.js';
import { fitSeriesScale, fromModelSpace, toModelSpace } from '../../../src/forecast/global/scale.js';
import { fitEsSeasonality, seasonalIndices } from '../../../src/forecast/global/seasonality.js';
import { Rng } from '../../../src/rng.js';
import { assertClose } from '../../helpers/close.js';

function seasonalSeries(n: number, m: number, rng: Rng): number[] {
  return Array.from(
    { length: n },
    (_, t) => 100 * (1 + 0.3 * Math.sin((2 * Math.PI * t) / m)) * (1 + 0.05 * rng.normal()),
  );
}

test('seasonalIndices recovers the pattern of a periodic series (odd and even periods)', () => {
  assertClose(seasonalIndices([1, 3, 1, 3, 1, 3], 2), [-1, 1], { atol: 1e-12 });
  const pattern = [2, -1, -1];
  const z = Array.from({ length: 12 }, (_, t) => 5 + 0.1 * t + pattern[t % 3]);
  assertClose(seasonalIndices(z, 3), pattern, { atol: 1e-12 });
  assert.deepEqual(seasonalIndices([1, 2, 3], 2), [0, 0]); // fewer than two cycles: none
});

test('toModelSpace and fromModelSpace round-trip every scaling exactly (to 1e-12)', () => {
  const rng = new Rng(3);
  const v = seasonalSeries(120, 12, rng);
  for (const deseasonalize of ['none', 'classical', 'es'] as const)
    for (const log of [true, false]) {
      const s = fitSeriesScale(v.slice(0, 100), { log, season: 12, deseasonalize });
      const z = toModelSpace(v, s);
      assertClose(fromModelSpace(z, 0, s), v, { rtol: 1e-12 });
      assertClose(fromModelSpace(z.subarray(100), 100, s), v.slice(100), { rtol: 1e-12 });
    }
});

test('fitSeriesScale: steps after the fitted part take the next cycle of the seasonal component', () => {
  const v = Array.from({ length: 48 }, (_, t) => Math.exp([0.5, -0.5, 0, 0][t % 4]));
  const s = fitSeriesScale(v.slice(0, 46), { log: true, season: 4, deseasonalize: 'classical' });
  // a pure pattern deseasonalizes to a constant, on and after the fitted part
  const z = toModelSpace(v, s);
  assertClose(z, new Array(48).fill(0), { atol: 1e-12 });
  assert.throws(() => fitSeriesScale([1, 0, 2], { log: true, season: 1, deseasonalize: 'none' }), DataError);
});

test('fitEsSeasonality with a fixed pattern keeps the classical indices and forecasts the next cycle', () => {
  const z = Array.from({ length: 60 }, (_, t) => 3 + [1, -1, 0.5, -0.5][t % 4]);
  const es = fitEsSeasonality(z, 4);
  assertClose(es.next, [1, -1, 0.5, -0.5], { atol: 1e-9 });
  assertClose(Array.from(es.seasonal.subarray(56)), [1, -1, 0.5, -0.5], { atol: 1e-9 });
});
