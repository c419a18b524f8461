// Dense (fully connected) forward/backward on the last axis: y (N,U) = act(x (N,D)·W (D,U) + b (U)).
// Forward caches nothing but y itself; the activation derivative is taken from y.

import type { FloatArray } from '../tensor.js';
import { type Activation, activate, activationBackward } from './activations.js';
import { addColumnSums, addRowVector, type Gemm } from './gemm.js';

/** y (N,U) = act(x (N,D)·W (D,U) + b (U)); b may be null. */
export function denseForward(
  gemm: Gemm,
  y: FloatArray,
  x: FloatArray,
  W: FloatArray,
  b: FloatArray | null,
  N: number,
  D: number,
  U: number,
  activation: Activation,
): void {
  gemm(y, 0, x, 0, W, 0, N, U, D, false, false, 0);
  if (b) addRowVector(y, 0, b, 0, N, U);
  activate(activation, y, 0, N * U, U);
}

/**
 * Given dy (N,U) and the forward output y: dx (N,D) = dz·Wᵀ (overwritten; skipped when null),
 * dW += xᵀ·dz, db += Σ dz. `dz` (N,U) is a workspace and may be dy itself.
 */
export function denseBackward(
  gemm: Gemm,
  dx: FloatArray | null,
  dW: FloatArray,
  db: FloatArray | null,
  dz: FloatArray,
  dy: FloatArray,
  y: FloatArray,
  x: FloatArray,
  W: FloatArray,
  N: number,
  D: number,
  U: number,
  activation: Activation,
): void {
  activationBackward(activation, dz, 0, dy, 0, y, 0, N * U, U);
  gemm(dW, 0, x, 0, dz, 0, D, U, N, true, false, 1);
  if (db) addColumnSums(db, 0, dz, 0, N, U);
  if (dx) gemm(dx, 0, dz, 0, W, 0, N, D, U, false, true, 0);
}
