// npm run bench:kernels: GEMM GFLOP/s per shape for each variant (TypeScript reference, wasm SIMD,
// wasm relaxed SIMD where the runtime has it, wasm on 2 threads), each validated against the
// reference before timing. Shapes are the LSTM benchmark's (B, D+H, 4H) products and their transposes.

import { referenceBackend } from '../src/backend/backend.js';
import { createWasmBackend } from '../src/backend/wasm/backend.js';
import { setThreadThreshold } from '../src/backend/wasm/index.js';
import { loadSync } from '../src/backend/wasm/module.js';
import { orthogonal } from '../src/initializers.js';
import type { Gemm } from '../src/kernels/gemm.js';
import { setThreads } from '../src/node/threads.js';
import { Rng } from '../src/rng.js';

const ref = referenceBackend();
const relaxedRt = loadSync({ relaxed: true }),
  simdRt = loadSync({ relaxed: false });
if (!simdRt) throw new Error('WebAssembly SIMD unavailable');
const variants: [string, Gemm, (n: number) => Float32Array, number][] = [
  ['reference', ref.gemm, (n) => new Float32Array(n), 1],
];
variants.push(['wasm-simd', createWasmBackend(simdRt).gemm, (n) => simdRt.heap.alloc(n), 1]);
if (relaxedRt?.relaxed) {
  const be = createWasmBackend(relaxedRt);
  variants.push(['wasm-relaxed', be.gemm, (n) => relaxedRt.heap.alloc(n), 1]);
  variants.push(['wasm-relaxed-2t', be.gemm, (n) => relaxedRt.heap.alloc(n), 2]);
}
// [M, N, K, transA, transB, what]
const shapes: [number, number, number, boolean, boolean, string][] = [
  [128, 1024, 288, false, false, 'L step fused [x,h]·[W;U]: 128x288x1024'],
  [128, 1024, 256, false, false, 'L recurrent step h·U'],
  [128, 256, 1024, false, true, 'L backward dz·Uᵀ'],
  [256, 1024, 12800, true, false, 'L dU = hᵀ·dz over T·B rows'],
  [64, 512, 128, false, false, 'M recurrent step'],
  [32, 200, 50, false, false, 'S recurrent step'],
  [1024, 1024, 1024, false, false, 'square 1024'],
];
const rng = new Rng(1);
console.log(`${'shape (M x K x N)'.padEnd(44)}${variants.map(([n]) => n.padStart(17)).join('')}   GFLOP/s`);
for (const [M, N, K, tA, tB, what] of shapes) {
  const cells: string[] = [];
  const A0 = Float32Array.from({ length: M * K }, () => rng.uniform(-1, 1)),
    B0 = Float32Array.from({ length: K * N }, () => rng.uniform(-1, 1));
  const want = new Float32Array(M * N);
  ref.gemm(want, 0, A0, 0, B0, 0, M, N, K, tA, tB, 0);
  for (const [name, gemm, alloc, threads] of variants) {
    await setThreads(threads);
    setThreadThreshold(threads > 1 ? 1 << 16 : 1 << 20);
    const A = alloc(M * K),
      B = alloc(K * N),
      C = alloc(M * N);
    A.set(A0);
    B.set(B0);
    gemm(C, 0, A, 0, B, 0, M, N, K, tA, tB, 0);
    let err = 0;
    for (let i = 0; i < M * N; i++) err = Math.max(err, Math.abs(C[i] - want[i]) / (1 + Math.abs(want[i])));
    if (err > 1e-4 * Math.sqrt(K)) throw new Error(`${name} ${what}: max error ${err} against the reference`);
    const flops = 2 * M * N * K;
    const reps =
      name === 'reference'
        ? Math.max(1, Math.min(5, Math.floor(2e9 / flops)))
        : Math.max(3, Math.min(200, Math.floor(4e10 / flops)));
    const times: number[] = [];
    for (let r = 0; r < reps; r++) {
      const t0 = performance.now();
      gemm(C, 0, A, 0, B, 0, M, N, K, tA, tB, 0);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    cells.push((flops / times[times.length >> 1] / 1e6).toFixed(1).padStart(17));
  }
  console.log(`${what.padEnd(44)}${cells.join('')}`);
}
await setThreads(1);

// The orthogonal initializer of a (1024, 4096) kernel through the fastest GEMM (all O(n³) work in it).
const fastest = relaxedRt?.relaxed ? createWasmBackend(relaxedRt) : createWasmBackend(simdRt);
const q = new Float32Array(1024 * 4096);
const tq = performance.now();
orthogonal(q, [1024, 4096], new Rng(2), 1, fastest.gemm);
console.log(`\northogonal 1024x4096 with ${fastest.name} GEMM: ${(performance.now() - tq).toFixed(0)} ms`);
process.exit(0);
