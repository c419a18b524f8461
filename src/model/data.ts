// Converting and checking what users pass to fit/evaluate/predict, and gathering batches.

import { getBackend } from '../backend/backend.js';
import { DataError, ShapeError } from '../errors.js';
import { FLOAT32_MAX, fitsFloat32 } from '../data/number-cell.js';
import {
  assertFinite,
  type FloatArray,
  indexString,
  type Shape,
  shapeString,
  sizeOf,
  Tensor,
  type TensorLike,
  tensor,
} from '../tensor.js';

/** Normalizes x (or y) for a model with `count` inputs (outputs) into a list of tensors. */
export function toTensorList(x: TensorLike | TensorLike[], count: number, name: string, where: string): Tensor[] {
  let list: TensorLike[];
  if (count === 1) list = [x as TensorLike];
  else {
    if (!Array.isArray(x) || x.length !== count) {
      throw new ShapeError(
        `the model has ${count} ${name === 'x' ? 'inputs' : 'outputs'}; pass ${name} as an array of ${count} tensors`,
        where,
      );
    }
    list = x as TensorLike[];
  }
  return list.map((t, i) => {
    const out = tensor(t);
    const label = count === 1 ? name : `${name}[${i}]`;
    if (out.rank === 0) throw new ShapeError(`${label} must have a samples axis, got a scalar`, where);
    assertFinite(out, label, where);
    assertFitsBackend(out, label, where);
    return out;
  });
}

/** Checks that every tensor has the same number of samples (first axis). */
export function checkSampleCounts(xs: Tensor[], ys: Tensor[], where: string): number {
  const n = xs[0].shape[0];
  for (const [t, label] of [
    ...xs.map((t, i) => [t, `x${xs.length > 1 ? `[${i}]` : ''}`] as const),
    ...ys.map((t, i) => [t, `y${ys.length > 1 ? `[${i}]` : ''}`] as const),
  ]) {
    if (t.shape[0] !== n) {
      throw new ShapeError(
        `x and y must have the same number of samples: x has ${n}, ${label} has ${t.shape[0]} (shape ${shapeString(t.shape)})`,
        where,
      );
    }
  }
  if (n === 0) throw new DataError('no samples: x and y are empty', where);
  return n;
}

/** Checks per-sample shapes against the model's input shapes (timesteps of 3-D inputs may vary). */
export function checkInputShapes(xs: Tensor[], expected: Shape[], where: string): void {
  xs.forEach((x, i) => {
    const want = expected[i];
    const got = x.shape.slice(1);
    const label = xs.length > 1 ? `x[${i}]` : 'x';
    if (want.length === 2 && got.length !== 2) {
      const hint =
        got.length === 1 ? ` Reshape it: x.reshape([${x.shape[0]}, ${got[0]}, 1]) for one feature per step.` : '';
      throw new ShapeError(
        `${label} must be 3-D [samples, timesteps, features] = [n, ${shapeString(want).slice(1)} for a recurrent input, got ${shapeString(x.shape)}.${hint}`,
        where,
      );
    }
    if (got.length !== want.length) {
      throw new ShapeError(
        `${label} must have per-sample shape ${shapeString(want)} (inputShape), got ${shapeString(x.shape)} with per-sample shape ${shapeString(got)}`,
        where,
      );
    }
    const lastGot = got[got.length - 1],
      lastWant = want[want.length - 1];
    if (lastGot !== lastWant && !Number.isNaN(lastWant)) {
      throw new ShapeError(
        `${label} has ${lastGot} features but the model's inputShape ${shapeString(want)} expects ${lastWant}; got shape ${shapeString(x.shape)}`,
        where,
      );
    }
    for (let d = 0; d < want.length - 1; d++) {
      if (got[d] !== want[d] && !Number.isNaN(want[d]) && !(want.length === 2 && d === 0)) {
        throw new ShapeError(
          `${label} has per-sample shape ${shapeString(got)} but the model expects ${shapeString(want)}`,
          where,
        );
      }
    }
  });
}

/** A reusable batch of rows gathered from a source tensor (in the backend's array type). */
export class BatchGatherer {
  private buffers = new Map<number, Tensor>();
  constructor(private readonly src: Tensor) {}
  get rowSize(): number {
    return sizeOf(this.src.shape.slice(1));
  }
  gather(index: ArrayLike<number>, start: number, count: number): Tensor {
    let t = this.buffers.get(count);
    if (!t) {
      t = new Tensor(getBackend().alloc(count * this.rowSize), [count, ...this.src.shape.slice(1)]);
      this.buffers.set(count, t);
    }
    const r = this.rowSize,
      s = this.src.data,
      d = t.data;
    for (let i = 0; i < count; i++) {
      const from = index[start + i] * r;
      d.set(s.subarray(from, from + r), i * r);
    }
    return t;
  }
}

/** Row slice [start, start+count) of a tensor as a view. */
export function rowsOf(t: Tensor, start: number, count: number): Tensor {
  const r = sizeOf(t.shape.slice(1));
  return new Tensor(t.data.subarray(start * r, (start + count) * r), [count, ...t.shape.slice(1)]);
}

/** Concatenates tensors along the first axis. */
export function concatRows(parts: Tensor[]): Tensor {
  const n = parts.reduce((s, p) => s + p.shape[0], 0);
  const out = new Float32Array(parts.reduce((s, p) => s + p.size, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p.data, off);
    off += p.size;
  }
  return new Tensor(out, [n, ...parts[0].shape.slice(1)]);
}

export function toFloatArray(x: TensorLike, where: string): FloatArray {
  const t = tensor(x);
  assertFinite(t, 'sampleWeight', where);
  assertFitsBackend(t, 'sampleWeight', where);
  return t.data;
}

/**
 * Float64 data for a float32 backend must stay finite when copied to float32 (1e39 would become
 * Infinity in the first batch and train the model to NaN).
 */
function assertFitsBackend(t: Tensor, label: string, where: string): void {
  if (!(t.data instanceof Float64Array) || getBackend().dtype !== 'float32') return;
  const d = t.data;
  for (let i = 0; i < d.length; i++) {
    if (!fitsFloat32(d[i]))
      throw new DataError(
        `${label}${indexString(i, t.shape)} is ${d[i]}, beyond the float32 range (±${FLOAT32_MAX.toExponential(2)}) that the model computes in; rescale the data (a scaler, or a log transform)`,
        where,
      );
  }
}
