// Elementwise and reduction helpers a training step needs: bias broadcast, column sums, batch-major
// <-> time-major copies, and the activation pass over a range.

/** Every row of A (M,N) = b (N): the bias-initialized accumulator for x·W + b. */
export function fillRows(A: usize, b: usize, M: i32, N: i32): void {
  const rowBytes = (<usize>N) << 2;
  for (let i = 0; i < M; i++) memory.copy(A + <usize>i * rowBytes, b, rowBytes);
}

/** out[j] += Σ_i A[i, j] over the (M,N) array A, row by row (the reference's order, cache-friendly). */
export function addColumnSums(out: usize, A: usize, M: i32, N: i32): void {
  for (let i = 0; i < M; i++) {
    const row = A + ((<usize>i * N) << 2);
    let j = 0;
    for (; j + 4 <= N; j += 4) {
      const q = out + ((<usize>j) << 2);
      v128.store(q, f32x4.add(v128.load(q), v128.load(row + ((<usize>j) << 2))));
    }
    for (; j < N; j++) {
      const q = out + ((<usize>j) << 2);
      store<f32>(q, load<f32>(q) + load<f32>(row + ((<usize>j) << 2)));
    }
  }
}

/** xs (T,B,D) in processing order <- x (B,T,D), or back when toBatchMajor. */
export function timeMajor(xs: usize, x: usize, B: i32, T: i32, D: i32, goBackwards: bool, toBatchMajor: bool): void {
  const row = (<usize>D) << 2;
  for (let s = 0; s < T; s++) {
    const t = goBackwards ? T - 1 - s : s;
    for (let b = 0; b < B; b++) {
      const src = x + <usize>(b * T + t) * row,
        dst = xs + <usize>(s * B + b) * row;
      if (toBatchMajor) memory.copy(src, dst, row);
      else memory.copy(dst, src, row);
    }
  }
}
