// GRU over a whole sequence, forward and backward through time (Keras 3 GRU; tfjs/Keras 2 with resetAfter false).
// Keras layout: x (B,T,D), W (D,3H), U (H,3H), gates z,r,h; h_s = z⊙h_{s-1} + (1−z)⊙hh.
// resetAfter true: b (2,3H) = [input bias; recurrent bias], hh = act(x·W_h + b_in,h + r⊙(h·U_h + b_rec,h)).
// resetAfter false: b (3H), hh = act(x·W_h + b_h + (r⊙h)·U_h) (a second, (B,H)x(H,H) GEMM per step).
// Same design as lstm.ts: time-major in processing order, x·W hoisted as one GEMM over T·B rows,
// fused gate pass per step, weight gradients as large GEMMs after the loop, masks carry state.
// Forward caches the gate activations g = [z, r, hh] and rh (the recurrent candidate term
// h·U_h + b_rec,h with resetAfter, else r⊙h_prev), all h and the dropped-out h used by the GEMM.
// gruForward/gruBackward are the one driver; a backend plugs in its step loops (GruKernels).
// recMask (B,H), optional: a recurrent-dropout mask multiplying h_{s-1} inside the recurrent
// GEMMs at every step (one mask per sequence); the carried state itself is not dropped.

import type { FloatArray } from '../tensor.js';
import { activate, derivativeFromOutput } from './activations.js';
import { addRowVector } from './gemm.js';
import {
  type RecurrentOptions,
  referenceSequenceKernels,
  type SequenceKernels,
  setInitialState,
  finishOutputs,
  inputGradients,
  startGradient,
} from './sequence.js';

export interface GruOptions extends RecurrentOptions {
  resetAfter: boolean;
}

export interface GruWorkspace {
  B: number;
  T: number;
  D: number;
  H: number;
  xs: FloatArray; // (T,B,D) inputs in processing order
  g: FloatArray; // (T,B,3H) gate activations z, r, hh
  rh: FloatArray; // (T,B,H) recurrent candidate term (resetAfter) or r⊙h_prev
  h: FloatArray; // (T+1,B,H) hidden states, block 0 = h0
  hm: FloatArray; // (T,B,H) h_{s-1} as seen by the recurrent GEMM (dropped out, or a copy)
  scratch: FloatArray; // (B,3H) recurrent GEMM output of one step
  Uzr: FloatArray; // (H,2H) z,r columns of U (resetAfter false)
  Uh: FloatArray; // (H,H) h columns of U (resetAfter false)
  dg: FloatArray; // (T,B,3H) gradients of the gate pre-activations (input side)
  drh: FloatArray; // (T,B,3H) recurrent-side gradients (resetAfter), or (T,B,2H) z,r part
  dhc: FloatArray; // (T,B,H) candidate pre-activation gradient (resetAfter false)
  dh: FloatArray; // (B,H) running gradient of h_s
  dhz: FloatArray; // (B,H) direct part of dh_{s-1}
  dUzr: FloatArray; // (H,2H)
  dUh: FloatArray; // (H,H)
  dxs: FloatArray; // (T,B,D)
}

/** Allocates the buffers one (B,T) shape needs; reuse it for every batch of that shape. */
export function gruWorkspace(
  alloc: (n: number) => FloatArray,
  B: number,
  T: number,
  D: number,
  H: number,
): GruWorkspace {
  const TBH = T * B * H;
  return {
    B,
    T,
    D,
    H,
    xs: alloc(T * B * D),
    g: alloc(3 * TBH),
    rh: alloc(TBH),
    h: alloc(TBH + B * H),
    hm: alloc(TBH),
    scratch: alloc(3 * B * H),
    Uzr: alloc(2 * H * H),
    Uh: alloc(H * H),
    dg: alloc(3 * TBH),
    drh: alloc(3 * TBH),
    dhc: alloc(TBH),
    dh: alloc(B * H),
    dhz: alloc(B * H),
    dUzr: alloc(2 * H * H),
    dUh: alloc(H * H),
    dxs: alloc(T * B * D),
  };
}

