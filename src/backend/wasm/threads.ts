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
// [31] failed: set by a worker whose chunk threw (a trap); the caller then throws instead of waiting
// [32 + id] work of thread id
const CTRL_WORDS = 32 + 64;
const FAILED = 31;
/** A split task whose count of finished chunks has not moved for this long has lost a thread. */
const STALL_MS = 60_000;
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
  /** Heap blocks the pool holds (control block, workers' packing workspaces), released on stop. */
  blocks: [ptr: number, cls: number][];
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
  // The control block and one packing workspace per worker, reserved before any worker starts, so a
  // full heap is one clear error and never a worker packing at address -1.
  const blocks: [number, number][] = [];
  const reserve = (bytes: number, what: string): number => {
    const [p, cls] = rt.heap.reserve(bytes);
    if (p < 0) {
      for (const [q, c] of blocks) rt.heap.release(q, c);
      throw new RangeError(`lstmkit wasm backend: out of memory for the thread pool's ${what}`);
    }
    blocks.push([p, cls]);
    return p;
  };
  const ctrlPtr = reserve(4 * CTRL_WORDS, 'control block');
  const works: number[] = [];
  for (let id = 1; id < Math.min(n, 64); id++)
    works.push(reserve(4 * rt.kernels.packFloats(WORK_COLUMNS), 'workspaces'));
  const ctrl = new Int32Array(rt.heap.buffer, ctrlPtr, CTRL_WORDS);
  ctrl.fill(0);
  const workers: WorkerHandle[] = [];
  const ready: Promise<void>[] = [];
  works.forEach((work, i) => {
    const id = i + 1;
    const w = spawn(WORKER_SOURCE);
    ctrl[32 + id] = work;
    ready.push(
      new Promise((resolve, reject) => w.onMessage((m) => (m === 'ready' ? resolve() : reject(new Error(String(m)))))),
    );
    w.postMessage({ module: rt.module, memory: rt.memory, ctrl: ctrlPtr, id, spin: SPIN });
    workers.push(w);
  });
  pool = { rt, workers, ctrl, seq: 0, blocks };
  try {
    await Promise.all(ready);
  } catch (e) {
    stopThreads();
    throw e;
  }
}

/** Stops the workers (kernels then run on the calling thread) and returns the pool's heap blocks. */
export function stopThreads(): void {
  if (!pool) return;
  for (const w of pool.workers) w.terminate();
  for (const [p, cls] of pool.blocks) pool.rt.heap.release(p, cls);
  pool = null;
}

/**
 * One split task: publishes its words (ctrl[4..], the layout above) to the pool, claims chunks on the
 * calling thread like any worker (runChunk(i) runs chunk i; its error is held), then waits for the
 * chunks the workers claimed (awaitChunks). GEMMs and step loops differ only in their words and chunks.
 */
function runTask(p: Pool, chunks: number, words: number[], runChunk: (i: number) => void): void {
  splitTasks++;
  const ctrl = p.ctrl;
  const seq = (p.seq = (p.seq + 1) & 0x7fffff);
  ctrl[2] = 0;
  ctrl[FAILED] = 0;
  ctrl[3] = chunks;
  for (let j = 0; j < words.length; j++) ctrl[4 + j] = words[j];
  Atomics.store(ctrl, 1, seq << 8);
  Atomics.store(ctrl, 0, seq);
  Atomics.notify(ctrl, 0);
  let failure: unknown;
  for (;;) {
    const w = Atomics.load(ctrl, 1);
    const i = w & 255;
    if (i >= chunks) break;
    if (Atomics.compareExchange(ctrl, 1, w, w + 1) !== w) continue;
    try {
      runChunk(i);
    } catch (e) {
      failure ??= e; // thrown after the workers are done with the task (awaitChunks)
    }
    Atomics.add(ctrl, 2, 1);
  }
  awaitChunks(ctrl, chunks, failure); // the chunks still running were claimed by threads that are running
}

/**
 * Waits until every chunk of the current task is done, then throws the caller's own chunk's error if
 * it had one, or an error when a worker's chunk threw (the worker marks FAILED, counts its chunk and
 * keeps serving). When no chunk finished for STALL_MS a thread was lost: the pool is stopped and an
 * error thrown, so a broken worker is never a caller spinning forever.
 */
function awaitChunks(ctrl: Int32Array, chunks: number, failure: unknown): void {
  let spins = 0,
    last = Atomics.load(ctrl, 2),
    since = 0;
  for (let done = last; done < chunks; done = Atomics.load(ctrl, 2)) {
    if (++spins < 1 << 16) continue;
    spins = 0;
    const now = performance.now();
    if (done !== last || since === 0) {
      last = done;
      since = now;
    } else if (now - since > STALL_MS) {
      stopThreads();
      throw new Error(
        `lstmkit wasm backend: a worker thread stopped responding (${done} of ${chunks} chunks done after ${STALL_MS / 1000} s); the pool is stopped, kernels run on one thread`,
      );
    }
  }
  if (failure !== undefined) throw failure; // the caller's own chunk threw; the workers' chunks are done
  if (Atomics.load(ctrl, FAILED))
    throw new Error(
      'lstmkit wasm backend: a kernel trapped on a worker thread (the worker caught it and keeps serving)',
    );
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
  const panels = Math.ceil(B / 6);
  runTask(p, chunks, [2, fn, B, args.length, ...args], (i) => {
    const lo = Math.round((panels * i) / chunks) * 6,
      hi = Math.min(B, Math.round((panels * (i + 1)) / chunks) * 6);
    k[name](...args, lo, hi, work);
  });
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
  const words = [+byCols, C, A, B, M, N, K, +transA, +transB, beta, +prepacked];
  runTask(p, chunks, words, (i) => {
    const lo = Math.round((units * i) / chunks),
      hi = Math.round((units * (i + 1)) / chunks);
    if (byCols)
      k.gemmRange(C, A, B, M, N, K, +transA, +transB, beta, work, 0, M, lo * 8, Math.min(N, hi * 8), +prepacked);
    else k.gemmRange(C, A, B, M, N, K, +transA, +transB, beta, work, lo * 6, Math.min(M, hi * 6), 0, N, +prepacked);
  });
}
