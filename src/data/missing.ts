// Missing values: detection (NaN, null, undefined, empty, 'NA' and similar tokens) and policies:
// drop, fill with a value, forward/backward fill, linear interpolation (pandas' semantics inside the
// series), or mark whole steps with a mask value for a Masking layer.

import { checkOneOf, ConfigError, DataError } from '../errors.js';
import { parseNumberCell, quoteCell } from './number-cell.js';
import { fromTable, type Table } from './series.js';

/** A cell that may be missing. */
export type Cell = number | string | null | undefined;

/**
 * Tokens read as missing (by isMissing, toNumbers, fillMissing, and parseCsv's default naTokens).
 * @example NA_TOKENS.includes('NA')  //=> true
 */
export const NA_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '?'];

/**
 * True for NaN, null, undefined and the NA tokens (after trimming).
 * @example [NaN, null, '', 'NA', 0, '3'].map((v) => isMissing(v))  //=> [true, true, true, true, false, false]
 */
export function isMissing(value: Cell, naTokens: readonly string[] = NA_TOKENS): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  return naTokens.includes(String(value).trim());
}

function cellToNumber(v: Cell, naTokens: readonly string[], at: string, where: string): number {
  if (isMissing(v, naTokens)) return Number.NaN;
  if (typeof v === 'number') {
    if (!Number.isFinite(v))
      throw new DataError(`value ${at} is ${v}; expected a finite number or a missing marker`, where);
    return v;
  }
  const n = parseNumberCell(String(v));
  if (n.problem === null) return n.value;
  throw new DataError(
    n.problem.startsWith('is not')
      ? `value ${at} is ${quoteCell(String(v))}: not a number and not a missing marker (${naTokens.map((t) => JSON.stringify(t)).join(', ')})`
      : `value ${at}, ${quoteCell(String(v))}, ${n.problem}`,
    where,
  );
}

function toCells(
  data: ArrayLike<Cell> | ArrayLike<ArrayLike<Cell>>,
  naTokens: readonly string[],
  where: string,
): Table {
  if (!data || typeof data.length !== 'number' || typeof data === 'string')
    throw new DataError('expected an array of values or of rows', where);
  if (data.length === 0) throw new DataError('the series is empty', where);
  const first = data[0] as unknown;
  if (first !== null && typeof first === 'object') {
    const rows = data as ArrayLike<ArrayLike<Cell>>;
    const F = rows[0].length,
      T = rows.length;
    const out = new Float64Array(T * F);
    for (let t = 0; t < T; t++) {
      const r = rows[t];
      if (!r || typeof r !== 'object' || r.length !== F)
        throw new DataError(`ragged rows: row ${t} has ${r?.length ?? 'no'} values but row 0 has ${F}`, where);
      for (let f = 0; f < F; f++) out[t * F + f] = cellToNumber(r[f], naTokens, `at row ${t}, column ${f}`, where);
    }
    return { data: out, T, F, univariate: false };
  }
  const cells = data as ArrayLike<Cell>;
  const out = new Float64Array(cells.length);
  for (let t = 0; t < cells.length; t++) out[t] = cellToNumber(cells[t], naTokens, `at index ${t}`, where);
  return { data: out, T: cells.length, F: 1, univariate: true };
}

/**
 * Numbers with NaN for every missing cell; other non-numbers throw naming the index.
 * @example toNumbers(['1', 'NA', 2.5, null])  //=> [1, NaN, 2.5, NaN]
 */
export function toNumbers(values: ArrayLike<Cell>, options: { naTokens?: readonly string[] } = {}): number[] {
  return Array.from(toCells(values, options.naTokens ?? NA_TOKENS, 'toNumbers()').data);
}

/**
 * Time indices with a missing value (for rows: any column missing).
 * @example findMissing([1, NaN, 'NA', 4])  //=> [1, 2]
 */
export function findMissing(
  data: ArrayLike<Cell> | ArrayLike<ArrayLike<Cell>>,
  options: { naTokens?: readonly string[] } = {},
): number[] {
  const t = toCells(data, options.naTokens ?? NA_TOKENS, 'findMissing()');
  const out: number[] = [];
  for (let i = 0; i < t.T; i++) {
    for (let f = 0; f < t.F; f++) {
      if (Number.isNaN(t.data[i * t.F + f])) {
        out.push(i);
        break;
      }
    }
  }
  return out;
}

/**
 * Drops time steps with a missing value; `index` gives the original time of each kept step.
 * @example dropMissing([1, NaN, 3])  //=> { values: [1, 3], index: [0, 2] }
 */