/** One forward run, outputs first. y: (B,T,H) with returnSequences, else (B,H). */
export interface GruForwardArgs {
  y: FloatArray;
  hT: FloatArray | null; // (B,H) receives the final state when given
  ws: GruWorkspace;
  x: FloatArray; // (B,T,D)
  W: FloatArray; // (D,3H)
  U: FloatArray; // (H,3H)
  b: FloatArray | null; // (2,3H) with resetAfter, else (3H)
  h0: FloatArray | null; // (B,H)
  mask: FloatArray | null; // (B,T)
  recMask?: FloatArray | null; // (B,H)
  options: GruOptions;
}

/**
 * One backward run after gruForward on the same ws. dy matches y's layout (or null); dhT is the gradient
 * of the returned final state (or null). dW, dU, db accumulate (+=); dx, dh0 are overwritten when given.
 */
export interface GruBackwardArgs {
  dx: FloatArray | null; // (B,T,D)
  dW: FloatArray; // (D,3H)
  dU: FloatArray; // (H,3H)
  db: FloatArray | null;
  dh0: FloatArray | null; // (B,H)
  dy: FloatArray | null;
  dhT: FloatArray | null; // (B,H)
  ws: GruWorkspace;
  x: FloatArray; // unused: the cached time-major copy ws.xs is read instead
  W: FloatArray;
  U: FloatArray;
  mask: FloatArray | null;
  recMask?: FloatArray | null;
  options: GruOptions;
}

/** What a backend plugs into the GRU driver: sequence operations and the two step loops. */
export interface GruKernels extends SequenceKernels {
  /** Forward steps s0..s1-1 (ws.g holds xs·W + b_in; with resetAfter false, ws.Uzr/Uh hold U split). */
  forwardSteps(a: GruForwardArgs, s0: number, s1: number): void;
  /** Backward steps s1-1 down to s0; ws.dh carries the running gradient. */
  backwardSteps(a: GruBackwardArgs, s0: number, s1: number): void;
}

/** Forward pass (the driver): input projection, the backend's step loop, outputs. */
export function gruForward(k: GruKernels, a: GruForwardArgs): void {
  const { ws, options: o } = a;
  const { B, T, D, H } = ws;
  const BH = B * H;
  k.timeMajor(ws.xs, a.x, B, T, D, o.goBackwards, false);
  k.inputProjection(ws.g, ws.xs, a.W, a.b, T * B, 3 * H, D);
  if (!o.resetAfter) splitColumns(a.U, ws.Uzr, ws.Uh, H);
  setInitialState(ws.h, a.h0, BH);
  k.forwardSteps(a, 0, T);
  finishOutputs(a.y, a.hT, ws.h, B, T, H, o.returnSequences);
}

/** Backward pass (the driver): the backend's step loop, then dW, dU, db, dx as large GEMMs. */
export function gruBackward(k: GruKernels, a: GruBackwardArgs): void {
  const { ws, options: o, db } = a;
  const { B, T, H, dg, drh, hm, rh, dhc } = ws;
  const G = 3 * H;
  startGradient(ws.dh, a.dhT, a.dy, o.returnSequences, B * H);
  k.backwardSteps(a, 0, T);
  if (a.dh0) a.dh0.set(ws.dh);
  if (o.resetAfter) {
    k.gemm(a.dU, 0, hm, 0, drh, 0, H, G, T * B, true, false, 1);
    if (db) {
      k.columnSums(db, 0, dg, 0, T * B, G);
      k.columnSums(db, G, drh, 0, T * B, G);
    }
  } else {
    k.gemm(ws.dUzr, 0, hm, 0, drh, 0, H, 2 * H, T * B, true, false, 0);
    k.gemm(ws.dUh, 0, rh, 0, dhc, 0, H, H, T * B, true, false, 0);
    for (let i = 0; i < H; i++) {
      for (let j = 0; j < 2 * H; j++) a.dU[i * G + j] += ws.dUzr[i * 2 * H + j];
      for (let j = 0; j < H; j++) a.dU[i * G + 2 * H + j] += ws.dUh[i * H + j];
    }
    if (db) k.columnSums(db, 0, dg, 0, T * B, G);
  }
  inputGradients(k, a.dx, a.dW, ws, dg, a.W, G, o.goBackwards);
}

