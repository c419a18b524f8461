import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitTargetTransform, invertForecast, transformSeries } from '../../src/forecast/transform.js';
import { assertClose } from '../helpers/close.js';

test('transformSeries scales the training differences to [-1, 1] and invertForecast undoes it', () => {
  const t = fitTargetTransform([1, 2, 4], { difference: true });
  assertClose(transformSeries(t, [1, 2, 4]).slice(1), [-1, 1], { atol: 1e-12 });
  assertClose(invertForecast(t, [4], [1, -1]), [6, 7], { atol: 1e-12 });
});

test('log + difference round-trips a positive series', () => {
  const y = [112, 118, 132, 129, 121, 135, 148, 148];
  const t = fitTargetTransform(y.slice(0, 5), { log: true, difference: true });
  const z = transformSeries(t, y);
  const back = z.slice(5).map((s, i) => invertForecast(t, [y[4 + i]], [s])[0]);
  assertClose(back, y.slice(5), { rtol: 1e-9 });
});

test('the transform is fitted on the training part only (test values do not move it)', () => {
  const a = fitTargetTransform([1, 3, 2, 5], {});
  const z = transformSeries(a, [1, 3, 2, 5, 100]);
  assertClose(z.slice(0, 4), [-1, 0, -0.5, 1], { atol: 1e-12 });
  assert.ok(z[4] > 1, 'a test value above the training range maps above 1');
});

test('log transform rejects non-positive values with the fix', () => {
  assert.throws(() => fitTargetTransform([1, 0, 2], { log: true }), /drop --log/);
});
