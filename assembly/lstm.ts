// Fused LSTM gate passes for one time step, forward and backward, with the exact semantics of
// src/kernels/lstm.ts (gate order i,f,g,o; masks carry state and repeat the last output). The GEMMs
// around them (x·W, h·U, dz·Uᵀ, dW, dU, dx) run through gemm.ts; the TypeScript side drives the loop.

import { isMasked, ld, ld1, st, st1 } from './lanes';
import { RELU, SIGMOID, TANH, vact, vdact } from './math';

// One forward position (4 lanes, or lane 0 only when `one`).
// @ts-expect-error: decorator
@inline function fwdAt(zr: usize, cp: usize, cc: usize, hc: usize, ac: usize, j: i32, H: i32, act: i32, ract: i32, one: bool): void {
  const i = vact(ract, one ? ld1(zr, j) : ld(zr, j));
  const f = vact(ract, one ? ld1(zr, j + H) : ld(zr, j + H));
  const g = vact(act, one ? ld1(zr, j + 2 * H) : ld(zr, j + 2 * H));
  const o = vact(ract, one ? ld1(zr, j + 3 * H) : ld(zr, j + 3 * H));
  const c = f32x4.add(f32x4.mul(f, one ? ld1(cp, j) : ld(cp, j)), f32x4.mul(i, g));
  const a = vact(act, c);
  const h = f32x4.mul(o, a);
  if (one) {
    st1(zr, j, i); st1(zr, j + H, f); st1(zr, j + 2 * H, g); st1(zr, j + 3 * H, o);
    st1(cc, j, c); st1(ac, j, a); st1(hc, j, h);
  } else {
    st(zr, j, i); st(zr, j + H, f); st(zr, j + 2 * H, g); st(zr, j + 3 * H, o);
    st(cc, j, c); st(ac, j, a); st(hc, j, h);
  }
}

/**
 * Step s of the forward pass. zs: (B,4H) pre-activations in, activations out; cPrev/hPrev (B,H) and
 * cCur/hCur (B,H) the state blocks; actC (B,H) receives act(c). mask: (B,T) or 0; t the input step.
 */
export function lstmStepForward(zs: usize, cPrev: usize, hPrev: usize, cCur: usize, hCur: usize, actC: usize, mask: usize, t: i32, T: i32, B: i32, H: i32, act: i32, ract: i32): void {
  // The common activation pairs get their own copy of the loop, with the activation switch folded away.
  if (act == TANH && ract == SIGMOID) rowsForward(zs, cPrev, hPrev, cCur, hCur, actC, mask, t, T, B, H, TANH, SIGMOID);
  else if (act == RELU && ract == SIGMOID) rowsForward(zs, cPrev, hPrev, cCur, hCur, actC, mask, t, T, B, H, RELU, SIGMOID);
  else rowsForward(zs, cPrev, hPrev, cCur, hCur, actC, mask, t, T, B, H, act, ract);
}

// @ts-ignore: decorator
@inline function rowsForward(zs: usize, cPrev: usize, hPrev: usize, cCur: usize, hCur: usize, actC: usize, mask: usize, t: i32, T: i32, B: i32, H: i32, act: i32, ract: i32): void {
  const G = 4 * H;
  for (let r = 0; r < B; r++) {
    const zr = zs + ((<usize>r * G) << 2), o = <usize>r * H << 2;
    const cp = cPrev + o, cc = cCur + o, hc = hCur + o, ac = actC + o;
    let j = 0;
    for (; j + 4 <= H; j += 4) fwdAt(zr, cp, cc, hc, ac, j, H, act, ract, false);
    for (; j < H; j++) fwdAt(zr, cp, cc, hc, ac, j, H, act, ract, true);
    if (isMasked(mask, r, t, T)) {
      memory.copy(cc, cp, <usize>H << 2);
      memory.copy(hc, hPrev + o, <usize>H << 2);
    }
  }
}

