// How losses and metrics see an output: they reduce its last axis and average over every other
// position, as Keras does, so a sequence output (N,T,V) is N·T rows of V class scores (a per-step
// cross-entropy), not N rows of T·V. Per-sample weights (N) apply to each of their sample's rows;
// per-timestep weights (N,T), one per row, apply to their row (Keras' sample_weight of shape (N,T)).

import { ShapeError } from '../errors.js';
import type { FloatArray, Tensor } from '../tensor.js';

export interface LossRows {
  rows: number;
  K: number;
  w: FloatArray | null;
}

/**
 * Rows and row width of an output for the loss kernels, with sample weights expanded to rows.
 * @example lossRows(new Tensor(new Float32Array(12), [2, 3, 2]), Float32Array.from([1, 2])).w  //=> [1, 1, 1, 2, 2, 2]
 */
export function lossRows(pred: Tensor, w: FloatArray | null): LossRows {
  const N = pred.shape[0];
  const K = pred.rank >= 2 ? pred.shape[pred.rank - 1] : 1;
  const rows = K === 0 ? N : pred.size / K;
  if (!w || w.length === rows) return { rows, K, w };
  if (w.length !== N)
    throw new ShapeError(
      `sample weights have ${w.length} values for ${N} samples of ${rows / N} steps: give one per sample or one per step`,
      'loss',
    );
  const per = rows / N;
  const wr = new Float32Array(rows);
  for (let r = 0; r < rows; r++) wr[r] = w[Math.floor(r / per)];
  return { rows, K, w: wr };
}
