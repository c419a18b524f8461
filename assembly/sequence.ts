// The per-step loops of the recurrent drivers (src/kernels/lstm.ts, gru.ts, simple-rnn.ts) fused into one
// wasm call for a range of steps: each step's recurrent product against the pre-packed recurrent
// kernel (the matrix-vector kernel for B ≤ 4, the packed GEMM otherwise) and its gate pass, with no
// JavaScript between steps. Batch rows are independent sequences, so each loop runs on a range of rows
// [r0, r1) of the (B,·) blocks: threads split a sequence by rows with no barrier between steps.
// Pointers are byte addresses of the workspaces' time-major blocks; s indexes processing order.

import { fillRows } from './elementwise';
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
// Byte offset of row r0 in a (B,n) block, and of row r0 of a (B,T,n) array (masks, dy).
// @ts-expect-error: decorator
@inline function rows(r0: i32, n: i32): usize {
  return (<usize>r0 * n) << 2;
}
// @ts-expect-error: decorator
@inline function opt(p: usize, off: usize): usize {
  return p ? p + off : 0;
}
// @ts-expect-error: decorator
@inline function inputStep(s: i32, T: i32, back: bool): i32 {
  return back ? T - 1 - s : s;
}

/**
 * LSTM forward steps [s0, s1) on rows [r0, r1), input projection included: per step the rows of
 * [x_s, h_{s-1}] are staged in xh (B, D+H) and z_s = b + [x_s, h_{s-1}]·[W; U] is one product against
 * the packed stacked kernel packWU (D+H, 4H), then the gate pass (z (T,B,4H), c/h (T+1,B,H), actC
 * (T,B,H), xs (T,B,D) time-major inputs, bias (4H) or 0). One product per step (and no separate pass
 * over z for x·W + b) keeps z_s in cache and lets threads split the whole forward pass by rows.
 */
export function lstmForwardSeq(z: usize, c: usize, h: usize, actC: usize, xs: usize, xh: usize, packWU: usize, bias: usize, mask: usize, s0: i32, s1: i32, T: i32, B: i32, D: i32, H: i32, act: i32, ract: i32, back: bool, r0: i32, r1: i32, work: usize): void {
  const G = 4 * H, BH = B * H, R = r1 - r0, K = D + H, oG = rows(r0, G), oH = rows(r0, H), m = opt(mask, rows(r0, T));
  const xhr = xh + rows(r0, K), dBytes = <usize>D << 2, hBytes = <usize>H << 2;
  for (let s = s0; s < s1; s++) {
    const zs = blk(z, s, B * G) + oG, hp = blk(h, s, BH) + oH, xr = blk(xs, s, B * D) + rows(r0, D);
    for (let r = 0; r < R; r++) {
      const dst = xhr + rows(r, K);
      memory.copy(dst, xr + rows(r, D), dBytes);
      memory.copy(dst + dBytes, hp + rows(r, H), hBytes);
    }
    if (bias) fillRows(zs, bias, R, G);
    recurrentProduct(zs, xhr, packWU, R, G, K, bias ? 1 : 0, work);
    lstmStepForward(zs, blk(c, s, BH) + oH, hp, blk(c, s + 1, BH) + oH, blk(h, s + 1, BH) + oH, blk(actC, s, BH) + oH, m, inputStep(s, T, back), T, R, H, act, ract);
  }
}

/** LSTM backward steps s1-1 down to s0 on rows [r0, r1): dz_s, then dh = dz_s·Uᵀ (packUT = Uᵀ packed); dy (B,T,H) or 0. */
export function lstmBackwardSeq(z: usize, dz: usize, c: usize, actC: usize, packUT: usize, dh: usize, dc: usize, keep: usize, dy: usize, mask: usize, s0: i32, s1: i32, T: i32, B: i32, H: i32, act: i32, ract: i32, back: bool, r0: i32, r1: i32, work: usize): void {
  const G = 4 * H, BH = B * H, R = r1 - r0, oG = rows(r0, G), oH = rows(r0, H);
  const m = opt(mask, rows(r0, T)), y = opt(dy, rows(r0, T * H)), dhr = dh + oH, dcr = dc + oH, kr = keep + oH;
  for (let s = s1 - 1; s >= s0; s--) {
    const t = inputStep(s, T, back);
    const dzs = blk(dz, s, B * G) + oG;
    const masked = lstmStepBackward(blk(z, s, B * G) + oG, dzs, blk(c, s, BH) + oH, blk(actC, s, BH) + oH, dhr, dcr, kr, y, s, m, t, T, R, H, act, ract);
    recurrentProduct(dhr, dzs, packUT, R, H, G, 0, work);
    if (masked) restoreMasked(dhr, kr, m, t, T, R, H);
  }
}

/**
 * GRU forward steps [s0, s1). resetAfter: packA = U (H,3H) packed, brec the recurrent bias (3H) or 0.
 * Otherwise packA = Uzr (H,2H) and packB = Uh (H,H) packed. g (T,B,3H), rh/hm (T,B,H), h (T+1,B,H).
 */
