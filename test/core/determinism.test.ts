// All randomness goes through the seeded generator: the same seed gives bit-identical weights
// after training; a different seed gives different ones.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dense } from '../../src/layers/dense.js';
import { lstm } from '../../src/layers/lstm.js';
import { sequential } from '../../src/model/sequential.js';
import { Rng, setRandomSeed } from '../../src/rng.js';
import { tensor } from '../../src/tensor.js';

async function trainedWeights(seed: number): Promise<Float32Array[]> {
  setRandomSeed(seed);
  const rng = new Rng(99);
  const x = tensor(
    Float32Array.from({ length: 40 * 6 * 2 }, () => rng.uniform(-1, 1)),
    [40, 6, 2],
  );
  const y = tensor(
    Float32Array.from({ length: 40 }, () => rng.uniform(-1, 1)),
    [40, 1],
  );
  const m = sequential([
    lstm({ units: 5, returnSequences: true, inputShape: [6, 2] }),
    lstm({ units: 3 }),
    dense({ units: 1 }),
  ]);
  m.compile({ optimizer: 'adam', loss: 'mse' });
  await m.fit(x, y, { epochs: 3, batchSize: 8, shuffle: true, validationSplit: 0.2 });
  return m.getWeights().map((w) => w.data as Float32Array);
}

test('the same seed gives bit-identical weights after training (shuffled, with validation split)', async () => {
  const a = await trainedWeights(5),
    b = await trainedWeights(5);
  assert.equal(a.length, b.length);
  for (const [i, w] of a.entries()) {
    const bi = b[i];
    assert.deepEqual(
      Buffer.from(w.buffer, w.byteOffset, w.byteLength),
      Buffer.from(bi.buffer, bi.byteOffset, bi.byteLength),
      `weight ${i}`,
    );
  }
});

test('a different seed gives different weights', async () => {
  const a = await trainedWeights(5),
    c = await trainedWeights(6);
  assert.notDeepEqual(Array.from(a[0]), Array.from(c[0]));
});

test('Rng: same seed same stream; uniform in [0,1); normal has mean 0 and std 1 (n=20000)', () => {
  const r1 = new Rng(42),
    r2 = new Rng(42);
  for (let i = 0; i < 100; i++) assert.equal(r1.next(), r2.next());
  const r = new Rng(3);
  let s = 0,
    s2 = 0,
    lo = 1,
    hi = 0;
  for (let i = 0; i < 20000; i++) {
    const u = r.next();
    lo = Math.min(lo, u);
    hi = Math.max(hi, u);
    const z = r.normal();
    s += z;
    s2 += z * z;
  }
  assert.ok(lo >= 0 && hi < 1);
  assert.ok(Math.abs(s / 20000) < 0.03, `mean ${s / 20000}`);
  assert.ok(Math.abs(Math.sqrt(s2 / 20000) - 1) < 0.03, `std ${Math.sqrt(s2 / 20000)}`);
});
