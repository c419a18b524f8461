// lstmForward/lstmBackward against central finite differences in float64, over the option
// combinations: returnSequences, returned state gradients, goBackwards, initial state, masks, activations.

import { test } from 'node:test';
import type { Activation } from '../../src/kernels/activations.js';
import {
  lstmBackward,
  lstmForward,
  lstmWorkspace,
  type RecurrentOptions,
  referenceLstmKernels,
} from '../../src/kernels/lstm.js';
import { assertClose } from '../helpers/close.js';
import { dot, numericGradient, Rng, randomArray } from '../helpers/gradcheck.js';

interface Case {
  returnSequences: boolean;
  goBackwards: boolean;
  initialState: boolean;
  stateGrads: boolean;
  mask: boolean;
  activation: Activation;
  recurrentActivation: Activation;
}

function check(c: Case, B = 2, T = 5, D = 3, H = 4): void {
  const rng = new Rng(7);
  const alloc = (n: number) => new Float64Array(n);
  const x = randomArray(B * T * D, rng),
    W = randomArray(D * 4 * H, rng, -0.5, 0.5),
    U = randomArray(H * 4 * H, rng, -0.5, 0.5);
  const b = randomArray(4 * H, rng, -0.5, 0.5);
  const h0 = c.initialState ? randomArray(B * H, rng) : null,
    c0 = c.initialState ? randomArray(B * H, rng) : null;
  // Mask: sample 0 has its steps 1 and 4 padded, sample 1 its first two steps (pre-padding).
  const mask = c.mask
    ? Float64Array.from({ length: B * T }, (_, i) => ([1, 4].includes(i) || i === T || i === T + 1 ? 0 : 1))
    : null;
  const o: RecurrentOptions = {
    activation: c.activation,
    recurrentActivation: c.recurrentActivation,
    goBackwards: c.goBackwards,
    returnSequences: c.returnSequences,
  };
  const ySize = c.returnSequences ? B * T * H : B * H;
  const dy = randomArray(ySize, rng),
    dhT = c.stateGrads ? randomArray(B * H, rng) : null,
    dcT = c.stateGrads ? randomArray(B * H, rng) : null;
  const ws = lstmWorkspace(alloc, B, T, D, H);
  const y = alloc(ySize),
    hT = alloc(B * H),
    cT = alloc(B * H);
  const loss = () => {
    lstmForward(referenceLstmKernels, { y, hT, cT, ws, x, W, U, b, h0, c0, mask, options: o });
    return dot(y, dy) + (dhT ? dot(hT, dhT) : 0) + (dcT ? dot(cT, dcT) : 0);
  };
  loss();
  const dx = alloc(x.length),
    dW = alloc(W.length),
    dU = alloc(U.length),
    db = alloc(b.length);
  const dh0 = c.initialState ? alloc(B * H) : null,
    dc0 = c.initialState ? alloc(B * H) : null;
  lstmBackward(referenceLstmKernels, { dx, dW, dU, db, dh0, dc0, dy, dhT, dcT, ws, x, W, U, mask, options: o });
  const tol = { rtol: 1e-5, atol: 1e-7 };
  assertClose(dx, numericGradient(loss, x), tol, 'dx');
  assertClose(dW, numericGradient(loss, W), tol, 'dW');
  assertClose(dU, numericGradient(loss, U), tol, 'dU');
  assertClose(db, numericGradient(loss, b), tol, 'db');
  if (h0 && c0 && dh0 && dc0) {
    assertClose(dh0, numericGradient(loss, h0), tol, 'dh0');
    assertClose(dc0, numericGradient(loss, c0), tol, 'dc0');
  }
}

const base: Case = {
  returnSequences: false,
  goBackwards: false,
  initialState: false,
  stateGrads: false,
  mask: false,
  activation: 'tanh',
  recurrentActivation: 'sigmoid',
};

test('lstmBackward matches finite differences (B=2,T=5,D=3,H=4), last output', () => check(base));
test('lstmBackward matches finite differences with returnSequences', () => check({ ...base, returnSequences: true }));
test('lstmBackward matches finite differences with goBackwards and returnSequences', () =>
  check({ ...base, goBackwards: true, returnSequences: true }));
test('lstmBackward matches finite differences with initial state and returned-state gradients', () =>
  check({ ...base, initialState: true, stateGrads: true }));
test('lstmBackward matches finite differences with a mask (pre- and mid-sequence padding)', () =>
  check({ ...base, mask: true, returnSequences: true, initialState: true }));
test('lstmBackward matches finite differences with a mask and goBackwards', () =>
  check({ ...base, mask: true, goBackwards: true, stateGrads: true }));
test("lstmBackward matches finite differences with relu activation (the seeds' example)", () =>
  check({ ...base, activation: 'relu', returnSequences: true }));
test('lstmBackward matches finite differences with hardSigmoid gates and softsign', () =>
  check({ ...base, activation: 'softsign', recurrentActivation: 'hardSigmoid', stateGrads: true }));
test('lstmBackward matches finite differences with elu activation and tfjs hard sigmoid', () =>
  check({ ...base, activation: 'elu', recurrentActivation: 'hardSigmoidTfjs', initialState: true }));
test('lstmBackward matches finite differences on odd sizes (B=3,T=7,D=5,H=3)', () =>
  check({ ...base, returnSequences: true, initialState: true, stateGrads: true }, 3, 7, 5, 3));
test('lstmBackward matches finite differences with T=1 and B=1', () =>
  check({ ...base, initialState: true }, 1, 1, 2, 2));
