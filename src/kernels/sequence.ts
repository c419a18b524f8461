// What the recurrent drivers (lstm.ts, gru.ts, simple-rnn.ts) share: the options, the time-major copy,
// the output write-back, and SequenceKernels, the few whole-sequence operations a fast backend may
// replace (GEMM, input projection x·W + b, column sums, layout copies). Each driver takes these plus
// its own per-step loop functions, so the prologue and epilogue of a sequence are written once here.

import type { FloatArray } from '../tensor.js';
import type { Activation } from './activations.js';
import { addColumnSums, addRowVector, type Gemm, gemm } from './gemm.js';

export interface RecurrentOptions {
  activation: Activation;
  recurrentActivation: Activation;
  goBackwards: boolean;
  /** y is (B,T,H) when true, else the last output (B,H). */
  returnSequences: boolean;
}

/** Whole-sequence operations a backend supplies to the drivers (reference versions below). */
export interface SequenceKernels {
  gemm: Gemm;
  /** z (M,N) = xs (M,K)·W (K,N) + b (N) (b may be null). */
  inputProjection(
    z: FloatArray,
    xs: FloatArray,
    W: FloatArray,
    b: FloatArray | null,
    M: number,
    N: number,
    K: number,
  ): void;
  /** out (N) += column sums of A (M,N) at aOff. */
  columnSums(out: FloatArray, oOff: number, A: FloatArray, aOff: number, M: number, N: number): void;
  /** xs (T,B,D) in processing order <- x (B,T,D), or back (toBatchMajor). */
  timeMajor(
    xs: FloatArray,
    x: FloatArray,
    B: number,
    T: number,
    D: number,
    goBackwards: boolean,
    toBatchMajor: boolean,
  ): void;
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

/** The TypeScript reference of SequenceKernels (the oracle). */
export const referenceSequenceKernels: SequenceKernels = {
  gemm,
  inputProjection(z, xs, W, b, M, N, K) {
    gemm(z, 0, xs, 0, W, 0, M, N, K, false, false, 0);
    if (b) addRowVector(z, 0, b, 0, M, N);
  },
  columnSums: addColumnSums,
  timeMajor,
};

/** Copies the hidden states (blocks 1..T of hs, (T+1,B,H)) into y: (B,T,H) sequences or (B,H) last. */
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

/** Block 0 of a (T+1,B,H) state array <- s0 (B,H), or zeros. */
export function setInitialState(states: FloatArray, s0: FloatArray | null, BH: number): void {
  if (s0) states.set(s0.subarray(0, BH));
  else states.fill(0, 0, BH);
}

/** The running gradient dh (B,H) at the last step: dhT plus dy when y is the last output only. */
export function startGradient(
  dh: FloatArray,
  dhT: FloatArray | null,
  dy: FloatArray | null,
  returnSequences: boolean,
  BH: number,
): void {
  if (dhT) dh.set(dhT.subarray(0, BH));
  else dh.fill(0);
  if (dy && !returnSequences) for (let i = 0; i < BH; i++) dh[i] += dy[i];
}

/** What the shared pieces of the drivers read from a workspace. */
interface InputSide {
  B: number;
  T: number;
  D: number;
  xs: FloatArray; // (T,B,D) inputs in processing order
  dxs: FloatArray; // (T,B,D) their gradients
}

/** Forward's outputs: y from blocks 1..T of hs (T+1,B,H), hT (B,H) from block T when given. */
export function finishOutputs(
  y: FloatArray,
  hT: FloatArray | null,
  hs: FloatArray,
  B: number,
  T: number,
  H: number,
  returnSequences: boolean,
): void {
  writeOutputs(y, hs, B, T, H, returnSequences);
  if (hT) hT.set(hs.subarray(T * B * H, (T + 1) * B * H));
}

/**
 * Backward's input side, the same for every cell: dW (D,G) += xsᵀ·dz and, when dx is given,
 * dx (B,T,D) = dz·Wᵀ back in batch-major order; dz (T·B,G) holds the gate pre-activation gradients.
 */
export function inputGradients(
  k: SequenceKernels,
  dx: FloatArray | null,
  dW: FloatArray,
  ws: InputSide,
  dz: FloatArray,
  W: FloatArray,
  G: number,
  goBackwards: boolean,
): void {
  const { B, T, D } = ws;
  k.gemm(dW, 0, ws.xs, 0, dz, 0, D, G, T * B, true, false, 1);
  if (!dx) return;
  k.gemm(ws.dxs, 0, dz, 0, W, 0, T * B, D, G, false, true, 0);
  k.timeMajor(ws.dxs, dx, B, T, D, goBackwards, true);
}
