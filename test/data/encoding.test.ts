// Categories, vocabularies, padding and missing values: examples, round trips, policies, errors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fitCategories, labelDecode, labelEncode, oneHotDecode, oneHotEncode } from '../../src/data/encoding.js';
import { dropMissing, fillMissing, findMissing, isMissing, NA_TOKENS, toNumbers } from '../../src/data/missing.js';
import { padSequences } from '../../src/data/padding.js';
import { buildVocabulary, decodeText, encodeText, tokenize } from '../../src/data/vocabulary.js';
import { ConfigError, DataError, StateError } from '../../src/errors.js';
import { Rng } from '../../src/rng.js';

test('fitCategories / labelEncode / labelDecode @examples (sklearn LabelEncoder order)', () => {
  assert.deepEqual(fitCategories(['NW', 'cv', 'NE', 'NW']).classes, ['NE', 'NW', 'cv']);
  assert.deepEqual(labelEncode(fitCategories(['NW', 'cv', 'NE']), ['cv', 'NE']), [2, 0]);
  assert.deepEqual(labelDecode(fitCategories(['a', 'b']), [1, 0]), ['b', 'a']);
  // the PM2.5 wind directions: sklearn gives NE=0, NW=1, SE=2, cv=3
  assert.deepEqual(labelEncode(fitCategories(['SE', 'cv', 'NW', 'NE']), ['NE', 'NW', 'SE', 'cv']), [0, 1, 2, 3]);
});

test('oneHotEncode / oneHotDecode @examples and the three unknown policies', () => {
  assert.deepEqual(oneHotEncode(fitCategories(['a', 'b', 'c']), ['b']), [[0, 1, 0]]);
  assert.deepEqual(
    oneHotDecode(fitCategories(['a', 'b', 'c']), [
      [0.1, 0.2, 0.7],
      [0, 0, 0],
    ]),
    ['c', null],
  );
  const strict = fitCategories(['a', 'b']);
  assert.throws(
    () => oneHotEncode(strict, ['z']),
    (e: Error) => e instanceof DataError && /unknown category "z" at index 0/.test(e.message),
  );
  const ignore = fitCategories(['a', 'b'], { handleUnknown: 'ignore' });
  assert.deepEqual(oneHotEncode(ignore, ['z', 'a']), [
    [0, 0],
    [1, 0],
  ]);
  assert.deepEqual(labelEncode(ignore, ['z']), [-1]);
  const slot = fitCategories(['a', 'b'], { handleUnknown: 'unknownSlot' });
  assert.deepEqual(oneHotEncode(slot, ['z', 'b']), [
    [0, 0, 1],
    [0, 1, 0],
  ]);
  assert.deepEqual(labelDecode(slot, labelEncode(slot, ['z', 'a'])), [null, 'a']);
  assert.deepEqual(oneHotDecode(slot, oneHotEncode(slot, ['z', 'b'])), [null, 'b']);
});

test('label and one-hot round trips on random categories (seeded), numbers as categories', () => {
  const rng = new Rng(8);
  const pool = ['x', 'y', 'z', 'w', 'v', 'Q', '10', '9'];
  for (let trial = 0; trial < 20; trial++) {
    const values = Array.from({ length: 30 }, () => pool[rng.int(pool.length)]);
    const enc = JSON.parse(JSON.stringify(fitCategories(values)));
    assert.deepEqual(labelDecode(enc, labelEncode(enc, values)), values);
    assert.deepEqual(oneHotDecode(enc, oneHotEncode(enc, values)), values);
  }
  assert.deepEqual(labelEncode(fitCategories([3, 1, 2]), [1, 3]), [0, 2]);
});

test('encoding errors: before fit, missing category, bad code', () => {
  assert.throws(
    () => labelEncode(undefined as never, ['a']),
    (e: Error) => e instanceof StateError && /not fitted/.test(e.message),
  );
  assert.throws(
    () => fitCategories(['a', null as never]),
    (e: Error) => e instanceof DataError && /index 1 is null/.test(e.message),
  );
  assert.throws(
    () => labelDecode(fitCategories(['a']), [5]),
    (e: Error) => e instanceof DataError && /0\.\.0/.test(e.message),
  );
  assert.throws(() => fitCategories(['a'], { handleUnknown: 'skip' as 'error' }), ConfigError);
});

test('tokenize / buildVocabulary / encodeText / decodeText @examples', () => {
  assert.deepEqual(tokenize('to be', 'word'), ['to', 'be']);
  assert.deepEqual(buildVocabulary('hello').tokens, ['e', 'h', 'l', 'o']);
  assert.deepEqual(encodeText(buildVocabulary('hello'), 'hole'), [1, 3, 2, 0]);
  assert.equal(decodeText(buildVocabulary('hello'), [1, 3, 2, 0]), 'hole');
});

test('word vocabulary: frequency order, specials, maxSize, OOV, lower-case', () => {
  const v = buildVocabulary('the cat and The dog and the end', {
    level: 'word',
    lower: true,
    padToken: '<pad>',
    oovToken: '<unk>',
    maxSize: 5,
  });
  assert.deepEqual(v.tokens, ['<pad>', '<unk>', 'the', 'and', 'cat']);
  assert.deepEqual(encodeText(v, 'The bird'), [2, 1]);
  assert.equal(decodeText(v, [0, 0, 2, 4]), 'the cat');
  assert.throws(
    () => encodeText(buildVocabulary('ab'), 'abc'),
    (e: Error) => e instanceof DataError && /"c" at position 2/.test(e.message),
  );
  assert.throws(() => encodeText({} as never, 'a'), StateError);
});

