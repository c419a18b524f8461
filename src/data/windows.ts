// Framing a series as supervised samples for sequence models: sliding input windows and the targets
// that follow them. Follows the seeds' split_sequence / split_sequences (Brownlee, "How to Develop
// LSTM Models for Time Series Forecasting") and Keras' timeseries_dataset_from_array (stride).

import { checkPositiveInt, ConfigError, DataError } from '../errors.js';
import { Tensor } from '../tensor.js';
import { checkColumns, type Rows, type Series, type Table, toTable } from './series.js';

/**
 * The seeds' `split_sequence`: windows of `nSteps` values, each followed by the next value.
 * `x` is [samples, nSteps]; reshape to [samples, nSteps, 1] for an LSTM.
 * @example
 * splitSequence([10, 20, 30, 40, 50, 60, 70, 80, 90], 3)
 * //=> { x: [[10,20,30],[20,30,40],[30,40,50],[40,50,60],[50,60,70],[60,70,80]], y: [40,50,60,70,80,90] }
 */
export function splitSequence(series: Series, nSteps: number): { x: number[][]; y: number[] } {
  const where = 'splitSequence()';
  checkPositiveInt(nSteps, 'nSteps', where);
  const t = toTable(series, where);
  if (!t.univariate) throw new DataError('expects a 1-D series; use windows() for rows of features', where);
  if (t.T < nSteps + 1) {
    throw new DataError(
      `the series has ${t.T} values but nSteps ${nSteps} needs at least ${nSteps + 1} (nSteps inputs + 1 target)`,
      where,
    );
  }
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i + nSteps < t.T; i++) {
    x.push(Array.from(t.data.subarray(i, i + nSteps)));
    y.push(t.data[i + nSteps]);
  }
  return { x, y };
}

/** Options of windows() and windowBatches(). */
export interface WindowOptions {
  /** Input time steps per sample. */
  lookback: number;
  /** Target time steps per sample (1 = one-step, >1 = multi-step). Default 1. */
  horizon?: number;
  /** Steps between the starts of consecutive windows. Default 1. */
  stride?: number;
  /**
   * Steps skipped between the last input step and the first target step. Default 0: the target is
   * the step right after the inputs. -1 makes the first target share the last input step (the seeds'
   * "multiple input series" layout); allowed only when no target column is also an input column.
   */
  gap?: number;
  /** Columns predicted (y). Default: every column. */
  targets?: readonly number[];
  /** Columns fed as inputs (x). Default: every column. */
  inputs?: readonly number[];
}

/** What windows() returns. Nested plain arrays; `tensor(w.x)` gives a [samples, lookback, features] Tensor. */
export interface Windows {
  /** [samples, lookback, inputs.length] */
  x: number[][][];
  /** [samples, horizon * targets.length]: step-major (all targets of step 1, then step 2, ...). */
  y: number[][];
  /** Time index of the first input step of each window. */
  inputStart: number[];
  /** Time index of the first target step of each window (its last is targetStart + horizon - 1). */
  targetStart: number[];
  /** Resolved sizes: y reshapes to [samples, horizon, targets.length] for sequence outputs. */
  lookback: number;
  horizon: number;
  inputs: number[];
  targets: number[];
}

interface Plan {
  lookback: number;
  horizon: number;
  stride: number;
  gap: number;
  inputs: number[];
  targets: number[];
  samples: number;
}

function plan(table: Table, options: WindowOptions, where: string): Plan {
  if (options === null || typeof options !== 'object')
    throw new ConfigError('options { lookback, horizon? } are required', where);
  const lookback = checkPositiveInt(options.lookback, 'lookback', where);
  const horizon = checkPositiveInt(options.horizon ?? 1, 'horizon', where);
  const stride = checkPositiveInt(options.stride ?? 1, 'stride', where);
  const gap = options.gap ?? 0;
  if (!Number.isInteger(gap) || gap < -1)
    throw new ConfigError(`gap must be an integer >= -1, got ${JSON.stringify(gap)}`, where);
  const inputs = checkColumns(options.inputs, table.F, 'inputs', where);
  const targets = checkColumns(options.targets, table.F, 'targets', where);
  if (gap === -1) {
    const shared = targets.filter((c) => inputs.includes(c));
    if (shared.length > 0) {
      throw new ConfigError(
        `gap -1 puts the first target at the last input step, but column(s) ${shared.join(', ')} are both input and target (the answer would be in the input); use gap 0 or drop them from inputs`,
        where,
      );
    }
  }
  const span = lookback + gap + horizon;
  if (table.T < span) {
    throw new DataError(
      `the series has ${table.T} time steps but lookback ${lookback} + gap ${gap} + horizon ${horizon} needs at least ${span}`,
      where,
    );
  }
  const samples = Math.floor((table.T - span) / stride) + 1;
  return { lookback, horizon, stride, gap, inputs, targets, samples };
}

