// The WebAssembly SIMD backend: tensors live in the kernels' shared memory, GEMM and the fused LSTM
// gate passes run in wasm; GRU, SimpleRNN and the LSTM's rare options run the TypeScript kernels with
// the wasm GEMM; anything else is the TypeScript reference (spread in, so kernels added to the
// interface work before they are accelerated). Arrays that are not in wasm memory (user
// data, float64) are copied in for the call (slow path) or handed to the reference.

import { type Backend, referenceBackend } from '../backend.js';
import type { Activation } from '../../kernels/activations.js';
import { type Gemm, gemm as referenceGemm } from '../../kernels/gemm.js';
import { gruBackward, gruForward, gruWorkspace } from '../../kernels/gru.js';
import {
  lstmBackward as lstmBackwardTs,
  lstmForward as lstmForwardTs,
  lstmWorkspace,
  type LstmWorkspace,
  type RecurrentOptions,
  writeOutputs,
} from '../../kernels/lstm.js';
import { simpleRnnBackward, simpleRnnForward, simpleRnnWorkspace } from '../../kernels/simple-rnn.js';
import type { FloatArray } from '../../tensor.js';
import type { WasmRuntime } from './module.js';
import { gemmRange } from './threads.js';

/** Activations the wasm gate passes implement; the rest run the reference LSTM. */
export const ACT_CODES: Partial<Record<Activation, number>> = {
  tanh: 0,
  sigmoid: 1,
  hardSigmoid: 2,
  hardSigmoidTfjs: 3,
  relu: 4,
  linear: 5,
};

