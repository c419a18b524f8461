import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../../src/errors.js';
import { combineForecasts, statForecasts } from '../../../src/forecast/global/combine.js';
import { resolveGlobalConfig } from '../../../src/forecast/global/config.js';
import { holt, ses } from '../../../src/forecast/stats/benchmarks.js';
import { assertClose } from '../../helpers/close.js';

test('statForecasts is the mean of the named M4 benchmarks, each fitted on the series', () => {
  const x = [3, 5, 4, 6, 5, 7, 6, 8, 7, 9];
  const a = ses().predict(x, 3),
    b = holt().predict(x, 3);
  assertClose(
    statForecasts([x], 3, 1, ['SES', 'Holt'])[0],
    a.map((v, h) => (v + b[h]) / 2),
    { atol: 1e-12 },
  );
});

test('combineForecasts weights the second set by `weight`', () => {
  assert.deepEqual(combineForecasts([[10, 20]], [[20, 40]], 0.25), [[12.5, 25]]);
  assert.deepEqual(combineForecasts([[10, 20]], [[20, 40]], 0), [[10, 20]]);
});

test('combineWith names are checked, and a weight needs models', () => {
  assert.throws(
    () => resolveGlobalConfig({ horizon: 4, combineWith: ['ARIMA' as never] }),
    /unknown combineWith model "ARIMA"/,
  );
  assert.throws(() => resolveGlobalConfig({ horizon: 4, combineWeight: 0.2 }), ConfigError);
  assert.deepEqual(resolveGlobalConfig({ horizon: 4, combineWith: ['Com'], combineWeight: 0.2 }).combineWith, ['Com']);
});