/** The reference forward steps, on any SequenceKernels' GEMM. */
export function gruForwardSteps(k: SequenceKernels, a: GruForwardArgs, s0: number, s1: number): void {
  const { ws, options: o, b, mask, recMask } = a;
  const { B, T, H, g, rh, h, hm, scratch, Uzr, Uh } = ws;
  const G = 3 * H,
    BH = B * H;
  for (let s = s0; s < s1; s++) {
    const gs = s * B * G,
      prev = s * BH,
      cur = prev + BH;
    for (let i = 0; i < BH; i++) hm[prev + i] = recMask ? h[prev + i] * recMask[i] : h[prev + i];
    if (o.resetAfter) {
      k.gemm(scratch, 0, hm, prev, a.U, 0, B, G, H, false, false, 0);
      if (b) addRowVector(scratch, 0, b, G, B, G);
      for (let r = 0; r < B; r++) {
        const gr = gs + r * G,
          sr = r * G;
        for (let j = 0; j < 2 * H; j++) g[gr + j] += scratch[sr + j];
        activate(o.recurrentActivation, g, gr, 2 * H);
        for (let j = 0; j < H; j++) {
          rh[prev + r * H + j] = scratch[sr + 2 * H + j];
          g[gr + 2 * H + j] += g[gr + H + j] * scratch[sr + 2 * H + j];
        }
        activate(o.activation, g, gr + 2 * H, H);
      }
    } else {
      k.gemm(scratch, 0, hm, prev, Uzr, 0, B, 2 * H, H, false, false, 0);
      for (let r = 0; r < B; r++) {
        const gr = gs + r * G,
          sr = r * 2 * H;
        for (let j = 0; j < 2 * H; j++) g[gr + j] += scratch[sr + j];
        activate(o.recurrentActivation, g, gr, 2 * H);
        for (let j = 0; j < H; j++) rh[prev + r * H + j] = g[gr + H + j] * hm[prev + r * H + j];
      }
      k.gemm(scratch, 0, rh, prev, Uh, 0, B, H, H, false, false, 0);
      for (let r = 0; r < B; r++) {
        const gr = gs + r * G + 2 * H;
        for (let j = 0; j < H; j++) g[gr + j] += scratch[r * H + j];
        activate(o.activation, g, gr, H);
      }
    }
    for (let r = 0; r < B; r++) {
      const gr = gs + r * G,
        hr = r * H;
      const skip = mask !== null && mask[r * T + (o.goBackwards ? T - 1 - s : s)] === 0;
      for (let j = 0; j < H; j++) {
        const zj = g[gr + j],
          hp = h[prev + hr + j];
        h[cur + hr + j] = skip ? hp : zj * hp + (1 - zj) * g[gr + 2 * H + j];
      }
    }
  }
}

