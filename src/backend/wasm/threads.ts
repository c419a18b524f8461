// Worker threads for the wasm kernels: every worker instantiates the same module on the same shared
// memory. A GEMM above the size threshold is cut into chunks of columns (or rows when M > N); the
// caller and the workers claim chunks from a shared counter (compare-and-swap on a word tagged with
// the task number), so a worker that wakes late simply finds nothing left and the caller never waits
// for a descheduled thread that has not started. Each element of C is computed by one thread in the
// same order as on one thread, so results are bit-identical for any thread count.
// Handoff: workers spin on the task word, then fall back to Atomics.wait (spin-then-wait); the caller
// spins until every claimed chunk is done (a browser's main thread may not block).
// A second kind of task splits a recurrent sequence by batch rows (independent sequences): each chunk
// runs a whole step loop of assembly/sequence.ts on its rows, so there is one handoff per sequence.
import type { WasmRuntime } from './module.js';
import { SEQ_EXPORTS, WORKER_SOURCE } from './worker-source.js';

/** A started worker, as the platform gives it (Node worker_threads or a Web Worker). */
export interface WorkerHandle {
  postMessage(message: unknown): void;
  onMessage(fn: (message: unknown) => void): void;
  terminate(): void;
}
/** Starts a worker running the given classic-script source. */
export type WorkerSpawner = (source: string) => WorkerHandle;

// Control block (int32 words): the task, then one packing-workspace pointer per thread.
// [0] seq  [1] next = (seq << 8) | chunks claimed  [2] done  [3] chunks  [4] kind: 0 GEMM by rows,
// 1 GEMM by columns, 2 step loop by batch rows
// GEMM: [5..14] C, A, B, M, N, K, transA, transB, beta, prepacked
// rows: [5] index in SEQ_EXPORTS, [6] B, [7] argument count n, [8 .. 8+n) the loop's arguments
// [32 + id] work of thread id
const CTRL_WORDS = 32 + 64;
/** Widest product (columns) a worker's packing workspace holds. */
const WORK_COLUMNS = 4096;
/** GEMMs below this many multiply-adds stay on the calling thread (see docs/performance.md). */
export let GEMM_THREAD_MIN_MACS = 1 << 20;
const SPIN = 1 << 16;
const CHUNKS_PER_THREAD = 2;
const ROW_CHUNKS_PER_THREAD = 2;

interface Pool {
  rt: WasmRuntime;
  workers: WorkerHandle[];
  ctrl: Int32Array;
  seq: number;
}
let pool: Pool | null = null;
let splitTasks = 0;

/**
 * Tasks split across the pool since the process started (GEMMs and step loops; work that stayed on
 * the calling thread is not counted). Lets a benchmark show that a size ran the one-thread code.
 * @example const before = threadTasks(); model.predict(x); threadTasks() - before //=> 0 when nothing was split
 */
export function threadTasks(): number {
  return splitTasks;
}

/**
 * Threads the wasm kernels use now (1 = the calling thread only).
 * @example await setThreads(2); threadCount(); //=> 2
 */
export function threadCount(): number {
  return pool ? pool.workers.length + 1 : 1;
}

/**
 * Sets the size (multiply-adds, M·N·K) above which a GEMM is split across threads; default 2^20.
 * @example setThreadThreshold(1 << 22); // only the largest GEMMs go parallel
 */
export function setThreadThreshold(macs: number): void {
  GEMM_THREAD_MIN_MACS = macs;
}

