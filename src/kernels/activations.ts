// Elementwise activations, applied in place, and their derivatives written in terms of the
// activation's output y (every activation here allows it), so backward never needs the input.
// Definitions follow Keras 3; 'hardSigmoidTfjs' is tfjs' and Keras 2's 0.2x+0.5 variant.

import { checkOneOf } from '../errors.js';
import type { FloatArray } from '../tensor.js';

export const ACTIVATIONS = [
  'tanh',
  'sigmoid',
  'hardSigmoid',
  'hardSigmoidTfjs',
  'relu',
  'linear',
  'softmax',
  'elu',
  'softplus',
  'softsign',
] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** Validates an activation name; the error lists the valid names. */
export function checkActivation(name: unknown, where: string): Activation {
  return checkOneOf(name, ACTIVATIONS, 'activation', where);
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Applies `kind` in place to a[off .. off+n). Softmax runs over consecutive rows of `cols` values. */
export function activate(kind: Activation, a: FloatArray, off: number, n: number, cols = n): void {
  const end = off + n;
  switch (kind) {
    case 'linear':
      return;
    case 'tanh':
      for (let i = off; i < end; i++) a[i] = Math.tanh(a[i]);
      return;
    case 'sigmoid':
      for (let i = off; i < end; i++) a[i] = 1 / (1 + Math.exp(-a[i]));
      return;
    case 'hardSigmoid':
      for (let i = off; i < end; i++) a[i] = Math.min(1, Math.max(0, a[i] / 6 + 0.5));
      return;
    case 'hardSigmoidTfjs':
      for (let i = off; i < end; i++) a[i] = Math.min(1, Math.max(0, 0.2 * a[i] + 0.5));
      return;
    case 'relu':
      for (let i = off; i < end; i++) a[i] = a[i] > 0 ? a[i] : 0;
      return;
    case 'elu':
      for (let i = off; i < end; i++) a[i] = a[i] > 0 ? a[i] : Math.expm1(a[i]);
      return;
    case 'softplus':
      for (let i = off; i < end; i++) {
        const x = a[i];
        a[i] = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
      }
      return;
    case 'softsign':
      for (let i = off; i < end; i++) a[i] = a[i] / (1 + Math.abs(a[i]));
      return;
    case 'softmax':
      for (let r = off; r < end; r += cols) {
        let m = -Infinity;
        for (let i = r; i < r + cols; i++) if (a[i] > m) m = a[i];
        let s = 0;
        for (let i = r; i < r + cols; i++) s += a[i] = Math.exp(a[i] - m);
        for (let i = r; i < r + cols; i++) a[i] /= s;
      }
      return;
  }
}

/**
 * dz[i] = dy[i] · f'(z[i]) given y = f(z), over n values starting at the offsets.
 * Softmax uses its Jacobian over rows of `cols` values: dz = y ⊙ (dy − Σ dy⊙y).
 * dz may alias dy.
 */
export function activationBackward(
  kind: Activation,
  dz: FloatArray,
  dzOff: number,
  dy: FloatArray,
  dyOff: number,
  y: FloatArray,
  yOff: number,
  n: number,
  cols = n,
): void {
  switch (kind) {
    case 'linear':
      for (let i = 0; i < n; i++) dz[dzOff + i] = dy[dyOff + i];
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) {
        const v = y[yOff + i];
        dz[dzOff + i] = dy[dyOff + i] * (1 - v * v);
      }
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) {
        const v = y[yOff + i];
        dz[dzOff + i] = dy[dyOff + i] * v * (1 - v);
      }
      return;
    case 'hardSigmoid':
    case 'hardSigmoidTfjs': {
      const slope = kind === 'hardSigmoid' ? 1 / 6 : 0.2;
      for (let i = 0; i < n; i++) {
        const v = y[yOff + i];
        dz[dzOff + i] = v > 0 && v < 1 ? dy[dyOff + i] * slope : 0;
      }
      return;
    }
    case 'relu':
      for (let i = 0; i < n; i++) dz[dzOff + i] = y[yOff + i] > 0 ? dy[dyOff + i] : 0;
      return;
    case 'elu':
      for (let i = 0; i < n; i++) {
        const v = y[yOff + i];
        dz[dzOff + i] = v > 0 ? dy[dyOff + i] : dy[dyOff + i] * (v + 1);
      }
      return;
    case 'softplus':
      for (let i = 0; i < n; i++) dz[dzOff + i] = dy[dyOff + i] * -Math.expm1(-y[yOff + i]);
      return;
    case 'softsign':
      for (let i = 0; i < n; i++) {
        const t = 1 - Math.abs(y[yOff + i]);
        dz[dzOff + i] = dy[dyOff + i] * t * t;
      }
      return;
    case 'softmax':
      for (let r = 0; r < n; r += cols) {
        let s = 0;
        for (let i = r; i < r + cols; i++) s += dy[dyOff + i] * y[yOff + i];
        for (let i = r; i < r + cols; i++) dz[dzOff + i] = y[yOff + i] * (dy[dyOff + i] - s);
      }
      return;
  }
}

/** f'(z) written through y = f(z), for one value (not softmax). Used inside fused recurrent gate passes. */
export function derivativeFromOutput(kind: Activation, y: number): number {
  switch (kind) {
    case 'tanh':
      return 1 - y * y;
    case 'sigmoid':
      return y * (1 - y);
    case 'hardSigmoid':
      return y > 0 && y < 1 ? 1 / 6 : 0;
    case 'hardSigmoidTfjs':
      return y > 0 && y < 1 ? 0.2 : 0;
    case 'relu':
      return y > 0 ? 1 : 0;
    case 'elu':
      return y > 0 ? 1 : y + 1;
    case 'softplus':
      return -Math.expm1(-y);
    case 'softsign': {
      const t = 1 - Math.abs(y);
      return t * t;
    }
    case 'linear':
      return 1;
    case 'softmax':
      throw new Error('softmax has no elementwise derivative');
  }
}
