// 2-D pooling (Keras MaxPooling2D / AveragePooling2D / GlobalAveragePooling2D), channels last.
// x (B,H,W,C) -> y (B,Ho,Wo,C). Windows start at (i·sh − padTop, j·sw − padLeft); padded positions are
// skipped, so a 'same' average divides by the number of real positions in the window (as Keras).

import type { FloatArray } from '../tensor.js';

export interface Pool2dGeometry {
  B: number;
  H: number;
  W: number;
  C: number;
  Ho: number;
  Wo: number;
  poolH: number;
  poolW: number;
  strideH: number;
  strideW: number;
  padTop: number;
  padLeft: number;
}

/** Calls visit(yIndex, xIndices) for each output position and channel (x indices of its window). */
function windows(g: Pool2dGeometry, visit: (yo: number, xs: number[]) => void): void {
  const { B, H, W, C, Ho, Wo, poolH, poolW, strideH, strideW, padTop, padLeft } = g;
  const xs: number[] = [];
  for (let n = 0; n < B; n++)
    for (let i = 0; i < Ho; i++) {
      const r0 = Math.max(0, i * strideH - padTop),
        r1 = Math.min(H, i * strideH - padTop + poolH);
      for (let j = 0; j < Wo; j++) {
        const s0 = Math.max(0, j * strideW - padLeft),
          s1 = Math.min(W, j * strideW - padLeft + poolW);
        for (let c = 0; c < C; c++) {
          xs.length = 0;
          for (let r = r0; r < r1; r++) for (let s = s0; s < s1; s++) xs.push(((n * H + r) * W + s) * C + c);
          visit(((n * Ho + i) * Wo + j) * C + c, xs);
        }
      }
    }
}

/** y (B,Ho,Wo,C); arg (B,Ho,Wo,C) receives the flat x index of each maximum (for backward; the first on ties). */
export function maxPool2dForward(y: FloatArray, arg: Int32Array, x: FloatArray, g: Pool2dGeometry): void {
  windows(g, (yo, xs) => {
    let best = -Infinity,
      at = xs[0];
    for (const i of xs)
      if (x[i] > best) {
        best = x[i];
        at = i;
      }
    y[yo] = best;
    arg[yo] = at;
  });
}

/** dx (B,H,W,C) is overwritten. */
export function maxPool2dBackward(dx: FloatArray, dy: FloatArray, arg: Int32Array, g: Pool2dGeometry): void {
  dx.fill(0, 0, g.B * g.H * g.W * g.C);
  for (let o = 0; o < g.B * g.Ho * g.Wo * g.C; o++) dx[arg[o]] += dy[o];
}

export function avgPool2dForward(y: FloatArray, x: FloatArray, g: Pool2dGeometry): void {
  windows(g, (yo, xs) => {
    let s = 0;
    for (const i of xs) s += x[i];
    y[yo] = s / xs.length;
  });
}

/** dx (B,H,W,C) is overwritten. */
export function avgPool2dBackward(dx: FloatArray, dy: FloatArray, g: Pool2dGeometry): void {
  dx.fill(0, 0, g.B * g.H * g.W * g.C);
  windows(g, (yo, xs) => {
    const d = dy[yo] / xs.length;
    for (const i of xs) dx[i] += d;
  });
}

/** Mean over H and W: x (B,H,W,C) -> y (B,C). */
export function globalAvgPool2dForward(y: FloatArray, x: FloatArray, B: number, HW: number, C: number): void {
  y.fill(0, 0, B * C);
  for (let n = 0; n < B; n++)
    for (let p = 0; p < HW; p++) for (let c = 0; c < C; c++) y[n * C + c] += x[(n * HW + p) * C + c] / HW;
}

/** dx (B,H,W,C) is overwritten. */
export function globalAvgPool2dBackward(dx: FloatArray, dy: FloatArray, B: number, HW: number, C: number): void {
  for (let n = 0; n < B; n++)
    for (let p = 0; p < HW; p++) for (let c = 0; c < C; c++) dx[(n * HW + p) * C + c] = dy[n * C + c] / HW;
}