/** Starts n−1 workers on rt's memory (n = 1 stops them). Resolves when every worker is ready. */
export async function startThreads(rt: WasmRuntime, n: number, spawn: WorkerSpawner): Promise<void> {
  stopThreads();
  if (n <= 1) return;
  const [ctrlPtr] = rt.heap.reserve(4 * CTRL_WORDS);
  const ctrl = new Int32Array(rt.heap.buffer, ctrlPtr, CTRL_WORDS);
  ctrl.fill(0);
  const workers: WorkerHandle[] = [];
  const ready: Promise<void>[] = [];
  for (let id = 1; id < Math.min(n, 64); id++) {
    const w = spawn(WORKER_SOURCE);
    const [work] = rt.heap.reserve(4 * rt.kernels.packFloats(WORK_COLUMNS));
    ctrl[32 + id] = work;
    ready.push(
      new Promise((resolve, reject) => w.onMessage((m) => (m === 'ready' ? resolve() : reject(new Error(String(m)))))),
    );
    w.postMessage({ module: rt.module, memory: rt.memory, ctrl: ctrlPtr, id, spin: SPIN });
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
 * Row ranges of a rows task: chunks of whole 6-row panels, two per thread, claimed dynamically, so the
 * threads finish within about one chunk of each other (measured on M: two chunks of 36 and 28 rows left
 * the main thread waiting 2-3 ms a batch for the worker, which claims first and had the larger one;
 * more, smaller chunks reload the packed weights from L2 once per chunk and step, which costs as much).
 */
function rowChunks(p: Pool, B: number): number {
  return Math.min(Math.ceil(B / 6), ROW_CHUNKS_PER_THREAD * (p.workers.length + 1), 255);
}

/**
 * Whether a step loop over B rows (T steps of a (B,K)x(K,N) product) is worth splitting by rows across
 * the pool: more than one chunk, and T·B·N·K multiply-adds above the GEMM threshold.
 */
export function rowsWorthSplitting(T: number, B: number, N: number, K: number): boolean {
  const p = pool;
  return !!p && N <= WORK_COLUMNS && rowChunks(p, B) >= 2 && T * B * N * K >= GEMM_THREAD_MIN_MACS;
}

/**
 * Runs the step loop SEQ_EXPORTS[fn] with `args` on rows [0, B), split by rows across the pool when one
 * is running (every thread runs whole loops on its rows; results equal one call on all rows, bit for bit).
 */
export function runRows(rt: WasmRuntime, fn: number, args: number[], B: number, work: number): void {
  const k = rt.kernels as unknown as Record<string, (...a: number[]) => void>;
  const name = SEQ_EXPORTS[fn];
  const p = pool;
  const chunks = p ? rowChunks(p, B) : 1;
  if (!p || p.rt !== rt || chunks < 2) {
    k[name](...args, 0, B, work);
    return;
  }
  splitTasks++;
  const ctrl = p.ctrl;
  const seq = (p.seq = (p.seq + 1) & 0x7fffff);
  ctrl[2] = 0;
  ctrl[3] = chunks;
  ctrl[4] = 2;
  ctrl[5] = fn;
  ctrl[6] = B;
  ctrl[7] = args.length;
  for (let i = 0; i < args.length; i++) ctrl[8 + i] = args[i];
  Atomics.store(ctrl, 1, seq << 8);
  Atomics.store(ctrl, 0, seq);
  Atomics.notify(ctrl, 0);
  const panels = Math.ceil(B / 6);
  for (;;) {
    const w = Atomics.load(ctrl, 1);
    const i = w & 255;
    if (i >= chunks) break;
    if (Atomics.compareExchange(ctrl, 1, w, w + 1) !== w) continue;
    const lo = Math.round((panels * i) / chunks) * 6,
      hi = Math.min(B, Math.round((panels * (i + 1)) / chunks) * 6);
    k[name](...args, lo, hi, work);
    Atomics.add(ctrl, 2, 1);
  }
  while (Atomics.load(ctrl, 2) < chunks) {
    // spin: the chunks still running were claimed by threads that are running
  }
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
  const byCols = N >= M;
  const units = byCols ? Math.ceil(N / 8) : Math.ceil(M / 6);
  const chunks = p ? Math.min(units, (p.workers.length + 1) * CHUNKS_PER_THREAD, 255) : 1;
  if (!p || p.rt !== rt || chunks < 2 || M * N * K < GEMM_THREAD_MIN_MACS || N > 4096) {
    k.gemmRange(C, A, B, M, N, K, +transA, +transB, beta, work, 0, M, 0, N, +prepacked);
    return;
  }
  splitTasks++;
  const ctrl = p.ctrl;
  const seq = (p.seq = (p.seq + 1) & 0x7fffff);
  ctrl[2] = 0;
  ctrl[3] = chunks;
  ctrl[4] = byCols ? 1 : 0;
  ctrl[5] = C;
  ctrl[6] = A;
  ctrl[7] = B;
  ctrl[8] = M;
  ctrl[9] = N;
  ctrl[10] = K;
  ctrl[11] = +transA;
  ctrl[12] = +transB;
  ctrl[13] = beta;
  ctrl[14] = +prepacked;
  Atomics.store(ctrl, 1, seq << 8);
  Atomics.store(ctrl, 0, seq);
  Atomics.notify(ctrl, 0);
  for (;;) {
    const w = Atomics.load(ctrl, 1);
    const i = w & 255;
    if (i >= chunks) break;
    if (Atomics.compareExchange(ctrl, 1, w, w + 1) !== w) continue;
    const lo = Math.round((units * i) / chunks),
      hi = Math.round((units * (i + 1)) / chunks);
    if (byCols)
      k.gemmRange(C, A, B, M, N, K, +transA, +transB, beta, work, 0, M, lo * 8, Math.min(N, hi * 8), +prepacked);
    else k.gemmRange(C, A, B, M, N, K, +transA, +transB, beta, work, lo * 6, Math.min(M, hi * 6), 0, N, +prepacked);
    Atomics.add(ctrl, 2, 1);
  }
  while (Atomics.load(ctrl, 2) < chunks) {
    // spin: the chunks still running were claimed by threads that are running
  }
}
