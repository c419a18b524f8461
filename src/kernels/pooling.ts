// 1-D pooling over time (Keras MaxPooling1D / AveragePooling1D and the global variants), channels last.
// x (B,T,C) -> y (B,To,C). Windows start at t·stride − padLeft; padded steps are skipped, so a
// 'same' average divides by the number of real steps in the window (as Keras).

import type { FloatArray } from '../tensor.js';

export interface PoolGeometry {
  B: number;
  T: number;
  C: number;
  To: number;
  pool: number;
  stride: number;
  padLeft: number;
}

/** y (B,To,C); arg (B,To,C) receives the source step of each max (for backward). */
export function maxPool1dForward(y: FloatArray, arg: Int32Array, x: FloatArray, g: PoolGeometry): void {
  const { B, T, C, To, pool, stride, padLeft } = g;
  for (let n = 0; n < B; n++) {
    for (let t = 0; t < To; t++) {
      const lo = Math.max(0, t * stride - padLeft),
        hi = Math.min(T, t * stride - padLeft + pool);
      for (let c = 0; c < C; c++) {
        let best = -Infinity,
          at = lo;
        for (let s = lo; s < hi; s++) {
          const v = x[(n * T + s) * C + c];
          if (v > best) {
            best = v;
            at = s;
          }
        }
        const o = (n * To + t) * C + c;
        y[o] = best;
        arg[o] = at;
      }
    }
  }
}

/** dx (B,T,C) is overwritten. */
export function maxPool1dBackward(dx: FloatArray, dy: FloatArray, arg: Int32Array, g: PoolGeometry): void {
  const { B, T, C, To } = g;
  dx.fill(0, 0, B * T * C);
  for (let n = 0; n < B; n++)
    for (let t = 0; t < To; t++)
      for (let c = 0; c < C; c++) {
        const o = (n * To + t) * C + c;
        dx[(n * T + arg[o]) * C + c] += dy[o];
      }
}

export function avgPool1dForward(y: FloatArray, x: FloatArray, g: PoolGeometry): void {
  const { B, T, C, To, pool, stride, padLeft } = g;
  for (let n = 0; n < B; n++) {
    for (let t = 0; t < To; t++) {
      const lo = Math.max(0, t * stride - padLeft),
        hi = Math.min(T, t * stride - padLeft + pool);
      for (let c = 0; c < C; c++) {
        let s = 0;
        for (let k = lo; k < hi; k++) s += x[(n * T + k) * C + c];
        y[(n * To + t) * C + c] = s / (hi - lo);
      }
    }
  }
}

/** dx (B,T,C) is overwritten. */
export function avgPool1dBackward(dx: FloatArray, dy: FloatArray, g: PoolGeometry): void {
  const { B, T, C, To, pool, stride, padLeft } = g;
  dx.fill(0, 0, B * T * C);
  for (let n = 0; n < B; n++) {
    for (let t = 0; t < To; t++) {
      const lo = Math.max(0, t * stride - padLeft),
        hi = Math.min(T, t * stride - padLeft + pool);
      for (let c = 0; c < C; c++) {
        const d = dy[(n * To + t) * C + c] / (hi - lo);
        for (let k = lo; k < hi; k++) dx[(n * T + k) * C + c] += d;
      }
    }
  }
}
