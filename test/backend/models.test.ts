// Whole models on each backend: the same seeded LSTM (and GRU, which the wasm backend runs through the
// reference kernels) trained a few epochs with the wasm backend and with the TypeScript reference
// ends with the same weights within float32 tolerance; the orthogonal initializer's float32 GEMM path
// is orthonormal and matches the float64 path; without WebAssembly SIMD the package falls back.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { type Backend, referenceBackend, setBackend } from '../../src/backend/backend.js';
import { wasmBackend } from '../../src/backend/wasm/index.js';
import { orthogonal } from '../../src/initializers.js';
import { gemm as referenceGemm } from '../../src/kernels/gemm.js';
import { dense } from '../../src/layers/dense.js';
import { gru } from '../../src/layers/gru.js';
import { lstm } from '../../src/layers/lstm.js';
import { sequential } from '../../src/model/sequential.js';
import { Rng, setRandomSeed } from '../../src/rng.js';
import { tensor } from '../../src/tensor.js';
import { assertClose } from '../helpers/close.js';

const wasm = wasmBackend() as Backend;

async function train(be: Backend, kind: 'lstm' | 'gru'): Promise<number[]> {
  const prev = setBackend(be);
  try {
    setRandomSeed(21);
    const rnn =
      kind === 'lstm'
        ? lstm({ units: 17, inputShape: [6, 3], returnSequences: true })
        : gru({ units: 9, inputShape: [6, 3], returnSequences: true });
    const model = sequential([rnn, lstm({ units: 5, goBackwards: true }), dense({ units: 2 })]);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const r = new Rng(9);
    const x = tensor(
      Array.from({ length: 48 }, () =>
        Array.from({ length: 6 }, () => [r.uniform(-1, 1), r.uniform(-1, 1), r.uniform(-1, 1)]),
      ),
    );
    const y = tensor(Array.from({ length: 48 }, () => [r.uniform(-1, 1), r.uniform(-1, 1)]));
    await model.fit(x, y, { epochs: 3, batchSize: 16, verbose: 0 });
    return model.getWeights().flatMap((w) => Array.from(w.data));
  } finally {
    setBackend(prev);
  }
}

test('an LSTM model trained with the wasm backend matches the reference backend (3 epochs, 1e-4)', async () => {
  const a = await train(wasm, 'lstm'),
    b = await train(referenceBackend(), 'lstm');
  assertClose(a, b, { atol: 1e-4, rtol: 1e-4 }, 'weights after training');
});

test('a GRU + LSTM model trained with the wasm backend matches the reference backend (3 epochs, 1e-4)', async () => {
  const a = await train(wasm, 'gru'),
    b = await train(referenceBackend(), 'gru');
  assertClose(a, b, { atol: 1e-4, rtol: 1e-4 }, 'weights after training');
});

test('orthogonal through the wasm GEMM is orthonormal to 1e-5 and matches the float64 path', () => {
  for (const [r, c] of [
    [200, 520],
    [520, 200],
    [129, 129],
  ]) {
    const fast = new Float32Array(r * c),
      exact = new Float32Array(r * c);
    orthogonal(fast, [r, c], new Rng(4), 1, wasm.gemm);
    orthogonal(exact, [r, c], new Rng(4), 1);
    assertClose(fast, exact, { atol: 2e-5 }, `orthogonal ${r}x${c}`);
    const n = Math.min(r, c),
      G = new Float32Array(n * n);
    referenceGemm(G, 0, fast, 0, fast, 0, n, n, Math.max(r, c), r >= c, r < c, 0);
    const I = new Float32Array(n * n).map((_, i) => (i % (n + 1) === 0 ? 1 : 0));
    assertClose(G, I, { atol: 1e-5 }, `QᵀQ ${r}x${c}`);
  }
});

test('without WebAssembly SIMD the package falls back to the reference backend and still trains', () => {
  const script = `
    WebAssembly.validate = () => false;
    const { getBackend } = await import('./src/backend/backend.ts');
    const { lstm } = await import('./src/layers/lstm.ts');
    const { dense } = await import('./src/layers/dense.ts');
    const { sequential } = await import('./src/model/sequential.ts');
    const { tensor } = await import('./src/tensor.ts');
    const m = sequential([lstm({ units: 4, inputShape: [3, 1] }), dense({ units: 1 })]);
    m.compile({ optimizer: 'adam', loss: 'mse' });
    const h = await m.fit(tensor([[[1], [2], [3]], [[2], [3], [4]]]), tensor([[4], [5]]), { epochs: 2, verbose: 0 });
    console.log(JSON.stringify({ backend: getBackend().name, loss: h.history.loss.length }));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim().split('\n').pop() as string), { backend: 'reference', loss: 2 });
});
