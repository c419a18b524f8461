// Weight initializers as Keras 3 defines them. Fans follow Keras: for a (..., in, out) kernel,
// fanIn = receptive·in, fanOut = receptive·out. Variance-scaling normals are truncated at 2 std and
// rescaled by 0.87962566103423978, as keras.initializers.VarianceScaling does.

import { checkOneOf, ConfigError } from './errors.js';
import type { Rng } from './rng.js';
import { type Gemm, gemm as referenceGemm } from './kernels/gemm.js';
import type { FloatArray, Shape } from './tensor.js';

export const INITIALIZERS = [
  'glorotUniform',
  'glorotNormal',
  'heNormal',
  'heUniform',
  'lecunNormal',
  'lecunUniform',
  'orthogonal',
  'zeros',
  'ones',
  'constant',
  'randomNormal',
  'randomUniform',
  'truncatedNormal',
  'identity',
] as const;
export type InitializerName = (typeof INITIALIZERS)[number];
/** A name, or an object with the name and its options, e.g. { name: 'constant', value: 0.1 }. */
export type InitializerSpec =
  | InitializerName
  | {
      name: InitializerName;
      value?: number;
      mean?: number;
      stddev?: number;
      minval?: number;
      maxval?: number;
      gain?: number;
    };

const TRUNC = 0.87962566103423978;

export function fans(shape: Shape): [number, number] {
  if (shape.length === 0) return [1, 1];
  if (shape.length === 1) return [shape[0], shape[0]];
  let receptive = 1;
  for (let i = 0; i < shape.length - 2; i++) receptive *= shape[i];
  return [receptive * shape[shape.length - 2], receptive * shape[shape.length - 1]];
}

/** Validates a spec and returns it as an object with its name. */
export function resolveInitializer(spec: InitializerSpec, where: string): Exclude<InitializerSpec, string> {
  const obj = typeof spec === 'string' ? { name: spec } : spec;
  if (obj === null || typeof obj !== 'object')
    throw new ConfigError(`initializer must be a name or { name, ... }, got ${JSON.stringify(spec)}`, where);
  checkOneOf(obj.name, INITIALIZERS, 'initializer', where);
  return obj;
}

/** Fills `out` (a tensor of `shape`) as the initializer specifies. */
export function initialize(
  spec: InitializerSpec,
  out: FloatArray,
  shape: Shape,
  rng: Rng,
  where = 'initializer',
  gemm: Gemm = referenceGemm,
): void {
  const s = resolveInitializer(spec, where);
  const [fanIn, fanOut] = fans(shape);
  const n = out.length;
  const uniform = (limit: number) => {
    for (let i = 0; i < n; i++) out[i] = rng.uniform(-limit, limit);
  };
  const truncated = (std: number) => {
    for (let i = 0; i < n; i++) out[i] = rng.truncatedNormal(0, std / TRUNC);
  };
  switch (s.name) {
    case 'glorotUniform':
      uniform(Math.sqrt(6 / (fanIn + fanOut)));
      return;
    case 'glorotNormal':
      truncated(Math.sqrt(2 / (fanIn + fanOut)));
      return;
    case 'heUniform':
      uniform(Math.sqrt(6 / fanIn));
      return;
    case 'heNormal':
      truncated(Math.sqrt(2 / fanIn));
      return;
    case 'lecunUniform':
      uniform(Math.sqrt(3 / fanIn));
      return;
    case 'lecunNormal':
      truncated(Math.sqrt(1 / fanIn));
      return;
    case 'zeros':
      out.fill(0);
      return;
    case 'ones':
      out.fill(1);
      return;
    case 'constant':
      out.fill(s.value ?? 0);
      return;
    case 'randomNormal':
      for (let i = 0; i < n; i++) out[i] = rng.normal(s.mean ?? 0, s.stddev ?? 0.05);
      return;
    case 'truncatedNormal':
      for (let i = 0; i < n; i++) out[i] = rng.truncatedNormal(s.mean ?? 0, s.stddev ?? 0.05);
      return;
    case 'randomUniform':
      for (let i = 0; i < n; i++) out[i] = rng.uniform(s.minval ?? -0.05, s.maxval ?? 0.05);
      return;
    case 'identity': {
      if (shape.length !== 2) throw new ConfigError(`identity needs a 2-D shape, got [${shape.join(', ')}]`, where);
      out.fill(0);
      for (let i = 0; i < Math.min(shape[0], shape[1]); i++) out[i * shape[1] + i] = s.gain ?? 1;
      return;
    }
    case 'orthogonal':
      orthogonal(out, shape, rng, s.gain ?? 1, gemm);
  }
}

/**
 * Keras' orthogonal initializer: a Gaussian (rows, cols) matrix, rows = Π shape[:-1], cols = shape[-1],
 * made orthonormal along its shorter side. Cholesky QR in float64: with A the tall (m, n) Gaussian,
 * RᵀR = AᵀA and Q = A·R⁻¹. R's diagonal is positive, so Q equals Householder QR's Q with Keras' sign fix
 * (q·sign(diag r)) and is Haar-distributed. For a tall Gaussian matrix AᵀA has condition number about
 * ((√m+√n)/(√m−√n))² ≤ 9 when m ≥ 4n, so one pass is orthonormal to ~1e-15; near-square shapes get a
 * second pass. The two O(m·n²) products go through `gemm`, so a faster backend speeds them up.
 */
