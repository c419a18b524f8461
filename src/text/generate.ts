// Text from a trained character (or word) model: the prompt goes in, then one token at a time is
// sampled from the last step's distribution and fed back. A Sequential model of unidirectional
// recurrent layers over any length (inputShape [null, ...]) carries its state from token to token (one
// step each, like char-rnn's sampler). A model of a fixed length T was trained on windows of T tokens
// from a zero state, so it re-reads the latest T tokens for every new one (a shorter prompt is padded
// on the left with its first token); other models re-read up to maxContext tokens.

import { ConfigError, DataError, FormatError, ShapeError } from '../errors.js';
import { decodeText, encodeText, type Vocabulary } from '../data/vocabulary.js';
import type { Layer } from '../layers/layer.js';
import { RecurrentRuntime } from '../layers/recurrent.js';
import type { Model } from '../model/model.js';
import { Sequential } from '../model/sequential.js';
import { Rng } from '../rng.js';
import { shapeString, Tensor } from '../tensor.js';
import { checkSampleOptions, DEFAULT_TEMPERATURE, lastStep, sampleIndex } from './sampling.js';

/** The defaults of generateText() (and of `lstmkit generate`), defined once. */
export const GENERATE_DEFAULTS = { length: 200, temperature: DEFAULT_TEMPERATURE, seed: 1, maxContext: 200 } as const;

/** Options of generateText(). */
export interface GenerateOptions {
  /** Tokens to generate. Default 200. */
  length?: number;
  /** Default 1 (see sampleIndex). */
  temperature?: number;
  /** Sample among the k most likely tokens only. Default all. */
  topK?: number;
  /** Seeds the sampling. Default 1. */
  seed?: number;
  /** Tokens a window-reading model sees at most (models with a fixed length see that many). Default 200. */
  maxContext?: number;
}

/** How the model reads tokens: one-hot rows [steps, V], one id per step [steps, 1], or ids [steps] (embedding). */
type InputKind = 'oneHot' | 'idFeature' | 'ids';

function inputKind(shape: number[], V: number, where: string): InputKind {
  if (shape.length === 2 && shape[1] === V) return 'oneHot';
  if (shape.length === 2 && shape[1] === 1) return 'idFeature';
  if (shape.length === 1) return 'ids';
  throw new ShapeError(
    `the model reads ${shapeString(shape)} per sample; a text model reads one-hot tokens [steps, ${V}], one id per step [steps, 1] or ids [steps] (an embedding)`,
    where,
  );
}

function encodeInput(ids: number[], kind: InputKind, V: number): Tensor {
  const T = ids.length;
  if (kind !== 'oneHot') return new Tensor(Float32Array.from(ids), kind === 'ids' ? [1, T] : [1, T, 1]);
  const x = new Float32Array(T * V);
  ids.forEach((id, t) => {
    x[t * V + id] = 1;
  });
  return new Tensor(x, [1, T, V]);
}

/** The activation of a model's last layer (looking inside timeDistributed). */
function outputActivation(layer: Layer): unknown {
  const c = layer.getConfig() as { activation?: unknown; layer?: { config?: { activation?: unknown } } };
  return c.activation ?? c.layer?.config?.activation;
}

/** The recurrent runtimes of a Sequential model that can read one token at a time, or null. */
function streamable(model: Model, fixedLength: boolean): RecurrentRuntime[] | null {
  if (!(model instanceof Sequential) || fixedLength) return null;
  if (model.layers.some((l) => l.className === 'Bidirectional')) return null;
  const runtimes = model.layers.flatMap((l) => {
    const r = (l as { runtime?: unknown }).runtime;
    return r instanceof RecurrentRuntime ? [r] : [];
  });
  return runtimes.length > 0 ? runtimes : null;
}

/**
 * Continues `prompt` with `length` tokens sampled from the model (temperature, optional top-k), seeded.
 * The model maps token sequences to a distribution over the vocabulary (softmax; logits when the last
 * layer has no softmax) at the last step.
 * @example const text = generateText(model, vocabulary, 'ROMEO:', { length: 100, temperature: 0.8 });
 */