/** The reference backward steps, on any SequenceKernels' GEMM. */
export function gruBackwardSteps(k: SequenceKernels, a: GruBackwardArgs, s0: number, s1: number): void {
  const { ws, options: o, mask, recMask, dy } = a;
  const { B, T, H, g, rh, h, hm, dg, drh, dhc, dh, dhz, Uzr, Uh } = ws;
  const G = 3 * H,
    BH = B * H,
    act = o.activation,
    ract = o.recurrentActivation;
  const RG = o.resetAfter ? G : 2 * H; // row width of drh
  for (let s = s1 - 1; s >= s0; s--) {
    const t = o.goBackwards ? T - 1 - s : s;
    const gs = s * B * G,
      prev = s * BH;
    for (let r = 0; r < B; r++) {
      const gr = gs + r * G,
        hr = r * H,
        dr = (s * B + r) * RG;
      if (dy && o.returnSequences) for (let j = 0; j < H; j++) dh[hr + j] += dy[(r * T + s) * H + j];
      if (mask && mask[r * T + t] === 0) {
        dg.fill(0, gr, gr + G);
        drh.fill(0, dr, dr + RG);
        dhc.fill(0, prev + hr, prev + hr + H);
        for (let j = 0; j < H; j++) dhz[hr + j] = dh[hr + j];
        continue;
      }
      for (let j = 0; j < H; j++) {
        const z = g[gr + j],
          rg = g[gr + H + j],
          hh = g[gr + 2 * H + j],
          dhv = dh[hr + j];
        const dzp = dhv * (h[prev + hr + j] - hh) * derivativeFromOutput(ract, z);
        const dhp = dhv * (1 - z) * derivativeFromOutput(act, hh);
        dg[gr + j] = dzp;
        dg[gr + 2 * H + j] = dhp;
        drh[dr + j] = dzp;
        dhz[hr + j] = dhv * z;
        if (o.resetAfter) {
          const drp = dhp * rh[prev + hr + j] * derivativeFromOutput(ract, rg);
          dg[gr + H + j] = drp;
          drh[dr + H + j] = drp;
          drh[dr + 2 * H + j] = dhp * rg;
        } else dhc[prev + hr + j] = dhp;
      }
    }
    if (o.resetAfter) {
      k.gemm(dh, 0, drh, s * B * G, a.U, 0, B, H, G, false, true, 0);
    } else {
      // d(r⊙h_prev) = dhc·Uhᵀ, computed into dh, then split into the r gate and the h_prev paths.
      k.gemm(dh, 0, dhc, prev, Uh, 0, B, H, H, false, true, 0);
      for (let r = 0; r < B; r++) {
        if (mask && mask[r * T + t] === 0) continue;
        const gr = gs + r * G,
          hr = r * H,
          dr = (s * B + r) * RG;
        for (let j = 0; j < H; j++) {
          const rg = g[gr + H + j],
            drhp = dh[hr + j];
          const drp = drhp * hm[prev + hr + j] * derivativeFromOutput(ract, rg);
          dg[gr + H + j] = drp;
          drh[dr + H + j] = drp;
          dh[hr + j] = drhp * rg; // gradient w.r.t. hm through the candidate
        }
      }
      k.gemm(dh, 0, drh, s * B * RG, Uzr, 0, B, H, 2 * H, false, true, 1);
    }
    for (let i = 0; i < BH; i++) dh[i] = (recMask ? dh[i] * recMask[i] : dh[i]) + dhz[i];
  }
}

/** The reference GRU kernels: reference sequence operations and step loops. */
export const referenceGruKernels: GruKernels = {
  ...referenceSequenceKernels,
  forwardSteps: (a, s0, s1) => gruForwardSteps(referenceSequenceKernels, a, s0, s1),
  backwardSteps: (a, s0, s1) => gruBackwardSteps(referenceSequenceKernels, a, s0, s1),
};

/** Copies U (H,3H) into its z,r columns Uzr (H,2H) and h columns Uh (H,H). */
function splitColumns(U: FloatArray, Uzr: FloatArray, Uh: FloatArray, H: number): void {
  for (let i = 0; i < H; i++) {
    for (let j = 0; j < 2 * H; j++) Uzr[i * 2 * H + j] = U[i * 3 * H + j];
    for (let j = 0; j < H; j++) Uh[i * H + j] = U[i * 3 * H + 2 * H + j];
  }
}
