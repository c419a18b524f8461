// Nadam as Keras 3 (keras/optimizers/nadam.py): Adam with Nesterov momentum and the momentum schedule
// u_t = β1(1 − ½·0.96ᵗ); m̂ = u_{t+1}·m/(1 − Π u_{1..t+1}) + (1 − u_t)·g/(1 − Π u_{1..t}); v̂ = v/(1 − β2ᵗ);
// p −= lr·m̂/(√v̂ + ε).

import type { FloatArray } from '../tensor.js';
import { Optimizer, type OptimizerConfig } from './optimizer.js';

export interface NadamConfig extends OptimizerConfig {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export class Nadam extends Optimizer {
  readonly className = 'Nadam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  protected readonly slotCount = 2;
  private product = { step: 0, value: 1 };
  constructor(config: NadamConfig = {}) {
    super(config, 0.001, ['beta1', 'beta2', 'epsilon']);
    this.beta1 = config.beta1 ?? 0.9;
    this.beta2 = config.beta2 ?? 0.999;
    this.epsilon = config.epsilon ?? 1e-7;
  }
  private u(t: number): number {
    return this.beta1 * (1 - 0.5 * 0.96 ** t);
  }
  /** Π_{s=1..t} u_s, advanced incrementally (recomputed after a jump, e.g. a restored checkpoint). */
  private uProduct(t: number): number {
    if (this.product.step === t) return this.product.value;
    let v = this.product.step === t - 1 ? this.product.value : 1;
    if (this.product.step === t - 1) v *= this.u(t);
    else for (let s = 1; s <= t; s++) v *= this.u(s);
    this.product = { step: t, value: v };
    return v;
  }
  protected update(p: FloatArray, g: FloatArray, [m, v]: FloatArray[], lr: number, t: number): void {
    const b1 = this.beta1,
      b2 = this.beta2;
    const ut = this.u(t),
      ut1 = this.u(t + 1),
      pt = this.uProduct(t),
      pt1 = pt * ut1,
      b2t = 1 - b2 ** t;
    for (let i = 0; i < p.length; i++) {
      m[i] += (g[i] - m[i]) * (1 - b1);
      v[i] += (g[i] * g[i] - v[i]) * (1 - b2);
      const mHat = (ut1 * m[i]) / (1 - pt1) + ((1 - ut) * g[i]) / (1 - pt);
      p[i] -= (lr * mHat) / (Math.sqrt(v[i] / b2t) + this.epsilon);
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

/** @example const opt = nadam({ learningRate: 0.002 }); */
export function nadam(config: NadamConfig = {}): Nadam {
  return new Nadam(config);
}