/**
 * Frames a series (1-D, or rows of features) into overlapping samples. Covers the seeds' cases:
 * univariate; multiple input series -> one output (`inputs` without the target, `gap: -1`);
 * multiple parallel series (all columns in and out); multi-step output (`horizon`); multivariate
 * multi-step. Sample i reads inputs at times inputStart[i] .. inputStart[i] + lookback - 1 and
 * targets at targetStart[i] .. targetStart[i] + horizon - 1, never earlier than the inputs.
 * @example
 * const w = windows([1, 2, 3, 4, 5], { lookback: 2 });
 * // w.x = [[[1],[2]], [[2],[3]], [[3],[4]]], w.y = [[3],[4],[5]], w.inputStart = [0,1,2], w.targetStart = [2,3,4]
 */
export function windows(data: Series | Rows, options: WindowOptions): Windows {
  const where = 'windows()';
  const table = toTable(data, where);
  const p = plan(table, options, where);
  const x: number[][][] = new Array(p.samples);
  const y: number[][] = new Array(p.samples);
  const inputStart: number[] = new Array(p.samples);
  const targetStart: number[] = new Array(p.samples);
  const { data: v, F } = table;
  for (let i = 0; i < p.samples; i++) {
    const s = i * p.stride;
    const ts = s + p.lookback + p.gap;
    const xi: number[][] = new Array(p.lookback);
    for (let k = 0; k < p.lookback; k++) xi[k] = p.inputs.map((c) => v[(s + k) * F + c]);
    const yi: number[] = [];
    for (let k = 0; k < p.horizon; k++) for (const c of p.targets) yi.push(v[(ts + k) * F + c]);
    x[i] = xi;
    y[i] = yi;
    inputStart[i] = s;
    targetStart[i] = ts;
  }
  return {
    x,
    y,
    inputStart,
    targetStart,
    lookback: p.lookback,
    horizon: p.horizon,
    inputs: p.inputs,
    targets: p.targets,
  };
}

/**
 * Number of samples windows() would produce for `length` time steps (0 when too short).
 * @example windowCount(9, { lookback: 3 })  //=> 6
 */
export function windowCount(length: number, options: WindowOptions): number {
  const lookback = options.lookback,
    horizon = options.horizon ?? 1,
    stride = options.stride ?? 1,
    gap = options.gap ?? 0;
  const span = lookback + gap + horizon;
  return length < span ? 0 : Math.floor((length - span) / stride) + 1;
}

/** One batch from windowBatches(): float tensors ready for model.fit / model.predict. */
export interface WindowBatch {
  /** [batch, lookback, inputs.length] */
  x: Tensor;
  /** [batch, horizon * targets.length] */
  y: Tensor;
  /** Time index of each sample's first input step. */
  inputStart: number[];
  /** Time index of each sample's first target step. */
  targetStart: number[];
}

/**
 * Lazily yields the samples of windows() in batches of `batchSize`, as Tensors, without ever
 * materializing all windows: memory is O(batchSize · lookback · features) on top of the series.
 * The series is checked once up front. Order is time order (no shuffling).
 * @example
 * for (const b of windowBatches([1, 2, 3, 4, 5, 6], { lookback: 2, batchSize: 3 })) console.log(b.x.shape);
 * // [3, 2, 1] then [1, 2, 1]
 */
export function* windowBatches(
  data: Series | Rows,
  options: WindowOptions & { batchSize: number; dtype?: 'float32' | 'float64' },
): Generator<WindowBatch, void, undefined> {
  const where = 'windowBatches()';
  const table = toTable(data, where);
  const p = plan(table, options, where);
  const batchSize = checkPositiveInt(options.batchSize, 'batchSize', where);
  const Ctor = options.dtype === 'float64' ? Float64Array : Float32Array;
  const D = p.inputs.length,
    O = p.targets.length;
  const { data: v, F } = table;
  for (let first = 0; first < p.samples; first += batchSize) {
    const B = Math.min(batchSize, p.samples - first);
    const xb = new Ctor(B * p.lookback * D); // (B, lookback, D)
    const yb = new Ctor(B * p.horizon * O); // (B, horizon * O)
    const inputStart: number[] = [],
      targetStart: number[] = [];
    for (let b = 0; b < B; b++) {
      const s = (first + b) * p.stride;
      const ts = s + p.lookback + p.gap;
      for (let k = 0; k < p.lookback; k++)
        for (let d = 0; d < D; d++) xb[(b * p.lookback + k) * D + d] = v[(s + k) * F + p.inputs[d]];
      for (let k = 0; k < p.horizon; k++)
        for (let o = 0; o < O; o++) yb[(b * p.horizon + k) * O + o] = v[(ts + k) * F + p.targets[o]];
      inputStart.push(s);
      targetStart.push(ts);
    }
    yield { x: new Tensor(xb, [B, p.lookback, D]), y: new Tensor(yb, [B, p.horizon * O]), inputStart, targetStart };
  }
}
