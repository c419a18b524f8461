// Where compute runs. A backend is a set of kernels with one signature each; layers call the current
// backend and never a kernel module directly, so the WebAssembly backend can replace any kernel and
// fall back to the TypeScript reference (the oracle) for the rest. The interface and the reference
// live in reference.ts; this file selects the backend in use.

import { type Backend, referenceBackend } from './reference.js';
import { loadWasmBackend, wasmBackend } from './wasm/index.js';

export * from './reference.js';

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
