// Test helper: finite-difference check of a layer's backward (inputs and weights) in float64, with the
// fake loss Σ_k sum(out_k · dout_k) for random dout_k.

import type { CallContext, Layer } from '../../src/layers/layer.js';
import { Tensor } from '../../src/tensor.js';
import { assertClose } from '../helpers/close.js';
import { dot, numericGradient, Rng, randomArray } from '../helpers/gradcheck.js';

export interface CheckOptions {
  masks?: (Tensor | null)[];
  /** Inputs whose gradient is not checked (e.g. integer ids). */
  skipInputs?: number[];
  rtol?: number;
  atol?: number;
  /** Which outputs get a random gradient (default all). */
  outputs?: number[];
}

/** Runs the check; call inside withFloat64 with a built layer. */
export function checkLayerGradients(layer: Layer, inputs: Tensor[], opts: CheckOptions = {}): void {
  const rng = new Rng(7);
  const ctx = (training: boolean): CallContext => ({
    training,
    mask: opts.masks?.[0] ?? null,
    ...(opts.masks ? { masks: opts.masks } : {}),
  });
  const outs0 = layer.call(inputs, ctx(false));
  const use = opts.outputs ?? outs0.map((_, k) => k);
  const douts = outs0.map((o, k) => (use.includes(k) ? new Tensor(randomArray(o.size, rng), o.shape) : null));
  const f = () =>
    layer.call(inputs, ctx(false)).reduce((s, o, k) => s + (douts[k] ? dot(o.data, douts[k].data) : 0), 0);
  for (const p of layer.params()) p.grad.fill(0);
  layer.call(inputs, ctx(true));
  const dIns = layer.backward(douts);
  const tol = { rtol: opts.rtol ?? 1e-5, atol: opts.atol ?? 1e-7 };
  inputs.forEach((x, i) => {
    if (opts.skipInputs?.includes(i)) return;
    const num = numericGradient(f, x.data);
    const got = dIns[i]?.data ?? new Float64Array(x.size);
    assertClose(got, num, tol, `${layer.name} d input ${i}`);
  });
  for (const p of layer.params()) assertClose(p.grad, numericGradient(f, p.value), tol, `${layer.name} d ${p.name}`);
}

/** A float64 tensor of uniform values in [lo, hi). */
export function rand(shape: number[], rng: Rng, lo = -1, hi = 1): Tensor {
  return new Tensor(
    randomArray(
      shape.reduce((a, b) => a * b, 1),
      rng,
      lo,
      hi,
    ),
    shape,
  );
}
