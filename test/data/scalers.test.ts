// Scalers: sklearn semantics, per-feature, JSON state, exact round trips, errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkScaler,
  fitMaxAbs,
  fitMinMax,
  fitRobust,
  fitScaler,
  fitStandard,
  type ScalerKind,
  scalerInverseTransform,
  scalerTransform,
} from '../../src/data/scalers.js';
import { ConfigError, ShapeError, StateError } from '../../src/errors.js';
import { Rng } from '../../src/rng.js';
import { assertClose } from '../helpers/close.js';

test('fitScaler @example: minMax to [-1, 1] per feature', () => {
  const s = fitScaler(
    [
      [1, 10],
      [3, 30],
    ],
    { kind: 'minMax', featureRange: [-1, 1] },
  );
  assert.deepEqual(scalerTransform(s, [[2, 30]]), [[0, 1]]);
});

test('fitMinMax / fitStandard / fitRobust / fitMaxAbs @examples', () => {
  assert.deepEqual(scalerTransform(fitMinMax([0, 5, 10]), [5]), [0.5]);
  assert.deepEqual(scalerTransform(fitStandard([1, 3]), [1, 3]), [-1, 1]);
  assert.deepEqual(scalerTransform(fitRobust([1, 2, 3, 4, 5]), [3, 5]), [0, 1]);
  assert.deepEqual(scalerTransform(fitMaxAbs([-4, 2]), [2]), [0.5]);
});

test('scalerTransform / scalerInverseTransform @examples (rows, one feature of many)', () => {
  assert.deepEqual(scalerTransform(fitMinMax([0, 10]), [[5], [10]]), [[0.5], [1]]);
  const s = fitMinMax([
    [0, 100],
    [10, 200],
  ]);
  assert.deepEqual(scalerInverseTransform(s, [0.5], { features: [1] }), [150]);
});

test('scalers match numpy statistics (golden, numpy 1.17)', () => {
  // import numpy as np; X = np.array([[1,-2],[2,0],[4,6],[9,3]], float)
  // X.mean(0), X.std(0) -> [4, 1.75], [3.082207, 3.03108891]   (sklearn StandardScaler uses these)
  // np.median(X, 0), np.percentile(X, 75, axis=0) - np.percentile(X, 25, axis=0) -> [3, 1.5], [3.5, 4.25]
  const X = [
    [1, -2],
    [2, 0],
    [4, 6],
    [9, 3],
  ];
  const st = fitStandard(X);
  assertClose(st.center, [4, 1.75], { atol: 1e-12 }, 'mean');
  assertClose(st.scale, [3.082207, 3.03108891], { atol: 1e-6 }, 'std');
  const rb = fitRobust(X);
  assertClose(rb.center, [3, 1.5], { atol: 1e-12 }, 'median');
  assertClose(rb.scale, [3.5, 4.25], { atol: 1e-12 }, 'iqr');
  assert.deepEqual(fitMaxAbs(X).scale, [9, 6]);
});

test('constant features get scale 1 (no division by zero)', () => {
  const s = fitMinMax([
    [5, 1],
    [5, 2],
  ]);
  assert.deepEqual(scalerTransform(s, [[5, 2]]), [[0, 1]]);
  assert.deepEqual(fitStandard([3, 3, 3]).scale, [1]);
});

test('round trip inverse(transform(x)) = x within 1e-9 for every kind on random data (seeded)', () => {
  const rng = new Rng(11);
  const kinds: ScalerKind[] = ['minMax', 'standard', 'robust', 'maxAbs'];
  for (let trial = 0; trial < 40; trial++) {
    const T = 2 + rng.int(30),
      F = 1 + rng.int(4);
    const mag = 10 ** rng.int(4);
    const train = Array.from({ length: T }, () => Array.from({ length: F }, () => rng.normal(0, mag)));
    const other = Array.from({ length: T }, () => Array.from({ length: F }, () => rng.normal(0, mag)));
    const kind = kinds[trial % 4];
    const s = fitScaler(train, { kind, featureRange: [-1, 1] });
    const restored = JSON.parse(JSON.stringify(s));
    const back = scalerInverseTransform(restored, scalerTransform(restored, other));
    assertClose(back.flat(), other.flat(), { atol: 1e-9 * mag, rtol: 1e-9 }, `${kind} round trip`);
  }
});

test('scalers do not mutate their input', () => {
  const data = [
    [1, 2],
    [3, 4],
  ];
  const s = fitStandard(data);
  scalerTransform(s, data);
  assert.deepEqual(data, [
    [1, 2],
    [3, 4],
  ]);
});

test('scaler errors: before fit, wrong feature count, bad options', () => {
  assert.throws(
    () => scalerTransform(undefined as never, [1]),
    (e: Error) => e instanceof StateError && /not fitted/.test(e.message),
  );
  assert.throws(
    () => checkScaler({}),
    (e: Error) => e instanceof StateError && /checkScaler\(\)/.test(e.message),
  );
  assert.equal(checkScaler(JSON.parse(JSON.stringify(fitMinMax([1, 2])))).kind, 'minMax');
  assert.throws(
    () =>
      scalerTransform(
        fitMinMax([
          [1, 2],
          [3, 4],
        ]),
        [[1, 2, 3]],
      ),
    (e: Error) => e instanceof ShapeError && /3 feature/.test(e.message),
  );
  assert.throws(() => fitMinMax([1, 2], { featureRange: [1, 0] }), ConfigError);
  assert.throws(
    () => fitScaler([1, 2], { kind: 'minmax' as ScalerKind }),
    (e: Error) => e instanceof ConfigError && /'minMax'/.test(e.message),
  );
});
