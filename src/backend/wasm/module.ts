// Loads the kernel module: relaxed SIMD when the runtime validates it, else plain SIMD, else nothing
// (the caller falls back to the TypeScript reference). Node 20 keeps relaxed SIMD behind
// --experimental-wasm-relaxed-simd; where the runtime offers process.getBuiltinModule (Node ≥ 20.16)
// we set that V8 flag before validating. Browsers need no flag (Chrome ≥ 114, Firefox ≥ 120).

import { RELAXED_WASM, SIMD_WASM } from './generated/kernels.js';
import { WasmHeap } from './memory.js';
import { base64Bytes, type WasmApi, type WasmInstance, type WasmMemory, type WasmModule, wasmApi } from './wasm-api.js';

type Ptr = number;
/** The module's exports (byte pointers, i32 sizes, 0/1 flags). */
export interface Kernels {
  heapBase(): number;
  packFloats(N: number): number;
  gemm(
    C: Ptr,
    A: Ptr,
    B: Ptr,
    M: number,
    N: number,
    K: number,
    transA: number,
    transB: number,
    beta: number,
    work: Ptr,
  ): void;
  gemmRange(
    C: Ptr,
    A: Ptr,
    B: Ptr,
    M: number,
    N: number,
    K: number,
    transA: number,
    transB: number,
    beta: number,
    work: Ptr,
    m0: number,
    m1: number,
    n0: number,
    n1: number,
    prepacked: number,
  ): void;
  packAll(dst: Ptr, B: Ptr, K: number, N: number, transB: number): void;
  lstmStepForward(
    zs: Ptr,
    cPrev: Ptr,
    hPrev: Ptr,
    cCur: Ptr,
    hCur: Ptr,
    actC: Ptr,
    mask: Ptr,
    t: number,
    T: number,
    B: number,
    H: number,
    act: number,
    ract: number,
  ): void;
  lstmStepBackward(
    zs: Ptr,
    dzs: Ptr,
    cPrev: Ptr,
    actC: Ptr,
    dh: Ptr,
    dc: Ptr,
    keep: Ptr,
    dy: Ptr,
    s: number,
    mask: Ptr,
    t: number,
    T: number,
    B: number,
    H: number,
    act: number,
    ract: number,
  ): number;
  restoreMasked(dh: Ptr, keep: Ptr, mask: Ptr, t: number, T: number, B: number, H: number): void;
  fillRows(A: Ptr, b: Ptr, M: number, N: number): void;
  addColumnSums(out: Ptr, A: Ptr, M: number, N: number): void;
  timeMajor(xs: Ptr, x: Ptr, B: number, T: number, D: number, goBackwards: number, toBatchMajor: number): void;
  actInPlace(kind: number, p: Ptr, n: number): void;
  matvecPacked(C: Ptr, A: Ptr, P: Ptr, M: number, N: number, K: number, beta: number): void;
  recurrentProduct(C: Ptr, A: Ptr, P: Ptr, M: number, N: number, K: number, beta: number, work: Ptr): void;
  // biome-ignore format: one line per step loop, in the order of assembly/sequence.ts
  lstmForwardSeq(z: Ptr, c: Ptr, h: Ptr, actC: Ptr, xs: Ptr, xh: Ptr, packWU: Ptr, bias: Ptr, mask: Ptr, s0: number, s1: number, T: number, B: number, D: number, H: number, act: number, ract: number, back: number, r0: number, r1: number, work: Ptr): void;
  // biome-ignore format: see above
  lstmBackwardSeq(z: Ptr, dz: Ptr, c: Ptr, actC: Ptr, packUT: Ptr, dh: Ptr, dc: Ptr, keep: Ptr, dy: Ptr, mask: Ptr, s0: number, s1: number, T: number, B: number, H: number, act: number, ract: number, back: number, r0: number, r1: number, work: Ptr): void;
  // biome-ignore format: see above
  gruForwardSeq(g: Ptr, rh: Ptr, h: Ptr, hm: Ptr, scratch: Ptr, packA: Ptr, packB: Ptr, brec: Ptr, mask: Ptr, s0: number, s1: number, T: number, B: number, H: number, act: number, ract: number, back: number, resetAfter: number, r0: number, r1: number, work: Ptr): void;
  // biome-ignore format: see above
  gruBackwardSeq(g: Ptr, dg: Ptr, drh: Ptr, dhc: Ptr, h: Ptr, rh: Ptr, hm: Ptr, dh: Ptr, dhz: Ptr, dy: Ptr, packA: Ptr, packB: Ptr, mask: Ptr, s0: number, s1: number, T: number, B: number, H: number, act: number, ract: number, back: number, resetAfter: number, r0: number, r1: number, work: Ptr): void;
  // biome-ignore format: see above
  rnnForwardSeq(a: Ptr, h: Ptr, hm: Ptr, packU: Ptr, mask: Ptr, s0: number, s1: number, T: number, B: number, H: number, act: number, back: number, r0: number, r1: number, work: Ptr): void;
  // biome-ignore format: see above
  rnnBackwardSeq(a: Ptr, da: Ptr, dh: Ptr, keep: Ptr, dy: Ptr, packUT: Ptr, mask: Ptr, s0: number, s1: number, T: number, B: number, H: number, act: number, back: number, r0: number, r1: number, work: Ptr): void;
  // biome-ignore format: see above
  adamUpdate(p: Ptr, g: Ptr, m: Ptr, v: Ptr, vhat: Ptr, n: number, alpha: number, beta1: number, beta2: number, eps: number): void;
}

