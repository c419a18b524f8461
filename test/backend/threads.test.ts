// Threads: GEMMs split across worker_threads give bit-identical results to one thread (each element
// of C is computed by one thread in the same order), and an LSTM trained on 2 threads ends with the
// same weights, bit for bit, as on one thread, also when the step loops are split by batch rows.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, test } from 'node:test';
import { type Backend, setBackend } from '../../src/backend/backend.js';
import {
  setThreadThreshold,
  threadCount,
  threadTasks,
  wasmBackend,
  wasmRuntime,
} from '../../src/backend/wasm/index.js';
import { gemmRange } from '../../src/backend/wasm/threads.js';
import { dense, gru, lstm, sequential, setRandomSeed, simpleRnn, tensor } from '../../src/index.js';
import { setThreads } from '../../src/node/threads.js';
import { Rng } from '../../src/rng.js';

const wasm = wasmBackend() as Backend;
const rng = new Rng(3);
const rand = (n: number) => {
  const a = wasm.alloc(n);
  for (let i = 0; i < n; i++) a[i] = rng.uniform(-1, 1);
  return a;
};
after(() => setThreads(1));

test('setThreads(2) starts a worker and setThreads(1) stops it', async () => {
  assert.equal(await setThreads(2), 2);
  assert.equal(threadCount(), 2);
  assert.equal(await setThreads(1), 1);
  await assert.rejects(() => setThreads(0), /positive integer/);
});

test('threaded GEMM is bit-identical to single-threaded (NN, NT, TN; awkward sizes)', async () => {
  setThreadThreshold(1);
  try {
    for (const [M, N, K, tA, tB] of [
      [65, 257, 63, false, false],
      [257, 17, 65, false, true],
      [63, 129, 300, true, false],
      [3, 1000, 17, false, false],
    ] as const) {
      const A = rand(M * K),
        B = rand(K * N),
        C0 = rand(M * N);
      await setThreads(1);
      const C1 = Float32Array.from(C0);
      wasm.gemm(C1, 0, A, 0, B, 0, M, N, K, tA, tB, 1);
      await setThreads(2);
      const C2 = wasm.alloc(M * N);
      C2.set(C0);
      wasm.gemm(C2, 0, A, 0, B, 0, M, N, K, tA, tB, 1);
      assert.deepEqual(Array.from(C2), Array.from(C1), `M=${M} N=${N} K=${K}`);
    }
  } finally {
    setThreadThreshold(1 << 20);
    await setThreads(1);
  }
});

test('threadTasks counts only the work that was split: a GEMM below the threshold stays on the calling thread', async () => {
  await setThreads(2);
  try {
    const [M, N, K] = [64, 64, 64]; // 262,144 multiply-adds, below the default 2^20
    const A = rand(M * K),
      B = rand(K * N),
      C = wasm.alloc(M * N);
    let before = threadTasks();
    wasm.gemm(C, 0, A, 0, B, 0, M, N, K, false, false, 0);
    assert.equal(threadTasks() - before, 0);
    setThreadThreshold(M * N * K);
    before = threadTasks();
    wasm.gemm(C, 0, A, 0, B, 0, M, N, K, false, false, 0);
    assert.equal(threadTasks() - before, 1);
    await setThreads(1);
    before = threadTasks();
    wasm.gemm(C, 0, A, 0, B, 0, M, N, K, false, false, 0);
    assert.equal(threadTasks() - before, 0, 'one thread never splits');
  } finally {
    setThreadThreshold(1 << 20);
    await setThreads(1);
  }
});

test('starting and stopping the pool returns its heap blocks (200 restarts leave the heap where it was)', async () => {
  const rt = wasmRuntime()!;
  await setThreads(2);
  await setThreads(1);
  const before = rt.heap.used;
  for (let i = 0; i < 200; i++) {
    await setThreads(2);
    await setThreads(1);
  }
  // each start reserves a control block and a 4 MB packing workspace per worker: leaked, 200 starts held 860 MB
  assert.equal(rt.heap.used, before);
});

