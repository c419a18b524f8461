// Where compute runs. A backend is a set of kernels with one signature each; layers call the current
// backend and never a kernel module directly, so the WebAssembly backend can replace any kernel and
// fall back to the TypeScript reference (the oracle) for the rest.

import { gemm, type Gemm } from '../kernels/gemm.js';
import {
  type LstmWorkspace,
  lstmBackward,
  lstmForward,
  lstmWorkspace,
  type RecurrentOptions,
} from '../kernels/lstm.js';
import { type GruOptions, type GruWorkspace, gruBackward, gruForward, gruWorkspace } from '../kernels/gru.js';
import {
  type SimpleRnnWorkspace,
  simpleRnnBackward,
  simpleRnnForward,
  simpleRnnWorkspace,
} from '../kernels/simple-rnn.js';
import type { FloatArray } from '../tensor.js';
import { loadWasmBackend, wasmBackend } from './wasm/index.js';

type Drop1<F> = F extends (g: Gemm, ...rest: infer R) => infer Ret ? (...rest: R) => Ret : never;

export interface Backend {
  readonly name: string;
  readonly dtype: 'float32' | 'float64';
  /** A zeroed array of n floats, in the backend's own memory where it has one. */
  alloc(n: number): FloatArray;
  gemm: Gemm;
  lstmWorkspace(B: number, T: number, D: number, H: number): LstmWorkspace;
  lstmForward: Drop1<typeof lstmForward>;
  lstmBackward: Drop1<typeof lstmBackward>;
  gruWorkspace(B: number, T: number, D: number, H: number): GruWorkspace;
  gruForward: Drop1<typeof gruForward>;
  gruBackward: Drop1<typeof gruBackward>;
  simpleRnnWorkspace(B: number, T: number, D: number, H: number): SimpleRnnWorkspace;
  simpleRnnForward: Drop1<typeof simpleRnnForward>;
  simpleRnnBackward: Drop1<typeof simpleRnnBackward>;
}

export type { GruOptions, GruWorkspace, LstmWorkspace, RecurrentOptions, SimpleRnnWorkspace };

/** The TypeScript reference backend for an array type (float32 in use, float64 for gradient checks). */
export function referenceBackend(dtype: 'float32' | 'float64' = 'float32'): Backend {
  const alloc = dtype === 'float64' ? (n: number) => new Float64Array(n) : (n: number) => new Float32Array(n);
  return {
    name: dtype === 'float64' ? 'reference-f64' : 'reference',
    dtype,
    alloc,
    gemm,
    lstmWorkspace: (B, T, D, H) => lstmWorkspace(alloc, B, T, D, H),
    lstmForward: (...a) => lstmForward(gemm, ...a),
    lstmBackward: (...a) => lstmBackward(gemm, ...a),
    gruWorkspace: (B, T, D, H) => gruWorkspace(alloc, B, T, D, H),
    gruForward: (...a) => gruForward(gemm, ...a),
    gruBackward: (...a) => gruBackward(gemm, ...a),
    simpleRnnWorkspace: (B, T, D, H) => simpleRnnWorkspace(alloc, B, T, D, H),
    simpleRnnForward: (...a) => simpleRnnForward(gemm, ...a),
    simpleRnnBackward: (...a) => simpleRnnBackward(gemm, ...a),
  };
}

let current: Backend | null = null;
let chosenByUser = false;

/** The backend layers use now: the WebAssembly SIMD backend where it loads, else the reference. */
export function getBackend(): Backend {
  return (current ??= wasmBackend() ?? referenceBackend());
}

/** Selects the backend for everything built or run afterwards; returns the previous one. */
export function setBackend(b: Backend): Backend {
  const prev = getBackend();
  current = b;
  chosenByUser = true;
  return prev;
}

/**
 * Loads the WebAssembly backend asynchronously (a browser's main thread cannot compile it
 * synchronously) and makes it the default unless setBackend() chose another; resolves to the backend
 * in use. Node and workers need not call it.
 * @example await ready(); console.log(getBackend().name); // 'wasm-relaxed-simd' or 'wasm-simd' or 'reference'
 */
export async function ready(): Promise<Backend> {
  const be = await loadWasmBackend();
  if (be && !chosenByUser) current = be;
  return getBackend();
}
