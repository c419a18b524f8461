// Command-line options shared by the commands that read a series and train a model (node:util parseArgs).

import { UsageError } from './errors.js';

/** Reading and splitting the series. */
export const SERIES_OPTIONS = {
  target: { type: 'string' },
  date: { type: 'string' },
  horizon: { type: 'string' },
  difference: { type: 'string' },
  log: { type: 'boolean' },
  seed: { type: 'string' },
  out: { type: 'string' },
  /** Write into an --out folder that holds other files (only lstmkit's own files are replaced). */
  force: { type: 'boolean' },
} as const;

/** The model and its training. */
export const MODEL_OPTIONS = {
  lookback: { type: 'string' },
  units: { type: 'string' },
  layers: { type: 'string' },
  epochs: { type: 'string' },
  'batch-size': { type: 'string' },
  'learning-rate': { type: 'string' },
} as const;

/** The test part and the missing-value policy (forecast and tune). */
export const EVALUATION_OPTIONS = {
  missing: { type: 'string' },
  test: { type: 'string' },
  'test-fraction': { type: 'string' },
  dropout: { type: 'string' },
  patience: { type: 'string' },
} as const;

/**
 * The checks every series command makes: one CSV file, a --target, and at most one of --test and
 * --test-fraction. `usage` is the command's usage text (its first line is quoted).
 */
export function checkSeriesArgs<
  O extends { target?: string | undefined; test?: string | undefined; 'test-fraction'?: string | undefined },
>(command: string, usage: string, positionals: string[], o: O): asserts o is O & { target: string } {
  if (positionals.length !== 1)
    throw new UsageError(`${command} takes one CSV file, got ${positionals.length}; ${usage.split('\n')[0]}`);
  if (!o.target) throw new UsageError('--target is required; pass --target <column> naming the column to forecast');
  if (o.test !== undefined && o['test-fraction'] !== undefined)
    throw new UsageError('pass either --test or --test-fraction, not both');
}
