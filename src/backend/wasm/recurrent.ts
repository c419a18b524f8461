// The wasm step loops plugged into the one recurrent driver of each cell (src/kernels/lstm.ts, gru.ts,
// simple-rnn.ts): recurrent kernels packed once and cached while the weights are unchanged, then either
// one wasm call for the whole range of steps (assembly/sequence.ts; the matrix-vector kernel for B ≤ 4),
// split by batch rows across threads when a pool runs and the sequence is large enough (threads.ts).
// Options the wasm gate passes do not cover (rare activations, recurrent dropout, arrays outside wasm
// memory) run the reference step loops on the wasm GEMM.

import { currentWeightsVersion } from '../reference.js';
import {
  type GruBackwardArgs,
  type GruForwardArgs,
  type GruKernels,
  gruBackwardSteps,
  gruForwardSteps,
} from '../../kernels/gru.js';
import {
  type LstmBackwardArgs,
  type LstmForwardArgs,
  type LstmKernels,
  lstmBackwardSteps,
  lstmForwardSteps,
} from '../../kernels/lstm.js';
import type { RecurrentOptions, SequenceKernels } from '../../kernels/sequence.js';
import {
  type SimpleRnnBackwardArgs,
  type SimpleRnnForwardArgs,
  type SimpleRnnKernels,
  simpleRnnBackwardSteps,
  simpleRnnForwardSteps,
} from '../../kernels/simple-rnn.js';
import type { FloatArray } from '../../tensor.js';
import type { WasmRuntime } from './module.js';
import { SEQ_EXPORTS as SEQ_NAMES } from './worker-source.js';
import { runRows, rowsWorthSplitting } from './threads.js';

/** Activations the wasm gate passes implement (codes of assembly/math.ts); the rest run the reference. */
export const ACT_CODES: Partial<Record<string, number>> = {
  tanh: 0,
  sigmoid: 1,
  hardSigmoid: 2,
  hardSigmoidTfjs: 3,
  relu: 4,
  linear: 5,
};

interface Packed {
  arr: Float32Array; // op(B) packed by packAll
  src: FloatArray | null; // what it was packed from
  src2: FloatArray | null; // the second, stacked source (packedStack)
  version: number; // currentWeightsVersion() then
}
type PackCache = Map<string, Packed>;
const caches = new WeakMap<object, PackCache>();

/** Everything the step plug-ins need from the backend. */
export interface WasmContext {
  rt: WasmRuntime;
  seq: SequenceKernels; // the wasm backend's GEMM and sequence operations
  workFor(N: number): number; // the caller's packing workspace for N columns
}

const pad8 = (n: number) => Math.ceil(n / 8) * 8;

/** The entry `key` of the workspace `owner`'s cache, with an array of at least n floats. */
function entry(cx: WasmContext, owner: object, key: string, n: number): Packed {
  let cache = caches.get(owner);
  if (!cache) caches.set(owner, (cache = new Map()));
  let p = cache.get(key);
  if (!p || p.arr.length < n) cache.set(key, (p = { arr: cx.rt.heap.alloc(n), src: null, src2: null, version: -1 }));
  return p;
}

/**
 * Byte pointer of op(src) (K,N) packed by packAll, kept with the workspace `owner` under `key` and packed
 * again only when src is another array or weights changed since (weightsChanged()).
 */
function packed(
  cx: WasmContext,
  owner: object,
  key: string,
  src: FloatArray,
  K: number,
  N: number,
  trans: boolean,
): number {
  const p = entry(cx, owner, key, K * pad8(N));
  const version = currentWeightsVersion();
  if (p.src !== src || p.version !== version) {
    cx.rt.kernels.packAll(p.arr.byteOffset, (src as Float32Array).byteOffset, K, N, +trans);
    p.src = src;
    p.version = version;
  }
  return p.arr.byteOffset;
}

/** Like packed(), for [top; bottom] stacked by rows: (K1,N) over (K2,N), packed as one (K1+K2,N) kernel. */
function packedStack(
  cx: WasmContext,
  owner: object,
  key: string,
  top: FloatArray,
  bottom: FloatArray,
  K1: number,
  K2: number,
  N: number,
): number {
  const K = K1 + K2;
  const p = entry(cx, owner, key, K * pad8(N));
  const version = currentWeightsVersion();
  if (p.src !== top || p.src2 !== bottom || p.version !== version) {
    const heap = cx.rt.heap;
    const [tmp, cls] = heap.reserve(4 * K * N); // a raw block, returned at once (this runs every training step)
    if (tmp < 0) throw new RangeError('lstmkit wasm backend: out of memory for packing the recurrent kernel');
    const stacked = new Float32Array(heap.buffer, tmp, K * N);
    stacked.set(top.subarray(0, K1 * N));
    stacked.set(bottom.subarray(0, K2 * N), K1 * N);
    cx.rt.kernels.packAll(p.arr.byteOffset, tmp, K, N, 0);
    heap.release(tmp, cls);
    p.src = top;
    p.src2 = bottom;
    p.version = version;
  }
  return p.arr.byteOffset;
}

