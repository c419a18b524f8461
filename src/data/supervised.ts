// The pandas-shift recipe for framing a (multivariate) series as a supervised table: lagged copies
// t-nIn .. t-1 as inputs, t .. t+nOut-1 as outputs. Follows Brownlee's series_to_supervised().

import { checkPositiveInt, ConfigError } from '../errors.js';
import { type Rows, type Series, toTable } from './series.js';

/** Options of seriesToSupervised(). */
export interface SupervisedOptions {
  /** Lag observations as input (t-nIn .. t-1). Default 1; 0 is allowed (outputs only). */
  nIn?: number;
  /** Observations as output (t .. t+nOut-1). Default 1. */
  nOut?: number;
  /** Drop rows with NaN from the shifting (the first nIn and last nOut-1). Default true. */
  dropNaN?: boolean;
}

/** A supervised table: named columns and one row per time t. */
export interface SupervisedTable {
  /** 'var1(t-1)', ..., 'var1(t)', 'var1(t+1)', ...: shift-major, then variable, as pandas. */
  columns: string[];
  /** [rows, columns.length]; NaN where a shift runs off the series (only when dropNaN is false). */
  rows: number[][];
  /** The time index t of each row. */
  time: number[];
}

/**
 * Frames a series as a supervised-learning table, like `series_to_supervised(data, n_in, n_out)`.
 * @example
 * seriesToSupervised([1, 2, 3, 4], { nIn: 1, nOut: 1 })
 * //=> { columns: ['var1(t-1)', 'var1(t)'], rows: [[1, 2], [2, 3], [3, 4]], time: [1, 2, 3] }
 */
export function seriesToSupervised(data: Series | Rows, options: SupervisedOptions = {}): SupervisedTable {
  const where = 'seriesToSupervised()';
  const nIn = options.nIn ?? 1;
  if (!Number.isInteger(nIn) || nIn < 0)
    throw new ConfigError(`nIn must be an integer >= 0, got ${JSON.stringify(nIn)}`, where);
  const nOut = checkPositiveInt(options.nOut ?? 1, 'nOut', where);
  const dropNaN = options.dropNaN ?? true;
  const table = toTable(data, where, true);
  const { T, F, data: v } = table;
  const shifts: number[] = [];
  for (let i = nIn; i > 0; i--) shifts.push(-i);
  for (let i = 0; i < nOut; i++) shifts.push(i);
  const columns: string[] = [];
  for (const s of shifts)
    for (let f = 0; f < F; f++) columns.push(`var${f + 1}(t${s === 0 ? '' : s > 0 ? `+${s}` : s})`);
  const rows: number[][] = [];
  const time: number[] = [];
  for (let t = 0; t < T; t++) {
    const row: number[] = [];
    let hasNaN = false;
    for (const s of shifts) {
      const u = t + s;
      for (let f = 0; f < F; f++) {
        const value = u >= 0 && u < T ? v[u * F + f] : Number.NaN;
        if (Number.isNaN(value)) hasNaN = true;
        row.push(value);
      }
    }
    if (dropNaN && hasNaN) continue;
    rows.push(row);
    time.push(t);
  }
  return { columns, rows, time };
}
