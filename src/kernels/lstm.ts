// LSTM over a whole sequence, forward and backward through time (full BPTT).
// Keras layout: x (B,T,D), W (D,4H), U (H,4H), b (4H), gate order i,f,c,o;
// c_s = f⊙c_{s-1} + i⊙g,  h_s = o⊙act(c_s),  gates i,f,o = recAct(·), g = act(·).
// Inside, everything is time-major in processing order s (s = t, or T-1-t with goBackwards), so each
// step's rows are one contiguous (B,·) block. The input projection xs·W (+b) is one GEMM over all
// T·B rows before the loop; each step adds h_{s-1}·U with one (B,H)x(H,4H) GEMM and runs a fused gate pass.
// Forward caches the gate activations z, all c and h (with c0, h0 as block 0) and act(c); nothing is
// recomputed. Backward writes dz for all steps, then dW, dU, db and dx as single large GEMMs.
// A mask (B,T), 0 = skip, carries state forward at skipped steps and repeats the last output (Keras).
// recMask (B,H): recurrent dropout on h_{s-1} inside the recurrent GEMM, one mask per sequence reused
// at every step (Keras); the carried state itself is not dropped.
// lstmForward/lstmBackward are the one driver; a backend plugs in its step loops (LstmKernels).

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

export type { RecurrentOptions };
export { timeMajor, writeOutputs } from './sequence.js';

export interface LstmWorkspace {
  B: number;
  T: number;
  D: number;
  H: number;
  xs: FloatArray; // (T,B,D) inputs in processing order
  z: FloatArray; // (T,B,4H) gate activations i,f,g,o
  c: FloatArray; // (T+1,B,H) cell states, block 0 = c0
  h: FloatArray; // (T+1,B,H) hidden states, block 0 = h0
  actC: FloatArray; // (T,B,H) act(c_s)
  hm: FloatArray; // (T,B,H) h_{s-1}⊙recMask as seen by the recurrent GEMM (recurrent dropout only)
  dz: FloatArray; // (T,B,4H) gate pre-activation gradients
  dh: FloatArray; // (B,H) running gradient of h_s
  dc: FloatArray; // (B,H) running gradient of c_s
  keep: FloatArray; // (B,H) dh of masked rows across the recurrent GEMM
  dxs: FloatArray; // (T,B,D) input gradients in processing order
}

/** One forward run, outputs first. y: (B,T,H) with returnSequences, else (B,H). */
export interface LstmForwardArgs {
  y: FloatArray;
  hT: FloatArray | null; // (B,H) receives the final h when given
  cT: FloatArray | null; // (B,H) receives the final c when given
  ws: LstmWorkspace;
  x: FloatArray; // (B,T,D)
  W: FloatArray; // (D,4H)
  U: FloatArray; // (H,4H)
  b: FloatArray | null; // (4H)
  h0: FloatArray | null; // (B,H), zeros when null
  c0: FloatArray | null; // (B,H)
  mask: FloatArray | null; // (B,T), 0 = skip
  recMask?: FloatArray | null; // (B,H) recurrent dropout
  options: RecurrentOptions;
}

/**
 * One backward run after lstmForward on the same ws. dy matches y's layout (or null); dhT, dcT are the
 * gradients of the returned final state (or null). dW, dU, db accumulate (+=); dx, dh0, dc0 are
 * overwritten when given.
 */
export interface LstmBackwardArgs {
  dx: FloatArray | null; // (B,T,D)
  dW: FloatArray; // (D,4H)
  dU: FloatArray; // (H,4H)
  db: FloatArray | null; // (4H)
  dh0: FloatArray | null; // (B,H)
  dc0: FloatArray | null; // (B,H)
  dy: FloatArray | null;
  dhT: FloatArray | null; // (B,H)
  dcT: FloatArray | null; // (B,H)
  ws: LstmWorkspace;
  x: FloatArray;
  W: FloatArray;
  U: FloatArray;
  mask: FloatArray | null;
  recMask?: FloatArray | null;
  options: RecurrentOptions;
}

