// Fused GRU and SimpleRNN gate passes for one time step, forward and backward, with the exact semantics
// of src/kernels/gru.ts and src/kernels/simple-rnn.ts (GRU gates z,r,h; masks carry state). The
// recurrent products around them run through gemm.ts / matvec.ts (see sequence.ts for the loops).
// Rows: g (B,3H) gate pre-activations in, activations out; scratch (B,3H) or (B,2H) or (B,H) the
// step's recurrent product; rh, hm, hPrev, hCur, dh, dhz, dhc (B,H); dg (B,3H); drh (B,RG).

import { isMasked, ld, ld1, st, st1 } from './lanes';
import { vact, vdact } from './math';

// @ts-expect-error: decorator
@inline function L(p: usize, j: i32, one: bool): v128 {
  return one ? ld1(p, j) : ld(p, j);
}
// @ts-expect-error: decorator
@inline function S(p: usize, j: i32, v: v128, one: bool): void {
  if (one) st1(p, j, v);
  else st(p, j, v);
}
// @ts-expect-error: decorator
@inline function rowOff(r: i32, n: i32): usize {
  return (<usize>r * n) << 2;
}

// resetAfter: z, r = ract(g + s + br); rh = s_h + br_h; hh = act(g_h + r·rh); h = z·hp + (1−z)·hh.
// @ts-expect-error: decorator
@inline function fwdAfterAt(gr: usize, sr: usize, br: usize, rhr: usize, hp: usize, hc: usize, j: i32, H: i32, act: i32, ract: i32, one: bool): void {
  const z = vact(ract, f32x4.add(L(gr, j, one), f32x4.add(L(sr, j, one), br ? L(br, j, one) : f32x4.splat(0))));
  const r = vact(ract, f32x4.add(L(gr, j + H, one), f32x4.add(L(sr, j + H, one), br ? L(br, j + H, one) : f32x4.splat(0))));
  const rh = f32x4.add(L(sr, j + 2 * H, one), br ? L(br, j + 2 * H, one) : f32x4.splat(0));
  const hh = vact(act, f32x4.add(L(gr, j + 2 * H, one), f32x4.mul(r, rh)));
  const p = L(hp, j, one);
  S(gr, j, z, one); S(gr, j + H, r, one); S(gr, j + 2 * H, hh, one); S(rhr, j, rh, one);
  S(hc, j, f32x4.add(f32x4.mul(z, p), f32x4.mul(f32x4.sub(f32x4.splat(1), z), hh)), one);
}

/** GRU step, resetAfter: scratch = hm·U (B,3H); brec (3H) or 0; writes g, rh, hCur. */
export function gruStepForward(g: usize, scratch: usize, brec: usize, rh: usize, hPrev: usize, hCur: usize, mask: usize, t: i32, T: i32, B: i32, H: i32, act: i32, ract: i32): void {
  const G = 3 * H;
  for (let r = 0; r < B; r++) {
    const gr = g + rowOff(r, G), sr = scratch + rowOff(r, G), o = rowOff(r, H);
    let j = 0;
    for (; j + 4 <= H; j += 4) fwdAfterAt(gr, sr, brec, rh + o, hPrev + o, hCur + o, j, H, act, ract, false);
    for (; j < H; j++) fwdAfterAt(gr, sr, brec, rh + o, hPrev + o, hCur + o, j, H, act, ract, true);
    if (isMasked(mask, r, t, T)) memory.copy(hCur + o, hPrev + o, <usize>H << 2);
  }
}

/** GRU step, resetAfter false, first half: z, r = ract(g + s) with s = hm·Uzr (B,2H); rh = r⊙hm. */
export function gruStepGates(g: usize, scratch: usize, rh: usize, hm: usize, B: i32, H: i32, ract: i32): void {
  const G = 3 * H;
  for (let r = 0; r < B; r++) {
    const gr = g + rowOff(r, G), sr = scratch + rowOff(r, 2 * H), o = rowOff(r, H);
    let j = 0;
    for (; j + 4 <= 2 * H; j += 4) st(gr, j, vact(ract, f32x4.add(ld(gr, j), ld(sr, j))));
    for (; j < 2 * H; j++) st1(gr, j, vact(ract, f32x4.add(ld1(gr, j), ld1(sr, j))));
    j = 0;
    for (; j + 4 <= H; j += 4) st(rh + o, j, f32x4.mul(ld(gr, j + H), ld(hm + o, j)));
    for (; j < H; j++) st1(rh + o, j, f32x4.mul(ld1(gr, j + H), ld1(hm + o, j)));
  }
}