interface WasmLstmWorkspace extends LstmWorkspace {
  packU: Float32Array; // U (H,4H) packed for h·U
  packUT: Float32Array; // Uᵀ packed for dz·Uᵀ
  inWasm: boolean; // every buffer is in wasm memory (false past the heap's soft cap)
}

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
    if (!(C instanceof Float32Array && A instanceof Float32Array && B instanceof Float32Array)) {
      return referenceGemm(C, cOff, A, aOff, B, bOff, M, N, K, transA, transB, beta);
    }
    if (M === 0 || N === 0) return;
    const a = new Args(rt);
    const pc = a.ptr(C, cOff, M * N, true, beta === 1),
      pa = a.ptr(A, aOff, M * K),
      pb = a.ptr(B, bOff, K * N);
    gemmRange(rt, pc, pa, pb, M, N, K, transA, transB, beta, workFor(N), false);
    a.done();
  };

  const accelerated = (o: RecurrentOptions, ws: LstmWorkspace, rest: unknown[]): ws is WasmLstmWorkspace =>
    ACT_CODES[o.activation] !== undefined &&
    ACT_CODES[o.recurrentActivation] !== undefined &&
    (ws as Partial<WasmLstmWorkspace>).inWasm === true &&
    (rest[0] ?? null) === null;

  const lstmForward: Backend['lstmForward'] = (y, hT, cT, ws, x, W, U, b, h0, c0, mask, o, ...rest) => {
    if (!accelerated(o, ws, rest) || !(x instanceof Float32Array))
      return lstmForwardTs(gemm, y, hT, cT, ws, x, W, U, b, h0, c0, mask, o, ...rest);
    const { B, T, D, H } = ws,
      G = 4 * H,
      BH = B * H;
    const a = new Args(rt);
    const px = a.ptr(x, 0, B * T * D),
      pU = a.ptr(U, 0, H * G),
      pb = a.ptr(b, 0, G),
      pm = a.ptr(mask, 0, B * T);
    const xs = ws.xs.byteOffset,
      z = ws.z.byteOffset,
      c = ws.c.byteOffset,
      h = ws.h.byteOffset,
      actC = ws.actC.byteOffset;
    k.timeMajor(xs, px, B, T, D, +o.goBackwards, 0);
    if (pb) k.fillRows(z, pb, T * B, G);
    gemm(ws.z, 0, ws.xs, 0, W, 0, T * B, G, D, false, false, pb ? 1 : 0);
    if (h0) ws.h.set(h0.subarray(0, BH));
    else ws.h.fill(0, 0, BH);
    if (c0) ws.c.set(c0.subarray(0, BH));
    else ws.c.fill(0, 0, BH);
    k.packAll(ws.packU.byteOffset, pU, H, G, 0);
    const w = workFor(G),
      act = ACT_CODES[o.activation] as number,
      ract = ACT_CODES[o.recurrentActivation] as number;
    for (let s = 0; s < T; s++) {
      const zs = z + 4 * s * B * G,
        prev = 4 * s * BH,
        cur = prev + 4 * BH;
      gemmRange(rt, zs, h + prev, ws.packU.byteOffset, B, G, H, false, false, 1, w, true);
      k.lstmStepForward(
        zs,
        c + prev,
        h + prev,
        c + cur,
        h + cur,
        actC + prev,
        pm,
        o.goBackwards ? T - 1 - s : s,
        T,
        B,
        H,
        act,
        ract,
      );
    }
    a.done();
    writeOutputs(y, ws.h, B, T, H, o.returnSequences);
    if (hT) hT.set(ws.h.subarray(T * BH, (T + 1) * BH));
    if (cT) cT.set(ws.c.subarray(T * BH, (T + 1) * BH));
  };

  const lstmBackward: Backend['lstmBackward'] = (
    dx,
    dW,
    dU,
    db,
    dh0,
    dc0,
    dy,
    dhT,
    dcT,
    ws,
    x,
    W,
    U,
    mask,
    o,
    ...rest
  ) => {
    if (!accelerated(o, ws, rest) || !(x instanceof Float32Array))
      return lstmBackwardTs(gemm, dx, dW, dU, db, dh0, dc0, dy, dhT, dcT, ws, x, W, U, mask, o, ...rest);
    const { B, T, D, H, dh, dc } = ws,
      G = 4 * H,
      BH = B * H;
    if (dhT) dh.set(dhT.subarray(0, BH));
    else dh.fill(0);
    if (dcT) dc.set(dcT.subarray(0, BH));
    else dc.fill(0);
    if (dy && !o.returnSequences) for (let i = 0; i < BH; i++) dh[i] += dy[i];
    const a = new Args(rt);
    const pU = a.ptr(U, 0, H * G),
      pm = a.ptr(mask, 0, B * T),
      pdy = o.returnSequences ? a.ptr(dy, 0, B * T * H) : 0;
    const z = ws.z.byteOffset,
      dz = ws.dz.byteOffset,
      c = ws.c.byteOffset,
      actC = ws.actC.byteOffset;
    const pdh = dh.byteOffset,
      pdc = dc.byteOffset,
      keep = ws.keep.byteOffset;
    k.packAll(ws.packUT.byteOffset, pU, G, H, 1);
    const w = workFor(H),
      act = ACT_CODES[o.activation] as number,
      ract = ACT_CODES[o.recurrentActivation] as number;
    for (let s = T - 1; s >= 0; s--) {
      const t = o.goBackwards ? T - 1 - s : s,
        zs = 4 * s * B * G,
        prev = 4 * s * BH;
      const masked = k.lstmStepBackward(
        z + zs,
        dz + zs,
        c + prev,
        actC + prev,
        pdh,
        pdc,
        keep,
        pdy,
        s,
        pm,
        t,
        T,
        B,
        H,
        act,
        ract,
      );
      gemmRange(rt, pdh, dz + zs, ws.packUT.byteOffset, B, H, G, false, true, 0, w, true);
      if (masked) k.restoreMasked(pdh, keep, pm, t, T, B, H);
    }
    a.done();
    if (dh0) dh0.set(dh);
    if (dc0) dc0.set(dc);
    gemm(dW, 0, ws.xs, 0, ws.dz, 0, D, G, T * B, true, false, 1);
    gemm(dU, 0, ws.h, 0, ws.dz, 0, H, G, T * B, true, false, 1);
    if (db) {
      const a2 = new Args(rt);
      k.addColumnSums(a2.ptr(db, 0, G, true), dz, T * B, G);
      a2.done();
    }
    if (dx) {
      gemm(ws.dxs, 0, ws.dz, 0, W, 0, T * B, D, G, false, true, 0);
      const a3 = new Args(rt);
      k.timeMajor(ws.dxs.byteOffset, a3.ptr(dx, 0, B * T * D, true, false), B, T, D, +o.goBackwards, 1);
      a3.done();
    }
  };

  const pad8 = (n: number) => Math.ceil(n / 8) * 8;
  return {
    ...ref,
    name: rt.relaxed ? 'wasm-relaxed-simd' : 'wasm-simd',
    dtype: 'float32',
    alloc,
    gemm,
    lstmWorkspace: (B, T, D, H): WasmLstmWorkspace => {
      const ws = {
        ...lstmWorkspace(alloc, B, T, D, H),
        packU: alloc(H * pad8(4 * H)),
        packUT: alloc(4 * H * pad8(H)),
        inWasm: false,
      };
      ws.inWasm = [ws.xs, ws.z, ws.c, ws.h, ws.actC, ws.dz, ws.dh, ws.dc, ws.keep, ws.dxs, ws.packU, ws.packUT].every(
        (v) => v instanceof Float32Array && rt.heap.owns(v),
      );
      return ws;
    },
    lstmForward,
    lstmBackward,
    // GRU and SimpleRNN: the TypeScript kernels with their GEMMs (most of the work) in wasm.
    gruWorkspace: (B, T, D, H) => gruWorkspace(alloc, B, T, D, H),
    gruForward: (...a) => gruForward(gemm, ...a),
    gruBackward: (...a) => gruBackward(gemm, ...a),
    simpleRnnWorkspace: (B, T, D, H) => simpleRnnWorkspace(alloc, B, T, D, H),
    simpleRnnForward: (...a) => simpleRnnForward(gemm, ...a),
    simpleRnnBackward: (...a) => simpleRnnBackward(gemm, ...a),
  };
}
