// Losses: value and gradient w.r.t. predictions in one pass. yPred and yTrue are (N, K) flattened;
// the loss is the mean over the last axis, then the weighted mean over samples (Keras'
// sum_over_batch_size reduction with optional per-sample weights).

import { DataError } from '../errors.js';
import type { FloatArray } from '../tensor.js';

/** Returns the loss; writes dPred = ∂loss/∂yPred. w (N) are sample weights or null. */
export type LossFn = (
  dPred: FloatArray,
  yPred: FloatArray,
  yTrue: FloatArray,
  N: number,
  K: number,
  w: FloatArray | null,
) => number;

function elementwise(f: (d: number) => number, df: (d: number) => number): LossFn {
  return (dPred, yPred, yTrue, N, K, w) => {
    let total = 0;
    for (let n = 0; n < N; n++) {
      const wn = w ? w[n] : 1;
      const scale = wn / (N * K);
      let s = 0;
      for (let k = 0; k < K; k++) {
        const i = n * K + k,
          d = yPred[i] - yTrue[i];
        s += f(d);
        dPred[i] = scale * df(d);
      }
      total += (wn * s) / K;
    }
    return total / N;
  };
}

export const meanSquaredError: LossFn = elementwise(
  (d) => d * d,
  (d) => 2 * d,
);
export const meanAbsoluteError: LossFn = elementwise(
  (d) => Math.abs(d),
  (d) => Math.sign(d),
);

// --- Keras 3 losses with options (keras/losses/losses.py); fromLogits variants are fused for stability ---

/** Keras' backend epsilon (MAPE's denominator floor). */
const EPS = 1e-7;
/**
 * Probability clipping bounds as Keras computes them, in float32: [fround(1e-7), fround(1 − 1e-7)]; the
 * upper bound is 1 − 2⁻²³, so log(1 − p) there is log 2⁻²³ (Keras), not log 1e-7.
 */
const P_LO = Math.fround(EPS),
  P_HI = Math.fround(1 - EPS);

/** Huber loss: ½d² for |d| ≤ delta, delta·(|d| − ½delta) beyond; mean over the last axis. */
export function huberLoss(delta = 1): LossFn {
  return elementwise(
    (d) => (Math.abs(d) <= delta ? 0.5 * d * d : delta * (Math.abs(d) - 0.5 * delta)),
    (d) => (Math.abs(d) <= delta ? d : delta * Math.sign(d)),
  );
}

/** log(cosh(d)), computed as |d| + log1p(e^(−2|d|)) − log 2 so large errors do not overflow. */
export const logCosh: LossFn = elementwise(
  (d) => Math.abs(d) + Math.log1p(Math.exp(-2 * Math.abs(d))) - Math.LN2,
  (d) => Math.tanh(d),
);

/** Mean absolute percentage error: 100·|d| / max(|y|, ε). */
export const meanAbsolutePercentageError: LossFn = (dPred, yPred, yTrue, N, K, w) => {
  let total = 0;
  for (let n = 0; n < N; n++) {
    const wn = w ? w[n] : 1;
    let s = 0;
    for (let k = 0; k < K; k++) {
      const i = n * K + k,
        d = yPred[i] - yTrue[i],
        den = Math.max(Math.abs(yTrue[i]), EPS);
      s += (100 * Math.abs(d)) / den;
      dPred[i] = (wn * 100 * Math.sign(d)) / den / (N * K);
    }
    total += (wn * s) / K;
  }
  return total / N;
};

/**
 * Binary cross-entropy, mean over the last axis; probabilities clipped to [ε, 1−ε] in float32 as Keras
 * does, or logits (fused with the sigmoid). labelSmoothing s uses targets y·(1−s) + s/2.
 */
export function binaryCrossentropy(fromLogits = false, labelSmoothing = 0): LossFn {
  return (dPred, yPred, yTrue, N, K, w) => {
    let total = 0;
    for (let n = 0; n < N; n++) {
      const wn = w ? w[n] : 1,
        scale = wn / (N * K);
      let s = 0;
      for (let k = 0; k < K; k++) {
        const i = n * K + k,
          y = yTrue[i] * (1 - labelSmoothing) + 0.5 * labelSmoothing,
          z = yPred[i];
        if (fromLogits) {
          s += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
          dPred[i] = scale * (1 / (1 + Math.exp(-z)) - y);
        } else {
          const p = Math.min(P_HI, Math.max(P_LO, z)),
            q = 1 - p;
          s -= y * Math.log(p) + (1 - y) * Math.log(q);
          dPred[i] = p === z ? scale * (-y / p + (1 - y) / q) : 0;
        }
      }
      total += (wn * s) / K;
    }
    return total / N;
  };
}

