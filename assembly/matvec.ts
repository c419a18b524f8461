// C (M,N) (+)= A (M,K)·P for M ≤ 4 rows, where P is op(B) pre-packed by packAll (blocks of KC rows, each
// a run of 8-wide panels of kc rows): the recurrent product of a small batch (streaming, B = 1..4).
// A GEMM tile of 6x8 would waste most of its work on one row; here every panel is read once per call
// and multiplied into all rows, with 8 independent f32x4 accumulators to cover the FMA latency:
// 1 row x 4 panels, 2 rows x 2 panels, or 4 rows (3 with a dummy) x 1 panel.

import { KC, NR } from './gemm';
import { madd } from './math';

// @ts-expect-error: decorator
@inline function splat(a: usize, p: i32): v128 {
  return v128.load32_splat(a + (<usize>p << 2));
}

// Writes n ≤ 4 lanes of v to c, adding to what is there when acc.
// @ts-expect-error: decorator
@inline function out4(c: usize, v: v128, n: i32, acc: bool): void {
  if (n >= 4) {
    v128.store(c, acc ? f32x4.add(v128.load(c), v) : v);
    return;
  }
  if (n > 0) store<f32>(c, (acc ? load<f32>(c) : 0) + f32x4.extract_lane(v, 0));
  if (n > 1) store<f32>(c, (acc ? load<f32>(c, 4) : 0) + f32x4.extract_lane(v, 1), 4);
  if (n > 2) store<f32>(c, (acc ? load<f32>(c, 8) : 0) + f32x4.extract_lane(v, 2), 8);
}

// Writes the 8 columns of one panel (n of them valid) of one row.
// @ts-expect-error: decorator
@inline function out8(c: usize, lo: v128, hi: v128, n: i32, acc: bool): void {
  out4(c, lo, min(n, 4), acc);
  if (n > 4) out4(c + 16, hi, n - 4, acc);
}

// One row, panels [jp, jp + 32) at a time, then single panels.
function row1(c: usize, a: usize, blk: usize, kc: i32, N: i32, acc: bool): void {
  const ps: usize = <usize>kc << 5; // bytes per panel
  let jp = 0;
  for (; jp + 32 <= N; jp += 32) {
    let q = blk + <usize>jp * (<usize>kc << 2);
    let c0 = f32x4.splat(0), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
    for (let p = 0; p < kc; p++) {
      const x = splat(a, p);
      c0 = madd(x, v128.load(q), c0); c1 = madd(x, v128.load(q, 16), c1);
      c2 = madd(x, v128.load(q + ps), c2); c3 = madd(x, v128.load(q + ps, 16), c3);
      c4 = madd(x, v128.load(q + 2 * ps), c4); c5 = madd(x, v128.load(q + 2 * ps, 16), c5);
      c6 = madd(x, v128.load(q + 3 * ps), c6); c7 = madd(x, v128.load(q + 3 * ps, 16), c7);
      q += 32;
    }
    const o = c + (<usize>jp << 2);
    out8(o, c0, c1, 8, acc); out8(o + 32, c2, c3, 8, acc); out8(o + 64, c4, c5, 8, acc); out8(o + 96, c6, c7, 8, acc);
  }
  for (; jp < N; jp += NR) {
    let q = blk + <usize>jp * (<usize>kc << 2);
    let c0 = f32x4.splat(0), c1 = c0, c2 = c0, c3 = c0;
    let p = 0;
    for (; p + 2 <= kc; p += 2) { // two k at a time: four independent chains
      const x0 = splat(a, p), x1 = splat(a, p + 1);
      c0 = madd(x0, v128.load(q), c0); c1 = madd(x0, v128.load(q, 16), c1);
      c2 = madd(x1, v128.load(q, 32), c2); c3 = madd(x1, v128.load(q, 48), c3);
      q += 64;
    }
    if (p < kc) {
      const x0 = splat(a, p);
      c0 = madd(x0, v128.load(q), c0); c1 = madd(x0, v128.load(q, 16), c1);
    }
    out8(c + (<usize>jp << 2), f32x4.add(c0, c2), f32x4.add(c1, c3), min(NR, N - jp), acc);
  }
}

