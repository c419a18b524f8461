// The WebAssembly kernels against the TypeScript reference (the oracle) on random shapes, including
// sizes that do not divide the 6x8 tile or the vector width: GEMM in every transpose case, the fused
// LSTM forward/backward over the option combinations, the vectorized activations, the copy-in path.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Backend, referenceBackend } from '../../src/backend/backend.js';
import { wasmBackend, wasmRuntime } from '../../src/backend/wasm/index.js';
import type { Activation } from '../../src/kernels/activations.js';
import type { RecurrentOptions } from '../../src/kernels/lstm.js';
import { Rng } from '../../src/rng.js';
import { assertClose } from '../helpers/close.js';

const wasm = wasmBackend() as Backend;
const ref = referenceBackend('float32');
const rng = new Rng(7);
const rand = (be: Backend, n: number, scale = 1) => {
  const a = be.alloc(n);
  for (let i = 0; i < n; i++) a[i] = rng.uniform(-scale, scale);
  return a;
};
const copy = (be: Backend, a: ArrayLike<number>) => {
  const b = be.alloc(a.length);
  b.set(a as Float32Array);
  return b;
};

test('the wasm backend loads here (SIMD available in Node 20)', () => {
  assert.ok(wasm, 'wasmBackend() returned null');
  assert.match(wasm.name, /^wasm-/);
});

const SIZES = [1, 3, 17, 63, 65, 257];
test('gemm matches the reference for NN, NT, TN, TT, beta 0/1, awkward sizes', () => {
  for (let trial = 0; trial < 40; trial++) {
    const M = SIZES[trial % 6],
      N = SIZES[(trial * 5 + 1) % 6],
      K = SIZES[(trial * 7 + 2) % 6];
    const transA = trial % 2 === 1,
      transB = trial % 4 >= 2,
      beta = trial % 3 === 0 ? 0 : 1;
    const aOff = trial % 3,
      bOff = (trial * 2) % 5,
      cOff = trial % 4;
    const A = rand(wasm, aOff + M * K),
      B = rand(wasm, bOff + K * N),
      C = rand(wasm, cOff + M * N);
    const Cr = Float32Array.from(C);
    wasm.gemm(C, cOff, A, aOff, B, bOff, M, N, K, transA, transB, beta);
    ref.gemm(Cr, cOff, Float32Array.from(A), aOff, Float32Array.from(B), bOff, M, N, K, transA, transB, beta);
    assertClose(
      C,
      Cr,
      { atol: 1e-5 * Math.sqrt(K), rtol: 1e-5 },
      `gemm M=${M} N=${N} K=${K} tA=${transA} tB=${transB} beta=${beta}`,
    );
  }
});

test('gemm copies in arrays that are not in wasm memory (slow path) and writes C back', () => {
  const M = 17,
    N = 65,
    K = 63;
  const A = rand(ref, M * K),
    B = rand(ref, K * N),
    C = new Float32Array(M * N),
    Cr = new Float32Array(M * N);
  wasm.gemm(C, 0, A, 0, B, 0, M, N, K, false, false, 0);
  ref.gemm(Cr, 0, A, 0, B, 0, M, N, K, false, false, 0);
  assertClose(C, Cr, { atol: 1e-4 }, 'gemm on plain arrays');
});

test('activations in wasm are within 1e-6 absolute of Math (sigmoid, tanh) on [-30, 30]', () => {
  const rt = wasmRuntime();
  assert.ok(rt);
  const n = 6001;
  for (const [code, f] of [
    [0, Math.tanh],
    [1, (x: number) => 1 / (1 + Math.exp(-x))],
  ] as const) {
    const a = rt.heap.alloc(n);
    for (let i = 0; i < n; i++) a[i] = -30 + i * 0.01;
    const x = Float64Array.from(a);
    rt.kernels.actInPlace(code, a.byteOffset, n);
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(a[i] - f(x[i])));
    assert.ok(worst < 1e-6, `activation ${code}: worst abs error ${worst}`);
  }
});

