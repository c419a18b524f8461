// Optimizer update loops over flat f32 arrays (the formulas of src/optim/optimizer.ts, Keras 3 form).
// Each value is computed in f64 with the operations in the order of the TypeScript loop and rounded to
// f32 when stored, as a Float32Array store rounds there, so the wasm update is bit-identical to it.
// Two lanes at a time (f64x2): one pass reads g, m, v (and v̂) and writes p, m, v.

// @ts-expect-error: decorator
@inline function ld2(p: usize, o: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(p + o));
}
// @ts-expect-error: decorator
@inline function st2(p: usize, o: usize, v: v128): void {
  v128.store64_lane(p + o, f32x4.demote_f64x2_zero(v), 0);
}
// The f32 rounding a store into a Float32Array applies, then back to f64 (JS reads the stored value).
// @ts-expect-error: decorator
@inline function round2(v: v128): v128 {
  return f64x2.promote_low_f32x4(f32x4.demote_f64x2_zero(v));
}

/**
 * Adam: m += (g − m)(1 − β1); v += (g² − v)(1 − β2); v̂ = max(v̂, v) when vhat ≠ 0;
 * p −= α·m / (√v(̂) + ε). n floats at each pointer.
 */
export function adamUpdate(p: usize, g: usize, m: usize, v: usize, vhat: usize, n: i32, alpha: f64, beta1: f64, beta2: f64, eps: f64): void {
  const c1 = f64x2.splat(1 - beta1), c2 = f64x2.splat(1 - beta2), al = f64x2.splat(alpha), ep = f64x2.splat(eps);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 2;
    const gi = ld2(g, o);
    let mi = ld2(m, o), vi = ld2(v, o);
    mi = round2(f64x2.add(mi, f64x2.mul(f64x2.sub(gi, mi), c1)));
    vi = round2(f64x2.add(vi, f64x2.mul(f64x2.sub(f64x2.mul(gi, gi), vi), c2)));
    st2(m, o, mi);
    st2(v, o, vi);
    if (vhat) {
      vi = f64x2.max(ld2(vhat, o), vi);
      st2(vhat, o, vi);
    }
    st2(p, o, f64x2.sub(ld2(p, o), f64x2.div(f64x2.mul(al, mi), f64x2.add(f64x2.sqrt(vi), ep))));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const gi = <f64>load<f32>(g + o);
    const m0 = <f64>load<f32>(m + o), v0 = <f64>load<f32>(v + o);
    const mi = <f64><f32>(m0 + (gi - m0) * (1 - beta1));
    let vi = <f64><f32>(v0 + (gi * gi - v0) * (1 - beta2));
    store<f32>(m + o, <f32>mi);
    store<f32>(v + o, <f32>vi);
    if (vhat) {
      vi = max(<f64>load<f32>(vhat + o), vi);
      store<f32>(vhat + o, <f32>vi);
    }
    store<f32>(p + o, <f32>(<f64>load<f32>(p + o) - (alpha * mi) / (Math.sqrt(vi) + eps)));
  }
}
