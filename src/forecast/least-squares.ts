// Ordinary least squares through the normal equations with a small ridge term, solved by Gaussian
// elimination with partial pivoting (fine for the few coefficients of an autoregression).

import { DataError } from '../errors.js';

/**
 * Coefficients b minimizing |X b - y|² + ridge·|b|² (rows of X are samples).
 * @example solveLeastSquares([[1, 0], [1, 1], [1, 2]], [1, 3, 5], 0) //=> [1, 2]
 */
export function solveLeastSquares(rows: readonly (readonly number[])[], y: readonly number[], ridge = 0): number[] {
  const where = 'solveLeastSquares';
  if (rows.length === 0 || rows.length !== y.length) {
    throw new DataError(
      `needs as many targets as rows and at least one row, got ${rows.length} rows and ${y.length} targets`,
      where,
    );
  }
  const k = rows[0].length;
  // A = XᵀX + ridge·I (k,k), augmented with Xᵀy as column k.
  const A = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (let r = 0; r < rows.length; r++) {
    const x = rows[r];
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) A[i][j] += x[i] * x[j];
      A[i][k] += x[i] * y[r];
    }
  }
  for (let i = 0; i < k; i++) A[i][i] += ridge;
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    if (Math.abs(A[piv][c]) < 1e-12)
      throw new DataError('the system is singular (constant or collinear inputs); add a ridge term', where);
    [A[c], A[piv]] = [A[piv], A[c]];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let j = c; j <= k; j++) A[r][j] -= f * A[c][j];
    }
  }
  return A.map((row, i) => row[k] / row[i]);
}
