// Packed, register-tiled SGEMM (GotoBLAS/BLIS structure): C(M,N) = op(A)·op(B) + beta·C on row-major
// f32 arrays given as byte pointers. op(A)[i,k] = A[i*rsA + k*csA], op(B)[k,j] = B[k*rsB + j*csB], so
// NN, NT, TN and TT share one driver; the transposes live only in the packing routines.
// Blocks: KC rows of op(B) are packed into NR-wide panels (KC x 8), MC rows of op(A) into MR-high
// panels (KC x 6); a 6x8 micro-kernel keeps 12 f32x4 accumulators in registers.

import { madd } from './math';

export const MR = 6;
export const NR = 8;
export const KC = 256;
export const MC = 72;

/** Floats of pack workspace gemm() needs: A block + B block for N columns + one edge tile. */
export function packFloats(N: i32): i32 {
  return MC * KC + KC * (((N + NR - 1) / NR) * NR) + MR * NR;
}

// Four columns of six rows (row stride rs bytes) stored as four packed 6-float rows: a 4x4 transpose
// of rows 0-3 and an interleave of rows 4-5, 6 loads and 6 stores instead of 24 of each.
// @ts-expect-error: decorator
@inline function pack6x4(pa: usize, q: usize, rs: usize): void {
  const a = v128.load(q), b = v128.load(q + rs), c = v128.load(q + 2 * rs);
  const d = v128.load(q + 3 * rs), e = v128.load(q + 4 * rs), f = v128.load(q + 5 * rs);
  const abLo = v128.shuffle<f32>(a, b, 0, 4, 1, 5), abHi = v128.shuffle<f32>(a, b, 2, 6, 3, 7);
  const cdLo = v128.shuffle<f32>(c, d, 0, 4, 1, 5), cdHi = v128.shuffle<f32>(c, d, 2, 6, 3, 7);
  const efLo = v128.shuffle<f32>(e, f, 0, 4, 1, 5), efHi = v128.shuffle<f32>(e, f, 2, 6, 3, 7);
  const t1 = v128.shuffle<f32>(abLo, cdLo, 2, 3, 6, 7), t3 = v128.shuffle<f32>(abHi, cdHi, 2, 3, 6, 7);
  v128.store(pa, v128.shuffle<f32>(abLo, cdLo, 0, 1, 4, 5)); // a0 b0 c0 d0
  v128.store(pa, v128.shuffle<f32>(efLo, t1, 0, 1, 4, 5), 16); // e0 f0 a1 b1
  v128.store(pa, v128.shuffle<f32>(t1, efLo, 2, 3, 6, 7), 32); // c1 d1 e1 f1
  v128.store(pa, v128.shuffle<f32>(abHi, cdHi, 0, 1, 4, 5), 48); // a2 b2 c2 d2
  v128.store(pa, v128.shuffle<f32>(efHi, t3, 0, 1, 4, 5), 64); // e2 f2 a3 b3
  v128.store(pa, v128.shuffle<f32>(t3, efHi, 2, 3, 6, 7), 80); // c3 d3 e3 f3
}

// Packs op(A)[i0..i0+mc, k0..k0+kc] into ceil(mc/6) panels of kc x 6 (zero rows past mc).
function packA(pa: usize, A: usize, rsA: i32, csA: i32, i0: i32, k0: i32, mc: i32, kc: i32): void {
  for (let ip = 0; ip < mc; ip += MR) {
    const mr = min(MR, mc - ip);
    if (mr == MR && csA == 1) {
      const r0 = A + ((<usize>(i0 + ip) * rsA + k0) << 2);
      const rs = <usize>rsA << 2;
      let p = 0;
      for (; p + 4 <= kc; p += 4) {
        pack6x4(pa, r0 + (<usize>p << 2), rs);
        pa += (MR * 4) << 2;
      }
      for (; p < kc; p++) {
        const q = r0 + (<usize>p << 2);
        store<f32>(pa, load<f32>(q));
        store<f32>(pa, load<f32>(q + rs), 4);
        store<f32>(pa, load<f32>(q + 2 * rs), 8);
        store<f32>(pa, load<f32>(q + 3 * rs), 12);
        store<f32>(pa, load<f32>(q + 4 * rs), 16);
        store<f32>(pa, load<f32>(q + 5 * rs), 20);
        pa += MR << 2;
      }
    } else if (mr == MR && rsA == 1) {
      // op(A) = Aᵀ: the 6 rows of a panel are 6 consecutive floats of one row of A.
      for (let p = 0; p < kc; p++) {
        const q = A + ((<usize>(k0 + p) * csA + i0 + ip) << 2);
        v128.store(pa, v128.load(q));
        store<u64>(pa, load<u64>(q, 16), 16);
        pa += MR << 2;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let r = 0; r < MR; r++) {
          const v: f32 = r < mr ? load<f32>(A + ((<usize>(i0 + ip + r) * rsA + <usize>(k0 + p) * csA) << 2)) : 0;
          store<f32>(pa + (<usize>r << 2), v);
        }
        pa += MR << 2;
      }
    }
  }
}

