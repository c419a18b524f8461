// 2-D convolution, forward and backward (Keras Conv2D, channels last).
// x (B,H,W,C), kernel (KH,KW,C,F) as Keras, bias (F), y (B,Ho,Wo,F):
// y[n,i,j,f] = act(b[f] + Σ_{a,b,c} x[n, i·sh + a·dh − padTop, j·sw + b·dw − padLeft, c] · W[a,b,c,f]).
// Positions outside the image read zeros (padding). Forward keeps nothing but y; backward derives act'
// from y. Output sizes and padding per axis follow conv1dGeometry (the same rule as Conv1D).

import type { FloatArray } from '../tensor.js';
import { type Activation, activate, activationBackward } from './activations.js';

export interface Conv2dGeometry {
  B: number;
  H: number;
  W: number;
  C: number;
  F: number;
  KH: number;
  KW: number;
  Ho: number;
  Wo: number;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
  padTop: number;
  padLeft: number;
}

export function conv2dForward(
  y: FloatArray,
  x: FloatArray,
  K: FloatArray,
  bias: FloatArray | null,
  g: Conv2dGeometry,
  act: Activation,
): void {
  const { B, H, W, C, F, KH, KW, Ho, Wo, strideH, strideW, dilationH, dilationW, padTop, padLeft } = g;
  for (let n = 0; n < B; n++) {
    for (let i = 0; i < Ho; i++) {
      for (let j = 0; j < Wo; j++) {
        const yo = ((n * Ho + i) * Wo + j) * F;
        for (let f = 0; f < F; f++) y[yo + f] = bias ? bias[f] : 0;
        for (let a = 0; a < KH; a++) {
          const r = i * strideH + a * dilationH - padTop;
          if (r < 0 || r >= H) continue;
          for (let b = 0; b < KW; b++) {
            const s = j * strideW + b * dilationW - padLeft;
            if (s < 0 || s >= W) continue;
            const xo = ((n * H + r) * W + s) * C,
              ko = (a * KW + b) * C;
            for (let c = 0; c < C; c++) {
              const xv = x[xo + c],
                wo = (ko + c) * F;
              if (xv === 0) continue; // frames are mostly zeros; skipping them changes no finite result
              for (let f = 0; f < F; f++) y[yo + f] += xv * K[wo + f];
            }
          }
        }
      }
    }
  }
  activate(act, y, 0, B * Ho * Wo * F, F);
}

/** dx (B,H,W,C) is overwritten; dK (KH,KW,C,F) and db (F) accumulate. dz (B,Ho,Wo,F) is a workspace. */
export function conv2dBackward(
  dx: FloatArray,
  dK: FloatArray,
  db: FloatArray | null,
  dz: FloatArray,
  dy: FloatArray,
  y: FloatArray,
  x: FloatArray,
  K: FloatArray,
  g: Conv2dGeometry,
  act: Activation,
): void {
  const { B, H, W, C, F, KH, KW, Ho, Wo, strideH, strideW, dilationH, dilationW, padTop, padLeft } = g;
  activationBackward(act, dz, 0, dy, 0, y, 0, B * Ho * Wo * F, F);
  dx.fill(0, 0, B * H * W * C);
  for (let n = 0; n < B; n++) {
    for (let i = 0; i < Ho; i++) {
      for (let j = 0; j < Wo; j++) {
        const zo = ((n * Ho + i) * Wo + j) * F;
        if (db) for (let f = 0; f < F; f++) db[f] += dz[zo + f];
        for (let a = 0; a < KH; a++) {
          const r = i * strideH + a * dilationH - padTop;
          if (r < 0 || r >= H) continue;
          for (let b = 0; b < KW; b++) {
            const s = j * strideW + b * dilationW - padLeft;
            if (s < 0 || s >= W) continue;
            const xo = ((n * H + r) * W + s) * C,
              ko = (a * KW + b) * C;
            for (let c = 0; c < C; c++) {
              const xv = x[xo + c],
                wo = (ko + c) * F;
              let sum = 0;
              for (let f = 0; f < F; f++) {
                dK[wo + f] += xv * dz[zo + f];
                sum += K[wo + f] * dz[zo + f];
              }
              dx[xo + c] += sum;
            }
          }
        }
      }
    }
  }
}
