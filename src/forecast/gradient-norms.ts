// Per-layer gradient norms during fit(): a callback that reads each layer's gradients after every
// batch (they stay in the params until the next batch zeroes them, so no change to the model is
// needed). The norms are those the optimizer saw, after any clipping. Feeds diagnose().

import { ConfigError } from '../errors.js';
import type { Callback } from '../model/callbacks.js';
import type { Model } from '../model/model.js';

/** Gradient norms recorded during training. */
export interface GradientNorms {
  /** Names of the layers with trainable weights, in model order. */
  layers: string[];
  /** Per epoch, the mean over its batches of each layer's L2 gradient norm: [epoch][layer]. */
  perEpoch: number[][];
  /** Per epoch, the largest global (all layers) norm of any batch. */
  maxGlobal: number[];
}

export interface GradientNormTracker extends Callback {
  readonly norms: GradientNorms;
}

/**
 * A fit() callback tracking per-layer gradient norms of `model` (or of the model fit() hands it,
 * when created without one).
 * @example const g = gradientNormTracker(); await model.fit(x, y, { epochs: 5, callbacks: [g] }); g.norms.perEpoch;
 */
export function gradientNormTracker(given?: Model): GradientNormTracker {
  if (given !== undefined && (!given || typeof (given as Model).params !== 'function'))
    throw new ConfigError(
      'gradientNormTracker needs the model being trained (or no argument inside fit())',
      'gradientNormTracker',
    );
  let model = given as Model;
  const norms: GradientNorms = { layers: [], perEpoch: [], maxGlobal: [] };
  let sums: number[] = [],
    batches = 0,
    maxGlobal = 0;
  const trainable = () => model.layers.filter((l) => l.params().some((p) => p.trainable));
  return {
    norms,
    setModel(m: Model) {
      model ??= m;
    },
    onTrainBegin() {
      norms.layers = trainable().map((l) => l.name);
    },
    onEpochBegin() {
      sums = norms.layers.map(() => 0);
      batches = 0;
      maxGlobal = 0;
    },
    onBatchEnd() {
      let total = 0;
      trainable().forEach((l, i) => {
        let sq = 0;
        for (const p of l.params()) {
          if (!p.trainable) continue;
          const g = p.grad;
          for (let j = 0; j < g.length; j++) sq += g[j] * g[j];
        }
        sums[i] += Math.sqrt(sq);
        total += sq;
      });
      const t = Math.sqrt(total);
      maxGlobal = Number.isNaN(t) || Number.isNaN(maxGlobal) ? Number.NaN : Math.max(maxGlobal, t);
      batches++;
    },
    onEpochEnd() {
      norms.perEpoch.push(sums.map((s) => s / Math.max(1, batches)));
      norms.maxGlobal.push(maxGlobal);
    },
  };
}
