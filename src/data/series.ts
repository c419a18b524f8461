// Internal helpers shared by src/data: checking and normalizing series (1-D) and tables (rows of
// features) into flat float64 columns, so every function validates input the same way.

import { DataError, ShapeError } from '../errors.js';

/** A univariate series: a plain array or typed array of numbers. */
export type Series = ArrayLike<number>;
/** A multivariate series: one row per time step, one column per feature. */
export type Rows = ArrayLike<ArrayLike<number>>;

/** A checked table: `T` time steps by `F` features in a flat row-major Float64Array. */
export interface Table {
  data: Float64Array; // (T, F)
  T: number;
  F: number;
  /** True when the input was 1-D (outputs then keep the 1-D shape). */
  univariate: boolean;
}

function describe(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** True when `data` looks like rows (its first element is array-like). */
export function isRows(data: Series | Rows): data is Rows {
  const first = (data as ArrayLike<unknown>)[0];
  return (
    data.length > 0 &&
    first !== null &&
    typeof first === 'object' &&
    typeof (first as ArrayLike<unknown>).length === 'number'
  );
}

/**
 * Checks a 1-D series or rows and copies it into a flat table. Throws DataError for empty input,
 * non-numeric or non-finite values (naming the index), ShapeError for ragged rows.
 */
export function toTable(data: Series | Rows, where: string, allowNaN = false): Table {
  if (
    data === null ||
    data === undefined ||
    typeof (data as ArrayLike<unknown>).length !== 'number' ||
    typeof data === 'string'
  ) {
    throw new DataError(`expected an array of numbers or an array of rows, got ${describe(data)}`, where);
  }
  if (data.length === 0) throw new DataError('the series is empty; expected at least one time step', where);
  if (!isRows(data)) {
    const T = data.length;
    const out = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      const v = (data as ArrayLike<unknown>)[t];
      if (
        typeof v !== 'number' ||
        (!allowNaN && !Number.isFinite(v)) ||
        (allowNaN && !Number.isFinite(v) && !Number.isNaN(v))
      ) {
        throw new DataError(
          `value at index ${t} is ${describe(v)}; expected a finite number (fill or drop missing values first)`,
          where,
        );
      }
      out[t] = v;
    }
    return { data: out, T, F: 1, univariate: true };
  }
  const T = data.length;
  const F = data[0].length;
  if (F === 0) throw new ShapeError('row 0 has no features; expected at least one column', where);
  const out = new Float64Array(T * F);
  for (let t = 0; t < T; t++) {
    const row = data[t] as ArrayLike<unknown>;
    if (row === null || typeof row !== 'object' || typeof row.length !== 'number') {
      throw new ShapeError(`row ${t} is ${describe(row)}; expected an array of ${F} numbers like row 0`, where);
    }
    if (row.length !== F)
      throw new ShapeError(`ragged rows: row ${t} has ${row.length} values but row 0 has ${F}`, where);
    for (let f = 0; f < F; f++) {
      const v = row[f];
      if (
        typeof v !== 'number' ||
        (!allowNaN && !Number.isFinite(v)) ||
        (allowNaN && !Number.isFinite(v) && !Number.isNaN(v))
      ) {
        throw new DataError(
          `value at row ${t}, column ${f} is ${describe(v)}; expected a finite number (fill or drop missing values first)`,
          where,
        );
      }
      out[t * F + f] = v;
    }
  }
  return { data: out, T, F, univariate: false };
}

/** Back from a flat table to the caller's shape: number[] when univariate, else number[][]. */
export function fromTable(data: ArrayLike<number>, T: number, F: number, univariate: boolean): number[] | number[][] {
  if (univariate) return Array.from(data);
  const rows: number[][] = new Array(T);
  for (let t = 0; t < T; t++) {
    const row = new Array<number>(F);
    for (let f = 0; f < F; f++) row[f] = data[t * F + f];
    rows[t] = row;
  }
  return rows;
}

/** Column `f` of a table as a new Float64Array. */
export function column(table: Table, f: number): Float64Array {
  const out = new Float64Array(table.T);
  for (let t = 0; t < table.T; t++) out[t] = table.data[t * table.F + f];
  return out;
}

/** Checks a list of column indices against `F` features; returns it (or all columns when absent). */
export function checkColumns(cols: readonly number[] | undefined, F: number, what: string, where: string): number[] {
  if (cols === undefined) return Array.from({ length: F }, (_, i) => i);
  if (!Array.isArray(cols) || cols.length === 0)
    throw new ShapeError(`${what} must be a non-empty array of column indices`, where);
  for (const c of cols) {
    if (!Number.isInteger(c) || c < 0 || c >= F) {
      throw new ShapeError(
        `${what} contains column ${describe(c)}, but the data has ${F} feature column(s) (valid: 0..${F - 1})`,
        where,
      );
    }
  }
  return [...cols];
}
