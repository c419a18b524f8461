// End-to-end: a small 2-layer character LSTM trained briefly with truncated BPTT on the tiny-shakespeare
// excerpt beats the unigram entropy by a wide margin on the held-out 10%; sampling yields text in the
// alphabet and is reproducible. The full-text run is experiments/shakespeare.ts.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sample, trainCharModel } from '../../examples/shakespeare.js';

test('char LSTM with tbptt: validation loss falls well below the unigram entropy, sampling works', async () => {
  const text = readFileSync(new URL('../../datasets/tinyshakespeare-excerpt.txt', import.meta.url), 'utf8');
  const r = await trainCharModel(text, {
    units: 64,
    seqLength: 50,
    epochs: 3,
    batchSize: 16,
    learningRate: 0.005,
    tbptt: { k1: 25 },
  });
  assert.ok(r.unigramEntropy > 3 && r.unigramEntropy < 3.5, `unigram entropy ${r.unigramEntropy}`);
  assert.ok(
    r.valLoss < r.unigramEntropy - 0.8,
    `validation ${r.valLoss.toFixed(3)} nats/char vs unigram ${r.unigramEntropy.toFixed(3)}`,
  );
  assert.ok(r.trainLoss[r.trainLoss.length - 1] < r.trainLoss[0], `train loss ${r.trainLoss.join(' -> ')}`);
  const s = sample(r, 'ROMEO:\n', 60, 0.8, 3);
  assert.equal(s.length, 60);
  assert.ok(
    [...s].every((c) => r.chars.includes(c)),
    'sampled characters come from the alphabet',
  );
  assert.equal(sample(r, 'ROMEO:\n', 60, 0.8, 3), s, 'same seed, same sample');
  assert.notEqual(sample(r, 'ROMEO:\n', 60, 0.8, 4), s, 'another seed, another sample');
});
