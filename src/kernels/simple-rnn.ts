// SimpleRNN (Elman) over a whole sequence, forward and backward through time (Keras SimpleRNN).
// Keras layout: x (B,T,D), W (D,H), U (H,H), b (H); h_s = act(x_s·W + b + h_{s-1}·U).
// Same design as lstm.ts: time-major in processing order, x·W hoisted as one GEMM over T·B rows, one
// (B,H)x(H,H) GEMM per step, weight gradients as large GEMMs after the loop, masks carry state.
// Forward caches every h (and the dropped-out h_{s-1} the GEMM saw); the activation derivative is
// taken from h itself, so nothing is recomputed. recMask (B,H), optional and last: recurrent dropout.

import type { FloatArray } from '../tensor.js';
import { activate, derivativeFromOutput } from './activations.js';
import { addColumnSums, addRowVector, type Gemm } from './gemm.js';
import { type RecurrentOptions, timeMajor, writeOutputs } from './lstm.js';

/** SimpleRNN uses only `activation`; recurrentActivation is ignored. */
export type SimpleRnnOptions = RecurrentOptions;

export interface SimpleRnnWorkspace {
  B: number;
  T: number;
  D: number;
  H: number;
  xs: FloatArray; // (T,B,D) inputs in processing order
  a: FloatArray; // (T,B,H) pre-activations, then the new h before masking
  h: FloatArray; // (T+1,B,H) hidden states, block 0 = h0
  hm: FloatArray; // (T,B,H) h_{s-1} as seen by the recurrent GEMM
  da: FloatArray; // (T,B,H) pre-activation gradients
  dh: FloatArray; // (B,H) running gradient of h_s
  keep: FloatArray; // (B,H) dh of masked rows across the recurrent GEMM
  dxs: FloatArray; // (T,B,D)
}

/** Allocates the buffers one (B,T) shape needs; reuse it for every batch of that shape. */
export function simpleRnnWorkspace(
  alloc: (n: number) => FloatArray,
  B: number,
  T: number,
  D: number,
  H: number,
): SimpleRnnWorkspace {
  const TBH = T * B * H;
  return {
    B,
    T,
    D,
    H,
    xs: alloc(T * B * D),
    a: alloc(TBH),
    h: alloc(TBH + B * H),
    hm: alloc(TBH),
    da: alloc(TBH),
    dh: alloc(B * H),
    keep: alloc(B * H),
    dxs: alloc(T * B * D),
  };
}

/** Forward pass. y: (B,T,H) or (B,H) (returnSequences); hT (B,H) receives the final state when given. */
export function simpleRnnForward(
  gemm: Gemm,
  y: FloatArray,
  hT: FloatArray | null,
  ws: SimpleRnnWorkspace,
  x: FloatArray,
  W: FloatArray,
  U: FloatArray,
  b: FloatArray | null,
  h0: FloatArray | null,
  mask: FloatArray | null,
  o: SimpleRnnOptions,
  recMask: FloatArray | null = null,
): void {
  const { B, T, D, H, xs, a, h, hm } = ws;
  const BH = B * H;
  timeMajor(xs, x, B, T, D, o.goBackwards);
  gemm(a, 0, xs, 0, W, 0, T * B, H, D, false, false, 0);
  if (b) addRowVector(a, 0, b, 0, T * B, H);
  if (h0) h.set(h0.subarray(0, BH));
  else h.fill(0, 0, BH);
  for (let s = 0; s < T; s++) {
    const prev = s * BH,
      cur = prev + BH;
    for (let i = 0; i < BH; i++) hm[prev + i] = recMask ? h[prev + i] * recMask[i] : h[prev + i];
    gemm(a, prev, hm, prev, U, 0, B, H, H, false, false, 1);
    activate(o.activation, a, prev, BH);
    for (let r = 0; r < B; r++) {
      const skip = mask !== null && mask[r * T + (o.goBackwards ? T - 1 - s : s)] === 0;
      const src = skip ? h : a; // both blocks start at prev
      for (let j = 0; j < H; j++) h[cur + r * H + j] = src[prev + r * H + j];
    }
  }
  writeOutputs(y, h, B, T, H, o.returnSequences);
  if (hT) hT.set(h.subarray(T * BH, (T + 1) * BH));
}

/**
 * Backward pass after simpleRnnForward on the same ws. dy matches y's layout (or null); dhT is the
 * gradient of the returned final state (or null). dW, dU, db accumulate (+=); dx, dh0 are overwritten.
 */
export function simpleRnnBackward(
  gemm: Gemm,
  dx: FloatArray | null,
  dW: FloatArray,
  dU: FloatArray,
  db: FloatArray | null,
  dh0: FloatArray | null,
  dy: FloatArray | null,
  dhT: FloatArray | null,
  ws: SimpleRnnWorkspace,
  _x: FloatArray, // unused: the cached time-major copy ws.xs is read instead (same signature as lstmBackward)
  W: FloatArray,
  U: FloatArray,
  mask: FloatArray | null,
  o: SimpleRnnOptions,
  recMask: FloatArray | null = null,
): void {
  const { B, T, D, H, a, da, dh, keep, hm } = ws;
  const BH = B * H;
  if (dhT) dh.set(dhT.subarray(0, BH));
  else dh.fill(0);
  if (dy && !o.returnSequences) for (let i = 0; i < BH; i++) dh[i] += dy[i];
  for (let s = T - 1; s >= 0; s--) {
    const t = o.goBackwards ? T - 1 - s : s;
    const prev = s * BH;
    let masked = false;
    for (let r = 0; r < B; r++) {
      const hr = r * H;
      if (dy && o.returnSequences) for (let j = 0; j < H; j++) dh[hr + j] += dy[(r * T + s) * H + j];
      if (mask && mask[r * T + t] === 0) {
        da.fill(0, prev + hr, prev + hr + H);
        for (let j = 0; j < H; j++) keep[hr + j] = dh[hr + j];
        masked = true;
        continue;
      }
      for (let j = 0; j < H; j++) da[prev + hr + j] = dh[hr + j] * derivativeFromOutput(o.activation, a[prev + hr + j]);
    }
    gemm(dh, 0, da, prev, U, 0, B, H, H, false, true, 0);
    if (recMask) for (let i = 0; i < BH; i++) dh[i] *= recMask[i];
    if (masked) {
      for (let r = 0; r < B; r++) {
        if (mask![r * T + t] !== 0) continue;
        for (let j = 0; j < H; j++) dh[r * H + j] = keep[r * H + j];
      }
    }
  }
  if (dh0) dh0.set(dh);
  gemm(dW, 0, ws.xs, 0, da, 0, D, H, T * B, true, false, 1);
  gemm(dU, 0, hm, 0, da, 0, H, H, T * B, true, false, 1);
  if (db) addColumnSums(db, 0, da, 0, T * B, H);
  if (dx) {
    gemm(ws.dxs, 0, da, 0, W, 0, T * B, D, H, false, true, 0);
    timeMajor(ws.dxs, dx, B, T, D, o.goBackwards, true);
  }
}
