// AdamW as Keras 3 (keras/optimizers/adamw.py): Adam with weightDecay defaulting to 0.004. The decay
// p −= lr·weightDecay·p itself is the one every optimizer has (optimizer.ts), applied before the step.

import { Adam, type AdamConfig } from './optimizer.js';

export type AdamwConfig = AdamConfig;

/** Keras 3's AdamW weight decay default. */
export const ADAMW_WEIGHT_DECAY = 0.004;

export class Adamw extends Adam {
  override readonly className = 'AdamW';
  constructor(config: AdamwConfig = {}) {
    super(config, ADAMW_WEIGHT_DECAY);
  }
  override getConfig() {
    return { ...super.getConfig(), weightDecay: this.weightDecay };
  }
}

/** @example const opt = adamw({ learningRate: 0.001, weightDecay: 0.01 }); */
export function adamw(config: AdamwConfig = {}): Adamw {
  return new Adamw(config);
}
