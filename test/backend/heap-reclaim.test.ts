// A long epoch must not hold every block it allocates: dead tensors' WebAssembly blocks come back
// through FinalizationRegistry callbacks, which run only when fit() yields to the event loop. Before
// fit() yielded inside epochs, this run grew the heap by ~1.6 MB per batch (~480 MB here).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getBackend } from '../../src/backend/backend.js';
import { wasmRuntime } from '../../src/backend/wasm/index.js';
import { dense } from '../../src/layers/dense.js';
import { lstm } from '../../src/layers/lstm.js';
import { sequential } from '../../src/model/sequential.js';
import { Rng } from '../../src/rng.js';
import { Tensor } from '../../src/tensor.js';

test('a 300-batch epoch with truncated BPTT keeps the wasm heap bounded (blocks are reclaimed within the epoch)', async (t) => {
  const rt = wasmRuntime();
  if (!rt || !getBackend().name.startsWith('wasm')) return t.skip('the WebAssembly backend is not the default here');
  const rng = new Rng(1);
  const [N, T, V, H] = [4800, 50, 20, 32];
  const x = new Tensor(
    Float32Array.from({ length: N * T * V }, () => (rng.next() < 1 / V ? 1 : 0)),
    [N, T, V],
  );
  const m = sequential([
    lstm({ units: H, returnSequences: true, inputShape: [T, V] }),
    dense({ units: V, activation: 'softmax' }),
  ]);
  m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  const before = rt.heap.used;
  let peak = 0;
  await m.fit(x, x, {
    epochs: 1,
    batchSize: 16,
    tbptt: { k1: 25, k2: 25 },
    callbacks: { onBatchEnd: () => void (peak = Math.max(peak, rt.heap.used - before)) },
  });
  console.log(`heap growth during the epoch: ${(peak / 1e6).toFixed(1)} MB`);
  assert.ok(peak < 150e6, `the heap grew by ${(peak / 1e6).toFixed(0)} MB during one epoch`);
});
