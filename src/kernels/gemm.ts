// Reference GEMM on row-major float arrays with element offsets (views without allocation).
// C(M,N) = op(A)·op(B) + beta·C, op(A) = A (M,K) or Aᵀ from a (K,M) array; op(B) = B (K,N) or Bᵀ from (N,K).
// beta is 0 (overwrite) or 1 (accumulate), the only cases the kernels need. This is the oracle for
// the WebAssembly GEMM; it favours clarity with one register-blocked loop nest for every case.

import type { FloatArray } from '../tensor.js';

export type Gemm = (
  C: FloatArray,
  cOff: number,
  A: FloatArray,
  aOff: number,
  B: FloatArray,
  bOff: number,
  M: number,
  N: number,
  K: number,
  transA: boolean,
  transB: boolean,
  beta: 0 | 1,
) => void;

// biome-ignore format: the argument list mirrors the Gemm type
export const gemm: Gemm = (C, cOff, A, aOff, B, bOff, M, N, K, transA, transB, beta) => {
  if (beta === 0) C.fill(0, cOff, cOff + M * N);
  if (M === 0 || N === 0 || K === 0) return;
  // Element (i,k) of op(A) sits at i·ais + k·aks, element (k,j) of op(B) at k·bks + j·bjs.
  const [ais, aks] = transA ? [1, M] : [K, 1];
  const [bks, bjs] = transB ? [1, K] : [N, 1];
  gemmStrided(C, cOff, A, aOff, ais, aks, B, bOff, bks, bjs, M, N, K);
};

/**
 * C (M,N) += op(A)·op(B) for any transposes, given as strides. Blocks of 2 rows x 4 columns of C are
 * accumulated in locals over the whole K loop (6 loads per 8 multiply-adds, no C traffic inside), which
 * is what a JIT keeps in registers; contiguity matters little for scalar loads, so one kernel serves all.
 */
// biome-ignore format: shape comments align with the arguments
function gemmStrided(
  C: FloatArray, cOff: number,
  A: FloatArray, aOff: number, ais: number, aks: number,
  B: FloatArray, bOff: number, bks: number, bjs: number,
  M: number, N: number, K: number,
): void {
  let i = 0;
  for (; i + 2 <= M; i += 2) {
    const a0 = aOff + i * ais, a1 = a0 + ais, c0 = cOff + i * N, c1 = c0 + N;
    let j = 0;
    for (; j + 4 <= N; j += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let pa = 0, pb = bOff + j * bjs;
      for (let k = 0; k < K; k++, pa += aks, pb += bks) {
        const x0 = A[a0 + pa], x1 = A[a1 + pa];
        const b0 = B[pb], b1 = B[pb + bjs], b2 = B[pb + 2 * bjs], b3 = B[pb + 3 * bjs];
        s00 += x0 * b0; s01 += x0 * b1; s02 += x0 * b2; s03 += x0 * b3;
        s10 += x1 * b0; s11 += x1 * b1; s12 += x1 * b2; s13 += x1 * b3;
      }
      C[c0 + j] += s00; C[c0 + j + 1] += s01; C[c0 + j + 2] += s02; C[c0 + j + 3] += s03;
      C[c1 + j] += s10; C[c1 + j + 1] += s11; C[c1 + j + 2] += s12; C[c1 + j + 3] += s13;
    }
    for (; j < N; j++) {
      let s0 = 0, s1 = 0;
      for (let k = 0, pa = 0, pb = bOff + j * bjs; k < K; k++, pa += aks, pb += bks) {
        s0 += A[a0 + pa] * B[pb];
        s1 += A[a1 + pa] * B[pb];
      }
      C[c0 + j] += s0;
      C[c1 + j] += s1;
    }
  }
  for (; i < M; i++) {
    const ai = aOff + i * ais, ci = cOff + i * N;
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0, pa = ai, pb = bOff + j * bjs; k < K; k++, pa += aks, pb += bks) s += A[pa] * B[pb];
      C[ci + j] += s;
    }
  }
}

/** out[j] += Σ_i A[i, j] over M rows of a (M,N) array: bias gradients. */
export function addColumnSums(out: FloatArray, oOff: number, A: FloatArray, aOff: number, M: number, N: number): void {
  for (let i = 0; i < M; i++) {
    const ai = aOff + i * N;
    for (let j = 0; j < N; j++) out[oOff + j] += A[ai + j];
  }
}

/** Adds the row vector b (N) to every row of the (M,N) array at aOff. */
export function addRowVector(A: FloatArray, aOff: number, b: FloatArray, bOff: number, M: number, N: number): void {
  for (let i = 0; i < M; i++) {
    const ai = aOff + i * N;
    for (let j = 0; j < N; j++) A[ai + j] += b[bOff + j];
  }
}
