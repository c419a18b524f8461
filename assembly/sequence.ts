// The per-step loops of the recurrent drivers (src/kernels/lstm.ts, gru.ts, simple-rnn.ts) fused into one
// wasm call for a range of steps: each step's recurrent product against the pre-packed recurrent
// kernel (the matrix-vector kernel for B ≤ 4, the packed GEMM otherwise) and its gate pass, with no
// JavaScript between steps. Used when the product is too small to split across threads.
// Pointers are byte addresses of the workspaces' time-major blocks; s indexes processing order.

import { gemmRange } from './gemm';
import { addInto, gruStepBackward, gruStepBackwardReset, gruStepCandidate, gruStepForward, gruStepGates, rnnStepBackward, rnnStepForward } from './gru';
import { lstmStepBackward, lstmStepForward, restoreMasked } from './lstm';
import { matvecPacked } from './matvec';

/** C (M,N) = A (M,K)·P (+ C when beta = 1), P packed by packAll: matrix-vector kernel for M ≤ 4. */
export function recurrentProduct(C: usize, A: usize, P: usize, M: i32, N: i32, K: i32, beta: i32, work: usize): void {
  if (M <= 4) matvecPacked(C, A, P, M, N, K, beta);
  else gemmRange(C, A, P, M, N, K, false, false, beta, work, 0, M, 0, N, true);
}

// @ts-expect-error: decorator
@inline function blk(p: usize, s: i32, n: i32): usize {
  return p + ((<usize>s * n) << 2);
}
// @ts-expect-error: decorator
@inline function inputStep(s: i32, T: i32, back: bool): i32 {
  return back ? T - 1 - s : s;
}

/** LSTM forward steps [s0, s1): z_s += h_{s-1}·U, gate pass (z (T,B,4H), c/h (T+1,B,H), actC (T,B,H)). */
export function lstmForwardSeq(z: usize, c: usize, h: usize, actC: usize, packU: usize, mask: usize, s0: i32, s1: i32, T: i32, B: i32, H: i32, act: i32, ract: i32, back: bool, work: usize): void {
  const G = 4 * H, BH = B * H;
  for (let s = s0; s < s1; s++) {
    const zs = blk(z, s, B * G);
    recurrentProduct(zs, blk(h, s, BH), packU, B, G, H, 1, work);
    lstmStepForward(zs, blk(c, s, BH), blk(h, s, BH), blk(c, s + 1, BH), blk(h, s + 1, BH), blk(actC, s, BH), mask, inputStep(s, T, back), T, B, H, act, ract);
  }
}

/** LSTM backward steps s1-1 down to s0: dz_s, then dh = dz_s·Uᵀ (packUT = Uᵀ packed); dy (B,T,H) or 0. */
export function lstmBackwardSeq(z: usize, dz: usize, c: usize, actC: usize, packUT: usize, dh: usize, dc: usize, keep: usize, dy: usize, mask: usize, s0: i32, s1: i32, T: i32, B: i32, H: i32, act: i32, ract: i32, back: bool, work: usize): void {
  const G = 4 * H, BH = B * H;
  for (let s = s1 - 1; s >= s0; s--) {
    const t = inputStep(s, T, back);
    const dzs = blk(dz, s, B * G);
    const masked = lstmStepBackward(blk(z, s, B * G), dzs, blk(c, s, BH), blk(actC, s, BH), dh, dc, keep, dy, s, mask, t, T, B, H, act, ract);
    recurrentProduct(dh, dzs, packUT, B, H, G, 0, work);
    if (masked) restoreMasked(dh, keep, mask, t, T, B, H);
  }
}

/**
 * GRU forward steps [s0, s1). resetAfter: packA = U (H,3H) packed, brec the recurrent bias (3H) or 0.
 * Otherwise packA = Uzr (H,2H) and packB = Uh (H,H) packed. g (T,B,3H), rh/hm (T,B,H), h (T+1,B,H).
 */
