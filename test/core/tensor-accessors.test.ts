// Typed accessors on Tensor: to1d/to2d/to3d/item return plain numbers with the declared nesting and
// refuse tensors of another rank (or size, for item) with a ShapeError naming the shape.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ShapeError, tensor } from '../../src/index.js';

test('to1d(), to2d() and to3d() give the same values as toArray() with the nesting their names say', () => {
  assert.deepEqual(tensor([1, 2, 3]).to1d(), [1, 2, 3]);
  const m = tensor([
    [1, 2],
    [3, 4.5],
  ]);
  const rows: number[][] = m.to2d();
  assert.equal(rows[1][1], 4.5);
  assert.deepEqual(rows, m.toArray());
  const seq = tensor(Float32Array.from([1, 2, 3, 4, 5, 6]), [1, 3, 2]);
  assert.deepEqual(seq.to3d(), [
    [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
  ]);
  assert.equal(tensor([[100.5]]).item(), 100.5);
  assert.equal(tensor(7).item(), 7);
});

test('typed accessors name the shape when the rank (or size) does not match', () => {
  assert.throws(
    () => tensor([[1, 2]]).to1d(),
    (e: unknown) =>
      e instanceof ShapeError && /to1d\(\) needs a rank-1 tensor, got shape \[1, 2\].*to2d\(\)/.test(e.message),
  );
  assert.throws(() => tensor([1, 2]).to3d(), /rank-3 tensor, got shape \[2\] \(rank 1\)/);
  assert.throws(() => tensor(3).to2d(), /use item\(\)/);
  assert.throws(() => tensor([1, 2]).item(), /exactly one value, got shape \[2\] \(2 values\)/);
});