export function gruForwardSeq(g: usize, rh: usize, h: usize, hm: usize, scratch: usize, packA: usize, packB: usize, brec: usize, mask: usize, s0: i32, s1: i32, T: i32, B: i32, H: i32, act: i32, ract: i32, back: bool, resetAfter: bool, r0: i32, r1: i32, work: usize): void {
  const G = 3 * H, BH = B * H, R = r1 - r0, oG = rows(r0, G), oH = rows(r0, H), m = opt(mask, rows(r0, T));
  const sc = scratch + oG; // this range's rows of the (B,3H) scratch, whatever the row width used
  for (let s = s0; s < s1; s++) {
    const t = inputStep(s, T, back);
    const gs = blk(g, s, B * G) + oG, hp = blk(h, s, BH) + oH, hms = blk(hm, s, BH) + oH, rhs = blk(rh, s, BH) + oH;
    const hc = blk(h, s + 1, BH) + oH;
    memory.copy(hms, hp, (<usize>R * H) << 2);
    if (resetAfter) {
      recurrentProduct(sc, hms, packA, R, G, H, 0, work);
      gruStepForward(gs, sc, brec, rhs, hp, hc, m, t, T, R, H, act, ract);
    } else {
      recurrentProduct(sc, hms, packA, R, 2 * H, H, 0, work);
      gruStepGates(gs, sc, rhs, hms, R, H, ract);
      recurrentProduct(sc, rhs, packB, R, H, H, 0, work);
      gruStepCandidate(gs, sc, hp, hc, m, t, T, R, H, act);
    }
  }
}

/**
 * GRU backward steps s1-1 down to s0. resetAfter: packA = Uᵀ (3H,H) packed. Otherwise packA = Uzrᵀ
 * (2H,H) and packB = Uhᵀ (H,H) packed. dh (B,H) carries the running gradient.
 */
export function gruBackwardSeq(g: usize, dg: usize, drh: usize, dhc: usize, h: usize, rh: usize, hm: usize, dh: usize, dhz: usize, dy: usize, packA: usize, packB: usize, mask: usize, s0: i32, s1: i32, T: i32, B: i32, H: i32, act: i32, ract: i32, back: bool, resetAfter: bool, r0: i32, r1: i32, work: usize): void {
  const G = 3 * H, BH = B * H, RG = resetAfter ? G : 2 * H, R = r1 - r0, oG = rows(r0, G), oH = rows(r0, H), oR = rows(r0, RG);
  const m = opt(mask, rows(r0, T)), y = opt(dy, rows(r0, T * H)), dhr = dh + oH, dzr = dhz + oH;
  for (let s = s1 - 1; s >= s0; s--) {
    const t = inputStep(s, T, back);
    const gs = blk(g, s, B * G) + oG, dgs = blk(dg, s, B * G) + oG, drs = blk(drh, s, B * RG) + oR, dcs = blk(dhc, s, BH) + oH;
    gruStepBackward(gs, dgs, drs, dcs, blk(h, s, BH) + oH, blk(rh, s, BH) + oH, dhr, dzr, y, s, m, t, T, R, H, act, ract, resetAfter);
    if (resetAfter) recurrentProduct(dhr, drs, packA, R, H, G, 0, work);
    else {
      recurrentProduct(dhr, dcs, packB, R, H, H, 0, work);
      gruStepBackwardReset(gs, dgs, drs, blk(hm, s, BH) + oH, dhr, m, t, T, R, H, ract);
      recurrentProduct(dhr, drs, packA, R, H, 2 * H, 1, work);
    }
    addInto(dhr, dzr, R * H);
  }
}

/** SimpleRNN forward steps [s0, s1): a_s += h_{s-1}·U, activation, h_s (a, hm (T,B,H), h (T+1,B,H)). */
export function rnnForwardSeq(a: usize, h: usize, hm: usize, packU: usize, mask: usize, s0: i32, s1: i32, T: i32, B: i32, H: i32, act: i32, back: bool, r0: i32, r1: i32, work: usize): void {
  const BH = B * H, R = r1 - r0, oH = rows(r0, H), m = opt(mask, rows(r0, T));
  for (let s = s0; s < s1; s++) {
    const as = blk(a, s, BH) + oH, hp = blk(h, s, BH) + oH, hms = blk(hm, s, BH) + oH;
    memory.copy(hms, hp, (<usize>R * H) << 2);
    recurrentProduct(as, hms, packU, R, H, H, 1, work);
    rnnStepForward(as, hp, blk(h, s + 1, BH) + oH, m, inputStep(s, T, back), T, R, H, act);
  }
}

/** SimpleRNN backward steps s1-1 down to s0: da_s, then dh = da_s·Uᵀ (packUT). */
export function rnnBackwardSeq(a: usize, da: usize, dh: usize, keep: usize, dy: usize, packUT: usize, mask: usize, s0: i32, s1: i32, T: i32, B: i32, H: i32, act: i32, back: bool, r0: i32, r1: i32, work: usize): void {
  const BH = B * H, R = r1 - r0, oH = rows(r0, H), m = opt(mask, rows(r0, T)), y = opt(dy, rows(r0, T * H));
  const dhr = dh + oH, kr = keep + oH;
  for (let s = s1 - 1; s >= s0; s--) {
    const t = inputStep(s, T, back);
    const das = blk(da, s, BH) + oH;
    const masked = rnnStepBackward(blk(a, s, BH) + oH, das, dhr, kr, y, s, m, t, T, R, H, act);
    recurrentProduct(dhr, das, packUT, R, H, H, 0, work);
    if (masked) restoreMasked(dhr, kr, m, t, T, R, H);
  }
}
