// The M4 benchmarks' seasonal adjustment: when the series passes the M4 seasonality test at period m,
// divide it by the seasonal indices of a classical multiplicative decomposition, forecast the adjusted
// series, and multiply the indices of the matching phases back; otherwise forecast the series as is.

import { ConfigError } from '../../errors.js';
import { classicalDecomposition } from './decompose.js';
import type { LocalModel } from './local-model.js';
import { seasonalityTest } from '../seasonality.js';

/**
 * Wraps `model` in the M4 seasonal adjustment at period `season` (a no-op for season 1).
 * @example
 * const last: LocalModel = (y) => (h) => new Array(h).fill(y[y.length - 1]);
 * seasonallyAdjusted(last, 2)(Float64Array.from({ length: 40 }, (_, t) => (t % 2 ? 3 : 1)))(3)  //=> ≈ [1, 3, 1]
 */
export function seasonallyAdjusted(model: LocalModel, season: number): LocalModel {
  if (!Number.isInteger(season) || season < 1)
    throw new ConfigError(`season must be a positive integer, got ${season}`, 'seasonallyAdjusted');
  return (y) => {
    if (!seasonalityTest(y, season)) return model(y);
    const { figure } = classicalDecomposition(y, season, 'multiplicative');
    const n = y.length;
    const inner = model(y.map((v, t) => v / figure[t % season]));
    return (horizon) => inner(horizon).map((v, h) => v * figure[(n + h) % season]);
  };
}
