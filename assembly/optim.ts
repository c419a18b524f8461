// Optimizer update loops over flat f32 arrays (the formulas of src/optim/optimizer.ts, Keras 3 form),
// vectorized: one pass reads g, m, v (and v̂) and writes p, m, v.

/**
 * Adam: m += (g − m)(1 − β1); v += (g² − v)(1 − β2); v̂ = max(v̂, v) when vhat ≠ 0;
 * p −= α·m / (√v(̂) + ε). n floats at each pointer.
 */
export function adamUpdate(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  vhat: usize,
  n: i32,
  alpha: f32,
  beta1: f32,
  beta2: f32,
  eps: f32,
): void {
  const c1 = f32x4.splat(1 - beta1),
    c2 = f32x4.splat(1 - beta2),
    al = f32x4.splat(alpha),
    ep = f32x4.splat(eps);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    const gi = v128.load(g + o);
    let mi = v128.load(m + o),
      vi = v128.load(v + o);
    mi = f32x4.add(mi, f32x4.mul(f32x4.sub(gi, mi), c1));
    vi = f32x4.add(vi, f32x4.mul(f32x4.sub(f32x4.mul(gi, gi), vi), c2));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    if (vhat) {
      vi = f32x4.max(v128.load(vhat + o), vi);
      v128.store(vhat + o, vi);
    }
    v128.store(p + o, f32x4.sub(v128.load(p + o), f32x4.div(f32x4.mul(al, mi), f32x4.add(f32x4.sqrt(vi), ep))));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const gi = load<f32>(g + o);
    const mi = load<f32>(m + o) + (gi - load<f32>(m + o)) * (1 - beta1);
    let vi = load<f32>(v + o) + (gi * gi - load<f32>(v + o)) * (1 - beta2);
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    if (vhat) {
      vi = max(load<f32>(vhat + o), vi);
      store<f32>(vhat + o, vi);
    }
    store<f32>(p + o, load<f32>(p + o) - (alpha * mi) / (sqrt<f32>(vi) + eps));
  }
}
