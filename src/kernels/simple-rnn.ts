// SimpleRNN (Elman) over a whole sequence, forward and backward through time (Keras SimpleRNN).
// Keras layout: x (B,T,D), W (D,H), U (H,H), b (H); h_s = act(x_s·W + b + h_{s-1}·U).
// Same design as lstm.ts: time-major in processing order, x·W hoisted as one GEMM over T·B rows, one
// (B,H)x(H,H) GEMM per step, weight gradients as large GEMMs after the loop, masks carry state.
// Forward caches every h (and the dropped-out h_{s-1} the GEMM saw); the activation derivative is
// taken from h itself, so nothing is recomputed. recMask (B,H), optional: recurrent dropout.
// simpleRnnForward/simpleRnnBackward are the one driver; a backend plugs in its step loops.

import type { FloatArray } from '../tensor.js';
import { activate, derivativeFromOutput } from './activations.js';
import {
  type RecurrentOptions,
  referenceSequenceKernels,
  type SequenceKernels,
  setInitialState,
  finishOutputs,
  inputGradients,
  startGradient,
} from './sequence.js';

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

/** One forward run, outputs first. y: (B,T,H) with returnSequences, else (B,H). */
export interface SimpleRnnForwardArgs {
  y: FloatArray;
  hT: FloatArray | null; // (B,H) receives the final state when given
  ws: SimpleRnnWorkspace;
  x: FloatArray; // (B,T,D)
  W: FloatArray; // (D,H)
  U: FloatArray; // (H,H)
  b: FloatArray | null; // (H)
  h0: FloatArray | null; // (B,H)
  mask: FloatArray | null; // (B,T)
  recMask?: FloatArray | null; // (B,H)
  options: SimpleRnnOptions;
}

/**
 * One backward run after simpleRnnForward on the same ws. dy matches y's layout (or null); dhT is the
 * gradient of the returned final state (or null). dW, dU, db accumulate (+=); dx, dh0 are overwritten.
 */
export interface SimpleRnnBackwardArgs {
  dx: FloatArray | null; // (B,T,D)
  dW: FloatArray; // (D,H)
  dU: FloatArray; // (H,H)
  db: FloatArray | null; // (H)
  dh0: FloatArray | null; // (B,H)
  dy: FloatArray | null;
  dhT: FloatArray | null; // (B,H)
  ws: SimpleRnnWorkspace;
  x: FloatArray; // unused: the cached time-major copy ws.xs is read instead
  W: FloatArray;
  U: FloatArray;
  mask: FloatArray | null;
  recMask?: FloatArray | null;
  options: SimpleRnnOptions;
}

/** What a backend plugs into the SimpleRNN driver: sequence operations and the two step loops. */
export interface SimpleRnnKernels extends SequenceKernels {
  /** Forward steps s0..s1-1 (ws.a holds xs·W + b). */
  forwardSteps(a: SimpleRnnForwardArgs, s0: number, s1: number): void;
  /** Backward steps s1-1 down to s0; ws.dh carries the running gradient. */
  backwardSteps(a: SimpleRnnBackwardArgs, s0: number, s1: number): void;
}

/** Forward pass (the driver): input projection, the backend's step loop, outputs. */
export function simpleRnnForward(k: SimpleRnnKernels, a: SimpleRnnForwardArgs): void {
  const { ws, options: o } = a;
  const { B, T, D, H } = ws;
  const BH = B * H;
  k.timeMajor(ws.xs, a.x, B, T, D, o.goBackwards, false);
  k.inputProjection(ws.a, ws.xs, a.W, a.b, T * B, H, D);
  setInitialState(ws.h, a.h0, BH);
  k.forwardSteps(a, 0, T);
  finishOutputs(a.y, a.hT, ws.h, B, T, H, o.returnSequences);
}

/** Backward pass (the driver): the backend's step loop, then dW, dU, db, dx as large GEMMs. */
export function simpleRnnBackward(k: SimpleRnnKernels, a: SimpleRnnBackwardArgs): void {
  const { ws, options: o } = a;
  const { B, T, H, da, hm } = ws;
  startGradient(ws.dh, a.dhT, a.dy, o.returnSequences, B * H);
  k.backwardSteps(a, 0, T);
  if (a.dh0) a.dh0.set(ws.dh);
  k.gemm(a.dU, 0, hm, 0, da, 0, H, H, T * B, true, false, 1);
  if (a.db) k.columnSums(a.db, 0, da, 0, T * B, H);
  inputGradients(k, a.dx, a.dW, ws, da, a.W, H, o.goBackwards);
}

/** The reference forward steps, on any SequenceKernels' GEMM. */
export function simpleRnnForwardSteps(k: SequenceKernels, r: SimpleRnnForwardArgs, s0: number, s1: number): void {
  const { ws, options: o, mask, recMask } = r;
  const { B, T, H, a, h, hm } = ws;
  const BH = B * H;
  for (let s = s0; s < s1; s++) {
    const prev = s * BH,
      cur = prev + BH;
    for (let i = 0; i < BH; i++) hm[prev + i] = recMask ? h[prev + i] * recMask[i] : h[prev + i];
    k.gemm(a, prev, hm, prev, r.U, 0, B, H, H, false, false, 1);
    activate(o.activation, a, prev, BH);
    for (let b = 0; b < B; b++) {
      const skip = mask !== null && mask[b * T + (o.goBackwards ? T - 1 - s : s)] === 0;
      const src = skip ? h : a; // both blocks start at prev
      for (let j = 0; j < H; j++) h[cur + b * H + j] = src[prev + b * H + j];
    }
  }
}

/** The reference backward steps, on any SequenceKernels' GEMM. */
export function simpleRnnBackwardSteps(k: SequenceKernels, r: SimpleRnnBackwardArgs, s0: number, s1: number): void {
  const { ws, options: o, mask, recMask, dy } = r;
  const { B, T, H, a, da, dh, keep } = ws;
  const BH = B * H;
  for (let s = s1 - 1; s >= s0; s--) {
    const t = o.goBackwards ? T - 1 - s : s;
    const prev = s * BH;
    let masked = false;
    for (let b = 0; b < B; b++) {
      const hr = b * H;
      if (dy && o.returnSequences) for (let j = 0; j < H; j++) dh[hr + j] += dy[(b * T + s) * H + j];
      if (mask && mask[b * T + t] === 0) {
        da.fill(0, prev + hr, prev + hr + H);
        for (let j = 0; j < H; j++) keep[hr + j] = dh[hr + j];
        masked = true;
        continue;
      }
      for (let j = 0; j < H; j++) da[prev + hr + j] = dh[hr + j] * derivativeFromOutput(o.activation, a[prev + hr + j]);
    }
    k.gemm(dh, 0, da, prev, r.U, 0, B, H, H, false, true, 0);
    if (recMask) for (let i = 0; i < BH; i++) dh[i] *= recMask[i];
    if (masked) {
      for (let b = 0; b < B; b++) {
        if (mask![b * T + t] !== 0) continue;
        for (let j = 0; j < H; j++) dh[b * H + j] = keep[b * H + j];
      }
    }
  }
}

/** The reference SimpleRNN kernels: reference sequence operations and step loops. */
export const referenceSimpleRnnKernels: SimpleRnnKernels = {
  ...referenceSequenceKernels,
  forwardSteps: (a, s0, s1) => simpleRnnForwardSteps(referenceSequenceKernels, a, s0, s1),
  backwardSteps: (a, s0, s1) => simpleRnnBackwardSteps(referenceSequenceKernels, a, s0, s1),
};