export function orthogonal(out: FloatArray, shape: Shape, rng: Rng, gain = 1, gemm: Gemm = referenceGemm): void {
  const cols = shape.length ? shape[shape.length - 1] : 1;
  const rows = out.length / cols;
  const m = Math.max(rows, cols),
    n = Math.min(rows, cols); // A is (m, n), tall
  // With a faster (float32) GEMM than the reference, everything runs in float32 through it, the
  // Cholesky factor and its inverse included (cholInverse); orthonormal to float32 precision (~1e-6).
  const fast = gemm !== referenceGemm;
  const F = fast ? Float32Array : Float64Array;
  let A: FloatArray = new F(m * n);
  for (let i = 0; i < A.length; i++) A[i] = rng.normal();
  const passes = m >= 4 * n ? 1 : 2;
  for (let pass = 0; pass < passes; pass++) {
    const G = new F(n * n);
    gemm(G, 0, A, 0, A, 0, n, n, m, true, false, 0); // AᵀA
    const Ri = fast ? cholInverse(G as Float32Array, n, gemm)[1] : invertUpper(cholesky(G as Float64Array, n), n);
    const Q = new F(m * n);
    gemm(Q, 0, A, 0, Ri, 0, m, n, n, false, false, 0);
    A = Q;
  }
  // A is (m, n) with orthonormal columns. Keras returns q (rows >= cols) or qᵀ (rows < cols).
  if (rows >= cols) for (let i = 0; i < m * n; i++) out[i] = gain * A[i];
  else for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = gain * A[i * n + j];
}

// Upper Cholesky factor R (n,n) of a symmetric positive definite G, computed in place (right-looking).
function cholesky(G: Float64Array, n: number): Float64Array {
  for (let i = 0; i < n; i++) {
    const gi = i * n;
    const d = G[gi + i];
    if (!(d > 0)) throw new ConfigError('Gram matrix is not positive definite (degenerate random draw)', 'orthogonal');
    const rii = Math.sqrt(d);
    G[gi + i] = rii;
    for (let j = i + 1; j < n; j++) G[gi + j] /= rii;
    for (let k = i + 1; k < n; k++) {
      const rik = G[gi + k];
      if (rik === 0) continue;
      const gk = k * n;
      for (let j = k; j < n; j++) G[gk + j] -= rik * G[gi + j];
    }
    for (let j = 0; j < i; j++) G[gi + j] = 0;
  }
  return G;
}

// Inverse of an upper triangular R, column by column from the bottom (back substitution).
function invertUpper(R: Float64Array, n: number): Float64Array {
  const Ri = new Float64Array(n * n);
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n,
      inv = 1 / R[ri + i];
    Ri[ri + i] = inv;
    // Row i of R⁻¹: Ri[i, j] = -(Σ_{k=i+1..j} R[i,k]·Ri[k,j]) / R[i,i]; accumulate row-wise.
    for (let k = i + 1; k < n; k++) {
      const rik = R[ri + k];
      if (rik === 0) continue;
      const rk = k * n;
      for (let j = k; j < n; j++) Ri[ri + j] -= rik * Ri[rk + j];
    }
    for (let j = i + 1; j < n; j++) Ri[ri + j] *= inv;
  }
  return Ri;
}

// Upper Cholesky factor R of G (n,n) and R⁻¹, recursively on 2x2 blocks so the O(n³) work is GEMMs:
// R11 = chol(G11), R12 = R11⁻ᵀ·G12, R22 = chol(G22 − R12ᵀ·R12), (R⁻¹)12 = −R11⁻¹·R12·R22⁻¹.
// Blocks of 64 or fewer use the scalar float64 routines above.
function cholInverse(G: Float32Array, n: number, gemm: Gemm): [Float32Array, Float32Array] {
  if (n <= 64) {
    const R = cholesky(Float64Array.from(G), n);
    return [Float32Array.from(R), Float32Array.from(invertUpper(R, n))];
  }
  const n1 = Math.ceil(n / 16) * 8,
    n2 = n - n1;
  const block = (M: Float32Array, r0: number, c0: number, rows: number, cols: number) => {
    const out = new Float32Array(rows * cols);
    for (let i = 0; i < rows; i++) out.set(M.subarray((r0 + i) * n + c0, (r0 + i) * n + c0 + cols), i * cols);
    return out;
  };
  const [R11, Ri11] = cholInverse(block(G, 0, 0, n1, n1), n1, gemm);
  const R12 = new Float32Array(n1 * n2);
  gemm(R12, 0, Ri11, 0, block(G, 0, n1, n1, n2), 0, n1, n2, n1, true, false, 0);
  const S = new Float32Array(n2 * n2);
  gemm(S, 0, R12, 0, R12, 0, n2, n2, n1, true, false, 0);
  const G22 = block(G, n1, n1, n2, n2);
  for (let i = 0; i < S.length; i++) S[i] = G22[i] - S[i];
  const [R22, Ri22] = cholInverse(S, n2, gemm);
  const T = new Float32Array(n1 * n2),
    Ri12 = new Float32Array(n1 * n2);
  gemm(T, 0, Ri11, 0, R12, 0, n1, n2, n1, false, false, 0);
  gemm(Ri12, 0, T, 0, Ri22, 0, n1, n2, n2, false, false, 0);
  const R = new Float32Array(n * n),
    Ri = new Float32Array(n * n);
  for (let i = 0; i < n1; i++) {
    R.set(R11.subarray(i * n1, (i + 1) * n1), i * n);
    R.set(R12.subarray(i * n2, (i + 1) * n2), i * n + n1);
    Ri.set(Ri11.subarray(i * n1, (i + 1) * n1), i * n);
    for (let j = 0; j < n2; j++) Ri[i * n + n1 + j] = -Ri12[i * n2 + j];
  }
  for (let i = 0; i < n2; i++) {
    R.set(R22.subarray(i * n2, (i + 1) * n2), (n1 + i) * n + n1);
    Ri.set(Ri22.subarray(i * n2, (i + 1) * n2), (n1 + i) * n + n1);
  }
  return [R, Ri];
}
