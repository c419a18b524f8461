// A character or word vocabulary for text models: token <-> integer id, as plain data. Character
// vocabularies are sorted (as char-rnn / min-char-rnn build them); word vocabularies are ordered by
// frequency (as Keras' Tokenizer), with optional padding and out-of-vocabulary tokens first.

import { checkOneOf, ConfigError, DataError, StateError } from '../errors.js';

/** A fitted vocabulary: tokens[id] is the token of id. */
export interface Vocabulary {
  kind: 'vocabulary';
  level: 'char' | 'word';
  tokens: string[];
  /** The token unknown text maps to (its id is tokens.indexOf(oovToken)); absent: unknown tokens throw. */
  oovToken?: string;
  /** The padding token (id 0) when set. */
  padToken?: string;
  lower: boolean;
}

/** Options of buildVocabulary(). */
export interface VocabularyOptions {
  /** 'char' (default) or 'word'. */
  level?: 'char' | 'word';
  /** Lower-case text first. Default false. */
  lower?: boolean;
  /** Keep at most this many tokens (most frequent first for words). */
  maxSize?: number;
  /** Drop tokens seen fewer times. Default 1. */
  minCount?: number;
  /** A token for unknown text (e.g. '<unk>'). */
  oovToken?: string;
  /** A padding token at id 0 (e.g. '<pad>'), for padSequences(..., { value: 0 }). */
  padToken?: string;
}

/**
 * Splits text into tokens: characters, or words separated by whitespace.
 * @example tokenize('to be', 'word')  //=> ['to', 'be']
 */
export function tokenize(text: string, level: 'char' | 'word' = 'char'): string[] {
  if (typeof text !== 'string') throw new DataError(`expected text (a string), got ${typeof text}`, 'tokenize()');
  return level === 'char' ? Array.from(text) : text.split(/\s+/).filter((w) => w.length > 0);
}

/**
 * Builds a vocabulary from training text.
 * @example buildVocabulary('hello').tokens  //=> ['e', 'h', 'l', 'o']
 */
export function buildVocabulary(text: string, options: VocabularyOptions = {}): Vocabulary {
  const where = 'buildVocabulary()';
  const level = checkOneOf(options.level ?? 'char', ['char', 'word'] as const, 'level', where);
  const lower = options.lower ?? false;
  const minCount = options.minCount ?? 1;
  if (!Number.isInteger(minCount) || minCount < 1)
    throw new ConfigError(`minCount must be a positive integer, got ${minCount}`, where);
  const counts = new Map<string, number>();
  for (const tok of tokenize(lower ? text.toLowerCase() : text, level)) counts.set(tok, (counts.get(tok) ?? 0) + 1);
  if (counts.size === 0) throw new DataError('the text has no tokens', where);
  let tokens = [...counts.keys()].filter((t) => counts.get(t)! >= minCount);
  const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const byCount = (a: string, b: string) => counts.get(b)! - counts.get(a)! || byCode(a, b);
  tokens.sort(level === 'char' ? byCode : byCount);
  const specials = [options.padToken, options.oovToken].filter((t): t is string => t !== undefined);
  if (options.maxSize !== undefined) {
    if (!Number.isInteger(options.maxSize) || options.maxSize <= specials.length) {
      throw new ConfigError(
        `maxSize must be an integer > ${specials.length} (the special tokens), got ${options.maxSize}`,
        where,
      );
    }
    const keep = new Set([...tokens].sort(byCount).slice(0, options.maxSize - specials.length));
    tokens = tokens.filter((t) => keep.has(t));
  }
  const vocab: Vocabulary = {
    kind: 'vocabulary',
    level,
    tokens: [...specials, ...tokens.filter((t) => !specials.includes(t))],
    lower,
  };
  if (options.oovToken !== undefined) vocab.oovToken = options.oovToken;
  if (options.padToken !== undefined) vocab.padToken = options.padToken;
  return vocab;
}

function check(v: unknown, where: string): Vocabulary {
  if (
    v === null ||
    typeof v !== 'object' ||
    (v as Vocabulary).kind !== 'vocabulary' ||
    !Array.isArray((v as Vocabulary).tokens)
  ) {
    throw new StateError('the vocabulary is not built; call buildVocabulary(trainText) first', where);
  }
  return v as Vocabulary;
}

/**
 * Text to ids. Unknown tokens map to the OOV id, or throw when the vocabulary has none.
 * @example encodeText(buildVocabulary('hello'), 'hole')  //=> [1, 3, 2, 0]
 */
export function encodeText(vocabulary: Vocabulary, text: string): number[] {
  const where = 'encodeText()';
  const v = check(vocabulary, where);
  const ids = new Map(v.tokens.map((t, i) => [t, i]));
  const oov = v.oovToken === undefined ? undefined : ids.get(v.oovToken);
  return tokenize(v.lower ? text.toLowerCase() : text, v.level).map((tok, i) => {
    const id = ids.get(tok) ?? oov;
    if (id === undefined)
      throw new DataError(
        `token ${JSON.stringify(tok)} at position ${i} is not in the vocabulary (build it with an oovToken to map unknown text)`,
        where,
      );
    return id;
  });
}

/**
 * Ids to text (characters joined; words joined by spaces). Padding ids are skipped.
 * @example decodeText(buildVocabulary('hello'), [1, 3, 2, 0])  //=> 'hole'
 */
export function decodeText(vocabulary: Vocabulary, ids: ArrayLike<number>): string {
  const where = 'decodeText()';
  const v = check(vocabulary, where);
  const parts: string[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!Number.isInteger(id) || id < 0 || id >= v.tokens.length)
      throw new DataError(`id at position ${i} is ${id}; expected an integer in 0..${v.tokens.length - 1}`, where);
    if (v.padToken !== undefined && id === 0) continue;
    parts.push(v.tokens[id]);
  }
  return parts.join(v.level === 'char' ? '' : ' ');
}