// Packs op(B)[k0..k0+kc, 0..N] into ceil(N/8) panels of kc x 8 (zero columns past N).
function packB(pb: usize, B: usize, rsB: i32, csB: i32, k0: i32, kc: i32, N: i32): void {
  for (let jp = 0; jp < N; jp += NR) {
    const nr = min(NR, N - jp);
    if (nr == NR && csB == 1) {
      for (let p = 0; p < kc; p++) {
        const q = B + ((<usize>(k0 + p) * rsB + jp) << 2);
        v128.store(pb, v128.load(q));
        v128.store(pb, v128.load(q, 16), 16);
        pb += NR << 2;
      }
    } else if (nr == NR) {
      // op(B) = Bᵀ: 8 strided columns, gathered without bounds tests.
      const cs = <usize>csB << 2;
      for (let p = 0; p < kc; p++) {
        const q = B + ((<usize>(k0 + p) * rsB + <usize>jp * csB) << 2);
        for (let c: usize = 0; c < <usize>NR; c++) store<f32>(pb + (c << 2), load<f32>(q + c * cs));
        pb += NR << 2;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        for (let c = 0; c < NR; c++) {
          const v: f32 = c < nr ? load<f32>(B + ((<usize>(k0 + p) * rsB + <usize>(jp + c) * csB) << 2)) : 0;
          store<f32>(pb + (<usize>c << 2), v);
        }
        pb += NR << 2;
      }
    }
  }
}

// C tile (mr x nr at c, row stride ldc floats) = [C +] A panel · B panel over kc.
// Full tiles go straight to C; edge tiles through `tile` (6x8 floats).
function micro(pa: usize, pb: usize, c: usize, ldc: i32, kc: i32, mr: i32, nr: i32, acc: bool, tile: usize): void {
  let c00 = f32x4.splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
  let c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(pb), b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa);
    c00 = madd(a, b0, c00); c01 = madd(a, b1, c01);
    a = v128.load32_splat(pa, 4);
    c10 = madd(a, b0, c10); c11 = madd(a, b1, c11);
    a = v128.load32_splat(pa, 8);
    c20 = madd(a, b0, c20); c21 = madd(a, b1, c21);
    a = v128.load32_splat(pa, 12);
    c30 = madd(a, b0, c30); c31 = madd(a, b1, c31);
    a = v128.load32_splat(pa, 16);
    c40 = madd(a, b0, c40); c41 = madd(a, b1, c41);
    a = v128.load32_splat(pa, 20);
    c50 = madd(a, b0, c50); c51 = madd(a, b1, c51);
    pa += MR << 2;
    pb += NR << 2;
  }
  const full = mr == MR && nr == NR;
  const dst = full ? c : tile;
  const ld: usize = full ? <usize>ldc << 2 : NR << 2;
  if (full && acc) {
    storeAdd(dst, c00, c01); storeAdd(dst + ld, c10, c11); storeAdd(dst + 2 * ld, c20, c21);
    storeAdd(dst + 3 * ld, c30, c31); storeAdd(dst + 4 * ld, c40, c41); storeAdd(dst + 5 * ld, c50, c51);
    return;
  }
  store2(dst, c00, c01); store2(dst + ld, c10, c11); store2(dst + 2 * ld, c20, c21);
  store2(dst + 3 * ld, c30, c31); store2(dst + 4 * ld, c40, c41); store2(dst + 5 * ld, c50, c51);
  if (full) return;
  for (let r = 0; r < mr; r++) {
    for (let j = 0; j < nr; j++) {
      const q = c + ((<usize>r * ldc + j) << 2);
      const v = load<f32>(tile + ((<usize>r * NR + j) << 2));
      store<f32>(q, acc ? load<f32>(q) + v : v);
    }
  }
}

