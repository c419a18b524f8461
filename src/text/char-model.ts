// A character language model (Karpathy's char-rnn setting): data preparation (one-hot characters, the
// next character as the target at every step), the model (stacked LSTMs over any length, a softmax over
// the vocabulary), training with truncated BPTT on the first part of a text, and the held-out loss in
// nats per character beside a unigram model's.

import { ConfigError, DataError } from '../errors.js';
import { buildVocabulary, encodeText, type Vocabulary } from '../data/vocabulary.js';
import { dense } from '../layers/dense.js';
import { lstm } from '../layers/lstm.js';
import type { Callback, History } from '../model/callbacks.js';
import { type Sequential, sequential } from '../model/sequential.js';
import { adam } from '../optim/optimizer.js';
import { setRandomSeed } from '../rng.js';
import { Tensor } from '../tensor.js';

/**
 * Cuts token ids into non-overlapping sequences of `seqLength`: one-hot inputs x (N,L,V) and the next
 * token of every step as the target y (N,L,1). A last partial sequence is dropped.
 * @example nextCharSequences([0, 1, 2, 0, 1], 2, 3).y.data  //=> Float32Array [1, 2, 0, 1]
 */
export function nextCharSequences(
  ids: ArrayLike<number>,
  seqLength: number,
  vocabSize: number,
): { x: Tensor; y: Tensor } {
  const where = 'nextCharSequences()';
  if (!Number.isInteger(seqLength) || seqLength < 1)
    throw new ConfigError(`seqLength must be a positive integer, got ${seqLength}`, where);
  const L = seqLength,
    V = vocabSize,
    N = Math.floor((ids.length - 1) / L);
  if (N < 1)
    throw new DataError(
      `${ids.length} tokens make no sequence of ${L} inputs and targets; use a shorter seqLength`,
      where,
    );
  const x = new Float32Array(N * L * V),
    y = new Float32Array(N * L);
  for (let n = 0; n < N; n++)
    for (let t = 0; t < L; t++) {
      const id = ids[n * L + t];
      if (!Number.isInteger(id) || id < 0 || id >= V)
        throw new DataError(`token id ${id} at position ${n * L + t} is outside 0..${V - 1}`, where);
      x[(n * L + t) * V + id] = 1;
      y[n * L + t] = ids[n * L + t + 1];
    }
  return { x: new Tensor(x, [N, L, V]), y: new Tensor(y, [N, L, 1]) };
}

/**
 * The defaults of trainText() (and of `lstmkit train-text`), defined once: Karpathy's char-rnn sizes
 * with a shorter truncated-BPTT window.
 */
export const TRAIN_TEXT_DEFAULTS = {
  seqLength: 100,
  units: 128,
  layers: 2,
  epochs: 1,
  batchSize: 32,
  tbptt: 25,
  learningRate: 0.002,
  validationSplit: 0.1,
  seed: 1,
} as const;

/** Options of charModel(). */
export interface CharModelConfig {
  vocabSize: number;
  /** Units of each LSTM. Default 128. */
  units?: number;
  /** Stacked LSTMs. Default 2. */
  layers?: number;
}

/**
 * Stacked LSTMs over one-hot characters of any length (inputShape [null, V]) and a softmax over the
 * vocabulary at every step.
 * @example const model = charModel({ vocabSize: 65, units: 128, layers: 2 });
 */
export function charModel(config: CharModelConfig): Sequential {
  const V = config.vocabSize,
    layers = config.layers ?? TRAIN_TEXT_DEFAULTS.layers;
  if (!Number.isInteger(layers) || layers < 1)
    throw new ConfigError(`layers must be a positive integer, got ${config.layers}`, 'charModel()');
  return sequential([
    ...Array.from({ length: layers }, (_, i) =>
      lstm({
        units: config.units ?? TRAIN_TEXT_DEFAULTS.units,
        returnSequences: true,
        ...(i === 0 ? { inputShape: [null, V] } : {}),
      }),
    ),
    dense({ units: V, activation: 'softmax' }),
  ]);
}

/**
 * Cross-entropy (nats per token) of `held` under the unigram distribution of `train`, with add-one
 * smoothing: the baseline a sequence model must beat.
 * @example unigramCrossEntropy([0, 0, 1], [0], 2)  //=> -Math.log(3 / 5)
 */
