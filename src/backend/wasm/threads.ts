// Worker threads for the wasm kernels: every worker instantiates the same module on the same shared
// memory and waits on its slot of a control block. A GEMM above the size threshold is split into
// column ranges (or row ranges when M > N), one per thread; each element of C is computed by one
// thread in the same order as on one thread, so results are bit-identical for any thread count.
// Handoff: the worker spins on its sequence number, then falls back to Atomics.wait (spin-then-wait);
// the caller spins until each worker's done word matches (a browser's main thread may not block).

import type { WasmRuntime } from './module.js';
import { WORKER_SOURCE } from './worker-source.js';

/** A started worker, as the platform gives it (Node worker_threads or a Web Worker). */
export interface WorkerHandle {
  postMessage(message: unknown): void;
  onMessage(fn: (message: unknown) => void): void;
  terminate(): void;
}
/** Starts a worker running the given classic-script source. */
export type WorkerSpawner = (source: string) => WorkerHandle;

const SLOT = 32; // int32 words per worker: [seq, done, op, C, A, B, M, N, K, transA, transB, beta, work, m0, m1, n0, n1, prepacked]
/** GEMMs below this many multiply-adds stay on the calling thread (measured on a 2-core EPYC: bench/kernels.ts). */
export let GEMM_THREAD_MIN_MACS = 1 << 18;
const SPIN = 1 << 16;

interface Pool {
  rt: WasmRuntime;
  workers: WorkerHandle[];
  ctrl: Int32Array;
  seq: number;
}
let pool: Pool | null = null;

/** Threads in use (1 = the calling thread only). */
export function threadCount(): number {
  return pool ? pool.workers.length + 1 : 1;
}

/** Sets the size threshold (multiply-adds) above which GEMMs are split across threads. */
export function setThreadThreshold(macs: number): void {
  GEMM_THREAD_MIN_MACS = macs;
}

/** Starts n−1 workers on rt's memory (n = 1 stops them). Resolves when every worker is ready. */
export async function startThreads(rt: WasmRuntime, n: number, spawn: WorkerSpawner): Promise<void> {
  stopThreads();
  if (n <= 1) return;
  const [ctrlPtr] = rt.heap.reserve(4 * SLOT * n);
  const ctrl = new Int32Array(rt.heap.buffer, ctrlPtr, SLOT * n);
  ctrl.fill(0);
  const workers: WorkerHandle[] = [];
  const ready: Promise<void>[] = [];
  for (let id = 1; id < n; id++) {
    const w = spawn(WORKER_SOURCE);
    const [work] = rt.heap.reserve(4 * rt.kernels.packFloats(4096));
    ctrl[id * SLOT + 12] = work;
    ready.push(
      new Promise((resolve, reject) => w.onMessage((m) => (m === 'ready' ? resolve() : reject(new Error(String(m)))))),
    );
    w.postMessage({ module: rt.module, memory: rt.memory, ctrl: ctrlPtr, id, slot: SLOT, spin: SPIN });
    workers.push(w);
  }
  await Promise.all(ready);
  pool = { rt, workers, ctrl, seq: 0 };
}

/** Stops the workers (kernels then run on the calling thread). */
export function stopThreads(): void {
  if (!pool) return;
  for (const w of pool.workers) w.terminate();
  pool = null;
}

/**
 * C = op(A)·op(B) + beta·C on byte pointers, split across the pool when it is worth it.
 * `work` is the calling thread's packing workspace; `prepacked`: B was packed by packAll.
 */
export function gemmRange(
  rt: WasmRuntime,
  C: number,
  A: number,
  B: number,
  M: number,
  N: number,
  K: number,
  transA: boolean,
  transB: boolean,
  beta: number,
  work: number,
  prepacked: boolean,
): void {
  const k = rt.kernels;
  const p = pool;
  const n = p && p.rt === rt && M * N * K >= GEMM_THREAD_MIN_MACS ? p.workers.length + 1 : 1;
  const byCols = N >= M;
  const units = byCols ? Math.ceil(N / 8) : Math.ceil(M / 6);
  if (n === 1 || units < 2 || !p || N > 4096) {
    k.gemmRange(C, A, B, M, N, K, +transA, +transB, beta, work, 0, M, 0, N, +prepacked);
    return;
  }
  const parts = Math.min(n, units);
  const bound = (i: number) =>
    byCols ? Math.min(N, Math.round((units * i) / parts) * 8) : Math.min(M, Math.round((units * i) / parts) * 6);
  const seq = ++p.seq;
  const ctrl = p.ctrl;
  for (let t = 1; t < parts; t++) {
    const o = t * SLOT;
    const lo = bound(t),
      hi = bound(t + 1);
    ctrl[o + 2] = 1;
    ctrl[o + 3] = C;
    ctrl[o + 4] = A;
    ctrl[o + 5] = B;
    ctrl[o + 6] = M;
    ctrl[o + 7] = N;
    ctrl[o + 8] = K;
    ctrl[o + 9] = +transA;
    ctrl[o + 10] = +transB;
    ctrl[o + 11] = beta;
    ctrl[o + 13] = byCols ? 0 : lo;
    ctrl[o + 14] = byCols ? M : hi;
    ctrl[o + 15] = byCols ? lo : 0;
    ctrl[o + 16] = byCols ? hi : N;
    ctrl[o + 17] = +prepacked;
    Atomics.store(ctrl, o, seq);
    Atomics.notify(ctrl, o);
  }
  const hi0 = bound(1);
  k.gemmRange(C, A, B, M, N, K, +transA, +transB, beta, work, 0, byCols ? M : hi0, 0, byCols ? hi0 : N, +prepacked);
  for (let t = 1; t < parts; t++) {
    while (Atomics.load(ctrl, t * SLOT + 1) !== seq) {
      // spin: the other parts are the same size as ours, so they finish about now
    }
  }
}