/** A scratch array of n floats kept with the workspace `owner` under `key`. */
function scratch(cx: WasmContext, owner: object, key: string, n: number): number {
  return entry(cx, owner, key, n).arr.byteOffset;
}

/** Whether every array is a float32 view into wasm memory (so its byteOffset is a wasm pointer). */
function inWasm(rt: WasmRuntime, ...arrays: (FloatArray | null | undefined)[]): boolean {
  return arrays.every((a) => a == null || (a instanceof Float32Array && rt.heap.owns(a)));
}

function codes(o: RecurrentOptions, useRecurrent = true): [number, number] | null {
  const act = ACT_CODES[o.activation],
    ract = useRecurrent ? ACT_CODES[o.recurrentActivation] : 0;
  return act === undefined || ract === undefined ? null : [act, ract];
}

const ptr = (a: FloatArray | null | undefined): number => (a ? a.byteOffset : 0);

/**
 * Runs step loop SEQ_EXPORTS[fn] (threads.ts) on all B rows: split by rows across threads when worth it
 * (never for B ≤ 4, whose matrix-vector product is the same on any thread count), else one call.
 * N, K: the step product's columns and depth, for the size test and the packing workspace.
 */
function loop(cx: WasmContext, fn: number, args: number[], T: number, B: number, N: number, K: number): void {
  const work = cx.workFor(N);
  if (B > 4 && rowsWorthSplitting(T, B, N, K)) runRows(cx.rt, fn, args, B, work);
  else (cx.rt.kernels as unknown as Record<string, (...a: number[]) => void>)[SEQ_NAMES[fn]](...args, 0, B, work);
}

/** The wasm LSTM kernels. */
export function wasmLstmKernels(cx: WasmContext): LstmKernels {
  const { rt, seq } = cx;
  // The wasm forward loop (input projection included) runs these options on arrays in wasm memory.
  const fastForward = (a: LstmForwardArgs): boolean =>
    codes(a.options) !== null &&
    !a.recMask &&
    inWasm(rt, a.ws.z, a.ws.c, a.ws.h, a.ws.actC, a.ws.xs, a.W, a.U, a.b, a.mask);
  return {
    ...seq,
    projectsInput: (a: LstmForwardArgs) => fastForward(a),
    forwardSteps(a: LstmForwardArgs, s0: number, s1: number) {
      if (!fastForward(a)) return lstmForwardSteps(seq, a, s0, s1);
      const { ws, options: o } = a;
      const c = codes(o) as [number, number];
      const { B, T, D, H } = ws,
        G = 4 * H;
      const pWU = packedStack(cx, ws, 'WU', a.W, a.U, D, H, G);
      const xh = scratch(cx, ws, 'xh', B * (D + H));
      const [z, cc, h, actC, xs, b, mask] = [ws.z, ws.c, ws.h, ws.actC, ws.xs, a.b, a.mask].map(ptr);
      // biome-ignore format: the argument list of lstmForwardSeq
      loop(cx, 0, [z, cc, h, actC, xs, xh, pWU, b, mask, s0, s1, T, B, D, H, c[0], c[1], +o.goBackwards], s1 - s0, B, G, D + H);
    },
    backwardSteps(a: LstmBackwardArgs, s0: number, s1: number) {
      const { ws, options: o } = a;
      const c = codes(o);
      const dy = o.returnSequences ? a.dy : null;
      if (!c || a.recMask || !inWasm(rt, ws.z, ws.dz, ws.c, ws.actC, ws.dh, ws.dc, ws.keep, a.U, a.mask, dy))
        return lstmBackwardSteps(seq, a, s0, s1);
      const { B, T, H } = ws,
        G = 4 * H;
      const pUT = packed(cx, ws, 'UT', a.U, G, H, true);
      const [z, dz, cc, actC, dh, dc, keep, pdy, mask] = [
        ws.z,
        ws.dz,
        ws.c,
        ws.actC,
        ws.dh,
        ws.dc,
        ws.keep,
        dy,
        a.mask,
      ].map(ptr);
      // biome-ignore format: the argument list of lstmBackwardSeq
      loop(cx, 1, [z, dz, cc, actC, pUT, dh, dc, keep, pdy, mask, s0, s1, T, B, H, c[0], c[1], +o.goBackwards], s1 - s0, B, H, G);
    },
  };
}