export function unigramCrossEntropy(train: ArrayLike<number>, held: ArrayLike<number>, vocabSize: number): number {
  if (held.length === 0) throw new DataError('the held-out text is empty', 'unigramCrossEntropy()');
  const counts = new Float64Array(vocabSize).fill(1);
  for (let i = 0; i < train.length; i++) counts[train[i]]++;
  const total = train.length + vocabSize;
  let s = 0;
  for (let i = 0; i < held.length; i++) s -= Math.log(counts[held[i]] / total);
  return s / held.length;
}

/** Options of trainText(). */
export interface TrainTextOptions {
  /** Characters per training sequence. Default 100. */
  seqLength?: number;
  /** Units of each LSTM. Default 128. */
  units?: number;
  /** Stacked LSTMs. Default 2. */
  layers?: number;
  /** Default 1. */
  epochs?: number;
  /** Default 32. */
  batchSize?: number;
  /** Truncated BPTT window: k1 = k2 steps per update. Default 25. */
  tbptt?: number;
  /** Adam's rate. Default 0.002. */
  learningRate?: number;
  /** The last fraction of the text, held out for the validation loss (0 for none). Default 0.1. */
  validationSplit?: number;
  /** Seeds weights and shuffling. Default 1. */
  seed?: number;
  callbacks?: Callback[];
}

export interface TrainTextResult {
  model: Sequential;
  vocabulary: Vocabulary;
  history: History;
  /** Held-out cross-entropy, nats per character (null without a validation part). */
  valLoss: number | null;
  /** The unigram model's cross-entropy on the same held-out text (null without one). */
  unigramLoss: number | null;
}

/**
 * Trains a character model on the first part of `text` (see TrainTextOptions) and scores it on the rest.
 * @example const { model, vocabulary, valLoss } = await trainText(text, { units: 64, epochs: 3 });
 */
export async function trainText(text: string, options: TrainTextOptions = {}): Promise<TrainTextResult> {
  const where = 'trainText()';
  const split = options.validationSplit ?? TRAIN_TEXT_DEFAULTS.validationSplit;
  if (typeof split !== 'number' || !(split >= 0 && split < 1))
    throw new ConfigError(`validationSplit must be in [0, 1), got ${JSON.stringify(options.validationSplit)}`, where);
  const L = options.seqLength ?? TRAIN_TEXT_DEFAULTS.seqLength;
  setRandomSeed(options.seed ?? TRAIN_TEXT_DEFAULTS.seed);
  const vocabulary = buildVocabulary(text, { level: 'char' });
  const V = vocabulary.tokens.length;
  const ids = encodeText(vocabulary, text);
  const cut = Math.floor(ids.length * (1 - split));
  const train = nextCharSequences(ids.slice(0, cut), L, V);
  const held = split > 0 ? nextCharSequences(ids.slice(cut), Math.min(L, ids.length - cut - 1), V) : null;
  const model = charModel({
    vocabSize: V,
    ...(options.units ? { units: options.units } : {}),
    layers: options.layers ?? TRAIN_TEXT_DEFAULTS.layers,
  });
  model.compile({
    optimizer: adam({ learningRate: options.learningRate ?? TRAIN_TEXT_DEFAULTS.learningRate }),
    loss: 'sparseCategoricalCrossentropy',
  });
  const k = Math.min(options.tbptt ?? TRAIN_TEXT_DEFAULTS.tbptt, L);
  const history = await model.fit(train.x, train.y, {
    epochs: options.epochs ?? TRAIN_TEXT_DEFAULTS.epochs,
    batchSize: options.batchSize ?? TRAIN_TEXT_DEFAULTS.batchSize,
    tbptt: { k1: k, k2: k },
    ...(held ? { validationData: [held.x, held.y] as [Tensor, Tensor] } : {}),
    ...(options.callbacks ? { callbacks: options.callbacks } : {}),
  });
  const valLoss = held ? model.evaluate(held.x, held.y, { batchSize: 64 }).loss : null;
  const unigramLoss = held ? unigramCrossEntropy(ids.slice(0, cut), held.y.data, V) : null;
  return { model, vocabulary, history, valLoss, unigramLoss };
}