test('char vocabulary of tiny-shakespeare: 65 characters, exact round trip (as char-rnn)', () => {
  let text: string;
  try {
    text = readFileSync(new URL('../../../shared/data/tinyshakespeare.txt', import.meta.url), 'utf8');
  } catch {
    text = 'First Citizen:\nBefore we proceed any further, hear me speak.\n';
  }
  const v = buildVocabulary(text);
  if (text.length > 1e6) assert.equal(v.tokens.length, 65);
  const sample = text.slice(0, 2000);
  assert.equal(decodeText(v, encodeText(v, sample)), sample);
});

test('padSequences @example and the Keras options', () => {
  assert.deepEqual(padSequences([[1, 2, 3], [4]], { maxLen: 2 }), {
    x: [
      [2, 3],
      [0, 4],
    ],
    mask: [
      [true, true],
      [false, true],
    ],
    lengths: [2, 1],
  });
  const post = padSequences([[1, 2, 3], [4]], { maxLen: 2, padding: 'post', truncating: 'post', value: -1 });
  assert.deepEqual(post.x, [
    [1, 2],
    [4, -1],
  ]);
  assert.deepEqual(post.mask, [
    [true, true],
    [true, false],
  ]);
  const vec = padSequences([
    [[1, 2]],
    [
      [3, 4],
      [5, 6],
    ],
  ]);
  assert.deepEqual(vec.x, [
    [
      [0, 0],
      [1, 2],
    ],
    [
      [3, 4],
      [5, 6],
    ],
  ]);
  assert.throws(
    () => padSequences([[[1, 2]], [[3]]]),
    (e: Error) => e instanceof DataError && /ragged steps: sequence 1, step 0 has 1 features/.test(e.message),
  );
  assert.throws(() => padSequences([]), DataError);
  assert.throws(() => padSequences([[1]], { maxLen: 0 }), ConfigError);
  const input = [[1, 2, 3], [4]];
  padSequences(input, { maxLen: 1 });
  assert.deepEqual(input, [[1, 2, 3], [4]]);
});

test('isMissing / toNumbers / findMissing / dropMissing @examples', () => {
  assert.deepEqual(
    [Number.NaN, null, '', 'NA', 0, '3'].map((v) => isMissing(v)),
    [true, true, true, true, false, false],
  );
  assert.equal(NA_TOKENS.includes('NA'), true);
  assert.deepEqual(toNumbers(['1', 'NA', 2.5, null]), [1, Number.NaN, 2.5, Number.NaN]);
  assert.deepEqual(findMissing([1, Number.NaN, 'NA', 4]), [1, 2]);
  assert.deepEqual(dropMissing([1, Number.NaN, 3]), { values: [1, 3], index: [0, 2] });
  assert.deepEqual(
    dropMissing([
      [1, 2],
      [3, 'NA'],
      [5, 6],
    ]),
    {
      values: [
        [1, 2],
        [5, 6],
      ],
      index: [0, 2],
    },
  );
});

test('fillMissing @example and every method', () => {
  assert.deepEqual(fillMissing([1, Number.NaN, 3, 'NA', 5], { method: 'interpolate' }), [1, 2, 3, 4, 5]);
  const x = ['', 2, Number.NaN, Number.NaN, 8, null];
  assert.deepEqual(fillMissing(x, { method: 'value', value: -1 }), [-1, 2, -1, -1, 8, -1]);
  assert.deepEqual(fillMissing(x, { method: 'interpolate' }), [2, 2, 4, 6, 8, 8]);
  assert.deepEqual(fillMissing([1, Number.NaN, 3], { method: 'ffill' }), [1, 1, 3]);
  assert.deepEqual(fillMissing([1, Number.NaN, 3], { method: 'bfill' }), [1, 3, 3]);
  assert.deepEqual(
    fillMissing(
      [
        [1, 2],
        [Number.NaN, 4],
        [5, 6],
      ],
      { method: 'mask', value: -9 },
    ),
    [
      [1, 2],
      [-9, -9],
      [5, 6],
    ],
  );
  assert.deepEqual(
    fillMissing(
      [
        [1, 2],
        [Number.NaN, 4],
        [5, Number.NaN],
      ],
      { method: 'ffill' },
    ),
    [
      [1, 2],
      [1, 4],
      [5, 4],
    ],
  );
  assert.throws(
    () => fillMissing([Number.NaN, 1], { method: 'ffill' }),
    (e: Error) => e instanceof DataError && /first value is missing/.test(e.message),
  );
  assert.throws(
    () => fillMissing([1, Number.NaN], { method: 'bfill' }),
    (e: Error) => e instanceof DataError && /last value/.test(e.message),
  );
  assert.throws(
    () => fillMissing(['x'], { method: 'value' }),
    (e: Error) => e instanceof DataError && /index 0 is "x"/.test(e.message),
  );
  assert.throws(
    () => fillMissing([[1], [2, 3]], { method: 'value' }),
    (e: Error) => e instanceof DataError && /ragged rows: row 1/.test(e.message),
  );
  assert.throws(() => fillMissing([1], { method: 'mean' as 'value' }), ConfigError);
});

test('fillMissing never changes known values, and interpolation reads only the two neighbours (seeded)', () => {
  const rng = new Rng(17);
  for (let trial = 0; trial < 30; trial++) {
    const x = Array.from({ length: 25 }, (_, i) => (rng.next() < 0.3 && i > 0 && i < 24 ? Number.NaN : rng.normal()));
    for (const method of ['value', 'ffill', 'bfill', 'interpolate'] as const) {
      const y = fillMissing(x, { method });
      x.forEach((v, i) => {
        if (!Number.isNaN(v)) assert.equal(y[i], v);
        else assert.ok(Number.isFinite(y[i]));
      });
    }
  }
});
