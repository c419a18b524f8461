// Reference GEMM on row-major float arrays with element offsets (views without allocation).
// C(M,N) = op(A)·op(B) + beta·C, op(A) = A (M,K) or Aᵀ from a (K,M) array; op(B) = B (K,N) or Bᵀ from (N,K).
// beta is 0 (overwrite) or 1 (accumulate), the only cases the kernels need.

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
  if (!transA && !transB) gemmNN(C, cOff, A, aOff, B, bOff, M, N, K);
  else if (!transA && transB) gemmNT(C, cOff, A, aOff, B, bOff, M, N, K);
  else if (transA && !transB) gemmTN(C, cOff, A, aOff, B, bOff, M, N, K);
  else gemmTT(C, cOff, A, aOff, B, bOff, M, N, K);
};

// Column panels of B narrow enough to stay in cache while every row block of A passes over them;
// only worth it when B is tall (small K keeps the whole of B in L2 anyway).
const PANEL = 128;
const panelFor = (N: number, K: number): number => (K > 256 ? PANEL : N);

// C += A(M,K)·B(K,N): four rows of C share each loaded row of a B panel.
function gemmNN(
  C: FloatArray,
  cOff: number,
  A: FloatArray,
  aOff: number,
  B: FloatArray,
  bOff: number,
  M: number,
  N: number,
  K: number,
): void {
  const P = panelFor(N, K);
  for (let j0 = 0; j0 < N; j0 += P) {
    const j1 = Math.min(N, j0 + P);
    let i = 0;
    for (; i + 4 <= M; i += 4) {
      const c0 = cOff + i * N,
        c1 = c0 + N,
        c2 = c1 + N,
        c3 = c2 + N;
      const a0 = aOff + i * K,
        a1 = a0 + K,
        a2 = a1 + K,
        a3 = a2 + K;
      for (let k = 0; k < K; k++) {
        const x0 = A[a0 + k],
          x1 = A[a1 + k],
          x2 = A[a2 + k],
          x3 = A[a3 + k];
        const bk = bOff + k * N;
        for (let j = j0; j < j1; j++) {
          const b = B[bk + j];
          C[c0 + j] += x0 * b;
          C[c1 + j] += x1 * b;
          C[c2 + j] += x2 * b;
          C[c3 + j] += x3 * b;
        }
      }
    }
    for (; i < M; i++) {
      const ci = cOff + i * N,
        ai = aOff + i * K;
      for (let k = 0; k < K; k++) {
        const x = A[ai + k];
        if (x === 0) continue;
        const bk = bOff + k * N;
        for (let j = j0; j < j1; j++) C[ci + j] += x * B[bk + j];
      }
    }
  }
}

// C += A(M,K)·B(N,K)ᵀ: dot products of contiguous rows, four columns of C at a time.
function gemmNT(
  C: FloatArray,
  cOff: number,
  A: FloatArray,
  aOff: number,
  B: FloatArray,
  bOff: number,
  M: number,
  N: number,
  K: number,
): void {
  for (let i = 0; i < M; i++) {
    const ai = aOff + i * K,
      ci = cOff + i * N;
    let j = 0;
    for (; j + 4 <= N; j += 4) {
      const b0 = bOff + j * K,
        b1 = b0 + K,
        b2 = b1 + K,
        b3 = b2 + K;
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0;
      for (let k = 0; k < K; k++) {
        const a = A[ai + k];
        s0 += a * B[b0 + k];
        s1 += a * B[b1 + k];
        s2 += a * B[b2 + k];
        s3 += a * B[b3 + k];
      }
      C[ci + j] += s0;
      C[ci + j + 1] += s1;
      C[ci + j + 2] += s2;
      C[ci + j + 3] += s3;
    }
    for (; j < N; j++) {
      const bj = bOff + j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[ai + k] * B[bj + k];
      C[ci + j] += s;
    }
  }
}

// C += A(K,M)ᵀ·B(K,N): rank-1 updates, four rows of C per loaded row of a B panel.
function gemmTN(
  C: FloatArray,
  cOff: number,
  A: FloatArray,
  aOff: number,
  B: FloatArray,
  bOff: number,
  M: number,
  N: number,
  K: number,
): void {
  const P = panelFor(N, K);
  for (let j0 = 0; j0 < N; j0 += P) {
    const j1 = Math.min(N, j0 + P);
    let i = 0;
    for (; i + 4 <= M; i += 4) {
      const c0 = cOff + i * N,
        c1 = c0 + N,
        c2 = c1 + N,
        c3 = c2 + N;
      for (let k = 0; k < K; k++) {
        const ak = aOff + k * M + i;
        const x0 = A[ak],
          x1 = A[ak + 1],
          x2 = A[ak + 2],
          x3 = A[ak + 3];
        const bk = bOff + k * N;
        for (let j = j0; j < j1; j++) {
          const b = B[bk + j];
          C[c0 + j] += x0 * b;
          C[c1 + j] += x1 * b;
          C[c2 + j] += x2 * b;
          C[c3 + j] += x3 * b;
        }
      }
    }
    for (; i < M; i++) {
      const ci = cOff + i * N;
      for (let k = 0; k < K; k++) {
        const x = A[aOff + k * M + i];
        if (x === 0) continue;
        const bk = bOff + k * N;
        for (let j = j0; j < j1; j++) C[ci + j] += x * B[bk + j];
      }
    }
  }
}

// C += A(K,M)ᵀ·B(N,K)ᵀ: rare; kept simple.
function gemmTT(
  C: FloatArray,
  cOff: number,
  A: FloatArray,
  aOff: number,
  B: FloatArray,
  bOff: number,
  M: number,
  N: number,
  K: number,
): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += A[aOff + k * M + i] * B[bOff + j * K + k];
      C[cOff + i * N + j] += s;
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