interface Case {
  B: number;
  T: number;
  D: number;
  H: number;
  o: RecurrentOptions;
  mask: boolean;
  init: boolean;
  state: boolean;
}
function runLstm(be: Backend, c: Case, data: Float32Array[]) {
  const { B, T, D, H, o } = c;
  const [x, W, U, b, h0, c0, m, dy0, dhT0, dcT0] = data.map((d) => copy(be, d));
  const ws = be.lstmWorkspace(B, T, D, H);
  const y = be.alloc(o.returnSequences ? B * T * H : B * H),
    hT = be.alloc(B * H),
    cT = be.alloc(B * H);
  be.lstmForward({
    y,
    hT,
    cT,
    ws,
    x,
    W,
    U,
    b,
    h0: c.init ? h0 : null,
    c0: c.init ? c0 : null,
    mask: c.mask ? m : null,
    options: o,
  });
  const dx = be.alloc(B * T * D),
    dW = be.alloc(D * 4 * H),
    dU = be.alloc(H * 4 * H),
    db = be.alloc(4 * H),
    dh0 = be.alloc(B * H),
    dc0 = be.alloc(B * H);
  const dy = o.returnSequences ? dy0 : dy0.subarray(0, B * H);
  be.lstmBackward({
    dx,
    dW,
    dU,
    db,
    dh0,
    dc0,
    dy,
    dhT: c.state ? dhT0 : null,
    dcT: c.state ? dcT0 : null,
    ws,
    x,
    W,
    U,
    mask: c.mask ? m : null,
    options: o,
  });
  return { y, hT, cT, dx, dW, dU, db, dh0, dc0 };
}

test('lstmForward/lstmBackward match the reference over options, masks and odd sizes', () => {
  const acts: [Activation, Activation][] = [
    ['tanh', 'sigmoid'],
    ['relu', 'sigmoid'],
    ['tanh', 'hardSigmoid'],
    ['linear', 'hardSigmoidTfjs'],
    ['elu', 'sigmoid'],
  ];
  const dims = [
    [1, 1, 1, 1],
    [3, 4, 3, 17],
    [17, 5, 2, 3],
    [4, 3, 65, 63],
    [2, 2, 5, 65],
  ];
  for (let trial = 0; trial < 12; trial++) {
    const [B, T, D, H] = dims[trial % dims.length];
    const [activation, recurrentActivation] = acts[trial % acts.length];
    const o: RecurrentOptions = {
      activation,
      recurrentActivation,
      goBackwards: trial % 2 === 1,
      returnSequences: trial % 3 !== 0,
    };
    const c: Case = { B, T, D, H, o, mask: trial % 4 === 1, init: trial % 3 === 2, state: trial % 2 === 0 };
    const r = (n: number, s = 0.5) => Float32Array.from(rand(ref, n, s));
    const m = new Float32Array(B * T).map((_, i) => (i % 3 === 1 ? 0 : 1));
    const data = [
      r(B * T * D, 1),
      r(D * 4 * H),
      r(H * 4 * H),
      r(4 * H),
      r(B * H),
      r(B * H),
      m,
      r(B * T * H, 1),
      r(B * H, 1),
      r(B * H, 1),
    ];
    const got = runLstm(wasm, c, data),
      want = runLstm(ref, c, data);
    const label = `B=${B} T=${T} D=${D} H=${H} ${activation}/${recurrentActivation} back=${o.goBackwards} seq=${o.returnSequences} mask=${c.mask}`;
    for (const key of Object.keys(want) as (keyof typeof want)[]) {
      assertClose(got[key], want[key], { atol: 2e-5, rtol: 1e-4 }, `${key} ${label}`);
    }
  }
});

test('arrays from alloc stay valid when the wasm memory grows', () => {
  const rt = wasmRuntime();
  assert.ok(rt);
  const a = wasm.alloc(1000);
  a.fill(3);
  const before = rt.memory.buffer.byteLength;
  const big = wasm.alloc((before / 4) * 1.5); // forces growth
  assert.ok(rt.memory.buffer.byteLength > before);
  assert.equal(a[999], 3);
  big[0] = 1;
  const sub = a.subarray(10, 20);
  assert.ok(rt.heap.owns(sub as Float32Array));
});

test('ready() resolves to the wasm backend in Node and getBackend() uses it by default', async () => {
  const { ready, getBackend } = await import('../../src/backend/backend.js');
  const be = await ready();
  assert.match(be.name, /^wasm-/);
  assert.equal(getBackend(), be);
});

