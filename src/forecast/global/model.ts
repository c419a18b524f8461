// The global network: stacked LSTMs over the input window cut into patches of `patch` values per
// time step (a week of hourly values is 7 steps of 24), then a linear Dense layer emitting the whole
// horizon at once (the direct strategy).

import { ConfigError } from '../../errors.js';
import { dense } from '../../layers/dense.js';
import type { Layer } from '../../layers/layer.js';
import { lstm } from '../../layers/lstm.js';
import { type Sequential, sequential } from '../../model/sequential.js';
import type { ResolvedGlobalConfig } from './config.js';

/** Time steps of the network's input for a lookback: lookback / patch. */
export function patchSteps(lookback: number, patch: number): number {
  if (lookback % patch !== 0)
    throw new ConfigError(
      `lookback ${lookback} is not a multiple of patch ${patch}; pick a lookback of whole patches`,
      'trainGlobal',
    );
  return lookback / patch;
}

/**
 * Builds (not compiles) the network for one lookback. Call setRandomSeed first for seeded weights.
 * @example buildGlobalModel(resolveGlobalConfig({ horizon: 48, season: 24 }), 168).countParams()
 */
export function buildGlobalModel(c: ResolvedGlobalConfig, lookback: number): Sequential {
  const steps = patchSteps(lookback, c.patch);
  const layers: Layer[] = [];
  for (let i = 0; i < c.layers; i++) {
    layers.push(
      lstm({
        units: c.units,
        returnSequences: i < c.layers - 1,
        ...(i === 0 ? { inputShape: [steps, c.patch] } : {}),
      }),
    );
  }
  layers.push(dense({ units: c.horizon }));
  return sequential(layers);
}
