// Adamax as Keras 3 (keras/optimizers/adamax.py): m += (g − m)(1−β1); u = max(β2·u, |g|);
// p −= lr·m/((1 − β1ᵗ)(u + ε)). Matches tf.train.adamax.

import type { FloatArray } from '../tensor.js';
import { Optimizer, type OptimizerConfig } from './optimizer.js';

export interface AdamaxConfig extends OptimizerConfig {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export class Adamax extends Optimizer {
  readonly className = 'Adamax';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  protected readonly slotCount = 2;
  constructor(config: AdamaxConfig = {}) {
    super(config, 0.001, ['beta1', 'beta2', 'epsilon']);
    this.beta1 = config.beta1 ?? 0.9;
    this.beta2 = config.beta2 ?? 0.999;
    this.epsilon = config.epsilon ?? 1e-7;
  }
  protected update(p: FloatArray, g: FloatArray, [m, u]: FloatArray[], lr: number, t: number): void {
    const b1 = this.beta1,
      b2 = this.beta2,
      c = lr / (1 - b1 ** t);
    for (let i = 0; i < p.length; i++) {
      m[i] += (g[i] - m[i]) * (1 - b1);
      u[i] = Math.max(b2 * u[i], Math.abs(g[i]));
      p[i] -= (c * m[i]) / (u[i] + this.epsilon);
    }
  }
  getConfig() {
    return {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      ...this.baseConfig(),
    };
  }
}

/** @example const opt = adamax({ learningRate: 0.002 }); */
export function adamax(config: AdamaxConfig = {}): Adamax {
  return new Adamax(config);
}
