// Sampling the next token from a model's output: temperature and top-k over probabilities (a softmax
// output) or logits, with the seeded Rng. The distribution is the output's LAST step (a sequence model
// predicts a distribution at every step; only the last one follows the text so far).

import { ConfigError, ShapeError } from '../errors.js';
import type { Rng } from '../rng.js';
import { shapeString, type Tensor } from '../tensor.js';

export interface SampleOptions {
  /** Seeded generator to draw with. */
  rng: Rng;
  /** Divides the log-probabilities (> 0): below 1 sharper, above 1 flatter. Default 1. */
  temperature?: number;
  /** Draw only among the k most likely tokens. Default all. */
  topK?: number;
  /** The values are logits (unnormalized log-probabilities) rather than probabilities. Default false. */
  logits?: boolean;
}

/** The sampling temperature when none is given: the model's own distribution. */
export const DEFAULT_TEMPERATURE = 1;

/** Checks temperature and topK; returns them resolved. */
export function checkSampleOptions(
  o: Omit<SampleOptions, 'rng'>,
  where: string,
): { temperature: number; topK: number } {
  const temperature = o.temperature ?? DEFAULT_TEMPERATURE,
    topK = o.topK ?? 0;
  if (typeof temperature !== 'number' || !(temperature > 0) || !Number.isFinite(temperature))
    throw new ConfigError(`temperature must be a positive number, got ${JSON.stringify(o.temperature)}`, where);
  if (o.topK !== undefined && (!Number.isInteger(topK) || topK < 1))
    throw new ConfigError(`topK must be a positive integer, got ${JSON.stringify(o.topK)}`, where);
  return { temperature, topK };
}

/**
 * Draws an index from a distribution: p_i ∝ exp(log(p_i) / temperature), or exp(z_i / temperature) for
 * logits, restricted to the topK largest.
 * @example sampleIndex([0.1, 0.9], { rng: new Rng(1), temperature: 0.01 })  //=> 1
 */
export function sampleIndex(values: ArrayLike<number>, options: SampleOptions): number {
  const where = 'sampleIndex()';
  const { temperature, topK } = checkSampleOptions(options, where);
  const n = values.length;
  if (n === 0) throw new ShapeError('the distribution is empty', where);
  const scores = Float64Array.from({ length: n }, (_, i) => {
    const v = values[i];
    if (!Number.isFinite(v) || (!options.logits && v < 0))
      throw new ShapeError(
        `value ${v} at index ${i} is not ${options.logits ? 'a finite logit' : 'a probability'}; pass { logits: true } for raw scores`,
        where,
      );
    return (options.logits ? v : Math.log(Math.max(v, 1e-30))) / temperature;
  });
  const order = Array.from({ length: n }, (_, i) => i);
  const keep = topK > 0 && topK < n ? order.sort((a, b) => scores[b] - scores[a]).slice(0, topK) : order;
  let max = -Infinity;
  for (const i of keep) max = Math.max(max, scores[i]);
  const weights = keep.map((i) => Math.exp(scores[i] - max));
  let u = options.rng.next() * weights.reduce((a, b) => a + b, 0);
  for (let j = 0; j < keep.length; j++) if ((u -= weights[j]) < 0) return keep[j];
  return keep[keep.length - 1];
}

/**
 * The distribution of the last step of a model's output for one sample: a (1,V) output as is, a
 * (1,T,V) sequence output's row T−1.
 * @example Array.from(lastStep(new Tensor(Float32Array.of(0.5, 0.5, 0.1, 0.9), [1, 2, 2])))  //=> [0.1, 0.9] (float32)
 */
export function lastStep(output: Tensor): Float32Array | Float64Array {
  if (output.rank < 2 || output.shape[0] !== 1)
    throw new ShapeError(
      `expected the output of one sample, (1, vocabulary) or (1, steps, vocabulary), got ${shapeString(output.shape)}`,
      'lastStep()',
    );
  const V = output.shape[output.rank - 1];
  return output.data.subarray(output.size - V);
}