test('a kernel that traps on a worker is an error on the caller, not a hang; the pool then serves the next task', async () => {
  const rt = wasmRuntime()!;
  await setThreads(2);
  const [M, N, K] = [64, 512, 64];
  const A = rand(M * K),
    B = rand(K * N);
  const [work, cls] = rt.heap.reserve(4 * rt.kernels.packFloats(N));
  try {
    // C points past the end of the memory: every chunk's store traps, on the caller and on the worker
    const C = rt.memory.buffer.byteLength - 64;
    setThreadThreshold(1);
    assert.throws(
      () => gemmRange(rt, C, A.byteOffset, B.byteOffset, M, N, K, false, false, 0, work, false),
      (e: Error) => /out of bounds|trapped on a worker/.test(e.message),
    );
    // the worker caught its trap and serves the next task; the pool computes correctly
    assert.equal(threadCount(), 2);
    const before = threadTasks();
    const C1 = wasm.alloc(M * N),
      C2 = wasm.alloc(M * N);
    wasm.gemm(C2, 0, A, 0, B, 0, M, N, K, false, false, 0);
    assert.equal(threadTasks() - before, 1, 'split across the pool');
    await setThreads(1);
    wasm.gemm(C1, 0, A, 0, B, 0, M, N, K, false, false, 0);
    assert.deepEqual(Array.from(C2), Array.from(C1));
  } finally {
    rt.heap.release(work, cls);
    setThreadThreshold(1 << 20);
    await setThreads(1);
  }
});

async function trainedWeights(threads: number, stack = false): Promise<number[]> {
  await setThreads(threads);
  setThreadThreshold(1);
  const prev = setBackend(wasm);
  try {
    setRandomSeed(11);
    // The stack trains on batches of 30 rows: its step loops are split by rows across the threads.
    const model = stack
      ? sequential([
          gru({ units: 19, returnSequences: true, inputShape: [7, 5] }),
          simpleRnn({ units: 13, returnSequences: true }),
          gru({ units: 9, resetAfter: false, returnSequences: true, goBackwards: true }),
          lstm({ units: 33 }),
          dense({ units: 1 }),
        ])
      : sequential([lstm({ units: 33, inputShape: [7, 5] }), dense({ units: 1 })]);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const r = new Rng(5);
    const x = tensor(
      Array.from({ length: stack ? 60 : 40 }, () =>
        Array.from({ length: 7 }, () => Array.from({ length: 5 }, () => r.uniform(-1, 1))),
      ),
    );
    const y = tensor(Array.from({ length: stack ? 60 : 40 }, () => [r.uniform(-1, 1)]));
    await model.fit(x, y, { epochs: 2, batchSize: stack ? 30 : 16, verbose: 0 });
    return model.getWeights().flatMap((w) => Array.from(w.data));
  } finally {
    setBackend(prev);
    setThreadThreshold(1 << 20);
    await setThreads(1);
  }
}

test('training on 2 threads gives bit-identical weights to 1 thread', async () => {
  const one = await trainedWeights(1),
    two = await trainedWeights(2);
  assert.deepEqual(two, one);
});

test('GRU, SimpleRNN and LSTM step loops split by batch rows over 2 threads give bit-identical weights', async () => {
  const one = await trainedWeights(1, true),
    two = await trainedWeights(2, true);
  assert.deepEqual(two, one);
});

test('a script that trains on 2 threads and never calls setThreads(1) still exits (the workers do not hold it)', () => {
  const script = `
    const { setThreads } = await import('./src/node/index.ts');
    const { dense, lstm, sequential, tensor, threadTasks } = await import('./src/index.ts');
    const n = await setThreads(2);
    const m = sequential([lstm({ units: 32, inputShape: [20, 4] }), dense({ units: 1 })]);
    m.compile({ optimizer: 'adam', loss: 'mse' });
    const x = tensor(Array.from({ length: 64 }, (_, b) => Array.from({ length: 20 }, (_, t) => [b, t, 1, 0].map((v) => Math.sin(v + t)))));
    const y = tensor(Array.from({ length: 64 }, (_, b) => [Math.cos(b)]));
    await m.fit(x, y, { epochs: 1, batchSize: 64 });
    console.log(JSON.stringify({ threads: n, split: threadTasks() > 0 }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(r.signal, null, 'the process exited by itself, before the 60 s timeout');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim().split('\n').pop() as string), { threads: 2, split: true });
});
