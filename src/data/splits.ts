// Time-ordered splits: train/validation/test by position, and walk-forward splitters (expanding or
// sliding training window) that yield half-open index ranges. Nothing is shuffled: a test range
// always comes after its training range.

import { checkOneOf, checkPositiveInt, ConfigError, DataError } from '../errors.js';

/** A half-open index range [start, end). */
export interface Range {
  start: number;
  end: number;
}

/** Options of timeSplit(): each size is a count (integer >= 1) or a fraction in (0, 1). */
export interface TimeSplitOptions {
  /** Training size. Default: what remains after validation and test. */
  train?: number;
  validation?: number;
  test?: number;
}

function size(value: number | undefined, n: number, what: string, where: string): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !(value >= 0))
    throw new ConfigError(`${what} must be a count >= 0 or a fraction in (0, 1), got ${JSON.stringify(value)}`, where);
  if (value > 0 && value < 1) return Math.floor(n * value);
  if (!Number.isInteger(value))
    throw new ConfigError(`${what} must be an integer count or a fraction in (0, 1), got ${value}`, where);
  return value;
}

/**
 * Splits `n` time steps into consecutive train, validation and test ranges (in that order).
 * Fractions are floored as `int(n * f)` (the tutorials' `int(len * 0.67)`).
 * @example
 * timeSplit(144, { train: 0.67 })
 * //=> { train: { start: 0, end: 96 }, validation: { start: 96, end: 96 }, test: { start: 96, end: 144 } }
 */
export function timeSplit(n: number, options: TimeSplitOptions): { train: Range; validation: Range; test: Range } {
  const where = 'timeSplit()';
  checkPositiveInt(n, 'n (the number of time steps)', where);
  let val = size(options.validation, n, 'validation', where);
  let test = size(options.test, n, 'test', where);
  let train = size(options.train, n, 'train', where);
  if (options.train === undefined) train = n - val - test;
  else if (options.test === undefined) test = n - train - val;
  else if (options.validation === undefined) val = n - train - test;
  if (train < 1 || train + val + test > n || test < 0 || val < 0) {
    throw new DataError(
      `cannot split ${n} steps into train ${train}, validation ${val}, test ${test}: sizes must be >= 0, train >= 1, and sum to at most ${n}`,
      where,
    );
  }
  return {
    train: { start: 0, end: train },
    validation: { start: train, end: train + val },
    test: { start: train + val, end: train + val + test },
  };
}

/** Options of walkForward(). */
export interface WalkForwardOptions {
  /** Training steps of the first split (and of every split for a sliding window). */
  trainSize: number;
  /** Steps predicted per split. Default 1. */
  testSize?: number;
  /** How far the origin moves between splits. Default testSize. */
  step?: number;
  /** 'expanding' keeps the start at 0; 'sliding' keeps trainSize steps. Default 'expanding'. */
  window?: 'expanding' | 'sliding';
  /** Steps left out between train and test. Default 0. */
  gap?: number;
  /** Stop after this many splits. Default: as many as fit. */
  maxSplits?: number;
}

/**
 * Walk-forward (rolling-origin) splits over `n` time steps: each yields train and test ranges, the
 * test always after the train. Use it to refit, or to evaluate a fixed model origin by origin.
 * @example
 * [...walkForward(6, { trainSize: 3, testSize: 1, window: 'sliding' })].map((s) => [s.train.start, s.train.end, s.test.start])
 * //=> [[0, 3, 3], [1, 4, 4], [2, 5, 5]]
 */
export function* walkForward(
  n: number,
  options: WalkForwardOptions,
): Generator<{ train: Range; test: Range; index: number }, void, undefined> {
  const where = 'walkForward()';
  checkPositiveInt(n, 'n (the number of time steps)', where);
  const trainSize = checkPositiveInt(options?.trainSize, 'trainSize', where);
  const testSize = checkPositiveInt(options.testSize ?? 1, 'testSize', where);
  const step = checkPositiveInt(options.step ?? testSize, 'step', where);
  const window = checkOneOf(options.window ?? 'expanding', ['expanding', 'sliding'] as const, 'window', where);
  const gap = options.gap ?? 0;
  if (!Number.isInteger(gap) || gap < 0)
    throw new ConfigError(`gap must be an integer >= 0, got ${JSON.stringify(gap)}`, where);
  const maxSplits =
    options.maxSplits === undefined ? Infinity : checkPositiveInt(options.maxSplits, 'maxSplits', where);
  if (trainSize + gap + testSize > n) {
    throw new DataError(
      `${n} time steps are too few for trainSize ${trainSize} + gap ${gap} + testSize ${testSize}`,
      where,
    );
  }
  for (let index = 0, end = trainSize; end + gap + testSize <= n && index < maxSplits; index++, end += step) {
    yield {
      train: { start: window === 'sliding' ? end - trainSize : 0, end },
      test: { start: end + gap, end: end + gap + testSize },
      index,
    };
  }
}

/**
 * The part of an array in a range (a copy; the input is not touched).
 * @example sliceRange([1, 2, 3, 4], { start: 1, end: 3 })  //=> [2, 3]
 */
export function sliceRange<T>(data: ArrayLike<T>, range: Range): T[] {
  return Array.prototype.slice.call(data, range.start, range.end) as T[];
}