// @ts-expect-error: decorator
@inline function candAt(gr: usize, sr: usize, hp: usize, hc: usize, j: i32, H: i32, act: i32, one: bool): void {
  const hh = vact(act, f32x4.add(L(gr, j + 2 * H, one), L(sr, j, one)));
  const z = L(gr, j, one);
  S(gr, j + 2 * H, hh, one);
  S(hc, j, f32x4.add(f32x4.mul(z, L(hp, j, one)), f32x4.mul(f32x4.sub(f32x4.splat(1), z), hh)), one);
}

/** GRU step, resetAfter false, second half: hh = act(g_h + s), s = rh·Uh (B,H); h update and mask. */
export function gruStepCandidate(g: usize, scratch: usize, hPrev: usize, hCur: usize, mask: usize, t: i32, T: i32, B: i32, H: i32, act: i32): void {
  const G = 3 * H;
  for (let r = 0; r < B; r++) {
    const gr = g + rowOff(r, G), sr = scratch + rowOff(r, H), o = rowOff(r, H);
    let j = 0;
    for (; j + 4 <= H; j += 4) candAt(gr, sr, hPrev + o, hCur + o, j, H, act, false);
    for (; j < H; j++) candAt(gr, sr, hPrev + o, hCur + o, j, H, act, true);
    if (isMasked(mask, r, t, T)) memory.copy(hCur + o, hPrev + o, <usize>H << 2);
  }
}

// @ts-expect-error: decorator
@inline function bwdAt(gr: usize, dgr: usize, drr: usize, hp: usize, rhr: usize, dhr: usize, dzr: usize, dcr: usize, j: i32, H: i32, act: i32, ract: i32, after: bool, one: bool): void {
  const z = L(gr, j, one), hh = L(gr, j + 2 * H, one), dhv = L(dhr, j, one);
  const dzp = f32x4.mul(f32x4.mul(dhv, f32x4.sub(L(hp, j, one), hh)), vdact(ract, z));
  const dhp = f32x4.mul(f32x4.mul(dhv, f32x4.sub(f32x4.splat(1), z)), vdact(act, hh));
  S(dgr, j, dzp, one); S(dgr, j + 2 * H, dhp, one); S(drr, j, dzp, one); S(dzr, j, f32x4.mul(dhv, z), one);
  if (after) {
    const rg = L(gr, j + H, one);
    const drp = f32x4.mul(f32x4.mul(dhp, L(rhr, j, one)), vdact(ract, rg));
    S(dgr, j + H, drp, one); S(drr, j + H, drp, one); S(drr, j + 2 * H, f32x4.mul(dhp, rg), one);
  } else S(dcr, j, dhp, one);
}

/**
 * GRU backward step s, first pass: adds dy's step s to dh (dy (B,T,H) or 0), writes dg (B,3H), drh
 * (B,3H with resetAfter, else B,2H), dhz = dh⊙z and (resetAfter false) dhc. Masked rows get zeros and
 * dhz = dh (their gradient passes to h_{s-1} unchanged).
 */
export function gruStepBackward(g: usize, dg: usize, drh: usize, dhc: usize, hPrev: usize, rh: usize, dh: usize, dhz: usize, dy: usize, s: i32, mask: usize, t: i32, T: i32, B: i32, H: i32, act: i32, ract: i32, resetAfter: bool): void {
  const G = 3 * H, RG = resetAfter ? G : 2 * H;
  for (let r = 0; r < B; r++) {
    const gr = g + rowOff(r, G), dgr = dg + rowOff(r, G), drr = drh + rowOff(r, RG), o = rowOff(r, H);
    addDy(dh + o, dy, r, s, T, H);
    if (isMasked(mask, r, t, T)) {
      memory.fill(dgr, 0, <usize>G << 2);
      memory.fill(drr, 0, <usize>RG << 2);
      if (!resetAfter) memory.fill(dhc + o, 0, <usize>H << 2);
      memory.copy(dhz + o, dh + o, <usize>H << 2);
      continue;
    }
    let j = 0;
    if (resetAfter) {
      for (; j + 4 <= H; j += 4) bwdAt(gr, dgr, drr, hPrev + o, rh + o, dh + o, dhz + o, dhc + o, j, H, act, ract, true, false);
      for (; j < H; j++) bwdAt(gr, dgr, drr, hPrev + o, rh + o, dh + o, dhz + o, dhc + o, j, H, act, ract, true, true);
    } else {
      for (; j + 4 <= H; j += 4) bwdAt(gr, dgr, drr, hPrev + o, rh + o, dh + o, dhz + o, dhc + o, j, H, act, ract, false, false);
      for (; j < H; j++) bwdAt(gr, dgr, drr, hPrev + o, rh + o, dh + o, dhz + o, dhc + o, j, H, act, ract, false, true);
    }
  }
}

