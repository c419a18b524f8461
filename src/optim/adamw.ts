// AdamW as Keras 3 (keras/optimizers/adamw.py): decoupled weight decay p −= lr·weightDecay·p, then
// Keras' Adam step (optimizer.ts). The update is elementwise, so decaying first over the whole array
// equals Keras' per-variable order.

import { checkRange } from '../errors.js';
import type { FloatArray } from '../tensor.js';
import { Adam, type AdamConfig } from './optimizer.js';

export interface AdamwConfig extends AdamConfig {
  /** Decoupled weight decay. Default 0.004 (Keras 3). */
  weightDecay?: number;
}

export class Adamw extends Adam {
  override readonly className = 'AdamW';
  readonly weightDecay: number;
  constructor(config: AdamwConfig = {}) {
    super(config);
    this.weightDecay = checkRange(config.weightDecay ?? 0.004, 0, Number.MAX_VALUE, 'weightDecay', 'adamw');
  }
  protected override update(p: FloatArray, g: FloatArray, slots: FloatArray[], lr: number, t: number): void {
    const decay = lr * this.weightDecay;
    for (let i = 0; i < p.length; i++) p[i] -= decay * p[i];
    super.update(p, g, slots, lr, t);
  }
  override getConfig() {
    return { ...super.getConfig(), weightDecay: this.weightDecay };
  }
}

/** @example const opt = adamw({ learningRate: 0.001, weightDecay: 0.01 }); */
export function adamw(config: AdamwConfig = {}): Adamw {
  return new Adamw(config);
}