export function gruForwardSeq(g: usize, rh: usize, h: usize, hm: usize, scratch: usize, packA: usize, packB: usize, brec: usize, mask: usize, s0: i32, s1: i32, T: i32, B: i32, H: i32, act: i32, ract: i32, back: bool, resetAfter: bool, work: usize): void {
  const G = 3 * H, BH = B * H;
  for (let s = s0; s < s1; s++) {
    const t = inputStep(s, T, back);
    const gs = blk(g, s, B * G), hp = blk(h, s, BH), hms = blk(hm, s, BH), rhs = blk(rh, s, BH);
    memory.copy(hms, hp, <usize>BH << 2);
    if (resetAfter) {
      recurrentProduct(scratch, hms, packA, B, G, H, 0, work);
      gruStepForward(gs, scratch, brec, rhs, hp, blk(h, s + 1, BH), mask, t, T, B, H, act, ract);
    } else {
      recurrentProduct(scratch, hms, packA, B, 2 * H, H, 0, work);
      gruStepGates(gs, scratch, rhs, hms, B, H, ract);
      recurrentProduct(scratch, rhs, packB, B, H, H, 0, work);
      gruStepCandidate(gs, scratch, hp, blk(h, s + 1, BH), mask, t, T, B, H, act);
    }
  }
}

/**
 * GRU backward steps s1-1 down to s0. resetAfter: packA = Uᵀ (3H,H) packed. Otherwise packA = Uzrᵀ
 * (2H,H) and packB = Uhᵀ (H,H) packed. dh (B,H) carries the running gradient.
 */
export function gruBackwardSeq(g: usize, dg: usize, drh: usize, dhc: usize, h: usize, rh: usize, hm: usize, dh: usize, dhz: usize, dy: usize, packA: usize, packB: usize, mask: usize, s0: i32, s1: i32, T: i32, B: i32, H: i32, act: i32, ract: i32, back: bool, resetAfter: bool, work: usize): void {
  const G = 3 * H, BH = B * H, RG = resetAfter ? G : 2 * H;
  for (let s = s1 - 1; s >= s0; s--) {
    const t = inputStep(s, T, back);
    const gs = blk(g, s, B * G), dgs = blk(dg, s, B * G), drs = blk(drh, s, B * RG);
    gruStepBackward(gs, dgs, drs, blk(dhc, s, BH), blk(h, s, BH), blk(rh, s, BH), dh, dhz, dy, s, mask, t, T, B, H, act, ract, resetAfter);
    if (resetAfter) recurrentProduct(dh, drs, packA, B, H, G, 0, work);
    else {
      recurrentProduct(dh, blk(dhc, s, BH), packB, B, H, H, 0, work);
      gruStepBackwardReset(gs, dgs, drs, blk(hm, s, BH), dh, mask, t, T, B, H, ract);
      recurrentProduct(dh, drs, packA, B, H, 2 * H, 1, work);
    }
    addInto(dh, dhz, BH);
  }
}

/** SimpleRNN forward steps [s0, s1): a_s += h_{s-1}·U, activation, h_s (a, hm (T,B,H), h (T+1,B,H)). */
export function rnnForwardSeq(a: usize, h: usize, hm: usize, packU: usize, mask: usize, s0: i32, s1: i32, T: i32, B: i32, H: i32, act: i32, back: bool, work: usize): void {
  const BH = B * H;
  for (let s = s0; s < s1; s++) {
    const as = blk(a, s, BH), hp = blk(h, s, BH), hms = blk(hm, s, BH);
    memory.copy(hms, hp, <usize>BH << 2);
    recurrentProduct(as, hms, packU, B, H, H, 1, work);
    rnnStepForward(as, hp, blk(h, s + 1, BH), mask, inputStep(s, T, back), T, B, H, act);
  }
}

/** SimpleRNN backward steps s1-1 down to s0: da_s, then dh = da_s·Uᵀ (packUT). */
export function rnnBackwardSeq(a: usize, da: usize, dh: usize, keep: usize, dy: usize, packUT: usize, mask: usize, s0: i32, s1: i32, T: i32, B: i32, H: i32, act: i32, back: bool, work: usize): void {
  const BH = B * H;
  for (let s = s1 - 1; s >= s0; s--) {
    const t = inputStep(s, T, back);
    const das = blk(da, s, BH);
    const masked = rnnStepBackward(blk(a, s, BH), das, dh, keep, dy, s, mask, t, T, B, H, act);
    recurrentProduct(dh, das, packUT, B, H, H, 0, work);
    if (masked) restoreMasked(dh, keep, mask, t, T, B, H);
  }
}
