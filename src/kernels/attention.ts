// Attention, forward and backward (Keras Attention = Luong dot product, AdditiveAttention = Bahdanau).
// q (B,Tq,D), k (B,Tv,D), v (B,Tv,Dv). Scores S (B,Tq,Tv): dot: scale·q·kᵀ; additive: Σ_d s_d·tanh(q_d + k_d).
// Masked keys get S − 1e9 (Keras), A = softmax_j(S), out (B,Tq,Dv) = A·v, then zeroed at masked queries.
// Forward caches A and, for additive, tanh(q+k) (B,Tq,Tv,D); backward recomputes nothing else.

import type { FloatArray } from '../tensor.js';

export interface AttentionDims {
  B: number;
  Tq: number;
  Tv: number;
  D: number;
  Dv: number;
}

/** S (B,Tq,Tv) = q·kᵀ (unscaled dot scores). */
export function dotScores(S: FloatArray, q: FloatArray, k: FloatArray, g: AttentionDims): void {
  const { B, Tq, Tv, D } = g;
  for (let b = 0; b < B; b++)
    for (let i = 0; i < Tq; i++)
      for (let j = 0; j < Tv; j++) {
        let s = 0;
        const qo = (b * Tq + i) * D,
          ko = (b * Tv + j) * D;
        for (let d = 0; d < D; d++) s += q[qo + d] * k[ko + d];
        S[(b * Tq + i) * Tv + j] = s;
      }
}

/** S (B,Tq,Tv) = Σ_d scale_d·th, th (B,Tq,Tv,D) = tanh(q + k) cached for backward. scale null = ones. */
export function additiveScores(
  S: FloatArray,
  th: FloatArray,
  q: FloatArray,
  k: FloatArray,
  scale: FloatArray | null,
  g: AttentionDims,
): void {
  const { B, Tq, Tv, D } = g;
  for (let b = 0; b < B; b++)
    for (let i = 0; i < Tq; i++)
      for (let j = 0; j < Tv; j++) {
        const qo = (b * Tq + i) * D,
          ko = (b * Tv + j) * D,
          r = (b * Tq + i) * Tv + j;
        let s = 0;
        for (let d = 0; d < D; d++) {
          const t = Math.tanh(q[qo + d] + k[ko + d]);
          th[r * D + d] = t;
          s += (scale ? scale[d] : 1) * t;
        }
        S[r] = s;
      }
}

/** A (B,Tq,Tv) = softmax over keys of S·mult − 1e9 at masked keys (vMask (B,Tv)) and, if causal, j > i. */
export function attentionWeights(
  A: FloatArray,
  S: FloatArray,
  mult: number,
  vMask: FloatArray | null,
  causal: boolean,
  g: AttentionDims,
): void {
  const { B, Tq, Tv } = g;
  for (let b = 0; b < B; b++)
    for (let i = 0; i < Tq; i++) {
      const r = (b * Tq + i) * Tv;
      let m = -Infinity;
      for (let j = 0; j < Tv; j++) {
        let s = S[r + j] * mult;
        if ((vMask && vMask[b * Tv + j] === 0) || (causal && j > i)) s -= 1e9;
        A[r + j] = s;
        if (s > m) m = s;
      }
      let z = 0;
      for (let j = 0; j < Tv; j++) z += A[r + j] = Math.exp(A[r + j] - m);
      for (let j = 0; j < Tv; j++) A[r + j] /= z;
    }
}

/** out (B,Tq,Dv) = A·v, rows of masked queries (qMask (B,Tq)) set to 0. */
export function attentionApply(
  out: FloatArray,
  A: FloatArray,
  v: FloatArray,
  qMask: FloatArray | null,
  g: AttentionDims,
): void {
  const { B, Tq, Tv, Dv } = g;
  out.fill(0, 0, B * Tq * Dv);
  for (let b = 0; b < B; b++)
    for (let i = 0; i < Tq; i++) {
      if (qMask && qMask[b * Tq + i] === 0) continue;
      const o = (b * Tq + i) * Dv;
      for (let j = 0; j < Tv; j++) {
        const a = A[(b * Tq + i) * Tv + j],
          vo = (b * Tv + j) * Dv;
        for (let d = 0; d < Dv; d++) out[o + d] += a * v[vo + d];
      }
    }
}