test('GRU (resetAfter true/false) and SimpleRNN on the wasm backend match the reference, with masks', () => {
  for (const [B, T, D, H, resetAfter, back] of [
    [3, 4, 5, 17, true, false],
    [17, 3, 1, 3, false, true],
    [2, 5, 65, 63, true, true],
    [1, 6, 3, 9, false, false],
    [4, 3, 2, 33, false, true],
    [7, 4, 3, 12, true, false],
  ] as const) {
    const G = 3 * H,
      nb = resetAfter ? 2 * G : G;
    const r = (n: number) => Float32Array.from(rand(ref, n, 0.5));
    const x = r(B * T * D),
      W = r(D * G),
      U = r(H * G),
      b = r(nb),
      h0 = r(B * H),
      dy = r(B * T * H),
      dhT = r(B * H);
    const mask = new Float32Array(B * T).map((_, i) => (i % 4 === 2 ? 0 : 1));
    const o = {
      activation: 'tanh',
      recurrentActivation: 'sigmoid',
      goBackwards: back,
      returnSequences: true,
      resetAfter,
    } as const;
    const run = (be: Backend) => {
      const [cx, cW, cU, cb, ch0, cdy, cdhT, cm] = [x, W, U, b, h0, dy, dhT, mask].map((a) => copy(be, a));
      const ws = be.gruWorkspace(B, T, D, H);
      const y = be.alloc(B * T * H),
        hT = be.alloc(B * H);
      be.gruForward({ y, hT, ws, x: cx, W: cW, U: cU, b: cb, h0: ch0, mask: cm, options: o });
      const dx = be.alloc(B * T * D),
        dW = be.alloc(D * G),
        dU = be.alloc(H * G),
        db = be.alloc(nb),
        dh0 = be.alloc(B * H);
      be.gruBackward({
        dx,
        dW,
        dU,
        db,
        dh0,
        dy: cdy,
        dhT: cdhT,
        ws,
        x: cx,
        W: cW,
        U: cU,
        mask: cm,
        options: o,
      });
      const sws = be.simpleRnnWorkspace(B, T, D, H);
      const sy = be.alloc(B * T * H),
        sW = copy(be, W.subarray(0, D * H)),
        sU = copy(be, U.subarray(0, H * H)),
        sb = copy(be, b.subarray(0, H));
      be.simpleRnnForward({ y: sy, hT: null, ws: sws, x: cx, W: sW, U: sU, b: sb, h0: ch0, mask: cm, options: o });
      const sdx = be.alloc(B * T * D),
        sdW = be.alloc(D * H),
        sdU = be.alloc(H * H),
        sdb = be.alloc(H);
      be.simpleRnnBackward({
        dx: sdx,
        dW: sdW,
        dU: sdU,
        db: sdb,
        dh0: null,
        dy: cdy,
        dhT: null,
        ws: sws,
        x: cx,
        W: sW,
        U: sU,
        mask: cm,
        options: o,
      });
      return { y, hT, dx, dW, dU, db, dh0, sy, sdx, sdW, sdU, sdb };
    };
    const got = run(wasm),
      want = run(ref);
    for (const key of Object.keys(want) as (keyof typeof want)[]) {
      assertClose(
        got[key],
        want[key],
        { atol: 2e-5, rtol: 1e-4 },
        `${key} B=${B} T=${T} D=${D} H=${H} resetAfter=${resetAfter}`,
      );
    }
  }
});

test('Adam (and amsgrad) updates in wasm are bit-identical to the TypeScript loop over 5 steps, odd sizes', async () => {
  const { setBackend } = await import('../../src/backend/backend.js');
  const { adam } = await import('../../src/optim/optimizer.js');
  for (const amsgrad of [false, true]) {
    const run = (be: Backend) => {
      const prev = setBackend(be);
      try {
        const r = new Rng(3);
        const params = [37, 1, 8].map((n, i) => {
          const value = be.alloc(n),
            grad = be.alloc(n);
          for (let j = 0; j < n; j++) value[j] = r.uniform(-1, 1);
          return { name: `p${i}`, shape: [n], value, grad, trainable: true };
        });
        const opt = adam({ learningRate: 0.01, amsgrad });
        for (let s = 0; s < 5; s++) {
          for (const p of params) for (let j = 0; j < p.grad.length; j++) p.grad[j] = r.uniform(-2, 2) * 10 ** (s - 3);
          opt.step(params);
        }
        return params.flatMap((p) => Array.from(p.value));
      } finally {
        setBackend(prev);
      }
    };
    assert.deepEqual(run(wasm), run(ref), `amsgrad ${amsgrad}`);
  }
});

test('matvecPacked (B ≤ 4 rows) matches the reference GEMM: odd N, K over one pack block, beta 0/1', () => {
  const rt = wasmRuntime();
  assert.ok(rt);
  for (const [M, N, K] of [
    [1, 37, 300],
    [2, 9, 5],
    [3, 61, 257],
    [4, 40, 129],
    [1, 3, 1],
    [3, 200, 50],
  ]) {
    for (const beta of [0, 1] as const) {
      const A = rand(wasm, M * K),
        B = rand(wasm, K * N),
        C = rand(wasm, M * N);
      const want = Float32Array.from(C);
      ref.gemm(want, 0, Float32Array.from(A), 0, Float32Array.from(B), 0, M, N, K, false, false, beta);
      const P = wasm.alloc(K * Math.ceil(N / 8) * 8);
      rt.kernels.packAll(P.byteOffset, B.byteOffset, K, N, 0);
      rt.kernels.matvecPacked(C.byteOffset, A.byteOffset, P.byteOffset, M, N, K, beta);
      assertClose(C, want, { atol: 1e-5 * Math.sqrt(K), rtol: 1e-5 }, `matvec M=${M} N=${N} K=${K} beta=${beta}`);
    }
  }
});
