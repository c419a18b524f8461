// AdamW as Keras 3 (keras/optimizers/adamw.py): decoupled weight decay p −= lr·weightDecay·p, then
// Keras' Adam step: m, v moving averages, α = lr·√(1−β2ᵗ)/(1−β1ᵗ), p −= α·m/(√v + ε), optional amsgrad.

import { checkRange } from '../errors.js';
import type { FloatArray } from '../tensor.js';
import { type AdamConfig, Optimizer } from './optimizer.js';

export interface AdamwConfig extends AdamConfig {
  /** Decoupled weight decay. Default 0.004 (Keras 3). */
  weightDecay?: number;
}

export class Adamw extends Optimizer {
  readonly className = 'AdamW';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;
  readonly weightDecay: number;
  protected readonly slotCount = 3;
  constructor(config: AdamwConfig = {}) {
    super(config, 0.001);
    this.beta1 = config.beta1 ?? 0.9;
    this.beta2 = config.beta2 ?? 0.999;
    this.epsilon = config.epsilon ?? 1e-7;
    this.amsgrad = config.amsgrad ?? false;
    this.weightDecay = checkRange(config.weightDecay ?? 0.004, 0, Number.MAX_VALUE, 'weightDecay', 'adamw');
  }
  protected update(p: FloatArray, g: FloatArray, [m, v, vhat]: FloatArray[], lr: number, t: number): void {
    const b1 = this.beta1,
      b2 = this.beta2,
      decay = lr * this.weightDecay;
    const alpha = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
    for (let i = 0; i < p.length; i++) {
      p[i] -= decay * p[i];
      m[i] += (g[i] - m[i]) * (1 - b1);
      v[i] += (g[i] * g[i] - v[i]) * (1 - b2);
      let vi = v[i];
      if (this.amsgrad) vi = vhat[i] = Math.max(vhat[i], vi);
      p[i] -= (alpha * m[i]) / (Math.sqrt(vi) + this.epsilon);
    }
  }
  getConfig() {
    return {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      amsgrad: this.amsgrad,
      weightDecay: this.weightDecay,
      ...this.clip,
    };
  }
}

/** @example const opt = adamw({ learningRate: 0.001, weightDecay: 0.01 }); */
export function adamw(config: AdamwConfig = {}): Adamw {
  return new Adamw(config);
}
