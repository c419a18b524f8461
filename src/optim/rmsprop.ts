// RMSprop as Keras 3 (keras/optimizers/rmsprop.py): v = ρv + (1−ρ)g²; step lr·g/√(v − ḡ² + ε) with
// `centered` (ḡ = running mean of g), optional momentum on the step. Matches tf.train.rmsprop.

import { checkRange } from '../errors.js';
import type { FloatArray } from '../tensor.js';
import { Optimizer, type OptimizerConfig } from './optimizer.js';

export interface RmspropConfig extends OptimizerConfig {
  /** Decay of the squared-gradient average. Default 0.9. */
  rho?: number;
  /** Default 0. */
  momentum?: number;
  /** Default 1e-7. */
  epsilon?: number;
  /** Normalize by the gradient's variance instead of its second moment. Default false. */
  centered?: boolean;
}

export class Rmsprop extends Optimizer {
  readonly className = 'RMSprop';
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;
  protected readonly slotCount = 3;
  constructor(config: RmspropConfig = {}) {
    super(config, 0.001, ['rho', 'momentum', 'epsilon', 'centered']);
    this.rho = checkRange(config.rho ?? 0.9, 0, 1, 'rho', 'rmsprop');
    this.momentum = checkRange(config.momentum ?? 0, 0, 1, 'momentum', 'rmsprop');
    this.epsilon = config.epsilon ?? 1e-7;
    this.centered = config.centered ?? false;
  }
  protected update(p: FloatArray, g: FloatArray, [v, mg, mom]: FloatArray[], lr: number): void {
    const rho = this.rho,
      m = this.momentum;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i];
      v[i] = rho * v[i] + (1 - rho) * gi * gi;
      let den = v[i];
      if (this.centered) {
        mg[i] = rho * mg[i] + (1 - rho) * gi;
        den -= mg[i] * mg[i];
      }
      const inc = (lr * gi) / Math.sqrt(den + this.epsilon);
      if (m > 0) {
        mom[i] = m * mom[i] + inc;
        p[i] -= mom[i];
      } else p[i] -= inc;
    }
  }
  getConfig() {
    return {
      learningRate: this.learningRate,
      rho: this.rho,
      momentum: this.momentum,
      epsilon: this.epsilon,
      centered: this.centered,
      ...this.baseConfig(),
    };
  }
}

/** @example const opt = rmsprop({ learningRate: 0.001, rho: 0.9 }); */
export function rmsprop(config: RmspropConfig = {}): Rmsprop {
  return new Rmsprop(config);
}
