// Losses against Keras 3.15 (test/fixtures/keras3/training.json, made by make_training_fixtures.py):
// cross-entropies on predictions of exactly 0 and 1 (Keras clips in float32), labelSmoothing, every
// reduction, per-sample and per-timestep sample weights; and the same weights through fit().

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  ConfigError,
  computeLoss,
  dense,
  type ReducedLoss,
  type Reduction,
  losses,
  Sequential,
  sgd,
  Tensor,
  tensor,
} from '../../src/index.js';
import { assertClose } from '../helpers/close.js';

interface LossCase {
  name: string;
  y: number[];
  yShape: number[];
  p: number[];
  pShape: number[];
  w: number[] | null;
  wShape: number[] | null;
  value: number[];
  valueShape: number[];
}
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/keras3/training.json'), 'utf8')) as {
  losses: LossCase[];
};

const MAKE: Record<string, (reduction: Reduction) => ReducedLoss> = {
  bce: (reduction) => losses.binaryCrossentropy({ reduction }),
  bce_smooth: (reduction) => losses.binaryCrossentropy({ labelSmoothing: 0.2, reduction }),
  cce_smooth: (reduction) => losses.categoricalCrossentropy({ labelSmoothing: 0.1, reduction }),
  cce_logits: (reduction) => losses.categoricalCrossentropy({ fromLogits: true, labelSmoothing: 0.3, reduction }),
  scce: (reduction) => losses.sparseCategoricalCrossentropy({ fromLogits: true, reduction }),
  mse: (reduction) => losses.meanSquaredError({ reduction }),
  bce_logits_smooth: (reduction) => losses.binaryCrossentropy({ fromLogits: true, labelSmoothing: 0.1, reduction }),
};

test('cross-entropies, labelSmoothing, reductions and per-timestep sample weights match Keras 3', () => {
  assert.ok(fixture.losses.length >= 19);
  for (const c of fixture.losses) {
    const [kind, reduction = 'sum_over_batch_size'] = c.name.split('/') as [string, Reduction?];
    const loss = MAKE[kind](reduction);
    const got = computeLoss(loss, tensor(Float32Array.from(c.y), c.yShape), tensor(Float32Array.from(c.p), c.pShape), {
      ...(c.w ? { sampleWeight: tensor(Float32Array.from(c.w), c.wShape!) } : {}),
    });
    if (reduction === 'none') {
      assert.ok(got instanceof Tensor, c.name);
      assert.deepEqual(got.shape, c.valueShape, c.name);
      assertClose(got.data, c.value, { rtol: 2e-6, atol: 1e-6 }, c.name);
    } else assertClose([got as number], c.value, { rtol: 2e-6, atol: 1e-6 }, c.name);
  }
});

test("binary cross-entropy of predictions exactly 0 and 1 is Keras' float32-clipped value, with a zero gradient there", () => {
  const c = fixture.losses.find((l) => l.name === 'bce/sum_over_batch_size')!;
  const got = computeLoss(
    'binaryCrossentropy',
    tensor(Float32Array.from(c.y), c.yShape),
    tensor(Float32Array.from(c.p), c.pShape),
  );
  assertClose([got as number], c.value, { rtol: 1e-7 }, 'bce');
  const d = new Float64Array(6);
  losses.binaryCrossentropy()(d, Float64Array.from(c.p), Float64Array.from(c.y), 2, 3, null);
  assert.deepEqual([d[0], d[1], d[5]], [0, 0, 0]);
});

test("fit() takes per-timestep sample weights (N, T); a zero weight removes a step from the gradient; 'none' is refused in compile", async () => {
  const make = () => {
    const m = new Sequential([dense({ units: 1, inputShape: [2, 1] })]);
    m.build([[2, 1]]);
    m.setWeights([[[0.5]], [0.1]]);
    m.compile({ optimizer: sgd({ learningRate: 0.1 }), loss: 'mse' });
    return m;
  };
  const x = [
      [[1], [2]],
      [[3], [-1]],
    ],
    y = [
      [[0], [9]],
      [[1], [0]],
    ];
  // Weight 0 on step 1 of sample 0: training equals training on the other three steps alone.
  const a = make();
  await a.fit(x, y, {
    epochs: 1,
    batchSize: 2,
    shuffle: false,
    sampleWeight: [
      [1, 0],
      [1, 1],
    ],
  });
  const b = make();
  await b.fit(
    x,
    [
      [[0], [0.6]],
      [[1], [0]],
    ],
    {
      epochs: 1,
      batchSize: 2,
      shuffle: false,
      sampleWeight: [
        [1, 0],
        [1, 1],
      ],
    },
  );
  assertClose(a.getWeights()[0].data, b.getWeights()[0].data, { atol: 1e-7 }, 'masked step has no gradient');
  const c = make();
  await c.fit(x, y, { epochs: 1, batchSize: 2, shuffle: false });
  assert.ok(Math.abs(c.getWeights()[0].data[0] - a.getWeights()[0].data[0]) > 1e-3);
  const ev = a.evaluate(x, y, {
    sampleWeight: [
      [1, 0],
      [1, 1],
    ],
  });
  assert.ok(Number.isFinite(ev.loss));
  await assert.rejects(a.fit(x, y, { sampleWeight: [1, 2, 3] }), /one per sample \(N\) or one per timestep/);
  assert.throws(
    () => a.compile({ optimizer: 'sgd', loss: losses.meanSquaredError({ reduction: 'none' }) }),
    (e) => e instanceof ConfigError && /reduction 'none'/.test(e.message),
  );
  assert.throws(() => losses.binaryCrossentropy({ labelSmoothing: 2 }), /labelSmoothing must be in \[0, 1\]/);
  assert.throws(() => losses.huber({ delt: 1 } as never), /unknown option 'delt'; accepted: delta, reduction/);
  assert.throws(() => losses.meanSquaredError({ reduction: 'mean' as never }), /unknown reduction "mean"/);
});