/** What a backend plugs into the LSTM driver: sequence operations and the two step loops. */
export interface LstmKernels extends SequenceKernels {
  /** Forward steps s0..s1-1: z_s += h_{s-1}·U, gate pass, c_s, h_s (ws.z holds xs·W + b). */
  forwardSteps(a: LstmForwardArgs, s0: number, s1: number): void;
  /** True when forwardSteps computes z_s = xs_s·W + b itself inside its step loop (the driver then skips it). */
  projectsInput?(a: LstmForwardArgs): boolean;
  /** Backward steps s1-1 down to s0: dz_s, then dh = dz_s·Uᵀ; ws.dh, ws.dc carry the running gradients. */
  backwardSteps(a: LstmBackwardArgs, s0: number, s1: number): void;
}

/** Allocates the buffers one (B,T) shape needs; reuse it for every batch of that shape. */
export function lstmWorkspace(
  alloc: (n: number) => FloatArray,
  B: number,
  T: number,
  D: number,
  H: number,
): LstmWorkspace {
  return {
    B,
    T,
    D,
    H,
    xs: alloc(T * B * D),
    z: alloc(T * B * 4 * H),
    c: alloc((T + 1) * B * H),
    h: alloc((T + 1) * B * H),
    actC: alloc(T * B * H),
    hm: alloc(T * B * H),
    dz: alloc(T * B * 4 * H),
    dh: alloc(B * H),
    dc: alloc(B * H),
    keep: alloc(B * H),
    dxs: alloc(T * B * D),
  };
}

/** Forward pass (the driver): input projection, the backend's step loop, outputs. */
export function lstmForward(k: LstmKernels, a: LstmForwardArgs): void {
  const { ws, options: o } = a;
  const { B, T, D, H } = ws;
  const BH = B * H;
  k.timeMajor(ws.xs, a.x, B, T, D, o.goBackwards, false);
  if (!k.projectsInput?.(a)) k.inputProjection(ws.z, ws.xs, a.W, a.b, T * B, 4 * H, D);
  setInitialState(ws.h, a.h0, BH);
  setInitialState(ws.c, a.c0, BH);
  k.forwardSteps(a, 0, T);
  finishOutputs(a.y, a.hT, ws.h, B, T, H, o.returnSequences);
  if (a.cT) a.cT.set(ws.c.subarray(T * BH, (T + 1) * BH));
}

/** Backward pass (the driver): the backend's step loop, then dW, dU, db, dx as large GEMMs. */
export function lstmBackward(k: LstmKernels, a: LstmBackwardArgs): void {
  const { ws, options: o } = a;
  const { B, T, H, dz } = ws;
  const G = 4 * H,
    BH = B * H;
  startGradient(ws.dh, a.dhT, a.dy, o.returnSequences, BH);
  if (a.dcT) ws.dc.set(a.dcT.subarray(0, BH));
  else ws.dc.fill(0);
  k.backwardSteps(a, 0, T);
  if (a.dh0) a.dh0.set(ws.dh);
  if (a.dc0) a.dc0.set(ws.dc);
  k.gemm(a.dU, 0, a.recMask ? ws.hm : ws.h, 0, dz, 0, H, G, T * B, true, false, 1);
  if (a.db) k.columnSums(a.db, 0, dz, 0, T * B, G);
  inputGradients(k, a.dx, a.dW, ws, dz, a.W, G, o.goBackwards);
}

