// Checks of the numeric options of fit(), evaluate() and predict(), made before any work: each
// wrong value is a ConfigError naming the option, what it was and what is expected.

import { ConfigError } from '../errors.js';

/** The options checked here (a subset of FitConfig, so this file does not import the model). */
interface FitNumbers {
  epochs?: number;
  batchSize?: number;
  shuffle?: boolean;
  samplesPerEpoch?: number;
  validationSplit?: number;
  validationData?: unknown;
  verbose?: 0 | 1 | 2;
  initialEpoch?: number;
  classWeight?: Record<number, number>;
}

const show = (v: unknown) => (typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? String(v)));

function integer(v: unknown, what: string, lo: number, where: string): void {
  if (v === undefined) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo)
    throw new ConfigError(
      `${what} must be ${lo === 0 ? 'a non-negative' : 'a positive'} integer, got ${show(v)}`,
      where,
    );
}

/**
 * Throws a ConfigError for a batchSize that is not a positive integer (0 would loop forever).
 * @example checkBatchSize(32, 'predict')  // ok; checkBatchSize(0, 'predict') throws
 */
export function checkBatchSize(batchSize: unknown, where: string): void {
  integer(batchSize, 'batchSize', 1, where);
}

/**
 * Checks every option of fit() that has a range: epochs, batchSize, initialEpoch, samplesPerEpoch (integers),
 * validationSplit in [0, 1), verbose 0/1/2, shuffle a boolean, classWeight finite and >= 0.
 * @example checkFitConfig({ epochs: 10, validationSplit: Number.NaN }, 'fit')  // throws ConfigError
 */
export function checkFitConfig(config: FitNumbers, where: string): void {
  if (typeof config !== 'object' || config === null)
    throw new ConfigError(`fit options must be an object, got ${show(config)}`, where);
  integer(config.epochs, 'epochs', 0, where);
  checkBatchSize(config.batchSize, where);
  integer(config.initialEpoch, 'initialEpoch', 0, where);
  const f = config.validationSplit;
  if (f !== undefined && !(typeof f === 'number' && f >= 0 && f < 1))
    throw new ConfigError(`validationSplit must be a number in [0, 1) (0: none), got ${show(f)}`, where);
  if (config.verbose !== undefined && ![0, 1, 2].includes(config.verbose))
    throw new ConfigError(`verbose must be 0, 1 or 2, got ${show(config.verbose)}`, where);
  if (config.shuffle !== undefined && typeof config.shuffle !== 'boolean')
    throw new ConfigError(`shuffle must be true or false, got ${show(config.shuffle)}`, where);
  integer(config.samplesPerEpoch, 'samplesPerEpoch', 1, where);
  if (config.samplesPerEpoch !== undefined && config.shuffle === false)
    throw new ConfigError(
      'samplesPerEpoch draws a random part of the samples each epoch and needs shuffle: true (without shuffling every epoch would train on the same first samples)',
      where,
    );
  const vd = config.validationData;
  if (vd !== undefined && !(Array.isArray(vd) && vd.length === 2))
    throw new ConfigError('validationData must be [x, y]', where);
  if (config.classWeight !== undefined) {
    if (typeof config.classWeight !== 'object' || config.classWeight === null)
      throw new ConfigError(`classWeight must map class indices to weights, got ${show(config.classWeight)}`, where);
    for (const [k, w] of Object.entries(config.classWeight))
      if (!(typeof w === 'number' && Number.isFinite(w) && w >= 0))
        throw new ConfigError(`classWeight[${k}] must be a finite number >= 0, got ${show(w)}`, where);
  }
}
