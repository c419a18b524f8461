// The WebAssembly SIMD backend: tensors live in the kernels' shared memory; the GEMM, the sequence
// operations (input projection, column sums, layout copies), the recurrent step loops of LSTM, GRU and
// SimpleRNN (recurrent.ts) and the Adam update run in wasm, plugged into the one TypeScript driver of
// each cell. Anything else is the TypeScript reference (spread in, so kernels added to the interface
// work before they are accelerated). Arrays that are not in wasm memory (user data, float64) are
// copied in for the call (slow path) or handed to the reference.

import { type AdamUpdate, type Backend, referenceBackend } from '../reference.js';
import { type Gemm, gemm as referenceGemm } from '../../kernels/gemm.js';
import { gruBackward, gruForward, gruWorkspace } from '../../kernels/gru.js';
import { lstmBackward, lstmForward, lstmWorkspace } from '../../kernels/lstm.js';
import { referenceSequenceKernels, type SequenceKernels } from '../../kernels/sequence.js';
import { simpleRnnBackward, simpleRnnForward, simpleRnnWorkspace } from '../../kernels/simple-rnn.js';
import type { FloatArray } from '../../tensor.js';
import type { WasmRuntime } from './module.js';
import { type WasmContext, wasmGruKernels, wasmLstmKernels, wasmSimpleRnnKernels } from './recurrent.js';
import { gemmRange } from './threads.js';

export { ACT_CODES } from './recurrent.js';

/** Resolves arrays to byte pointers, copying foreign ones into temporary blocks. */
class Args {
  private temps: [number, number][] = [];
  private outs: [FloatArray, number, number, number][] = [];
  constructor(private readonly rt: WasmRuntime) {}
  /** Pointer to a[off .. off+n); `out`: copy back after the call; `load`: copy in first. */
  ptr(a: FloatArray | null, off: number, n: number, out = false, load = true): number {
    if (!a) return 0;
    if (a instanceof Float32Array && this.rt.heap.owns(a)) return a.byteOffset + 4 * off;
    const [p, cls] = this.rt.heap.reserve(Math.max(4 * n, 4));
    if (p < 0) throw new RangeError('lstmkit wasm backend: out of memory for a temporary copy');
    this.temps.push([p, cls]);
    if (load) new Float32Array(this.rt.heap.buffer, p, n).set(a.subarray(off, off + n));
    if (out) this.outs.push([a, off, n, p]);
    return p;
  }
  done(): void {
    for (const [a, off, n, p] of this.outs) a.set(new Float32Array(this.rt.heap.buffer, p, n), off);
    for (const [p, cls] of this.temps) this.rt.heap.release(p, cls);
    this.temps = [];
    this.outs = [];
  }
}

const isF32 = (...arrays: (FloatArray | null)[]) => arrays.every((a) => a === null || a instanceof Float32Array);

/** A Backend running on a loaded wasm runtime. */
export function createWasmBackend(rt: WasmRuntime): Backend {
  const ref = referenceBackend('float32');
  const k = rt.kernels;
  const alloc = (n: number) => rt.heap.alloc(n);
  let work = -1,
    workCls = 0,
    workFloats = 0; // the packing workspace of the calling thread
  const workFor = (N: number): number => {
    const need = k.packFloats(N);
    if (need > workFloats) {
      if (work >= 0) rt.heap.release(work, workCls);
      [work, workCls] = rt.heap.reserve(4 * need);
      if (work < 0) throw new RangeError('lstmkit wasm backend: out of memory for the GEMM workspace');
      workFloats = need;
    }
    return work;
  };

  const gemm: Gemm = (C, cOff, A, aOff, B, bOff, M, N, K, transA, transB, beta) => {
    if (!isF32(C, A, B)) return referenceGemm(C, cOff, A, aOff, B, bOff, M, N, K, transA, transB, beta);
    if (M === 0 || N === 0) return;
    const a = new Args(rt);
    const pc = a.ptr(C, cOff, M * N, true, beta === 1),
      pa = a.ptr(A, aOff, M * K),
      pb = a.ptr(B, bOff, K * N);
    gemmRange(rt, pc, pa, pb, M, N, K, transA, transB, beta, workFor(N), false);
    a.done();
  };

  const seq: SequenceKernels = {
    gemm,
    inputProjection(z, xs, W, b, M, N, K) {
      if (!isF32(z, xs, W, b)) return referenceSequenceKernels.inputProjection(z, xs, W, b, M, N, K);
      const a = new Args(rt);
      const pb = a.ptr(b, 0, N);
      if (pb) k.fillRows(a.ptr(z, 0, M * N, true, false), pb, M, N);
      a.done();
      gemm(z, 0, xs, 0, W, 0, M, N, K, false, false, pb ? 1 : 0);
    },
    columnSums(out, oOff, A, aOff, M, N) {
      if (!isF32(out, A)) return referenceSequenceKernels.columnSums(out, oOff, A, aOff, M, N);
      const a = new Args(rt);
      k.addColumnSums(a.ptr(out, oOff, N, true), a.ptr(A, aOff, M * N), M, N);
      a.done();
    },
    timeMajor(xs, x, B, T, D, goBackwards, toBatchMajor) {
      if (!isF32(xs, x)) return referenceSequenceKernels.timeMajor(xs, x, B, T, D, goBackwards, toBatchMajor);
      const a = new Args(rt);
      const n = B * T * D;
      const pxs = a.ptr(xs, 0, n, !toBatchMajor, toBatchMajor),
        px = a.ptr(x, 0, n, toBatchMajor, !toBatchMajor);
      k.timeMajor(pxs, px, B, T, D, +goBackwards, +toBatchMajor);
      a.done();
    },
  };

  const cx: WasmContext = { rt, seq, workFor };
  const lstmK = wasmLstmKernels(cx),
    gruK = wasmGruKernels(cx),
    rnnK = wasmSimpleRnnKernels(cx);
  const wasmOwned = (...arrays: (FloatArray | null)[]) =>
    arrays.every((x) => x === null || (x instanceof Float32Array && rt.heap.owns(x)));

  return {
    ...ref,
    name: rt.relaxed ? 'wasm-relaxed-simd' : 'wasm-simd',
    dtype: 'float32',
    alloc,
    gemm,
    lstmWorkspace: (B, T, D, H) => lstmWorkspace(alloc, B, T, D, H),
    lstmForward: (a) => lstmForward(lstmK, a),
    lstmBackward: (a) => lstmBackward(lstmK, a),
    gruWorkspace: (B, T, D, H) => gruWorkspace(alloc, B, T, D, H),
    gruForward: (a) => gruForward(gruK, a),
    gruBackward: (a) => gruBackward(gruK, a),
    simpleRnnWorkspace: (B, T, D, H) => simpleRnnWorkspace(alloc, B, T, D, H),
    simpleRnnForward: (a) => simpleRnnForward(rnnK, a),
    simpleRnnBackward: (a) => simpleRnnBackward(rnnK, a),
    adamUpdate(u: AdamUpdate): boolean {
      if (!wasmOwned(u.p, u.g, u.m, u.v, u.vhat)) return false;
      k.adamUpdate(
        u.p.byteOffset,
        u.g.byteOffset,
        u.m.byteOffset,
        u.v.byteOffset,
        u.vhat ? u.vhat.byteOffset : 0,
        u.p.length,
        u.alpha,
        u.beta1,
        u.beta2,
        u.eps,
      );
      return true;
    },
  };
}
