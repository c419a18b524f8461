// Tensor: a shape and a flat row-major float array. No math lives here; kernels work on `.data`.

import { DataError, ShapeError } from './errors.js';

/** The float arrays kernels accept: float32 in normal use, float64 in gradient checks. */
export type FloatArray = Float32Array | Float64Array;
export type Shape = readonly number[];
/** Nested JavaScript arrays of numbers, e.g. [[1, 2], [3, 4]]. */
export type NestedArray = number | readonly NestedArray[];
/** What the API accepts wherever a tensor is expected. */
export type TensorLike = Tensor | NestedArray | FloatArray;

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Per-sample shapes hold NaN for a dimension whose size varies between batches (Keras' None, `null` in configs). */
export const VARIABLE_DIM = Number.NaN;

/** A config's shape (null = size varies) as a per-sample shape (NaN = size varies). */
export function fromConfigShape(shape: readonly (number | null)[]): number[] {
  return shape.map((d) => (d === null ? VARIABLE_DIM : d));
}

/** A per-sample shape as a config writes it (NaN = size varies -> null). */
export function toConfigShape(shape: readonly number[]): (number | null)[] {
  return shape.map((d) => (Number.isNaN(d) ? null : d));
}

export function shapeString(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null || Number.isNaN(d) ? 'null' : d)).join(', ')}]`;
}

/** A dense n-dimensional array of floats. */
export class Tensor {
  readonly shape: number[];
  constructor(
    readonly data: FloatArray,
    shape: Shape,
  ) {
    this.shape = [...shape];
    if (sizeOf(shape) !== data.length) {
      throw new ShapeError(
        `shape ${shapeString(shape)} holds ${sizeOf(shape)} values but the data has ${data.length}`,
        'Tensor',
      );
    }
  }
  get rank(): number {
    return this.shape.length;
  }
  get size(): number {
    return this.data.length;
  }
  /** Nested arrays of plain numbers (a number for a scalar). */
  toArray(): NestedArray {
    if (this.shape.length === 0) return this.data[0];
    const build = (dim: number, offset: number): NestedArray => {
      const n = this.shape[dim];
      const out: NestedArray[] = [];
      if (dim === this.shape.length - 1) {
        for (let i = 0; i < n; i++) out.push(this.data[offset + i]);
        return out;
      }
      const stride = sizeOf(this.shape.slice(dim + 1));
      for (let i = 0; i < n; i++) out.push(build(dim + 1, offset + i * stride));
      return out;
    };
    return build(0, 0);
  }
  /**
   * The values of a rank-1 tensor as a plain array (typed, unlike toArray()).
   * @example tensor([1, 2, 3]).to1d()[0]  //=> 1
   */
  to1d(): number[] {
    return this.nested(1, 'to1d') as number[];
  }
  /**
   * The values of a rank-2 tensor, e.g. predictions (samples, outputs), as rows of numbers.
   * @example model.predict(x).to2d()[0][0]  // the first output of the first sample
   */
  to2d(): number[][] {
    return this.nested(2, 'to2d') as number[][];
  }
  /**
   * The values of a rank-3 tensor, e.g. sequences (samples, steps, features), as nested arrays.
   * @example tensor([[[1], [2]]]).to3d()[0][1][0]  //=> 2
   */
  to3d(): number[][][] {
    return this.nested(3, 'to3d') as number[][][];
  }
  /**
   * The one value of a tensor that holds exactly one (any rank), e.g. a one-sample, one-output prediction.
   * @example tensor([[100.5]]).item()  //=> 100.5
   */
  item(): number {
    if (this.size !== 1)
      throw new ShapeError(
        `item() needs a tensor with exactly one value, got shape ${shapeString(this.shape)} (${this.size} values); use to1d(), to2d() or to3d()`,
        'Tensor.item',
      );
    return this.data[0];
  }
  private nested(rank: number, where: string): NestedArray {
    if (this.rank !== rank)
      throw new ShapeError(
        `${where}() needs a rank-${rank} tensor, got shape ${shapeString(this.shape)} (rank ${this.rank}); reshape it first or use ${this.rank === 0 ? 'item()' : this.rank <= 3 ? `to${this.rank}d()` : 'toArray()'}`,
        `Tensor.${where}`,
      );
    return this.toArray();
  }
  /** The same data under another shape (a view, no copy). One dimension may be -1. */
  reshape(shape: Shape): Tensor {
    const s = [...shape];
    const free = s.indexOf(-1);
    if (free >= 0) s[free] = this.size / sizeOf(s.filter((d) => d !== -1));
    if (sizeOf(s) !== this.size || s.some((d) => !Number.isInteger(d) || d < 0)) {
      throw new ShapeError(
        `cannot reshape ${shapeString(this.shape)} (${this.size} values) to ${shapeString(shape)}`,
        'reshape',
      );
    }
    return new Tensor(this.data, s);
  }
  clone(): Tensor {
    return new Tensor(this.data.slice(), this.shape);
  }
}

function inferShape(values: NestedArray): number[] {
  const shape: number[] = [];
  let v: NestedArray = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    if (v.length === 0) break;
    v = v[0] as NestedArray;
  }
  return shape;
}

function flattenInto(
  values: NestedArray,
  shape: number[],
  dim: number,
  out: FloatArray,
  pos: { i: number },
  path: number[],
  where: string,
): void {
  if (dim === shape.length) {
    if (typeof values !== 'number') {
      throw new ShapeError(
        `ragged nested array: element at ${pathString(path)} is an array but a number was expected at depth ${dim}`,
        where,
      );
    }
    out[pos.i++] = values;
    return;
  }
  if (!Array.isArray(values) || values.length !== shape[dim]) {
    const got = Array.isArray(values) ? `length ${values.length}` : `a ${typeof values}`;
    throw new ShapeError(
      `ragged nested array: element at ${pathString(path)} has ${got}, expected length ${shape[dim]} like the first`,
      where,
    );
  }
  for (let i = 0; i < values.length; i++) {
    path.push(i);
    flattenInto(values[i] as NestedArray, shape, dim + 1, out, pos, path, where);
    path.pop();
  }
}

function pathString(path: number[]): string {
  return path.length ? path.map((i) => `[${i}]`).join('') : '(top)';
}

/**
 * Creates a tensor from nested arrays, a flat array with a shape, or a number.
 * @example tensor([[1, 2], [3, 4]]).shape  //=> [2, 2]
 */
export function tensor(values: TensorLike, shape?: Shape, dtype: 'float32' | 'float64' = 'float32'): Tensor {
  const where = 'tensor()';
  if (values instanceof Tensor) return shape ? values.reshape(shape) : values;
  const Ctor = dtype === 'float64' ? Float64Array : Float32Array;
  if (values instanceof Float32Array || values instanceof Float64Array) {
    return new Tensor(values, shape ?? [values.length]);
  }
  if (typeof values === 'number') return new Tensor(Ctor.of(values), shape ?? []);
  if (!Array.isArray(values)) throw new DataError(`expected nested arrays of numbers, got ${typeof values}`, where);
  const inferred = inferShape(values);
  const out = new Ctor(sizeOf(inferred));
  flattenInto(values, inferred, 0, out, { i: 0 }, [], where);
  return new Tensor(out, shape ?? inferred);
}

/** A tensor of zeros. */
export function zeros(shape: Shape, dtype: 'float32' | 'float64' = 'float32'): Tensor {
  return new Tensor(dtype === 'float64' ? new Float64Array(sizeOf(shape)) : new Float32Array(sizeOf(shape)), shape);
}

/** A tensor filled with `value`. */
export function fill(shape: Shape, value: number): Tensor {
  return new Tensor(new Float32Array(sizeOf(shape)).fill(value), shape);
}

/** Index of the first NaN or Infinity, or -1. */
export function firstNonFinite(data: ArrayLike<number>): number {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return i;
  return -1;
}

/** A flat index written as a nested index, e.g. 7 in shape [2, 2, 2] -> "[1][1][1]". */
export function indexString(flat: number, shape: Shape): string {
  const idx: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    idx.unshift(flat % shape[d]);
    flat = Math.floor(flat / shape[d]);
  }
  return idx.map((i) => `[${i}]`).join('');
}

/** Throws a DataError naming the first NaN or Infinity in `t`. */
export function assertFinite(t: Tensor, name: string, where: string): void {
  const i = firstNonFinite(t.data);
  if (i >= 0) {
    throw new DataError(
      `${name}${indexString(i, t.shape)} is ${t.data[i]}; every value must be a finite number (fill or drop missing values first)`,
      where,
    );
  }
}
