// Loss registry: compile({ loss: 'mse' }) resolves names here. Kernels live in kernels/losses.ts.

import { ConfigError } from '../errors.js';
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

/**
 * Loss factories for options, as Keras' loss classes: pass the result to compile({ loss }).
 * @example model.compile({ optimizer: 'adam', loss: losses.categoricalCrossentropy({ fromLogits: true }) });
 */
export const losses = {
  huber: (o: { delta?: number } = {}): LossFn => huberLoss(o.delta ?? 1),
  logCosh: (): LossFn => logCosh,
  meanAbsolutePercentageError: (): LossFn => meanAbsolutePercentageError,
  binaryCrossentropy: (o: { fromLogits?: boolean } = {}): LossFn => binaryCrossentropy(o.fromLogits ?? false),
  /** `classes`: the class count when an output holds several rows of classes, e.g. (T, C) sequences; default the whole output. */
  categoricalCrossentropy: (o: { fromLogits?: boolean; classes?: number } = {}): LossFn =>
    categoricalCrossentropy(o.fromLogits ?? false, o.classes ?? 0),
  sparseCategoricalCrossentropy: (o: { fromLogits?: boolean } = {}): LossFn =>
    sparseCategoricalCrossentropy(o.fromLogits ?? false),
};

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