export function dropMissing(
  data: ArrayLike<Cell> | ArrayLike<ArrayLike<Cell>>,
  options: { naTokens?: readonly string[] } = {},
): { values: number[] | number[][]; index: number[] } {
  const where = 'dropMissing()';
  const t = toCells(data, options.naTokens ?? NA_TOKENS, where);
  const gone = new Set(findMissing(data, options));
  const index: number[] = [];
  const kept: number[] = [];
  for (let i = 0; i < t.T; i++) {
    if (gone.has(i)) continue;
    index.push(i);
    for (let f = 0; f < t.F; f++) kept.push(t.data[i * t.F + f]);
  }
  if (index.length === 0) throw new DataError('every time step has a missing value; nothing is left', where);
  return { values: fromTable(kept, index.length, t.F, t.univariate), index };
}

export type FillMethod = 'value' | 'ffill' | 'bfill' | 'interpolate' | 'mask';

/** Options of fillMissing(). */
export interface FillOptions {
  /**
   * 'value': missing cells become `value`. 'ffill' / 'bfill': the previous / next known value of the
   * same column. 'interpolate': linear in time between known neighbours (edges take the nearest
   * known value). 'mask': every feature of a step with any missing cell becomes `value`, so a
   * Masking layer with maskValue = value skips the step.
   */
  method: FillMethod;
  /** Fill or mask value. Default 0. */
  value?: number;
  naTokens?: readonly string[];
}

/**
 * Fills missing values (per column for rows). Returns the same shape as the input.
 * @example fillMissing([1, NaN, 3, 'NA', 5], { method: 'interpolate' })  //=> [1, 2, 3, 4, 5]
 */
export function fillMissing(data: ArrayLike<Cell>, options: FillOptions): number[];
export function fillMissing(data: ArrayLike<ArrayLike<Cell>>, options: FillOptions): number[][];
export function fillMissing(
  data: ArrayLike<Cell> | ArrayLike<ArrayLike<Cell>>,
  options: FillOptions,
): number[] | number[][] {
  const where = 'fillMissing()';
  const method = checkOneOf(
    options?.method,
    ['value', 'ffill', 'bfill', 'interpolate', 'mask'] as const,
    'method',
    where,
  );
  const value = options.value ?? 0;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new ConfigError(`value must be a finite number, got ${JSON.stringify(value)}`, where);
  const t = toCells(data, options.naTokens ?? NA_TOKENS, where);
  const { T, F } = t;
  const out = t.data.slice();
  if (method === 'mask') {
    for (let i = 0; i < T; i++) {
      let any = false;
      for (let f = 0; f < F; f++) any ||= Number.isNaN(out[i * F + f]);
      if (any) for (let f = 0; f < F; f++) out[i * F + f] = value;
    }
    return fromTable(out, T, F, t.univariate);
  }
  for (let f = 0; f < F; f++) {
    const at = (i: number) => i * F + f;
    const col = F > 1 ? ` in column ${f}` : '';
    if (method === 'value') {
      for (let i = 0; i < T; i++) if (Number.isNaN(out[at(i)])) out[at(i)] = value;
    } else if (method === 'ffill') {
      for (let i = 0; i < T; i++) {
        if (!Number.isNaN(out[at(i)])) continue;
        if (i === 0)
          throw new DataError(
            `cannot forward-fill${col}: the first value is missing (nothing before it); use 'bfill', 'interpolate', a value, or drop it`,
            where,
          );
        out[at(i)] = out[at(i - 1)];
      }
    } else if (method === 'bfill') {
      for (let i = T - 1; i >= 0; i--) {
        if (!Number.isNaN(out[at(i)])) continue;
        if (i === T - 1)
          throw new DataError(
            `cannot backward-fill${col}: the last value is missing (nothing after it); use 'ffill', 'interpolate', a value, or drop it`,
            where,
          );
        out[at(i)] = out[at(i + 1)];
      }
    } else {
      let prev = -1;
      for (let i = 0; i <= T; i++) {
        if (i < T && Number.isNaN(out[at(i)])) continue;
        // fill the gap (prev, i) between known values
        for (let k = prev + 1; k < i; k++) {
          if (prev < 0 && i === T) throw new DataError(`cannot interpolate${col}: every value is missing`, where);
          if (prev < 0) out[at(k)] = out[at(i)];
          else if (i === T) out[at(k)] = out[at(prev)];
          else out[at(k)] = out[at(prev)] + ((out[at(i)] - out[at(prev)]) * (k - prev)) / (i - prev);
        }
        prev = i;
      }
    }
  }
  return fromTable(out, T, F, t.univariate);
}