export interface WasmRuntime {
  readonly kernels: Kernels;
  readonly heap: WasmHeap;
  readonly memory: WasmMemory;
  /** The compiled module, for worker threads to instantiate on the same memory. */
  readonly module: WasmModule;
  readonly relaxed: boolean;
}

const MAX_PAGES = 32768; // must match --maximumMemory in scripts/build-wasm.mjs

let relaxedFlagTried = false;
function enableRelaxedSimd(): void {
  if (relaxedFlagTried) return;
  relaxedFlagTried = true;
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const v8 = p?.getBuiltinModule?.('v8') as { setFlagsFromString?: (f: string) => void } | undefined;
  try {
    v8?.setFlagsFromString?.('--experimental-wasm-relaxed-simd');
  } catch {
    // an embedder that refuses the flag simply runs the plain SIMD build
  }
}

/** The kernel bytes this runtime can run (relaxed when valid), or null without WebAssembly SIMD. */
export function pickModule(api: WasmApi, allowRelaxed = true): { bytes: Uint8Array; relaxed: boolean } | null {
  if (allowRelaxed) {
    enableRelaxedSimd();
    const relaxed = base64Bytes(RELAXED_WASM);
    if (api.validate(relaxed)) return { bytes: relaxed, relaxed: true };
  }
  const simd = base64Bytes(SIMD_WASM);
  return api.validate(simd) ? { bytes: simd, relaxed: false } : null;
}

function sharedMemory(api: WasmApi): WasmMemory | null {
  try {
    return new api.Memory({ initial: 16, maximum: MAX_PAGES, shared: true });
  } catch {
    return null; // no SharedArrayBuffer (e.g. a page that is not cross-origin isolated)
  }
}

function runtime(module: WasmModule, instance: WasmInstance, memory: WasmMemory, relaxed: boolean): WasmRuntime {
  const kernels = instance.exports as unknown as Kernels;
  return { kernels, heap: new WasmHeap(memory, kernels.heapBase()), memory, module, relaxed };
}

const imports = (memory: WasmMemory) => ({
  env: {
    memory,
    abort: () => {
      throw new Error('lstmkit wasm kernel aborted');
    },
  },
});

/**
 * Synchronous load (Node, workers; small enough for browsers' main thread limits to refuse it).
 * `bytes`: another build of the same kernels (bench/profile.ts loads one that keeps function names).
 */
export function loadSync(options: { relaxed?: boolean; bytes?: Uint8Array } = {}): WasmRuntime | null {
  const api = wasmApi();
  if (!api) return null;
  if (options.bytes) enableRelaxedSimd();
  const picked = options.bytes ? { bytes: options.bytes, relaxed: true } : pickModule(api, options.relaxed ?? true);
  const memory = picked && sharedMemory(api);
  if (!picked || !memory) return null;
  try {
    const module = new api.Module(picked.bytes);
    return runtime(module, new api.Instance(module, imports(memory)), memory, picked.relaxed);
  } catch {
    return null; // e.g. synchronous compilation refused on a browser's main thread: use loadAsync
  }
}

/** Asynchronous load, for browsers' main thread. */
export async function loadAsync(options: { relaxed?: boolean } = {}): Promise<WasmRuntime | null> {
  const api = wasmApi();
  if (!api) return null;
  const picked = pickModule(api, options.relaxed ?? true);
  const memory = picked && sharedMemory(api);
  if (!picked || !memory) return null;
  const module = await api.compile(picked.bytes);
  return runtime(module, await api.instantiate(module, imports(memory)), memory, picked.relaxed);
}