// @ts-expect-error: decorator
@inline function resetAt(gr: usize, dgr: usize, drr: usize, hmr: usize, dhr: usize, j: i32, H: i32, ract: i32, one: bool): void {
  const rg = L(gr, j + H, one), d = L(dhr, j, one);
  const drp = f32x4.mul(f32x4.mul(d, L(hmr, j, one)), vdact(ract, rg));
  S(dgr, j + H, drp, one); S(drr, j + H, drp, one); S(dhr, j, f32x4.mul(d, rg), one);
}

/** GRU backward, resetAfter false, after dh = dhc·Uhᵀ: the reset-gate gradient and dh ⊙= r (unmasked rows). */
export function gruStepBackwardReset(g: usize, dg: usize, drh: usize, hm: usize, dh: usize, mask: usize, t: i32, T: i32, B: i32, H: i32, ract: i32): void {
  const G = 3 * H;
  for (let r = 0; r < B; r++) {
    if (isMasked(mask, r, t, T)) continue;
    const gr = g + rowOff(r, G), dgr = dg + rowOff(r, G), drr = drh + rowOff(r, 2 * H), o = rowOff(r, H);
    let j = 0;
    for (; j + 4 <= H; j += 4) resetAt(gr, dgr, drr, hm + o, dh + o, j, H, ract, false);
    for (; j < H; j++) resetAt(gr, dgr, drr, hm + o, dh + o, j, H, ract, true);
  }
}

/** a[i] += b[i] over n floats (the direct path dh += dhz). */
export function addInto(a: usize, b: usize, n: i32): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) st(a, j, f32x4.add(ld(a, j), ld(b, j)));
  for (; j < n; j++) store<f32>(a + (<usize>j << 2), load<f32>(a + (<usize>j << 2)) + load<f32>(b + (<usize>j << 2)));
}

// @ts-expect-error: decorator
@inline function addDy(dhr: usize, dy: usize, r: i32, s: i32, T: i32, H: i32): void {
  if (dy == 0) return;
  addInto(dhr, dy + ((<usize>(r * T + s) * H) << 2), H);
}

/** SimpleRNN step: a_s (B,H) = act(a_s) in place (a_s held xs·W + b + h·U); h_s = a_s, or h_{s-1} when masked. */
export function rnnStepForward(a: usize, hPrev: usize, hCur: usize, mask: usize, t: i32, T: i32, B: i32, H: i32, act: i32): void {
  for (let r = 0; r < B; r++) {
    const o = rowOff(r, H);
    let j = 0;
    for (; j + 4 <= H; j += 4) st(a + o, j, vact(act, ld(a + o, j)));
    for (; j < H; j++) st1(a + o, j, vact(act, ld1(a + o, j)));
    memory.copy(hCur + o, isMasked(mask, r, t, T) ? hPrev + o : a + o, <usize>H << 2);
  }
}

/** SimpleRNN backward step s: dh += dy_s; da = dh⊙act'(a) (masked rows: da = 0, keep = dh). Returns 1 if any row was masked. */
export function rnnStepBackward(a: usize, da: usize, dh: usize, keep: usize, dy: usize, s: i32, mask: usize, t: i32, T: i32, B: i32, H: i32, act: i32): i32 {
  let masked = 0;
  for (let r = 0; r < B; r++) {
    const o = rowOff(r, H);
    addDy(dh + o, dy, r, s, T, H);
    if (isMasked(mask, r, t, T)) {
      memory.fill(da + o, 0, <usize>H << 2);
      memory.copy(keep + o, dh + o, <usize>H << 2);
      masked = 1;
      continue;
    }
    let j = 0;
    for (; j + 4 <= H; j += 4) st(da + o, j, f32x4.mul(ld(dh + o, j), vdact(act, ld(a + o, j))));
    for (; j < H; j++) st1(da + o, j, f32x4.mul(ld1(dh + o, j), vdact(act, ld1(a + o, j))));
  }
  return masked;
}
