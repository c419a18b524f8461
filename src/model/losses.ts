// Loss registry: compile({ loss: 'mse' }) resolves names here. Kernels live in kernels/losses.ts.

import { ConfigError } from '../errors.js';
import { type LossFn, meanAbsoluteError, meanSquaredError } from '../kernels/losses.js';

const LOSSES: Record<string, LossFn> = {
  mse: meanSquaredError,
  meanSquaredError,
  mean_squared_error: meanSquaredError,
  mae: meanAbsoluteError,
  meanAbsoluteError,
  mean_absolute_error: meanAbsoluteError,
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
    throw new ConfigError(`unknown loss ${JSON.stringify(spec)}; expected one of: ${Object.keys(LOSSES).map((k) => `'${k}'`).join(', ')}`, where);
  }
  return fn;
}
