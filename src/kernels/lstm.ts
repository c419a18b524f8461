// LSTM over a whole sequence, forward and backward through time (full BPTT).
// Keras layout: x (B,T,D), W (D,4H), U (H,4H), b (4H), gate order i,f,c,o;
// c_s = f⊙c_{s-1} + i⊙g,  h_s = o⊙act(c_s),  gates i,f,o = recAct(·), g = act(·).
// Inside, everything is time-major in processing order s (s = t, or T-1-t with goBackwards), so each
// step's rows are one contiguous (B,·) block. The input projection xs·W (+b) is one GEMM over all
// T·B rows before the loop; each step adds h_{s-1}·U with one (B,H)x(H,4H) GEMM and runs a fused gate pass.
// Forward caches the gate activations z, all c and h (with c0, h0 as block 0) and act(c); nothing is
// recomputed. Backward writes dz for all steps, then dW, dU, db and dx as single large GEMMs.
// A mask (B,T), 0 = skip, carries state forward at skipped steps and repeats the last output (Keras).
// recMask (B,H), an optional last parameter: recurrent dropout on h_{s-1} inside the recurrent GEMM,
// one mask per sequence reused at every step (Keras); the carried state itself is not dropped.

import type { FloatArray } from '../tensor.js';
import { type Activation, activate, derivativeFromOutput } from './activations.js';
import { addColumnSums, addRowVector, type Gemm } from './gemm.js';

export interface RecurrentOptions {
  activation: Activation;
  recurrentActivation: Activation;
  goBackwards: boolean;
  /** y is (B,T,H) when true, else the last output (B,H). */
  returnSequences: boolean;
}

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

/** Copies x (B,T,D) into xs (T,B,D) in processing order, or back (`toBatchMajor`) for gradients. */
export function timeMajor(
  xs: FloatArray,
  x: FloatArray,
  B: number,
  T: number,
  D: number,
  goBackwards: boolean,
  toBatchMajor = false,
): void {
  for (let s = 0; s < T; s++) {
    const t = goBackwards ? T - 1 - s : s;
    for (let b = 0; b < B; b++) {
      const src = (b * T + t) * D,
        dst = (s * B + b) * D;
      if (toBatchMajor) for (let d = 0; d < D; d++) x[src + d] = xs[dst + d];
      else for (let d = 0; d < D; d++) xs[dst + d] = x[src + d];
    }
  }
}

/** Copies the hidden states (blocks 1..T of ws.h) into y: (B,T,H) sequences or (B,H) last. */
export function writeOutputs(
  y: FloatArray,
  hs: FloatArray,
  B: number,
  T: number,
  H: number,
  returnSequences: boolean,
): void {
  if (!returnSequences) {
    y.set(hs.subarray(T * B * H, (T + 1) * B * H));
    return;
  }
  for (let s = 0; s < T; s++)
    for (let b = 0; b < B; b++) {
      const src = (s + 1) * B * H + b * H,
        dst = (b * T + s) * H;
      for (let j = 0; j < H; j++) y[dst + j] = hs[src + j];
    }
}

/** Forward pass. y: see RecurrentOptions.returnSequences; hT, cT (B,H) receive the final state when given. */
export function lstmForward(
  gemm: Gemm,
  y: FloatArray,
  hT: FloatArray | null,
  cT: FloatArray | null,
  ws: LstmWorkspace,
  x: FloatArray,
  W: FloatArray,
  U: FloatArray,
  b: FloatArray | null,
  h0: FloatArray | null,
  c0: FloatArray | null,
  mask: FloatArray | null,
  o: RecurrentOptions,
  recMask: FloatArray | null = null,
): void {
  const { B, T, D, H } = ws;
  const hm = recMask ? ws.hm : null;
  const G = 4 * H,
    BH = B * H;
  const { xs, z, c, h, actC } = ws;
  timeMajor(xs, x, B, T, D, o.goBackwards);
  gemm(z, 0, xs, 0, W, 0, T * B, G, D, false, false, 0);
  if (b) addRowVector(z, 0, b, 0, T * B, G);
  if (h0) h.set(h0.subarray(0, BH));
  else h.fill(0, 0, BH);
  if (c0) c.set(c0.subarray(0, BH));
  else c.fill(0, 0, BH);
  for (let s = 0; s < T; s++) {
    const zs = s * B * G,
      prev = s * BH,
      cur = prev + BH;
    if (hm && recMask) for (let i = 0; i < BH; i++) hm[prev + i] = h[prev + i] * recMask[i];
    gemm(z, zs, hm ?? h, prev, U, 0, B, G, H, false, false, 1);
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
  writeOutputs(y, h, B, T, H, o.returnSequences);
  if (hT) hT.set(h.subarray(T * BH, (T + 1) * BH));
  if (cT) cT.set(c.subarray(T * BH, (T + 1) * BH));
}

/**
 * Backward pass after lstmForward on the same ws. dy matches y's layout (or null); dhT, dcT are the
 * gradients of the returned final state (or null). dW, dU, db accumulate (+=); dx, dh0, dc0 are
 * overwritten when given.
 */
export function lstmBackward(
  gemm: Gemm,
  dx: FloatArray | null,
  dW: FloatArray,
  dU: FloatArray,
  db: FloatArray | null,
  dh0: FloatArray | null,
  dc0: FloatArray | null,
  dy: FloatArray | null,
  dhT: FloatArray | null,
  dcT: FloatArray | null,
  ws: LstmWorkspace,
  x: FloatArray,
  W: FloatArray,
  U: FloatArray,
  mask: FloatArray | null,
  o: RecurrentOptions,
  recMask: FloatArray | null = null,
): void {
  const { B, T, D, H, z, c, h, actC, dz, dh, dc, keep } = ws;
  const G = 4 * H,
    BH = B * H;
  const act = o.activation,
    ract = o.recurrentActivation;
  if (dhT) dh.set(dhT.subarray(0, BH));
  else dh.fill(0);
  if (dcT) dc.set(dcT.subarray(0, BH));
  else dc.fill(0);
  if (dy && !o.returnSequences) for (let i = 0; i < BH; i++) dh[i] += dy[i];
  for (let s = T - 1; s >= 0; s--) {
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
    gemm(dh, 0, dz, zs, U, 0, B, H, G, false, true, 0);
    if (recMask) for (let i = 0; i < BH; i++) dh[i] *= recMask[i];
    if (masked) {
      for (let r = 0; r < B; r++) {
        if (mask![r * T + t] !== 0) continue;
        for (let j = 0; j < H; j++) dh[r * H + j] = keep[r * H + j];
      }
    }
  }
  if (dh0) dh0.set(dh);
  if (dc0) dc0.set(dc);
  gemm(dW, 0, ws.xs, 0, dz, 0, D, G, T * B, true, false, 1);
  gemm(dU, 0, recMask ? ws.hm : h, 0, dz, 0, H, G, T * B, true, false, 1);
  if (db) addColumnSums(db, 0, dz, 0, T * B, G);
  if (dx) {
    gemm(ws.dxs, 0, dz, 0, W, 0, T * B, D, G, false, true, 0);
    timeMajor(ws.dxs, dx, B, T, D, o.goBackwards, true);
  }
}
