// Loss registry: compile({ loss: 'mse' }) resolves names here, loss factories take Keras' options
// (fromLogits, labelSmoothing, reduction), and computeLoss evaluates a loss as Keras' loss(yTrue, yPred,
// sampleWeight) does. Kernels live in kernels/losses.ts; they return the 'sum_over_batch_size' value.

import { checkBoolean, checkConfigKeys, checkNumber } from '../config-check.js';
import { checkOneOf, ConfigError, ShapeError } from '../errors.js';
import { Tensor, type TensorLike, tensor } from '../tensor.js';
import { lossRows } from './loss-rows.js';
import {
  binaryCrossentropy,
  categoricalCrossentropy,
  huberLoss,
  type LossFn,
  logCosh,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  sparseCategoricalCrossentropy,
} from '../kernels/losses.js';

const LOSSES: Record<string, LossFn> = {
  mse: meanSquaredError,
  meanSquaredError,
  mean_squared_error: meanSquaredError,
  mae: meanAbsoluteError,
  meanAbsoluteError,
  mean_absolute_error: meanAbsoluteError,
  huber: huberLoss(),
  logcosh: logCosh,
  logCosh,
  mape: meanAbsolutePercentageError,
  meanAbsolutePercentageError,
  binaryCrossentropy: binaryCrossentropy(),
  binary_crossentropy: binaryCrossentropy(),
  categoricalCrossentropy: categoricalCrossentropy(),
  categorical_crossentropy: categoricalCrossentropy(),
  sparseCategoricalCrossentropy: sparseCategoricalCrossentropy(),
  sparse_categorical_crossentropy: sparseCategoricalCrossentropy(),
};

/** How a loss reduces its per-row values: mean over rows (default), sum, or none (one value per row). */
export type Reduction = 'sum_over_batch_size' | 'sum' | 'none';
const REDUCTIONS: readonly Reduction[] = ['sum_over_batch_size', 'sum', 'none'];

/** A loss with its reduction recorded (compile refuses 'none'; computeLoss honours all three). */
export type ReducedLoss = LossFn & { reduction?: Reduction };

/** Checks a factory's options and applies the reduction: 'sum' is the kernel's mean times the row count. */
function withOptions<O extends { reduction?: Reduction }>(
  o: O | undefined,
  keys: readonly string[],
  where: string,
  make: (o: O) => LossFn,
): ReducedLoss {
  checkConfigKeys(o, [...keys, 'reduction'], where);
  const opts = (o ?? {}) as O;
  const reduction = checkOneOf(opts.reduction ?? 'sum_over_batch_size', REDUCTIONS, 'reduction', where);
  const fn = make(opts);
  if (reduction !== 'sum') return Object.assign((...a: Parameters<LossFn>) => fn(...a), fn, { reduction });
  const summed: LossFn = (d, p, t, N, K, w) => {
    const v = fn(d, p, t, N, K, w);
    for (let i = 0; i < N * K; i++) d[i] *= N;
    return v * N;
  };
  return Object.assign(summed, fn, { reduction });
}

const labelSmoothing = (v: unknown, where: string): number => {
  const s = checkNumber(v, 0, 'labelSmoothing', where);
  if (s < 0 || s > 1) throw new ConfigError(`labelSmoothing must be in [0, 1], got ${s}`, where);
  return s;
};

/**
 * Loss factories for options, as Keras' loss classes: pass the result to compile({ loss }) or to
 * computeLoss. Every factory takes `reduction` ('sum_over_batch_size' default, 'sum', or 'none' for
 * computeLoss only); the cross-entropies take `labelSmoothing` as Keras (binary: y·(1−s) + s/2,
 * categorical: y·(1−s) + s/C).
 * @example model.compile({ optimizer: 'adam', loss: losses.categoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.1 }) });
 */
