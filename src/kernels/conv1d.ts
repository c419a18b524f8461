// 1-D convolution over time, forward and backward (Keras Conv1D, channels last).
// x (B,T,C), kernel W (K,C/G,F) as Keras, bias b (F), y (B,To,F) = act(Σ_j,c x[b, t·s + j·dil − padL, c]·W[j,c,f] + b[f]).
// With G groups, channel c (group g = c / (C/G)) feeds only filters g·F/G .. (g+1)·F/G − 1, through
// W[j, c − g·C/G, f]. Steps outside [0,T) read zeros (padding). Forward keeps nothing but y; backward
// derives act' from y.

import type { FloatArray } from '../tensor.js';
import { type Activation, activate, activationBackward } from './activations.js';

export interface Conv1dGeometry {
  B: number;
  T: number;
  C: number;
  F: number;
  K: number;
  To: number;
  stride: number;
  dilation: number;
  padLeft: number;
  /** Channel groups G (Keras groups); C and F are multiples of G. Default 1. */
  groups?: number;
}

/** Output length and left padding for Keras' padding modes. */
export function conv1dGeometry(
  T: number,
  K: number,
  stride: number,
  dilation: number,
  padding: 'valid' | 'same' | 'causal',
): { To: number; padLeft: number } {
  const span = dilation * (K - 1) + 1;
  if (padding === 'valid') return { To: Math.max(0, Math.floor((T - span) / stride) + 1), padLeft: 0 };
  if (padding === 'causal') return { To: Math.floor((T - 1) / stride) + 1, padLeft: span - 1 };
  const To = Math.ceil(T / stride);
  const total = Math.max((To - 1) * stride + span - T, 0);
  return { To, padLeft: Math.floor(total / 2) };
}

export function conv1dForward(
  y: FloatArray,
  x: FloatArray,
  W: FloatArray,
  b: FloatArray | null,
  g: Conv1dGeometry,
  act: Activation,
): void {
  const { B, T, C, F, K, To, stride, dilation, padLeft } = g;
  const G = g.groups ?? 1,
    Cg = C / G,
    Fg = F / G;
  for (let n = 0; n < B; n++) {
    for (let t = 0; t < To; t++) {
      const yo = (n * To + t) * F;
      for (let f = 0; f < F; f++) y[yo + f] = b ? b[f] : 0;
      for (let j = 0; j < K; j++) {
        const ti = t * stride + j * dilation - padLeft;
        if (ti < 0 || ti >= T) continue;
        const xo = (n * T + ti) * C;
        for (let c = 0; c < C; c++) {
          const gr = Math.floor(c / Cg),
            xv = x[xo + c],
            wo = (j * Cg + c - gr * Cg) * F;
          for (let f = gr * Fg; f < (gr + 1) * Fg; f++) y[yo + f] += xv * W[wo + f];
        }
      }
    }
  }
  activate(act, y, 0, B * To * F, F);
}

/** dx (B,T,C) is overwritten; dW (K,C,F) and db (F) accumulate. dz (B,To,F) is a workspace. */
export function conv1dBackward(
  dx: FloatArray,
  dW: FloatArray,
  db: FloatArray | null,
  dz: FloatArray,
  dy: FloatArray,
  y: FloatArray,
  x: FloatArray,
  W: FloatArray,
  g: Conv1dGeometry,
  act: Activation,
): void {
  const { B, T, C, F, K, To, stride, dilation, padLeft } = g;
  const G = g.groups ?? 1,
    Cg = C / G,
    Fg = F / G;
  activationBackward(act, dz, 0, dy, 0, y, 0, B * To * F, F);
  dx.fill(0, 0, B * T * C);
  for (let n = 0; n < B; n++) {
    for (let t = 0; t < To; t++) {
      const zo = (n * To + t) * F;
      if (db) for (let f = 0; f < F; f++) db[f] += dz[zo + f];
      for (let j = 0; j < K; j++) {
        const ti = t * stride + j * dilation - padLeft;
        if (ti < 0 || ti >= T) continue;
        const xo = (n * T + ti) * C;
        for (let c = 0; c < C; c++) {
          const gr = Math.floor(c / Cg),
            xv = x[xo + c],
            wo = (j * Cg + c - gr * Cg) * F;
          let s = 0;
          for (let f = gr * Fg; f < (gr + 1) * Fg; f++) {
            dW[wo + f] += xv * dz[zo + f];
            s += W[wo + f] * dz[zo + f];
          }
          dx[xo + c] += s;
        }
      }
    }
  }
}