/**
 * Categorical cross-entropy over rows of C classes (C = the last axis; pass `classes` for sequence
 * outputs, else K); −Σ y·log p summed over classes, mean over rows. Probabilities are renormalized and
 * clipped as in Keras (float32 bounds); logits go through a fused log-softmax. labelSmoothing s uses
 * targets y·(1−s) + s/C.
 */
export function categoricalCrossentropy(fromLogits = false, classes = 0, labelSmoothing = 0): LossFn {
  return (dPred, yPred, yTrue, N, K, w) => {
    const C = classes || K,
      R = K / C;
    let total = 0;
    for (let n = 0; n < N; n++) {
      const wn = w ? w[n] : 1,
        scale = wn / (N * R);
      for (let r = 0; r < R; r++) {
        const o = n * K + r * C;
        const y = (c: number) => yTrue[o + c] * (1 - labelSmoothing) + labelSmoothing / C;
        total += (wn * crossEntropyRow(dPred, yPred, o, C, y, fromLogits, scale)) / R;
      }
    }
    return total / N;
  };
}

/**
 * Sparse categorical cross-entropy: integer class targets (one per row of C predictions; C is inferred
 * from the sizes). With fromLogits the softmax is fused into the loss (log-sum-exp), stable for any logits.
 */
export function sparseCategoricalCrossentropy(fromLogits = false): LossFn {
  const fn: LossFn = (dPred, yPred, yTrue, N, K, w) => {
    const R = yTrue.length / N,
      C = K / R;
    if (!Number.isInteger(C))
      throw new DataError(`sparseCategoricalCrossentropy: ${K} predictions per sample do not divide into ${R} targets`);
    let total = 0;
    for (let n = 0; n < N; n++) {
      const wn = w ? w[n] : 1,
        scale = wn / (N * R);
      for (let r = 0; r < R; r++) {
        const cls = yTrue[n * R + r];
        if (!(Number.isInteger(cls) && cls >= 0 && cls < C))
          throw new DataError(
            `sparseCategoricalCrossentropy: target ${cls} (sample ${n}) is not a class index in [0, ${C})`,
          );
        total +=
          (wn * crossEntropyRow(dPred, yPred, n * K + r * C, C, (c) => (c === cls ? 1 : 0), fromLogits, scale)) / R;
      }
    }
    return total / N;
  };
  return Object.assign(fn, { sparseTargets: true });
}

/** −Σ y_c log p_c for one row of C values at offset o; writes scale·∂/∂pred into dPred. */
function crossEntropyRow(
  dPred: FloatArray,
  yPred: FloatArray,
  o: number,
  C: number,
  y: (c: number) => number,
  fromLogits: boolean,
  scale: number,
): number {
  let loss = 0;
  if (fromLogits) {
    let m = -Infinity,
      sy = 0;
    for (let c = 0; c < C; c++) m = Math.max(m, yPred[o + c]);
    let se = 0;
    for (let c = 0; c < C; c++) se += Math.exp(yPred[o + c] - m);
    const lse = m + Math.log(se);
    for (let c = 0; c < C; c++) {
      loss -= y(c) * (yPred[o + c] - lse);
      sy += y(c);
    }
    for (let c = 0; c < C; c++) dPred[o + c] = scale * (Math.exp(yPred[o + c] - lse) * sy - y(c));
    return loss;
  }
  let S = 0;
  for (let c = 0; c < C; c++) S += yPred[o + c];
  let gq = 0;
  for (let c = 0; c < C; c++) {
    const q = yPred[o + c] / S,
      qc = Math.min(P_HI, Math.max(P_LO, q));
    loss -= y(c) * Math.log(qc);
    const g = qc === q ? -y(c) / q : 0;
    dPred[o + c] = g;
    gq += g * q;
  }
  for (let c = 0; c < C; c++) dPred[o + c] = (scale * (dPred[o + c] - gq)) / S;
  return loss;
}
