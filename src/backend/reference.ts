// The Backend interface (one named call per kernel), the TypeScript reference backend (the oracle)
// and the weights version that backends' packed-weight caches check. A leaf of src/backend: the
// WebAssembly backend builds on it, and backend.ts (which selects a backend) imports both.

import { gemm, type Gemm } from '../kernels/gemm.js';
import {
  type GruBackwardArgs,
  type GruForwardArgs,
  type GruOptions,
  type GruWorkspace,
  gruBackward,
  gruForward,
  gruWorkspace,
  referenceGruKernels,
} from '../kernels/gru.js';
import {
  type LstmBackwardArgs,
  type LstmForwardArgs,
  type LstmWorkspace,
  lstmBackward,
  lstmForward,
  lstmWorkspace,
  type RecurrentOptions,
  referenceLstmKernels,
} from '../kernels/lstm.js';
import {
  referenceSimpleRnnKernels,
  type SimpleRnnBackwardArgs,
  type SimpleRnnForwardArgs,
  type SimpleRnnWorkspace,
  simpleRnnBackward,
  simpleRnnForward,
  simpleRnnWorkspace,
} from '../kernels/simple-rnn.js';
import type { FloatArray } from '../tensor.js';

/** One named call per kernel (the kernel seam): each recurrent kernel takes one argument object. */
export interface Backend {
  readonly name: string;
  readonly dtype: 'float32' | 'float64';
  /** A zeroed array of n floats, in the backend's own memory where it has one. */
  alloc(n: number): FloatArray;
  gemm: Gemm;
  lstmWorkspace(B: number, T: number, D: number, H: number): LstmWorkspace;
  lstmForward(a: LstmForwardArgs): void;
  lstmBackward(a: LstmBackwardArgs): void;
  gruWorkspace(B: number, T: number, D: number, H: number): GruWorkspace;
  gruForward(a: GruForwardArgs): void;
  gruBackward(a: GruBackwardArgs): void;
  simpleRnnWorkspace(B: number, T: number, D: number, H: number): SimpleRnnWorkspace;
  simpleRnnForward(a: SimpleRnnForwardArgs): void;
  simpleRnnBackward(a: SimpleRnnBackwardArgs): void;
  /**
   * Optional fast optimizer update (Adam/AdamW/Amsgrad on float32 arrays in the backend's memory):
   * returns false when it cannot run the update, and the optimizer's own loop runs instead.
   */
  adamUpdate?(u: AdamUpdate): boolean;
}

/** One Adam step on one parameter (see src/optim/optimizer.ts for the formula). */
export interface AdamUpdate {
  p: FloatArray;
  g: FloatArray;
  m: FloatArray;
  v: FloatArray;
  vhat: FloatArray | null; // amsgrad's running maximum, or null
  alpha: number; // lr·√(1−β2ᵗ)/(1−β1ᵗ)
  beta1: number;
  beta2: number;
  eps: number;
}

export type {
  GruBackwardArgs,
  GruForwardArgs,
  GruOptions,
  GruWorkspace,
  LstmBackwardArgs,
  LstmForwardArgs,
  LstmWorkspace,
  RecurrentOptions,
  SimpleRnnBackwardArgs,
  SimpleRnnForwardArgs,
  SimpleRnnWorkspace,
};

/** The TypeScript reference backend for an array type (float32 in use, float64 for gradient checks). */
export function referenceBackend(dtype: 'float32' | 'float64' = 'float32'): Backend {
  const alloc = dtype === 'float64' ? (n: number) => new Float64Array(n) : (n: number) => new Float32Array(n);
  return {
    name: dtype === 'float64' ? 'reference-f64' : 'reference',
    dtype,
    alloc,
    gemm,
    lstmWorkspace: (B, T, D, H) => lstmWorkspace(alloc, B, T, D, H),
    lstmForward: (a) => lstmForward(referenceLstmKernels, a),
    lstmBackward: (a) => lstmBackward(referenceLstmKernels, a),
    gruWorkspace: (B, T, D, H) => gruWorkspace(alloc, B, T, D, H),
    gruForward: (a) => gruForward(referenceGruKernels, a),
    gruBackward: (a) => gruBackward(referenceGruKernels, a),
    simpleRnnWorkspace: (B, T, D, H) => simpleRnnWorkspace(alloc, B, T, D, H),
    simpleRnnForward: (a) => simpleRnnForward(referenceSimpleRnnKernels, a),
    simpleRnnBackward: (a) => simpleRnnBackward(referenceSimpleRnnKernels, a),
  };
}

let weightsVersion = 0;
/**
 * Tells backends that weights may have changed (optimizer steps, setWeights), so weights they cache in
 * a packed layout are packed again before their next use. Code that writes into a layer's weight
 * arrays directly (params()[i].value) must call it too.
 * @example layer.params()[0].value.fill(0); weightsChanged();
 */
export function weightsChanged(): void {
  weightsVersion++;
}
/** The count of weightsChanged() calls: a packed copy made at an older version is stale. */
export function currentWeightsVersion(): number {
  return weightsVersion;
}
