// Finite-difference check of a recurrent layer's backward (float64): loss = Σ out·dout over every
// output (y and returned states), gradients of every weight, of x and of given initial states.

import { assertClose } from '../helpers/close.js';
import { dot, numericGradient, randomArray, Rng, withFloat64 } from '../helpers/gradcheck.js';
import type { Layer } from '../../src/layers/layer.js';
import { Tensor } from '../../src/tensor.js';

export interface GradcheckCase {
  B: number;
  T: number;
  D: number;
  /** Number of initial-state inputs to pass (0 = none). */
  states?: number;
  units: number;
  /** Mask (B,T) of 0/1 values, or null. */
  mask?: number[] | null;
  seed?: number;
  /** Called after build, before checking (e.g. to fix dropout masks). */
  prepare?: (layer: Layer) => void;
}

/** Builds the layer in float64 with random weights and asserts its gradients match central differences. */
export function gradcheckLayer(make: () => Layer, c: GradcheckCase, tol = 1e-6): void {
  withFloat64(() => {
    const rng = new Rng(c.seed ?? 7);
    const layer = make();
    layer.build([[c.T, c.D]], rng);
    for (const p of layer.params()) p.value.set(randomArray(p.value.length, rng, -0.6, 0.6));
    c.prepare?.(layer);
    const x = new Tensor(randomArray(c.B * c.T * c.D, rng), [c.B, c.T, c.D]);
    const states = Array.from(
      { length: c.states ?? 0 },
      () => new Tensor(randomArray(c.B * c.units, rng, -0.5, 0.5), [c.B, c.units]),
    );
    const mask = c.mask ? new Tensor(Float64Array.from(c.mask), [c.B, c.T]) : null;
    const inputs = [x, ...states];
    const run = () => layer.call(inputs, { training: true, mask });
    const outs0 = run();
    const douts = outs0.map((o) => randomArray(o.size, rng));
    const loss = () => run().reduce((s, o, k) => s + dot(o.data, douts[k]), 0);
    for (const p of layer.params()) p.grad.fill(0);
    run();
    const grads = layer.backward(douts.map((d, k) => new Tensor(d, outs0[k].shape)));
    for (const p of layer.params())
      assertClose(p.grad, numericGradient(loss, p.value), { rtol: tol, atol: tol }, p.name);
    for (let i = 0; i < inputs.length; i++) {
      const g = grads[i];
      if (!g) throw new Error(`no gradient for input ${i}`);
      assertClose(g.data, numericGradient(loss, inputs[i].data), { rtol: tol, atol: tol }, `d input ${i}`);
    }
  });
}
