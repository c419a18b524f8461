// Adadelta as Keras 3 (keras/optimizers/adadelta.py): E[g²] = ρE[g²] + (1−ρ)g²;
// Δ = −√(E[Δ²] + ε)/√(E[g²] + ε)·g; E[Δ²] = ρE[Δ²] + (1−ρ)Δ²; p += lr·Δ. Matches tf.train.adadelta.

import type { FloatArray } from '../tensor.js';
import { Optimizer, type OptimizerConfig } from './optimizer.js';

export interface AdadeltaConfig extends OptimizerConfig {
  /** Default 0.95. */
  rho?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

export class Adadelta extends Optimizer {
  readonly className = 'Adadelta';
  readonly rho: number;
  readonly epsilon: number;
  protected readonly slotCount = 2;
  constructor(config: AdadeltaConfig = {}) {
    super(config, 0.001, ['rho', 'epsilon']);
    this.rho = config.rho ?? 0.95;
    this.epsilon = config.epsilon ?? 1e-7;
  }
  protected update(p: FloatArray, g: FloatArray, [ag, ad]: FloatArray[], lr: number): void {
    const rho = this.rho,
      eps = this.epsilon;
    for (let i = 0; i < p.length; i++) {
      ag[i] = rho * ag[i] + (1 - rho) * g[i] * g[i];
      const delta = (-Math.sqrt(ad[i] + eps) / Math.sqrt(ag[i] + eps)) * g[i];
      ad[i] = rho * ad[i] + (1 - rho) * delta * delta;
      p[i] += lr * delta;
    }
  }
  getConfig() {
    return { learningRate: this.learningRate, rho: this.rho, epsilon: this.epsilon, ...this.baseConfig() };
  }
}

/** @example const opt = adadelta({ learningRate: 1.0 }); */
export function adadelta(config: AdadeltaConfig = {}): Adadelta {
  return new Adadelta(config);
}