/**
 * From dOut (B,Tq,Dv) and dA (B,Tq,Tv) (gradient of returned scores, or null): accumulates dv and
 * writes dS (B,Tq,Tv) = ∂loss/∂(scores after the multiplier), through the softmax.
 */
export function attentionBackward(
  dS: FloatArray,
  dv: FloatArray,
  dOut: FloatArray | null,
  dAin: FloatArray | null,
  A: FloatArray,
  v: FloatArray,
  qMask: FloatArray | null,
  g: AttentionDims,
): void {
  const { B, Tq, Tv, Dv } = g;
  for (let b = 0; b < B; b++)
    for (let i = 0; i < Tq; i++) {
      const r = (b * Tq + i) * Tv,
        o = (b * Tq + i) * Dv;
      const live = dOut && !(qMask && qMask[b * Tq + i] === 0);
      let dot = 0;
      for (let j = 0; j < Tv; j++) {
        let da = dAin ? dAin[r + j] : 0;
        if (live) {
          const vo = (b * Tv + j) * Dv;
          for (let d = 0; d < Dv; d++) {
            da += dOut[o + d] * v[vo + d];
            dv[vo + d] += A[r + j] * dOut[o + d];
          }
        }
        dS[r + j] = da;
        dot += da * A[r + j];
      }
      for (let j = 0; j < Tv; j++) dS[r + j] = A[r + j] * (dS[r + j] - dot);
    }
}

/** Dot scores backward: dq, dk accumulate mult·dS·k and mult·dSᵀ·q; returns Σ dS ⊙ q·kᵀ (for the scale). */
export function dotScoresBackward(
  dq: FloatArray,
  dk: FloatArray,
  dS: FloatArray,
  q: FloatArray,
  k: FloatArray,
  mult: number,
  g: AttentionDims,
): number {
  const { B, Tq, Tv, D } = g;
  let dScale = 0;
  for (let b = 0; b < B; b++)
    for (let i = 0; i < Tq; i++)
      for (let j = 0; j < Tv; j++) {
        const ds = dS[(b * Tq + i) * Tv + j],
          qo = (b * Tq + i) * D,
          ko = (b * Tv + j) * D;
        let qk = 0;
        for (let d = 0; d < D; d++) {
          qk += q[qo + d] * k[ko + d];
          dq[qo + d] += mult * ds * k[ko + d];
          dk[ko + d] += mult * ds * q[qo + d];
        }
        dScale += ds * qk;
      }
  return dScale;
}

/** Additive scores backward: dq, dk and dScale (D) accumulate. */
export function additiveScoresBackward(
  dq: FloatArray,
  dk: FloatArray,
  dScale: FloatArray | null,
  dS: FloatArray,
  th: FloatArray,
  scale: FloatArray | null,
  g: AttentionDims,
): void {
  const { B, Tq, Tv, D } = g;
  for (let b = 0; b < B; b++)
    for (let i = 0; i < Tq; i++)
      for (let j = 0; j < Tv; j++) {
        const r = (b * Tq + i) * Tv + j,
          ds = dS[r],
          qo = (b * Tq + i) * D,
          ko = (b * Tv + j) * D;
        for (let d = 0; d < D; d++) {
          const t = th[r * D + d];
          const dp = ds * (scale ? scale[d] : 1) * (1 - t * t);
          dq[qo + d] += dp;
          dk[ko + d] += dp;
          if (dScale) dScale[d] += ds * t;
        }
      }
}
