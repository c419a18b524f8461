// Tensors, activations and initializers: values against their definitions.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activate, activationBackward, derivativeFromOutput } from '../../src/kernels/activations.js';
import { initialize, orthogonal } from '../../src/initializers.js';
import { Rng } from '../../src/rng.js';
import { tensor } from '../../src/tensor.js';
import { assertClose } from '../helpers/close.js';
import { numericGradient } from '../helpers/gradcheck.js';

test('tensor() from nested arrays round-trips through toArray() and reshape() is a view', () => {
  const t = tensor([
    [[1], [2]],
    [[3], [4]],
  ]);
  assert.deepEqual(t.shape, [2, 2, 1]);
  assert.deepEqual(t.toArray(), [
    [[1], [2]],
    [[3], [4]],
  ]);
  const r = t.reshape([4, -1]);
  assert.deepEqual(r.shape, [4, 1]);
  r.data[0] = 9;
  assert.equal(t.data[0], 9);
  assert.equal(tensor(5).toArray(), 5);
});

test('activation values follow Keras 3 (hardSigmoid x/6+0.5) and tfjs (0.2x+0.5)', () => {
  const xs = [-4, -1, 0, 0.5, 2, 4];
  const run = (k: Parameters<typeof activate>[0]) => {
    const a = Float64Array.from(xs);
    activate(k, a, 0, a.length);
    return Array.from(a);
  };
  assertClose(
    run('hardSigmoid'),
    xs.map((x) => Math.min(1, Math.max(0, x / 6 + 0.5))),
    { atol: 1e-15 },
  );
  assertClose(
    run('hardSigmoidTfjs'),
    xs.map((x) => Math.min(1, Math.max(0, 0.2 * x + 0.5))),
    { atol: 1e-15 },
  );
  assertClose(
    run('softsign'),
    xs.map((x) => x / (1 + Math.abs(x))),
    { atol: 1e-15 },
  );
  assertClose(
    run('elu'),
    xs.map((x) => (x > 0 ? x : Math.exp(x) - 1)),
    { atol: 1e-15 },
  );
  assertClose(
    run('softplus'),
    xs.map((x) => Math.log(1 + Math.exp(x))),
    { atol: 1e-14 },
  );
  assertClose(
    run('relu'),
    xs.map((x) => Math.max(0, x)),
    { atol: 0 },
  );
  const sm = run('softmax');
  assertClose(
    sm.reduce((s, v) => s + v, 0),
    1,
    { atol: 1e-15 },
  );
  assertClose(sm[5] / sm[4], Math.exp(2), { rtol: 1e-12 });
});

test('activation derivatives from the output match finite differences', () => {
  const xs = Float64Array.from([-2.4, -0.7, 0.3, 1.1, 2.2]); // away from kinks (hard sigmoid clips at ±2.5)
  for (const k of [
    'tanh',
    'sigmoid',
    'hardSigmoid',
    'hardSigmoidTfjs',
    'relu',
    'elu',
    'softplus',
    'softsign',
    'linear',
  ] as const) {
    const y = Float64Array.from(xs);
    activate(k, y, 0, y.length);
    const analytic = Array.from(y, (v) => derivativeFromOutput(k, v));
    const numeric = Array.from(xs, (_, i) => {
      const one = Float64Array.from([xs[i]]);
      return numericGradient(() => {
        const a = Float64Array.from(one);
        activate(k, a, 0, 1);
        return a[0];
      }, one)[0];
    });
    assertClose(analytic, numeric, { rtol: 1e-6, atol: 1e-8 }, k);
  }
  // softmax: Jacobian-vector product
  const x = Float64Array.from([0.2, -1, 0.5, 2]),
    dy = Float64Array.from([1, -2, 0.5, 3]);
  const y = Float64Array.from(x);
  activate('softmax', y, 0, 4);
  const dz = new Float64Array(4);
  activationBackward('softmax', dz, 0, dy, 0, y, 0, 4);
  const f = () => {
    const a = Float64Array.from(x);
    activate('softmax', a, 0, 4);
    return a.reduce((s, v, i) => s + v * dy[i], 0);
  };
  assertClose(dz, numericGradient(f, x), { rtol: 1e-6, atol: 1e-9 }, 'softmax');
});

function stats(a: ArrayLike<number>): { mean: number; std: number; max: number } {
  let s = 0,
    s2 = 0,
    max = 0;
  for (let i = 0; i < a.length; i++) {
    s += a[i];
    s2 += a[i] * a[i];
    max = Math.max(max, Math.abs(a[i]));
  }
  const mean = s / a.length;
  return { mean, std: Math.sqrt(s2 / a.length - mean * mean), max };
}

test('initializers: glorot/he/lecun limits and standard deviations, constants (n = 40000)', () => {
  const shape = [100, 400];
  const draw = (spec: Parameters<typeof initialize>[0]) => {
    const a = new Float64Array(40000);
    initialize(spec, a, shape, new Rng(1));
    return stats(a);
  };
  const gu = draw('glorotUniform'),
    limit = Math.sqrt(6 / 500);
  assert.ok(gu.max <= limit && gu.max > 0.99 * limit);
  assertClose(gu.std, limit / Math.sqrt(3), { rtol: 0.02 }, 'glorotUniform std');
  // Truncated normals are rescaled so the std equals the target.
  assertClose(draw('glorotNormal').std, Math.sqrt(2 / 500), { rtol: 0.02 }, 'glorotNormal std');
  assertClose(draw('heNormal').std, Math.sqrt(2 / 100), { rtol: 0.02 }, 'heNormal std');
  assertClose(draw('heUniform').std, Math.sqrt(6 / 100) / Math.sqrt(3), { rtol: 0.02 }, 'heUniform std');
  assertClose(draw({ name: 'randomNormal', stddev: 0.3 }).std, 0.3, { rtol: 0.02 }, 'randomNormal');
  assertClose(draw('randomUniform').max, 0.05, { rtol: 0.01 }, 'randomUniform');
  const c = new Float64Array(10);
  initialize({ name: 'constant', value: 0.7 }, c, [2, 5], new Rng(1));
  assert.ok(c.every((v) => v === 0.7));
  assert.equal(draw('zeros').max, 0);
});

test('orthogonal: (H,4H) has orthonormal rows, (4H,H) orthonormal columns, Keras-style gain', () => {
  for (const [r, c, gain] of [
    [8, 32, 1],
    [32, 8, 1],
    [16, 16, 2],
    [5, 3, 1],
  ] as const) {
    const a = new Float64Array(r * c);
    orthogonal(a, [r, c], new Rng(r + c), gain);
    const short = Math.min(r, c);
    for (let i = 0; i < short; i++)
      for (let j = 0; j < short; j++) {
        let s = 0;
        if (r <= c) for (let k = 0; k < c; k++) s += a[i * c + k] * a[j * c + k];
        else for (let k = 0; k < r; k++) s += a[k * c + i] * a[k * c + j];
        assertClose(s, i === j ? gain * gain : 0, { atol: 1e-12 }, `[${r}x${c}] <${i},${j}>`);
      }
  }
});
