// Node's side of the wasm thread pool: workers from node:worker_threads (eval'd classic script,
// unref'd once started so they never keep the process alive).

import { Worker } from 'node:worker_threads';
import { setThreads as setThreadsCore, type WorkerHandle } from '../backend/wasm/index.js';

function spawnNode(source: string): WorkerHandle {
  const w = new Worker(source, { eval: true });
  w.unref();
  return {
    postMessage: (m) => w.postMessage(m),
    // Listening refs the worker again (Node's port refs itself for 'message' listeners). It stays
    // ref'd until its first message ('ready' or a start error), so awaiting setThreads() keeps the
    // process alive, and is unref'd from then on, so a script that used threads still exits.
    onMessage: (fn) =>
      w.on('message', (m) => {
        w.unref();
        fn(m);
      }),
    terminate: () => void w.terminate(),
  };
}

/**
 * Runs large GEMMs of the WebAssembly backend on n threads (worker_threads); 1 stops the workers.
 * Resolves to the thread count in use (1 where WebAssembly is unavailable).
 * @example await setThreads(2);
 */
export function setThreads(n: number): Promise<number> {
  return setThreadsCore(n, spawnNode);
}