export const losses = {
  meanSquaredError: (o?: { reduction?: Reduction }): ReducedLoss =>
    withOptions(o, [], 'losses.meanSquaredError', () => meanSquaredError),
  meanAbsoluteError: (o?: { reduction?: Reduction }): ReducedLoss =>
    withOptions(o, [], 'losses.meanAbsoluteError', () => meanAbsoluteError),
  huber: (o?: { delta?: number; reduction?: Reduction }): ReducedLoss =>
    withOptions(o, ['delta'], 'losses.huber', (c) => huberLoss(checkNumber(c.delta, 1, 'delta', 'losses.huber'))),
  logCosh: (o?: { reduction?: Reduction }): ReducedLoss => withOptions(o, [], 'losses.logCosh', () => logCosh),
  meanAbsolutePercentageError: (o?: { reduction?: Reduction }): ReducedLoss =>
    withOptions(o, [], 'losses.meanAbsolutePercentageError', () => meanAbsolutePercentageError),
  binaryCrossentropy: (o?: { fromLogits?: boolean; labelSmoothing?: number; reduction?: Reduction }): ReducedLoss => {
    const where = 'losses.binaryCrossentropy';
    return withOptions(o, ['fromLogits', 'labelSmoothing'], where, (c) =>
      binaryCrossentropy(
        checkBoolean(c.fromLogits, false, 'fromLogits', where),
        labelSmoothing(c.labelSmoothing, where),
      ),
    );
  },
  /** `classes`: the class count when an output holds several rows of classes, e.g. (T, C) sequences; default the whole output. */
  categoricalCrossentropy: (o?: {
    fromLogits?: boolean;
    classes?: number;
    labelSmoothing?: number;
    reduction?: Reduction;
  }): ReducedLoss => {
    const where = 'losses.categoricalCrossentropy';
    return withOptions(o, ['fromLogits', 'classes', 'labelSmoothing'], where, (c) =>
      categoricalCrossentropy(
        checkBoolean(c.fromLogits, false, 'fromLogits', where),
        checkNumber(c.classes, 0, 'classes', where),
        labelSmoothing(c.labelSmoothing, where),
      ),
    );
  },
  sparseCategoricalCrossentropy: (o?: { fromLogits?: boolean; reduction?: Reduction }): ReducedLoss => {
    const where = 'losses.sparseCategoricalCrossentropy';
    return withOptions(o, ['fromLogits'], where, (c) =>
      sparseCategoricalCrossentropy(checkBoolean(c.fromLogits, false, 'fromLogits', where)),
    );
  },
};

/** Options of computeLoss. */
export interface ComputeLossOptions {
  /** One weight per sample (N), or per timestep (N, T) for sequence outputs. */
  sampleWeight?: TensorLike;
}

/**
 * A loss evaluated as Keras' `loss(yTrue, yPred, sampleWeight)`: a number for the 'sum_over_batch_size'
 * and 'sum' reductions, a tensor of per-row values (yPred's shape without its last axis) for 'none'.
 * @example computeLoss(losses.binaryCrossentropy({ reduction: 'none' }), [[1, 0]], [[0.9, 0.2]])  //=> Tensor [0.164...]
 */
export function computeLoss(
  loss: string | ReducedLoss,
  yTrue: TensorLike,
  yPred: TensorLike,
  options: ComputeLossOptions = {},
): number | Tensor {
  const where = 'computeLoss';
  checkConfigKeys(options, ['sampleWeight'], where);
  const fn = getLoss(loss, where) as ReducedLoss;
  const p = tensor(yPred),
    t = tensor(yTrue);
  if (p.rank === 0) throw new ShapeError('yPred must have a samples axis', where);
  const w = options.sampleWeight === undefined ? null : tensor(options.sampleWeight).data;
  const r = lossRows(p, w);
  const d = new Float64Array(p.size);
  if (fn.reduction !== 'none') return fn(d, p.data, t.data, r.rows, r.K, r.w);
  const T = t.size / r.rows;
  if (!Number.isInteger(T)) throw new ShapeError(`yTrue has ${t.size} values for ${r.rows} rows of yPred`, where);
  const out = new Float64Array(r.rows);
  for (let i = 0; i < r.rows; i++)
    out[i] = fn(
      d.subarray(i * r.K, (i + 1) * r.K),
      p.data.subarray(i * r.K, (i + 1) * r.K),
      t.data.subarray(i * T, (i + 1) * T),
      1,
      r.K,
      r.w ? r.w.subarray(i, i + 1) : null,
    );
  return new Tensor(Float32Array.from(out), p.rank >= 2 ? p.shape.slice(0, -1) : [r.rows]);
}

/** Registers a loss under a name usable in compile(). */
export function registerLoss(name: string, fn: LossFn): void {
  LOSSES[name] = fn;
}

/** A loss by name, or the function itself. */
export function getLoss(spec: string | LossFn, where: string): LossFn {
  if (typeof spec === 'function') return spec;
  const fn = LOSSES[spec];
  if (!fn) {
    throw new ConfigError(
      `unknown loss ${JSON.stringify(spec)}; expected one of: ${Object.keys(LOSSES)
        .map((k) => `'${k}'`)
        .join(', ')}`,
      where,
    );
  }
  return fn;
}
