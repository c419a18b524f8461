// sampleIndex: temperature and top-k against the distributions they define (seeded draws), logits and
// probabilities agree, bad values are clear errors; lastStep reads a sequence output's last row.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, lastStep, Rng, ShapeError, sampleIndex, Tensor } from '../../src/index.js';

function frequencies(p: number[], draws: number, opts: { temperature?: number; topK?: number }): number[] {
  const rng = new Rng(11);
  const f = p.map(() => 0);
  for (let i = 0; i < draws; i++) f[sampleIndex(p, { rng, ...opts })]++;
  return f.map((c) => c / draws);
}

test('sampleIndex draws with p^(1/temperature) / Z, only among the top k', () => {
  const p = [0.1, 0.2, 0.3, 0.4];
  const close = (got: number[], want: number[], what: string) =>
    assert.ok(
      got.every((g, i) => Math.abs(g - want[i]) < 0.015),
      `${what}: ${got} vs ${want}`,
    );
  close(frequencies(p, 20_000, {}), p, 'temperature 1');
  const t2 = p.map((v) => Math.sqrt(v)),
    z = t2.reduce((a, b) => a + b);
  close(
    frequencies(p, 20_000, { temperature: 2 }),
    t2.map((v) => v / z),
    'temperature 2',
  );
  close(frequencies(p, 20_000, { topK: 2 }), [0, 0, 3 / 7, 4 / 7], 'top-2');
  assert.deepEqual(frequencies(p, 200, { temperature: 0.01 }), [0, 0, 0, 1], 'a low temperature is greedy');
  assert.deepEqual(frequencies(p, 200, { topK: 1 }), [0, 0, 0, 1], 'top-1 is greedy');
});

test('sampleIndex: logits and probabilities give the same draws; the same seed the same index', () => {
  const p = [0.05, 0.15, 0.5, 0.3];
  const a = new Rng(3),
    b = new Rng(3);
  for (let i = 0; i < 200; i++)
    assert.equal(
      sampleIndex(p, { rng: a, temperature: 0.7 }),
      sampleIndex(
        p.map((v) => Math.log(v) + 5),
        { rng: b, temperature: 0.7, logits: true },
      ),
    );
});

test('sampleIndex and lastStep refuse bad input with clear errors', () => {
  const rng = new Rng(1);
  assert.throws(
    () => sampleIndex([0.5, 0.5], { rng, temperature: 0 }),
    (e) => e instanceof ConfigError && /temperature must be a positive number, got 0/.test(e.message),
  );
  assert.throws(
    () => sampleIndex([0.5, 0.5], { rng, topK: 1.5 }),
    (e) => e instanceof ConfigError && /topK must be a positive integer/.test(e.message),
  );
  assert.throws(
    () => sampleIndex([0.5, -0.1], { rng }),
    (e) =>
      e instanceof ShapeError && /value -0\.1 at index 1 is not a probability; pass \{ logits: true \}/.test(e.message),
  );
  assert.throws(() => sampleIndex([], { rng }), /the distribution is empty/);
  assert.deepEqual(Array.from(lastStep(new Tensor(Float32Array.of(0.5, 0.5, 0.25, 0.75), [1, 2, 2]))), [0.25, 0.75]);
  assert.deepEqual(Array.from(lastStep(new Tensor(Float32Array.of(0.25, 0.75), [1, 2]))), [0.25, 0.75]);
  assert.throws(() => lastStep(new Tensor(new Float32Array(4), [2, 2])), /the output of one sample/);
});
