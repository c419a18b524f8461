// The character model: data preparation, the unigram baseline, training on a small text (held-out
// loss per character below a unigram model's), and generation from the last step's distribution.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  adam,
  buildVocabulary,
  DataError,
  dense,
  FormatError,
  generateText,
  lstm,
  nextCharSequences,
  sequential,
  setRandomSeed,
  Tensor,
  trainText,
  unigramCrossEntropy,
  vocabularyFromJson,
} from '../../src/index.js';

test('nextCharSequences: one-hot inputs and the next token as target, non-overlapping windows', () => {
  const { x, y } = nextCharSequences([0, 1, 2, 0, 1, 2, 1], 3, 3);
  assert.deepEqual(x.shape, [2, 3, 3]);
  assert.deepEqual(Array.from(x.data.slice(0, 9)), [1, 0, 0, 0, 1, 0, 0, 0, 1]);
  assert.deepEqual(y.shape, [2, 3, 1]);
  assert.deepEqual(Array.from(y.data), [1, 2, 0, 1, 2, 1]);
  assert.throws(
    () => nextCharSequences([0, 1], 3, 2),
    (e) => e instanceof DataError && /make no sequence of 3/.test(e.message),
  );
  assert.throws(() => nextCharSequences([0, 5, 1, 1], 2, 2), /token id 5 at position 1 is outside 0\.\.1/);
});

test('unigramCrossEntropy is the add-one smoothed unigram cross-entropy', () => {
  assert.equal(unigramCrossEntropy([0, 0, 1], [0], 2), -Math.log(3 / 5));
  assert.ok(Math.abs(unigramCrossEntropy([0, 1], [0, 1], 2) - Math.log(2)) < 1e-12);
});

test('trainText: a character LSTM beats the unigram model on held-out text (nats per character)', async () => {
  const text = readFileSync(new URL('../../datasets/tinyshakespeare-excerpt.txt', import.meta.url), 'utf8').slice(
    0,
    24_000,
  );
  const r = await trainText(text, {
    units: 48,
    layers: 1,
    seqLength: 50,
    tbptt: 25,
    epochs: 2,
    batchSize: 16,
    learningRate: 0.01,
    validationSplit: 0.1,
  });
  assert.ok(r.unigramLoss! > 3 && r.unigramLoss! < 3.5, `unigram ${r.unigramLoss}`);
  assert.ok(r.valLoss! < r.unigramLoss! - 0.4, `held-out ${r.valLoss} vs unigram ${r.unigramLoss}`);
  assert.deepEqual(r.vocabulary.tokens, buildVocabulary(text).tokens);
  const a = generateText(r.model, r.vocabulary, 'ROMEO:', { length: 80, temperature: 0.8, seed: 5 });
  assert.equal(a.length, 80);
  assert.equal(generateText(r.model, r.vocabulary, 'ROMEO:', { length: 80, temperature: 0.8, seed: 5 }), a, 'seeded');
  assert.notEqual(generateText(r.model, r.vocabulary, 'ROMEO:', { length: 80, temperature: 0.8, seed: 6 }), a);
  assert.ok((a.match(/ /g) ?? []).length >= 5, `words separated by spaces: ${JSON.stringify(a)}`);
});

test('generateText samples from the last step: a model that learned "abc" repeats it, streaming or windowed', async () => {
  const vocabulary = buildVocabulary('abc');
  const ids = Array.from('abc'.repeat(60), (c) => vocabulary.tokens.indexOf(c));
  // Three alignments, so windows end on every symbol.
  const parts = [0, 1, 2].map((k) => nextCharSequences(ids.slice(k), 12, 3));
  const N = parts.reduce((a, p) => a + p.x.shape[0], 0);
  const cat = (ts: Tensor[]) =>
    new Tensor(Float32Array.from(ts.flatMap((t) => Array.from(t.data))), [N, ...ts[0].shape.slice(1)]);
  const x = cat(parts.map((p) => p.x)),
    ySeq = cat(parts.map((p) => p.y));
  // [null, 3] with a per-step softmax streams one token at a time; a fixed [12, 3] window with a
  // last-step head re-reads the window for every token.
  for (const fixed of [false, true]) {
    setRandomSeed(4);
    const model = sequential([
      lstm({ units: 8, returnSequences: !fixed, inputShape: [fixed ? 12 : null, 3] }),
      dense({ units: 3, activation: 'softmax' }),
    ]);
    model.compile({ optimizer: adam({ learningRate: 0.05 }), loss: 'sparseCategoricalCrossentropy' });
    const y = fixed
      ? new Tensor(
          Float32Array.from({ length: N }, (_, n) => ySeq.data[n * 12 + 11]),
          [N, 1],
        )
      : ySeq;
    await model.fit(x, y, { epochs: 150, batchSize: N });
    assert.equal(
      generateText(model, vocabulary, 'ab', { length: 9, temperature: 0.3 }),
      'cabcabcab',
      fixed ? 'fixed window' : 'streaming',
    );
  }
});

test('vocabularyFromJson reads arrays, { chars } and saved vocabularies; anything else is a FormatError', () => {
  assert.deepEqual(vocabularyFromJson(['a', 'b']).tokens, ['a', 'b']);
  assert.equal(vocabularyFromJson({ chars: ['x', 'y'] }).level, 'char');
  assert.equal(vocabularyFromJson(['to', 'be']).level, 'word');
  const v = buildVocabulary('hello');
  assert.deepEqual(vocabularyFromJson(JSON.parse(JSON.stringify(v))), v);
  for (const [bad, message] of [
    [null, /no token list.*got null/],
    [{}, /no token list/],
    [[], /no token list/],
    [['a', 1], /token 1 is 1; tokens are non-empty strings/],
    [['a', 'a'], /"a" appears twice \(ids 0 and 1\)/],
    [{ kind: 'vocabulary', level: 'byte', tokens: ['a'] }, /level must be "char" or "word"/],
  ] as const)
    assert.throws(
      () => vocabularyFromJson(bad, 'vocab.json'),
      (e) => e instanceof FormatError && message.test(e.message) && e.message.startsWith('vocab.json: '),
    );
});
