// Padding variable-length sequences to one length, with the mask a Masking layer or a masked loss
// needs. Follows keras.utils.pad_sequences: defaults padding 'pre', truncating 'pre', value 0.

import { checkOneOf, ConfigError, DataError } from '../errors.js';

/** Options of padSequences(). */
export interface PadOptions {
  /** Output length. Default: the longest sequence. */
  maxLen?: number;
  /** Where padding goes. Default 'pre' (as Keras). */
  padding?: 'pre' | 'post';
  /** Which end of a too-long sequence is cut. Default 'pre' (keeps the most recent steps). */
  truncating?: 'pre' | 'post';
  /** Padding value. Default 0. */
  value?: number;
}

/** Padded sequences and a mask (true where the step is real data). */
export interface Padded<T> {
  /** [samples, maxLen] for numbers, [samples, maxLen, features] for vectors. */
  x: T[][];
  mask: boolean[][];
  /** Real steps kept per sequence (after truncation). */
  lengths: number[];
}

/**
 * Pads (and truncates) sequences of numbers, or of feature vectors, to one length.
 * @example
 * padSequences([[1, 2, 3], [4]], { maxLen: 2 })
 * //=> { x: [[2, 3], [0, 4]], mask: [[true, true], [false, true]], lengths: [2, 1] }
 */
export function padSequences(sequences: ArrayLike<ArrayLike<number>>, options?: PadOptions): Padded<number>;
export function padSequences(
  sequences: ArrayLike<ArrayLike<ArrayLike<number>>>,
  options?: PadOptions,
): Padded<number[]>;
export function padSequences(
  sequences: ArrayLike<ArrayLike<number | ArrayLike<number>>>,
  options: PadOptions = {},
): Padded<number | number[]> {
  const where = 'padSequences()';
  if (!sequences || typeof sequences.length !== 'number' || sequences.length === 0)
    throw new DataError('expected a non-empty array of sequences', where);
  const padding = checkOneOf(options.padding ?? 'pre', ['pre', 'post'] as const, 'padding', where);
  const truncating = checkOneOf(options.truncating ?? 'pre', ['pre', 'post'] as const, 'truncating', where);
  const value = options.value ?? 0;
  if (typeof value !== 'number' || Number.isNaN(value))
    throw new ConfigError(`value must be a number, got ${JSON.stringify(value)}`, where);
  let longest = 0;
  let features: number | undefined; // -1: scalar steps; set by the first step seen
  for (let i = 0; i < sequences.length; i++) {
    const s = sequences[i];
    if (!s || typeof s.length !== 'number' || typeof s === 'string')
      throw new DataError(`sequence ${i} is not an array`, where);
    longest = Math.max(longest, s.length);
    for (let k = 0; k < s.length; k++) {
      const step = s[k];
      const f = typeof step === 'number' ? -1 : step && typeof step.length === 'number' ? step.length : -2;
      if (f === -2)
        throw new DataError(
          `sequence ${i}, step ${k} is ${String(step)}; expected a number or an array of numbers`,
          where,
        );
      const what = (n: number) => (n < 0 ? 'a number' : `${n} features`);
      if (features === undefined) features = f;
      else if (f !== features)
        throw new DataError(
          `ragged steps: sequence ${i}, step ${k} has ${what(f)} but the first step has ${what(features)}`,
          where,
        );
      const values = typeof step === 'number' ? [step] : Array.from(step);
      values.forEach((v) => {
        if (typeof v !== 'number' || !Number.isFinite(v))
          throw new DataError(`sequence ${i}, step ${k} holds ${String(v)}; expected finite numbers`, where);
      });
    }
  }
  const maxLen = options.maxLen ?? longest;
  if (!Number.isInteger(maxLen) || maxLen < 1)
    throw new ConfigError(`maxLen must be a positive integer, got ${JSON.stringify(maxLen)}`, where);
  const width = features ?? -1;
  const padStep = () => (width < 0 ? value : new Array<number>(width).fill(value));
  const x: (number | number[])[][] = [],
    mask: boolean[][] = [],
    lengths: number[] = [];
  for (let i = 0; i < sequences.length; i++) {
    const all = Array.from(sequences[i], (step) => (typeof step === 'number' ? step : Array.from(step)));
    const kept =
      all.length <= maxLen ? all : truncating === 'pre' ? all.slice(all.length - maxLen) : all.slice(0, maxLen);
    const pad = Array.from({ length: maxLen - kept.length }, padStep);
    x.push(padding === 'pre' ? [...pad, ...kept] : [...kept, ...pad]);
    const m = kept.map(() => true),
      p = pad.map(() => false);
    mask.push(padding === 'pre' ? [...p, ...m] : [...m, ...p]);
    lengths.push(kept.length);
  }
  return { x, mask, lengths };
}