// Two rows (a0, a1 → c0, c1), two panels at a time, then one.
function row2(cA: usize, cB: usize, a0: usize, a1: usize, blk: usize, kc: i32, N: i32, acc: bool): void {
  const ps: usize = <usize>kc << 5;
  let jp = 0;
  for (; jp + 16 <= N; jp += 16) {
    let q = blk + <usize>jp * (<usize>kc << 2);
    let c0 = f32x4.splat(0), c1 = c0, c2 = c0, c3 = c0, d0 = c0, d1 = c0, d2 = c0, d3 = c0;
    for (let p = 0; p < kc; p++) {
      const x = splat(a0, p), y = splat(a1, p);
      const b0 = v128.load(q), b1 = v128.load(q, 16), b2 = v128.load(q + ps), b3 = v128.load(q + ps, 16);
      c0 = madd(x, b0, c0); c1 = madd(x, b1, c1); c2 = madd(x, b2, c2); c3 = madd(x, b3, c3);
      d0 = madd(y, b0, d0); d1 = madd(y, b1, d1); d2 = madd(y, b2, d2); d3 = madd(y, b3, d3);
      q += 32;
    }
    const o = <usize>jp << 2;
    out8(cA + o, c0, c1, 8, acc); out8(cA + o + 32, c2, c3, 8, acc);
    out8(cB + o, d0, d1, 8, acc); out8(cB + o + 32, d2, d3, 8, acc);
  }
  for (; jp < N; jp += NR) {
    let q = blk + <usize>jp * (<usize>kc << 2);
    let c0 = f32x4.splat(0), c1 = c0, d0 = c0, d1 = c0;
    for (let p = 0; p < kc; p++) {
      const x = splat(a0, p), y = splat(a1, p);
      const b0 = v128.load(q), b1 = v128.load(q, 16);
      c0 = madd(x, b0, c0); c1 = madd(x, b1, c1); d0 = madd(y, b0, d0); d1 = madd(y, b1, d1);
      q += 32;
    }
    const n = min(NR, N - jp), o = <usize>jp << 2;
    out8(cA + o, c0, c1, n, acc); out8(cB + o, d0, d1, n, acc);
  }
}

// Four rows, one panel at a time; `rows` = 3 leaves the fourth (a duplicate of row 2) unwritten.
function row4(c: usize, ldc: usize, a: usize, lda: usize, blk: usize, kc: i32, N: i32, rows: i32, acc: bool): void {
  const a3 = rows == 4 ? a + 3 * lda : a + 2 * lda;
  for (let jp = 0; jp < N; jp += NR) {
    let q = blk + <usize>jp * (<usize>kc << 2);
    let c0 = f32x4.splat(0), c1 = c0, d0 = c0, d1 = c0, e0 = c0, e1 = c0, f0 = c0, f1 = c0;
    for (let p = 0; p < kc; p++) {
      const b0 = v128.load(q), b1 = v128.load(q, 16);
      let x = splat(a, p);
      c0 = madd(x, b0, c0); c1 = madd(x, b1, c1);
      x = splat(a + lda, p);
      d0 = madd(x, b0, d0); d1 = madd(x, b1, d1);
      x = splat(a + 2 * lda, p);
      e0 = madd(x, b0, e0); e1 = madd(x, b1, e1);
      x = splat(a3, p);
      f0 = madd(x, b0, f0); f1 = madd(x, b1, f1);
      q += 32;
    }
    const n = min(NR, N - jp), o = c + (<usize>jp << 2);
    out8(o, c0, c1, n, acc); out8(o + ldc, d0, d1, n, acc); out8(o + 2 * ldc, e0, e1, n, acc);
    if (rows == 4) out8(o + 3 * ldc, f0, f1, n, acc);
  }
}

/** C (M,N) = A (M,K)·P (+ C when beta = 1) for M ≤ 4; P packed by packAll for (K,N). */
export function matvecPacked(C: usize, A: usize, P: usize, M: i32, N: i32, K: i32, beta: i32): void {
  const Np = ((N + NR - 1) / NR) * NR;
  const ldc: usize = <usize>N << 2, lda: usize = <usize>K << 2;
  if (K == 0) {
    if (beta == 0) memory.fill(C, 0, <usize>M * ldc);
    return;
  }
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = min(KC, K - k0);
    const blk = P + ((<usize>k0 * Np) << 2);
    const acc = k0 > 0 || beta != 0;
    const a = A + (<usize>k0 << 2);
    if (M == 1) row1(C, a, blk, kc, N, acc);
    else if (M == 2) row2(C, C + ldc, a, a + lda, blk, kc, N, acc);
    else row4(C, ldc, a, lda, blk, kc, N, M, acc);
  }
}