// One backward position.
// @ts-expect-error: decorator
@inline function bwdAt(zr: usize, dzr: usize, cp: usize, ac: usize, dh: usize, dc: usize, j: i32, H: i32, act: i32, ract: i32, one: bool): void {
  const ig = one ? ld1(zr, j) : ld(zr, j);
  const fg = one ? ld1(zr, j + H) : ld(zr, j + H);
  const gg = one ? ld1(zr, j + 2 * H) : ld(zr, j + 2 * H);
  const og = one ? ld1(zr, j + 3 * H) : ld(zr, j + 3 * H);
  const a = one ? ld1(ac, j) : ld(ac, j);
  const dhv = one ? ld1(dh, j) : ld(dh, j);
  const dcv = f32x4.add(one ? ld1(dc, j) : ld(dc, j), f32x4.mul(f32x4.mul(dhv, og), vdact(act, a)));
  const di = f32x4.mul(f32x4.mul(dcv, gg), vdact(ract, ig));
  const df = f32x4.mul(f32x4.mul(dcv, one ? ld1(cp, j) : ld(cp, j)), vdact(ract, fg));
  const dg = f32x4.mul(f32x4.mul(dcv, ig), vdact(act, gg));
  const dO = f32x4.mul(f32x4.mul(dhv, a), vdact(ract, og));
  const dcn = f32x4.mul(dcv, fg);
  if (one) {
    st1(dzr, j, di); st1(dzr, j + H, df); st1(dzr, j + 2 * H, dg); st1(dzr, j + 3 * H, dO); st1(dc, j, dcn);
  } else {
    st(dzr, j, di); st(dzr, j + H, df); st(dzr, j + 2 * H, dg); st(dzr, j + 3 * H, dO); st(dc, j, dcn);
  }
}

/**
 * Step s of the backward pass: adds dy's step s to dh (dy (B,T,H) or 0), writes dz_s (B,4H), updates
 * dc in place. Masked rows get dz = 0 and their dh saved in keep. Returns 1 if any row was masked.
 */
export function lstmStepBackward(zs: usize, dzs: usize, cPrev: usize, actC: usize, dh: usize, dc: usize, keep: usize, dy: usize, s: i32, mask: usize, t: i32, T: i32, B: i32, H: i32, act: i32, ract: i32): i32 {
  if (act == TANH && ract == SIGMOID) return rowsBackward(zs, dzs, cPrev, actC, dh, dc, keep, dy, s, mask, t, T, B, H, TANH, SIGMOID);
  if (act == RELU && ract == SIGMOID) return rowsBackward(zs, dzs, cPrev, actC, dh, dc, keep, dy, s, mask, t, T, B, H, RELU, SIGMOID);
  return rowsBackward(zs, dzs, cPrev, actC, dh, dc, keep, dy, s, mask, t, T, B, H, act, ract);
}

// @ts-ignore: decorator
@inline function rowsBackward(zs: usize, dzs: usize, cPrev: usize, actC: usize, dh: usize, dc: usize, keep: usize, dy: usize, s: i32, mask: usize, t: i32, T: i32, B: i32, H: i32, act: i32, ract: i32): i32 {
  const G = 4 * H;
  let masked = 0;
  for (let r = 0; r < B; r++) {
    const zr = zs + ((<usize>r * G) << 2), dzr = dzs + ((<usize>r * G) << 2), o = <usize>r * H << 2;
    const dhr = dh + o, dcr = dc + o;
    if (dy != 0) {
      const dyr = dy + ((<usize>(r * T + s) * H) << 2);
      let j = 0;
      for (; j + 4 <= H; j += 4) st(dhr, j, f32x4.add(ld(dhr, j), ld(dyr, j)));
      for (; j < H; j++) store<f32>(dhr + (<usize>j << 2), load<f32>(dhr + (<usize>j << 2)) + load<f32>(dyr + (<usize>j << 2)));
    }
    if (isMasked(mask, r, t, T)) {
      memory.fill(dzr, 0, <usize>G << 2);
      memory.copy(keep + o, dhr, <usize>H << 2);
      masked = 1;
      continue;
    }
    const cp = cPrev + o, ac = actC + o;
    let j = 0;
    for (; j + 4 <= H; j += 4) bwdAt(zr, dzr, cp, ac, dhr, dcr, j, H, act, ract, false);
    for (; j < H; j++) bwdAt(zr, dzr, cp, ac, dhr, dcr, j, H, act, ract, true);
  }
  return masked;
}

/** After the recurrent GEMM: masked rows of dh get back the gradient saved in keep. */
export function restoreMasked(dh: usize, keep: usize, mask: usize, t: i32, T: i32, B: i32, H: i32): void {
  for (let r = 0; r < B; r++) {
    if (isMasked(mask, r, t, T)) memory.copy(dh + ((<usize>r * H) << 2), keep + ((<usize>r * H) << 2), <usize>H << 2);
  }
}
