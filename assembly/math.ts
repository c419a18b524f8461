// Vectorized activations on f32x4 for the LSTM gate passes: exp (Cephes expf range reduction and
// polynomial, relative error ~1e-7), sigmoid and tanh built on it (absolute error < 1e-6), and the
// piecewise-linear ones. Activation codes match ACT_CODES in src/backend/wasm/backend.ts.

export const TANH = 0;
export const SIGMOID = 1;
export const HARD_SIGMOID = 2;
export const HARD_SIGMOID_TFJS = 3;
export const RELU = 4;
export const LINEAR = 5;

/** a·b + c, fused when relaxed SIMD is enabled at build time. */
// @ts-expect-error: decorator
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

/** e^x per lane for x in [-87.3, 88.3] (clamped outside). */
// @ts-ignore: decorator
@inline export function vexp(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(-87.3)), f32x4.splat(88.3));
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(1.44269504088896341)));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.splat(1.9875691500e-4);
  p = madd(p, r, f32x4.splat(1.3981999507e-3));
  p = madd(p, r, f32x4.splat(8.3334519073e-3));
  p = madd(p, r, f32x4.splat(4.1665795894e-2));
  p = madd(p, r, f32x4.splat(1.6666665459e-1));
  p = madd(p, r, f32x4.splat(5.0000001201e-1));
  p = f32x4.add(madd(f32x4.mul(p, r), r, r), f32x4.splat(1));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(p, scale);
}

// @ts-ignore: decorator
@inline export function vsigmoid(x: v128): v128 {
  const one = f32x4.splat(1);
  return f32x4.div(one, f32x4.add(one, vexp(f32x4.neg(x))));
}

// @ts-ignore: decorator
@inline export function vtanh(x: v128): v128 {
  // tanh(x) = 2·sigmoid(2x) − 1; absolute error stays at float32 rounding level near 0.
  const one = f32x4.splat(1);
  const e = vexp(f32x4.mul(x, f32x4.splat(-2)));
  return f32x4.sub(f32x4.div(f32x4.splat(2), f32x4.add(one, e)), one);
}

/** Applies activation `kind` to four lanes. */
// @ts-ignore: decorator
@inline export function vact(kind: i32, x: v128): v128 {
  switch (kind) {
    case TANH: return vtanh(x);
    case SIGMOID: return vsigmoid(x);
    case HARD_SIGMOID: return f32x4.min(f32x4.max(f32x4.add(f32x4.div(x, f32x4.splat(6)), f32x4.splat(0.5)), f32x4.splat(0)), f32x4.splat(1));
    case HARD_SIGMOID_TFJS: return f32x4.min(f32x4.max(f32x4.add(f32x4.mul(x, f32x4.splat(0.2)), f32x4.splat(0.5)), f32x4.splat(0)), f32x4.splat(1));
    case RELU: return f32x4.max(x, f32x4.splat(0));
    default: return x;
  }
}

/** f'(z) from y = f(z), four lanes. */
// @ts-ignore: decorator
@inline export function vdact(kind: i32, y: v128): v128 {
  const one = f32x4.splat(1), zero = f32x4.splat(0);
  switch (kind) {
    case TANH: return f32x4.sub(one, f32x4.mul(y, y));
    case SIGMOID: return f32x4.mul(y, f32x4.sub(one, y));
    case HARD_SIGMOID: return v128.and(v128.and(f32x4.gt(y, zero), f32x4.lt(y, one)), f32x4.splat(<f32>(1.0 / 6.0)));
    case HARD_SIGMOID_TFJS: return v128.and(v128.and(f32x4.gt(y, zero), f32x4.lt(y, one)), f32x4.splat(0.2));
    case RELU: return v128.and(f32x4.gt(y, zero), one);
    default: return one;
  }
}

/** Applies `kind` in place to n floats at p. */
export function actInPlace(kind: i32, p: usize, n: i32): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) v128.store(p + (<usize>j << 2), vact(kind, v128.load(p + (<usize>j << 2))));
  for (; j < n; j++) {
    const q = p + (<usize>j << 2);
    store<f32>(q, f32x4.extract_lane(vact(kind, f32x4.splat(load<f32>(q))), 0));
  }
}