export function generateText(
  model: Model,
  vocabulary: Vocabulary,
  prompt: string,
  options: GenerateOptions = {},
): string {
  const where = 'generateText()';
  const { temperature, topK } = checkSampleOptions(options, where);
  const length = options.length ?? GENERATE_DEFAULTS.length;
  if (!Number.isInteger(length) || length < 0)
    throw new ConfigError(`length must be a non-negative integer, got ${JSON.stringify(options.length)}`, where);
  if (typeof prompt !== 'string' || prompt.length === 0)
    throw new DataError('the prompt must be a non-empty string (the text to continue)', where);
  const V = vocabulary.tokens.length;
  const ids = encodeText(vocabulary, prompt);
  if (ids.length === 0) throw new DataError('the prompt has no tokens', where);
  const shape = model.inputShapes()?.[0];
  if (!shape) throw new ShapeError('the model is not built; train or load it first', where);
  const kind = inputKind(shape, V, where);
  const outputs = model.layers.at(-1)!;
  const logits = outputActivation(outputs) !== 'softmax';
  const rng = new Rng(options.seed ?? GENERATE_DEFAULTS.seed);
  const fixed = !Number.isNaN(shape[0]);
  const draw = (out: Tensor) => {
    const dist = lastStep(out);
    if (dist.length !== V)
      throw new ShapeError(
        `the model predicts ${dist.length} values per step but the vocabulary has ${V} tokens`,
        where,
      );
    return sampleIndex(dist, { rng, temperature, ...(topK ? { topK } : {}), logits });
  };
  const out: number[] = [];
  const runtimes = streamable(model, fixed);
  if (runtimes) {
    const carried = runtimes.map((r) => r.carry);
    try {
      for (const r of runtimes) {
        r.carry = true;
        r.reset();
      }
      let next = draw(model.predictOutputs(encodeInput(ids, kind, V))[0]);
      for (let i = 0; i < length; i++) {
        out.push(next);
        if (i + 1 < length) next = draw(model.predictOutputs(encodeInput([next], kind, V))[0]);
      }
    } finally {
      runtimes.forEach((r, i) => {
        r.carry = carried[i];
        r.reset();
      });
    }
  } else {
    const window = fixed ? shape[0] : (options.maxContext ?? GENERATE_DEFAULTS.maxContext);
    const text = [...ids];
    for (let i = 0; i < length; i++) {
      const ctx = text.slice(-window);
      while (fixed && ctx.length < window) ctx.unshift(ctx[0]);
      const next = draw(model.predictOutputs(encodeInput(ctx, kind, V))[0]);
      text.push(next);
      out.push(next);
    }
  }
  return decodeText(vocabulary, out);
}

/**
 * A vocabulary read from JSON: an array of its tokens in id order (characters for a character model),
 * { chars: [...] }, or a saved Vocabulary ({ kind: 'vocabulary', level, tokens, ... }).
 * @example vocabularyFromJson(['a', 'b']).tokens  //=> ['a', 'b']
 */
export function vocabularyFromJson(value: unknown, where = 'vocabulary'): Vocabulary {
  const shape =
    'expected an array of the tokens in id order (e.g. ["a","b"]), { "chars": [...] }, or a saved vocabulary { "kind": "vocabulary", "level": "char", "tokens": [...] }';
  const obj = value as { kind?: unknown; chars?: unknown; tokens?: unknown; level?: unknown; lower?: unknown } | null;
  const tokens = Array.isArray(value)
    ? value
    : obj && typeof obj === 'object'
      ? obj.kind === 'vocabulary'
        ? obj.tokens
        : obj.chars
      : undefined;
  const got = JSON.stringify(value)?.slice(0, 40) ?? String(value);
  if (!Array.isArray(tokens) || tokens.length === 0)
    throw new FormatError(`the vocabulary has no token list; ${shape}; got ${got}`, where);
  const bad = tokens.findIndex((t) => typeof t !== 'string' || t.length === 0);
  if (bad >= 0)
    throw new FormatError(`token ${bad} is ${JSON.stringify(tokens[bad])}; tokens are non-empty strings`, where);
  const dup = tokens.findIndex((t, i) => tokens.indexOf(t) !== i);
  if (dup >= 0)
    throw new FormatError(
      `token ${JSON.stringify(tokens[dup])} appears twice (ids ${tokens.indexOf(tokens[dup])} and ${dup})`,
      where,
    );
  if (obj && !Array.isArray(value) && obj.kind === 'vocabulary') {
    if (obj.level !== 'char' && obj.level !== 'word')
      throw new FormatError(`level must be "char" or "word", got ${JSON.stringify(obj.level)}`, where);
    return { ...(obj as Vocabulary), tokens: [...tokens] };
  }
  const level = tokens.every((t) => [...t].length === 1) ? 'char' : 'word';
  return { kind: 'vocabulary', level, tokens: [...tokens], lower: false };
}
