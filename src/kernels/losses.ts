// Losses: value and gradient w.r.t. predictions in one pass. yPred and yTrue are (N, K) flattened;
// the loss is the mean over the last axis, then the weighted mean over samples (Keras'
// sum_over_batch_size reduction with optional per-sample weights).

import type { FloatArray } from '../tensor.js';

/** Returns the loss; writes dPred = ∂loss/∂yPred. w (N) are sample weights or null. */
export type LossFn = (dPred: FloatArray, yPred: FloatArray, yTrue: FloatArray, N: number, K: number, w: FloatArray | null) => number;

function elementwise(f: (d: number) => number, df: (d: number) => number): LossFn {
  return (dPred, yPred, yTrue, N, K, w) => {
    let total = 0;
    for (let n = 0; n < N; n++) {
      const wn = w ? w[n] : 1;
      const scale = wn / (N * K);
      let s = 0;
      for (let k = 0; k < K; k++) {
        const i = n * K + k, d = yPred[i] - yTrue[i];
        s += f(d);
        dPred[i] = scale * df(d);
      }
      total += (wn * s) / K;
    }
    return total / N;
  };
}

export const meanSquaredError: LossFn = elementwise((d) => d * d, (d) => 2 * d);
export const meanAbsoluteError: LossFn = elementwise((d) => Math.abs(d), (d) => Math.sign(d));
