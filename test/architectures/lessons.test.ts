// The lessons' examples: the CNN-LSTM moving-line direction problem (conv2d inside timeDistributed),
// and the memory lesson's extensions, including the long lag that the lesson's one-step-per-update
// training cannot learn and whole-sequence training with chrono-initialized gates can.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  alphabetExtension,
  batchExtension,
  longLagExtension,
  randomExtension,
  shuffleExtension,
} from '../../examples/memory-extensions.js';
import { movingLine } from '../../examples/moving-line.js';

test('moving line (12x12 frames, 1000 examples, one epoch): the CNN-LSTM says the direction of >= 95% of 100 new sequences', async () => {
  const r = await movingLine({ size: 12, examples: 1000, seed: 1 });
  assert.ok(r.accuracy >= 0.95, `accuracy ${r.accuracy}`);
});

test('memory extensions: letters, batch learning, shuffled epochs and random sequences are all learned', async () => {
  for (const [name, r] of [
    ['alphabet', await alphabetExtension()],
    ['batch', await batchExtension()],
    ['shuffle', await shuffleExtension()],
  ] as const)
    assert.equal(r.accuracy, 1, `${name}: ${JSON.stringify(r)}`);
  assert.ok((await randomExtension({ epochs: 10 })) >= 0.99, 'random sequences');
});

test('memory extension "long" (lag 60): one step per update stays at chance; whole sequences with chrono gates learn it', async () => {
  const step = await longLagExtension({ lag: 60, chrono: true, tbptt: { k1: 1, k2: 1 }, epochs: 8 });
  assert.ok(step.accuracy < 0.65, `step by step: ${JSON.stringify(step)}`);
  const whole = await longLagExtension({ lag: 60, chrono: true, epochs: 8 });
  assert.equal(whole.accuracy, 1, `whole sequences: ${JSON.stringify(whole)}`);
});
