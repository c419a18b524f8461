// Losses for the 1997 experiments, as custom LossFn objects passed to compile(): the paper's summed
// squared error (online gradient descent on E = ½ Σ over steps and outputs of (y − t)², no averaging,
// so the paper's learning rates keep their meaning), and a cross-entropy on softmax outputs for the
// Adam runs. Both skip rows whose targets are IGNORE (padding), and both keep the last predictions so
// the training loop can judge each sequence without a second forward pass.

import type { FloatArray } from '../../src/index.js';
import type { LossFn } from '../../src/kernels/losses.js';
import { IGNORE } from './tasks.js';

/** A loss that also keeps a copy of the predictions of its last call. */
export interface CapturingLoss {
  fn: LossFn;
  /** The predictions (rows × K) of the last call. */
  last: Float32Array;
}

function capturing(core: (d: FloatArray, p: FloatArray, t: FloatArray, N: number, K: number) => number): CapturingLoss {
  const c: CapturingLoss = {
    last: new Float32Array(0),
    fn: (d, p, t, N, K) => {
      if (c.last.length !== p.length) c.last = new Float32Array(p.length);
      c.last.set(p);
      return core(d, p, t, N, K);
    },
  };
  return c;
}

/**
 * The paper's error: ½ Σ (y − t)² over the outputs of every scored row, summed over the batch. With
 * `meanOverSteps` (per-step targets) the rows of a sequence are averaged instead of summed: one update
 * per sequence then moves the weights about as far as the paper's one small update per step.
 * @example compile({ optimizer: sgd({ learningRate: 0.1 }), loss: sumSquaredError().fn })
 */
export function sumSquaredError(meanOverSteps = false): CapturingLoss {
  return capturing((d, p, t, N, K) => {
    let e = 0,
      rows = 0;
    for (let n = 0; n < N; n++) if (t[n * K] !== IGNORE) rows++;
    const scale = meanOverSteps && rows ? 1 / rows : 1;
    for (let n = 0; n < N; n++) {
      const o = n * K,
        skip = t[o] === IGNORE;
      for (let k = 0; k < K; k++) {
        const diff = skip ? 0 : p[o + k] - t[o + k];
        d[o + k] = diff * scale;
        e += 0.5 * diff * diff * scale;
      }
    }
    return e;
  });
}

/**
 * Cross-entropy −Σ t·log p on softmax (or sigmoid, per unit) probabilities, mean over scored rows.
 * @example compile({ optimizer: adam({ learningRate: 0.01 }), loss: crossEntropy().fn })
 */
export function crossEntropy(): CapturingLoss {
  const EPS = 1e-7;
  return capturing((d, p, t, N, K) => {
    let e = 0,
      rows = 0;
    for (let n = 0; n < N; n++) if (t[n * K] !== IGNORE) rows++;
    for (let n = 0; n < N; n++) {
      const o = n * K,
        skip = t[o] === IGNORE;
      for (let k = 0; k < K; k++) {
        const q = Math.min(1 - EPS, Math.max(EPS, p[o + k]));
        if (skip || t[o + k] === 0) {
          d[o + k] = 0;
          continue;
        }
        e -= t[o + k] * Math.log(q);
        d[o + k] = q === p[o + k] ? -t[o + k] / q / rows : 0;
      }
    }
    return rows ? e / rows : 0;
  });
}

/**
 * Mean squared error over the scored rows (Adam runs of the regression tasks).
 * @example compile({ optimizer: adam(), loss: meanSquaredError().fn })
 */
export function meanSquaredError(): CapturingLoss {
  return capturing((d, p, t, N, K) => {
    let e = 0,
      n2 = 0;
    for (let n = 0; n < N; n++) if (t[n * K] !== IGNORE) n2 += K;
    for (let i = 0; i < N * K; i++) {
      const skip = t[i - (i % K)] === IGNORE,
        diff = skip ? 0 : p[i] - t[i];
      d[i] = n2 ? (2 * diff) / n2 : 0;
      e += diff * diff;
    }
    return n2 ? e / n2 : 0;
  });
}