// @ts-expect-error: decorator
@inline function store2(p: usize, a: v128, b: v128): void {
  v128.store(p, a);
  v128.store(p, b, 16);
}
// @ts-expect-error: decorator
@inline function storeAdd(p: usize, a: v128, b: v128): void {
  v128.store(p, f32x4.add(v128.load(p), a));
  v128.store(p, f32x4.add(v128.load(p, 16), b), 16);
}

/**
 * C (M,N) = op(A)·op(B) + beta·C for rows [m0, m1) and column panels [n0, n1) of C (n0, n1 multiples
 * of 8 or N): the unit of work a thread takes. `work` holds packFloats(N) floats.
 * When `prepacked` is true, B already holds op(B) packed for all of K (see packAll).
 */
export function gemmRange(C: usize, A: usize, B: usize, M: i32, N: i32, K: i32, transA: bool, transB: bool, beta: i32, work: usize, m0: i32, m1: i32, n0: i32, n1: i32, prepacked: bool): void {
  const rsA = transA ? 1 : K, csA = transA ? M : 1;
  const rsB = transB ? 1 : N, csB = transB ? K : 1;
  const pa = work, pbOwn = work + (<usize>(MC * KC) << 2);
  const Np = ((N + NR - 1) / NR) * NR;
  const tile = pbOwn + (<usize>(KC * Np) << 2);
  const nw = n1 - n0;
  if (K == 0 && beta == 0) {
    for (let i = m0; i < m1; i++) memory.fill(C + ((<usize>i * N + n0) << 2), 0, <usize>nw << 2);
    return;
  }
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = min(KC, K - k0);
    const acc = k0 > 0 || beta != 0;
    let pb: usize;
    if (prepacked) pb = B + ((<usize>k0 * Np + <usize>n0 * kc) << 2);
    else {
      packB(pbOwn, B + ((<usize>n0 * csB) << 2), rsB, csB, k0, kc, nw);
      pb = pbOwn;
    }
    for (let i0 = m0; i0 < m1; i0 += MC) {
      const mc = min(MC, m1 - i0);
      packA(pa, A, rsA, csA, i0, k0, mc, kc);
      for (let jp = 0; jp < nw; jp += NR) {
        const nr = min(NR, nw - jp);
        const pbj = pb + (<usize>(jp * kc) << 2);
        for (let ip = 0; ip < mc; ip += MR) {
          micro(pa + (<usize>(ip * kc) << 2), pbj, C + ((<usize>(i0 + ip) * N + n0 + jp) << 2), N, kc, min(MR, mc - ip), nr, acc, tile);
        }
      }
    }
  }
}

/** Packs all of op(B) (K,N) for gemmRange(prepacked = true): block k0 at k0·Np floats. Needs K·Np floats. */
export function packAll(dst: usize, B: usize, K: i32, N: i32, transB: bool): void {
  const rsB = transB ? 1 : N, csB = transB ? K : 1;
  const Np = ((N + NR - 1) / NR) * NR;
  for (let k0 = 0; k0 < K; k0 += KC) {
    const kc = min(KC, K - k0);
    packB(dst + ((<usize>k0 * Np) << 2), B, rsB, csB, k0, kc, N);
  }
}

/** Whole GEMM on one thread. */
export function gemm(C: usize, A: usize, B: usize, M: i32, N: i32, K: i32, transA: bool, transB: bool, beta: i32, work: usize): void {
  gemmRange(C, A, B, M, N, K, transA, transB, beta, work, 0, M, 0, N, false);
}