/** The wasm GRU kernels (one wasm call per range of steps; threads split only the LSTM's products). */
export function wasmGruKernels(cx: WasmContext): GruKernels {
  const { rt, seq } = cx;
  return {
    ...seq,
    forwardSteps(a: GruForwardArgs, s0: number, s1: number) {
      const { ws, options: o } = a;
      const c = codes(o);
      if (!c || a.recMask || !inWasm(rt, ws.g, ws.rh, ws.h, ws.hm, ws.scratch, ws.Uzr, ws.Uh, a.U, a.b, a.mask))
        return gruForwardSteps(seq, a, s0, s1);
      const { B, T, H } = ws,
        G = 3 * H;
      const pA = o.resetAfter ? packed(cx, ws, 'U', a.U, H, G, false) : packed(cx, ws, 'Uzr', ws.Uzr, H, 2 * H, false);
      const pB = o.resetAfter ? 0 : packed(cx, ws, 'Uh', ws.Uh, H, H, false);
      const brec = o.resetAfter && a.b ? a.b.byteOffset + 4 * G : 0;
      const [g, rh, h, hm, scratch, mask] = [ws.g, ws.rh, ws.h, ws.hm, ws.scratch, a.mask].map(ptr);
      // biome-ignore format: the argument list of gruForwardSeq
      loop(cx, 2, [g, rh, h, hm, scratch, pA, pB, brec, mask, s0, s1, T, B, H, c[0], c[1], +o.goBackwards, +o.resetAfter], s1 - s0, B, G, H);
    },
    backwardSteps(a: GruBackwardArgs, s0: number, s1: number) {
      const { ws, options: o } = a;
      const c = codes(o);
      const dy = o.returnSequences ? a.dy : null;
      if (
        !c ||
        a.recMask ||
        !inWasm(rt, ws.g, ws.dg, ws.drh, ws.dhc, ws.h, ws.rh, ws.hm, ws.dh, ws.dhz, a.U, a.mask, dy)
      )
        return gruBackwardSteps(seq, a, s0, s1);
      const { B, T, H } = ws,
        G = 3 * H;
      const pA = o.resetAfter ? packed(cx, ws, 'UT', a.U, G, H, true) : packed(cx, ws, 'UzrT', ws.Uzr, 2 * H, H, true);
      const pB = o.resetAfter ? 0 : packed(cx, ws, 'UhT', ws.Uh, H, H, true);
      const [g, dg, drh, dhc, h, rh, hm, dh, dhz, pdy, mask] = [
        ws.g,
        ws.dg,
        ws.drh,
        ws.dhc,
        ws.h,
        ws.rh,
        ws.hm,
        ws.dh,
        ws.dhz,
        dy,
        a.mask,
      ].map(ptr);
      // biome-ignore format: the argument list of gruBackwardSeq
      loop(cx, 3, [g, dg, drh, dhc, h, rh, hm, dh, dhz, pdy, pA, pB, mask, s0, s1, T, B, H, c[0], c[1], +o.goBackwards, +o.resetAfter], s1 - s0, B, G, G);
    },
  };
}

/** The wasm SimpleRNN kernels. */
export function wasmSimpleRnnKernels(cx: WasmContext): SimpleRnnKernels {
  const { rt, seq } = cx;
  return {
    ...seq,
    forwardSteps(a: SimpleRnnForwardArgs, s0: number, s1: number) {
      const { ws, options: o } = a;
      const c = codes(o, false);
      if (!c || a.recMask || !inWasm(rt, ws.a, ws.h, ws.hm, a.U, a.mask)) return simpleRnnForwardSteps(seq, a, s0, s1);
      const { B, T, H } = ws;
      const pU = packed(cx, ws, 'U', a.U, H, H, false);
      // biome-ignore format: the argument list of rnnForwardSeq
      loop(cx, 4, [ptr(ws.a), ptr(ws.h), ptr(ws.hm), pU, ptr(a.mask), s0, s1, T, B, H, c[0], +o.goBackwards], s1 - s0, B, H, H);
    },
    backwardSteps(a: SimpleRnnBackwardArgs, s0: number, s1: number) {
      const { ws, options: o } = a;
      const c = codes(o, false);
      const dy = o.returnSequences ? a.dy : null;
      if (!c || a.recMask || !inWasm(rt, ws.a, ws.da, ws.dh, ws.keep, a.U, a.mask, dy))
        return simpleRnnBackwardSteps(seq, a, s0, s1);
      const { B, T, H } = ws;
      const pUT = packed(cx, ws, 'UT', a.U, H, H, true);
      const [wa, da, dh, keep, pdy, mask] = [ws.a, ws.da, ws.dh, ws.keep, dy, a.mask].map(ptr);
      // biome-ignore format: the argument list of rnnBackwardSeq
      loop(cx, 5, [wa, da, dh, keep, pdy, pUT, mask, s0, s1, T, B, H, c[0], +o.goBackwards], s1 - s0, B, H, H);
    },
  };
}
