// Adagrad as Keras 3 (keras/optimizers/adagrad.py): a += g²; p −= lr·g/√(a + ε), a starting at
// initialAccumulatorValue. Matches tf.train.adagrad.

import type { FloatArray } from '../tensor.js';
import { Optimizer, type OptimizerConfig } from './optimizer.js';

export interface AdagradConfig extends OptimizerConfig {
  /** Default 0.1. */
  initialAccumulatorValue?: number;
  /** Default 1e-7. */
  epsilon?: number;
}

export class Adagrad extends Optimizer {
  readonly className = 'Adagrad';
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;
  protected readonly slotCount = 1;
  constructor(config: AdagradConfig = {}) {
    super(config, 0.001, ['initialAccumulatorValue', 'epsilon']);
    this.initialAccumulatorValue = config.initialAccumulatorValue ?? 0.1;
    this.epsilon = config.epsilon ?? 1e-7;
  }
  // The slot holds Σg² without the initial value (slots start at zero), which is added back here.
  protected update(p: FloatArray, g: FloatArray, [a]: FloatArray[], lr: number): void {
    const a0 = this.initialAccumulatorValue + this.epsilon;
    for (let i = 0; i < p.length; i++) {
      a[i] += g[i] * g[i];
      p[i] -= (lr * g[i]) / Math.sqrt(a[i] + a0);
    }
  }
  getConfig() {
    return {
      learningRate: this.learningRate,
      initialAccumulatorValue: this.initialAccumulatorValue,
      epsilon: this.epsilon,
      ...this.baseConfig(),
    };
  }
}

/** @example const opt = adagrad({ learningRate: 0.01 }); */
export function adagrad(config: AdagradConfig = {}): Adagrad {
  return new Adagrad(config);
}
