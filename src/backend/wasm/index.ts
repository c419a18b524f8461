// Public entry to the WebAssembly backend: loading (sync where allowed, `await ready()` elsewhere),
// the default-backend choice, and the thread count.

import { ConfigError } from '../../errors.js';
import type { Backend } from '../reference.js';
import { createWasmBackend } from './backend.js';
import { loadAsync, loadSync, type WasmRuntime } from './module.js';
import { startThreads, stopThreads, threadCount, type WorkerHandle, type WorkerSpawner } from './threads.js';

let runtime: WasmRuntime | null | undefined; // undefined: not tried yet
let backend: Backend | null = null;

function fromRuntime(rt: WasmRuntime | null): Backend | null {
  runtime = rt;
  backend = rt ? createWasmBackend(rt) : null;
  return backend;
}

/**
 * The WebAssembly SIMD backend, loading it synchronously on first use; null where WebAssembly SIMD
 * or shared memory is missing, or where synchronous compilation is refused (call `await ready()`).
 * @example const be = wasmBackend(); if (be) setBackend(be);
 */
export function wasmBackend(): Backend | null {
  if (runtime === undefined) return fromRuntime(loadSync());
  return backend;
}

/**
 * Loads the WebAssembly backend asynchronously (needed on a browser's main thread) and resolves to
 * it, or to null where it cannot run. `ready()` in backend.ts wraps it and makes it the default.
 * @example const be = await loadWasmBackend(); console.log(be ? be.name : 'reference');
 */
export async function loadWasmBackend(): Promise<Backend | null> {
  if (runtime === undefined || runtime === null) fromRuntime((await loadAsync()) ?? loadSync());
  return backend;
}

/** The loaded runtime (for tests and benchmarks), loading it if needed. */
export function wasmRuntime(): WasmRuntime | null {
  wasmBackend();
  return runtime ?? null;
}

function browserSpawner(): WorkerSpawner | null {
  const g = globalThis as {
    Worker?: new (
      url: string,
    ) => { postMessage(m: unknown): void; terminate(): void; onmessage: ((e: { data: unknown }) => void) | null };
    Blob?: new (parts: string[], o: { type: string }) => object;
    URL?: { createObjectURL(b: object): string };
  };
  const { Worker, Blob, URL } = g;
  if (!Worker || !Blob || !URL) return null;
  return (source): WorkerHandle => {
    const w = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
    return {
      postMessage: (m) => w.postMessage(m),
      onMessage: (fn) => {
        w.onmessage = (e) => fn(e.data);
      },
      terminate: () => w.terminate(),
    };
  };
}

/**
 * Runs large GEMMs on n threads (n − 1 workers plus the caller); n = 1 stops the workers. In Node,
 * import it from 'lstmkit/node' (which supplies worker_threads); browsers use Web Workers and need a
 * cross-origin isolated page (a ConfigError says so otherwise). Results are bit-identical for every n.
 * @example await setThreads(2);
 */
export async function setThreads(n: number, spawn?: WorkerSpawner): Promise<number> {
  if (!Number.isInteger(n) || n < 1)
    throw new ConfigError(`thread count must be a positive integer, got ${n}`, 'setThreads');
  const rt = wasmRuntime();
  if (!rt || n === 1) {
    stopThreads();
    return 1;
  }
  if (!spawn && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false)
    throw new ConfigError(
      `${n} threads need a cross-origin isolated page (Web Workers share the model's memory), and this page is not (crossOriginIsolated is false): serve it with the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp, or keep 1 thread`,
      'setThreads',
    );
  const spawner = spawn ?? browserSpawner();
  if (!spawner) throw new ConfigError("no Worker here: in Node import setThreads from 'lstmkit/node'", 'setThreads');
  await startThreads(rt, n, spawner);
  return threadCount();
}

export { threadCount, threadTasks, setThreadThreshold } from './threads.js';
export type { WorkerHandle, WorkerSpawner } from './threads.js';
