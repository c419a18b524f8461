// Finite-difference gradient checks in float64: the loss is sum(out · dout) for a fixed random dout,
// so ∂loss/∂θ is exactly what backward computes from dout. Central differences, step 1e-6.

import { type Backend, referenceBackend, setBackend } from '../../src/backend/backend.js';
import { Rng } from '../../src/rng.js';
import type { FloatArray } from '../../src/tensor.js';

/** Central-difference gradient of f with respect to every element of x (x is restored). */
export function numericGradient(f: () => number, x: FloatArray, eps = 1e-6): Float64Array {
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const old = x[i];
    x[i] = old + eps;
    const fp = f();
    x[i] = old - eps;
    const fm = f();
    x[i] = old;
    g[i] = (fp - fm) / (2 * eps);
  }
  return g;
}

/** sum(a · b) */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Random float64 values in [lo, hi). */
export function randomArray(n: number, rng: Rng, lo = -1, hi = 1): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.uniform(lo, hi);
  return a;
}

/** Runs fn with the float64 reference backend, restoring the previous backend afterwards. */
export function withFloat64<T>(fn: () => T): T {
  const prev: Backend = setBackend(referenceBackend('float64'));
  try {
    return fn();
  } finally {
    setBackend(prev);
  }
}

export { Rng };
