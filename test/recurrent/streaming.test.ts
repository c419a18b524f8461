// model.step(x_t) / resetStates(): streaming one time step at a time with carried state equals the
// full-sequence outputs (predict) at every step, for stacked LSTM, GRU (both reset modes) and SimpleRNN,
// on the wasm backend (matrix-vector kernel for B ≤ 4, packed GEMM above) and the reference backend.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Backend, referenceBackend, setBackend } from '../../src/backend/backend.js';
import { wasmBackend } from '../../src/backend/wasm/index.js';
import { conv1d, dense, gru, lstm, sequential, simpleRnn, Tensor } from '../../src/index.js';
import type { Layer } from '../../src/layers/layer.js';
import { setRandomSeed } from '../../src/rng.js';
import { assertClose } from '../helpers/close.js';
import { Rng } from '../helpers/gradcheck.js';

type Maker = (o: { units: number; returnSequences?: boolean; inputShape?: number[] }) => Layer;
const cells: [string, Maker][] = [
  ['LSTM', (o) => lstm(o)],
  ['GRU', (o) => gru(o)],
  ['GRU resetAfter false', (o) => gru({ ...o, resetAfter: false })],
  ['SimpleRNN', (o) => simpleRnn(o)],
];

/** Column t of x (B,T,F) as (B,F). */
function stepOf(x: Float32Array, B: number, T: number, F: number, t: number): Tensor {
  const out = new Float32Array(B * F);
  for (let b = 0; b < B; b++) for (let f = 0; f < F; f++) out[b * F + f] = x[(b * T + t) * F + f];
  return new Tensor(out, [B, F]);
}

const backends: [string, () => Backend][] = [
  ['wasm', () => wasmBackend() as Backend],
  ['reference', () => referenceBackend()],
];

for (const [bname, be] of backends) {
  for (const [name, make] of cells) {
    test(`step() equals predict() at every step: stacked ${name}, ${bname} backend, B = 1, 3, 6`, () => {
      const prev = setBackend(be());
      try {
        const T = 6,
          F = 3;
        setRandomSeed(5);
        // Two stacked recurrent layers and a Dense head; the last returns sequences so every step is compared.
        const model = sequential([
          make({ units: 9, returnSequences: true, inputShape: [T, F] }),
          make({ units: 5, returnSequences: true }),
          dense({ units: 2 }),
        ]);
        const last = sequential([make({ units: 7, returnSequences: true, inputShape: [T, F] }), make({ units: 4 })]);
        const rng = new Rng(11);
        for (const B of [1, 3, 6]) {
          const x = Float32Array.from({ length: B * T * F }, () => rng.uniform(-1, 1));
          const full = model.predict(new Tensor(x, [B, T, F])).data;
          const fullLast = last.predict(new Tensor(x, [B, T, F])).data;
          model.resetStates();
          last.resetStates();
          for (let t = 0; t < T; t++) {
            const y = model.step(stepOf(x, B, T, F, t));
            assert.deepEqual(y.shape, [B, 2]);
            const want = new Float32Array(B * 2);
            for (let b = 0; b < B; b++) for (let k = 0; k < 2; k++) want[b * 2 + k] = full[(b * T + t) * 2 + k];
            assertClose(y.data, want, { atol: 2e-6, rtol: 1e-5 }, `${name} B=${B} step ${t}`);
            const yl = last.step(stepOf(x, B, T, F, t));
            if (t === T - 1) assertClose(yl.data, fullLast, { atol: 2e-6, rtol: 1e-5 }, `${name} last B=${B}`);
          }
          // A reset starts over: the first step equals the first step of a fresh sequence.
          model.resetStates();
          const again = model.step(stepOf(x, B, T, F, 0)).data;
          for (let b = 0; b < B; b++) assertClose(again[b * 2], full[b * T * 2], { atol: 2e-6 }, 'after reset');
          model.resetStates();
          last.resetStates();
        }
      } finally {
        setBackend(prev);
      }
    });
  }
}

test('step() tells what is wrong: batch change without reset, goBackwards, layers that need the whole sequence, shapes', () => {
  setRandomSeed(1);
  const m = sequential([lstm({ units: 4, inputShape: [5, 2] }), dense({ units: 1 })]);
  m.step([[0.1, 0.2]]);
  assert.throws(
    () =>
      m.step([
        [0.1, 0.2],
        [0.3, 0.4],
      ]),
    /batch of 2 after steps with batch 1.*resetStates/,
  );
  m.resetStates();
  assert.deepEqual(
    m.step([
      [0.1, 0.2],
      [0.3, 0.4],
    ]).shape,
    [2, 1],
  );
  assert.deepEqual(m.step(new Tensor(new Float32Array(4), [2, 1, 2])).shape, [2, 1]);
  assert.throws(() => m.step([[0.1, 0.2, 0.3]]), /one time step: shape \[batch, 2\]/);
  m.resetStates();
  assert.deepEqual(m.step([0.5, -0.5]).shape, [1, 1]);
  const back = sequential([lstm({ units: 3, goBackwards: true, inputShape: [5, 2] })]);
  assert.throws(() => back.step([[1, 2]]), /goBackwards/);
  const conv = sequential([conv1d({ filters: 2, kernelSize: 2, inputShape: [5, 2] }), lstm({ units: 3 })]);
  assert.throws(() => conv.step([[1, 2]]), /Conv1D, which needs the whole sequence/);
  const unbuilt = sequential([lstm({ units: 3 })]);
  assert.throws(() => unbuilt.step([[1, 2]]), /not built/);
});