/** The reference forward steps, on any SequenceKernels' GEMM. */
export function lstmForwardSteps(k: SequenceKernels, a: LstmForwardArgs, s0: number, s1: number): void {
  const { ws, options: o, mask, recMask } = a;
  const { B, T, H, z, c, h, actC } = ws;
  const hm = recMask ? ws.hm : null;
  const G = 4 * H,
    BH = B * H;
  for (let s = s0; s < s1; s++) {
    const zs = s * B * G,
      prev = s * BH,
      cur = prev + BH;
    if (hm && recMask) for (let i = 0; i < BH; i++) hm[prev + i] = h[prev + i] * recMask[i];
    k.gemm(z, zs, hm ?? h, prev, a.U, 0, B, G, H, false, false, 1);
    for (let r = 0; r < B; r++) {
      const zr = zs + r * G;
      activate(o.recurrentActivation, z, zr, 2 * H); // i, f
      activate(o.activation, z, zr + 2 * H, H); // g
      activate(o.recurrentActivation, z, zr + 3 * H, H); // o
    }
    for (let r = 0; r < B; r++) {
      const zr = zs + r * G,
        hr = r * H;
      for (let j = 0; j < H; j++) c[cur + hr + j] = z[zr + H + j] * c[prev + hr + j] + z[zr + j] * z[zr + 2 * H + j];
    }
    for (let i = 0; i < BH; i++) actC[s * BH + i] = c[cur + i];
    activate(o.activation, actC, s * BH, BH);
    for (let r = 0; r < B; r++) {
      const zr = zs + r * G,
        hr = r * H;
      if (mask && mask[r * T + (o.goBackwards ? T - 1 - s : s)] === 0) {
        for (let j = 0; j < H; j++) {
          c[cur + hr + j] = c[prev + hr + j];
          h[cur + hr + j] = h[prev + hr + j];
        }
        continue;
      }
      for (let j = 0; j < H; j++) h[cur + hr + j] = z[zr + 3 * H + j] * actC[s * BH + hr + j];
    }
  }
}

/** The reference backward steps, on any SequenceKernels' GEMM. */
export function lstmBackwardSteps(k: SequenceKernels, a: LstmBackwardArgs, s0: number, s1: number): void {
  const { ws, options: o, mask, recMask, dy } = a;
  const { B, T, H, z, c, actC, dz, dh, dc, keep } = ws;
  const G = 4 * H,
    BH = B * H;
  const act = o.activation,
    ract = o.recurrentActivation;
  for (let s = s1 - 1; s >= s0; s--) {
    const t = o.goBackwards ? T - 1 - s : s;
    const zs = s * B * G,
      prev = s * BH;
    let masked = false;
    for (let r = 0; r < B; r++) {
      const zr = zs + r * G,
        hr = r * H;
      if (dy && o.returnSequences) for (let j = 0; j < H; j++) dh[hr + j] += dy[(r * T + s) * H + j];
      if (mask && mask[r * T + t] === 0) {
        dz.fill(0, zr, zr + G);
        for (let j = 0; j < H; j++) keep[hr + j] = dh[hr + j];
        masked = true;
        continue;
      }
      for (let j = 0; j < H; j++) {
        const ig = z[zr + j],
          fg = z[zr + H + j],
          gg = z[zr + 2 * H + j],
          og = z[zr + 3 * H + j];
        const ac = actC[prev + hr + j],
          dhv = dh[hr + j];
        const dcv = dc[hr + j] + dhv * og * derivativeFromOutput(act, ac);
        dz[zr + j] = dcv * gg * derivativeFromOutput(ract, ig);
        dz[zr + H + j] = dcv * c[prev + hr + j] * derivativeFromOutput(ract, fg);
        dz[zr + 2 * H + j] = dcv * ig * derivativeFromOutput(act, gg);
        dz[zr + 3 * H + j] = dhv * ac * derivativeFromOutput(ract, og);
        dc[hr + j] = dcv * fg;
      }
    }
    k.gemm(dh, 0, dz, zs, a.U, 0, B, H, G, false, true, 0);
    if (recMask) for (let i = 0; i < BH; i++) dh[i] *= recMask[i];
    if (masked) {
      for (let r = 0; r < B; r++) {
        if (mask![r * T + t] !== 0) continue;
        for (let j = 0; j < H; j++) dh[r * H + j] = keep[r * H + j];
      }
    }
  }
}

/** The reference LSTM kernels: reference sequence operations and step loops. */
export const referenceLstmKernels: LstmKernels = {
  ...referenceSequenceKernels,
  forwardSteps: (a, s0, s1) => lstmForwardSteps(referenceSequenceKernels, a, s0, s1),
  backwardSteps: (a, s0, s1) => lstmBackwardSteps(referenceSequenceKernels, a, s0, s1),
};
