import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeCategories } from '../../src/forecast/encode.js';
import { applyMissingPolicy } from '../../src/forecast/missing.js';

test('applyMissingPolicy: interpolate, ffill (leading gap back-filled), zero, drop, error', () => {
  assert.deepEqual(applyMissingPolicy([1, Number.NaN, 3], undefined, 'interpolate').target, [1, 2, 3]);
  const f = applyMissingPolicy([Number.NaN, 1, Number.NaN, 3], [[1], [Number.NaN], [2], [3]], 'ffill');
  assert.deepEqual(f.target, [1, 1, 1, 3]);
  assert.deepEqual(f.covariates, [[1], [1], [2], [3]]);
  assert.deepEqual(applyMissingPolicy([1, Number.NaN], undefined, 'zero').target, [1, 0]);
  assert.deepEqual(applyMissingPolicy([Number.NaN, 1, Number.NaN, 3], undefined, 'drop'), {
    target: [1, 3],
    kept: [1, 3],
  });
  assert.throws(() => applyMissingPolicy([1, Number.NaN], undefined, 'error', 'sales'), /row 2 of 'sales'/);
});

test('encodeCategories: one-hot columns in sorted order, labels, NaN for missing', () => {
  assert.deepEqual(encodeCategories(['b', 'a', 'b'], 'dir', 'onehot'), {
    names: ['dir=a', 'dir=b'],
    rows: [
      [0, 1],
      [1, 0],
      [0, 1],
    ],
  });
  const l = encodeCategories(['NW', null, 'cv', 'NE'], 'w', 'label');
  assert.deepEqual(
    l.rows.map((r) => r[0]),
    [1, Number.NaN, 2, 0],
  );
});
