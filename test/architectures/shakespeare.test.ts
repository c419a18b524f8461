// End-to-end: the character model of examples/shakespeare.ts trained briefly with truncated BPTT on the
// tiny-shakespeare excerpt beats a unigram model by a wide margin on the held-out 10%; its sample is
// English-like (words and spaces from the alphabet) and reproducible. The full-text run is
// experiments/shakespeare.ts.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { EXCERPT_SETTINGS, shakespeare } from '../../examples/shakespeare.js';
import { generateText } from '../../src/index.js';

test('char LSTM with tbptt on the excerpt: held-out loss well below a unigram model, English-like samples', async () => {
  const text = readFileSync(new URL('../../datasets/tinyshakespeare-excerpt.txt', import.meta.url), 'utf8');
  const r = await shakespeare(text, EXCERPT_SETTINGS, 'ROMEO:\n', 200);
  assert.ok(r.unigramLoss! > 3 && r.unigramLoss! < 3.5, `unigram ${r.unigramLoss}`);
  assert.ok(
    r.valLoss! < r.unigramLoss! - 0.8,
    `held-out ${r.valLoss!.toFixed(3)} vs unigram ${r.unigramLoss!.toFixed(3)}`,
  );
  const loss = r.history.history.loss;
  assert.ok(loss[loss.length - 1] < loss[0], `train loss ${loss.join(' -> ')}`);
  assert.equal(r.sample.length, 200);
  const words = r.sample.split(/\s+/).filter((w) => w.length > 0);
  assert.ok(words.length >= 25, `words: ${JSON.stringify(r.sample)}`);
  const common = ['the', 'and', 'to', 'I', 'of', 'you', 'a', 'my', 'is', 'that', 'not', 'me', 'be', 'in'];
  assert.ok(
    words.some((w) => common.includes(w.replace(/[^A-Za-z]/g, ''))),
    `a common English word appears: ${JSON.stringify(r.sample)}`,
  );
  const again = generateText(r.model, r.vocabulary, 'ROMEO:\n', { length: 200, temperature: 0.8, seed: 1 });
  assert.equal(again, r.sample, 'same seed, same sample');
});
