import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conformalHalfWidth, conformalWidths, coverage } from '../../src/forecast/conformal.js';
import { Rng } from '../../src/rng.js';

test('conformalHalfWidth is the ceil((n+1)·level)-th smallest |residual|', () => {
  // |r| sorted: 1 2 3 4; level 0.5 -> k = ceil(2.5) = 3 -> 3
  assert.equal(conformalHalfWidth([1, -2, 3, -4], 0.5), 3);
  // level 0.8 with 9 residuals -> k = 8
  assert.equal(conformalHalfWidth([9, 8, 7, 6, 5, 4, 3, 2, 1], 0.8), 8);
  // too few residuals for the level: the largest is used
  assert.equal(conformalHalfWidth([1, 2], 0.95), 2);
  assert.throws(() => conformalHalfWidth([], 0.8), /no finite residuals/);
  assert.throws(() => conformalHalfWidth([1], 1), /level/);
});

test('conformalWidths gives one width per horizon and level', () => {
  assert.deepEqual(
    conformalWidths(
      [
        [1, -1, 2],
        [2, -3, 4],
      ],
      [0.8],
    ),
    { levels: [0.8], widths: [[2, 4]] },
  );
});

test('conformal intervals cover about the nominal share of new exchangeable errors', () => {
  const rng = new Rng(3);
  const calib = Array.from({ length: 400 }, () => rng.normal());
  const fresh = Array.from({ length: 4000 }, () => rng.normal());
  for (const level of [0.8, 0.95]) {
    const w = conformalHalfWidth(calib, level);
    const c = coverage(
      fresh,
      fresh.map(() => -w),
      fresh.map(() => w),
    );
    assert.ok(Math.abs(c - level) < 0.03, `coverage ${c} at level ${level}`);
  }
});

test('coverage counts values inside [lower, upper]', () => {
  assert.equal(coverage([1, 2, 3], [0, 0, 0], [2, 2, 2]), 2 / 3);
  assert.throws(() => coverage([1], [0, 0], [1]), /equal/);
});
