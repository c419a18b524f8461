import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastWindows, sampleWindows, windowAt } from '../../../src/forecast/global/windows.js';
import { Rng } from '../../../src/rng.js';
import { assertClose } from '../../helpers/close.js';

test('windowAt subtracts the mean of the last levelWindow values and pads before the start', () => {
  const x = new Float32Array(4);
  const level = windowAt(x, 0, [1, 2, 4, 6], 4, { lookback: 4, horizon: 1, levelWindow: 2 });
  assert.equal(level, 5);
  assertClose(Array.from(x), [-4, -3, -1, 1], { atol: 0 });
  const y = new Float32Array(4);
  windowAt(y, 0, [1, 2, 4, 6], 2, { lookback: 4, horizon: 1, levelWindow: 1 }); // padded with z[0]
  assertClose(Array.from(y), [-1, -1, -1, 0], { atol: 0 });
});

test('sampleWindows never reads a held-out value, as input or as target', () => {
  // held-out steps are NaN: any window touching them would carry a NaN
  const series = [40, 55, 73].map((n) => Float64Array.from({ length: n }, (_, t) => (t >= n - 6 ? Number.NaN : t % 7)));
  const w = sampleWindows(
    series,
    { lookback: 12, horizon: 6, levelWindow: 3 },
    { perSeries: 200, holdout: 6, minInput: 3 },
    new Rng(1),
  );
  assert.equal(w.count, 600);
  assert.ok(w.x.every(Number.isFinite) && w.y.every(Number.isFinite));
  // and the last possible window is drawn: target ending right before the held-out part
  const clean = series.map((z) => z.map((v) => (Number.isNaN(v) ? 0 : v)));
  const last = lastWindows(
    clean.map((z) => z.subarray(0, z.length - 6)),
    { lookback: 12, horizon: 6, levelWindow: 3 },
  );
  const rows = (a: Float32Array, k: number) =>
    Array.from({ length: a.length / k }, (_, i) => a.slice(i * k, i * k + k).join());
  const drawn = new Set(rows(w.y, 6));
  assert.ok(rows(last.y, 6).every((r) => drawn.has(r)));
});

test("lastWindows predicts each series' last horizon from the values before it", () => {
  const w = lastWindows([Float64Array.from([1, 2, 3, 4, 5, 6])], { lookback: 3, horizon: 2, levelWindow: 1 });
  assertClose(Array.from(w.x), [-2, -1, 0], { atol: 0 });
  assertClose(Array.from(w.y), [1, 2], { atol: 0 });
});
