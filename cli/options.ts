// Command-line options shared by the commands that read a series and train a model (node:util parseArgs).

/** Reading and splitting the series. */
export const SERIES_OPTIONS = {
  target: { type: 'string' },
  date: { type: 'string' },
  horizon: { type: 'string' },
  difference: { type: 'string' },
  log: { type: 'boolean' },
  seed: { type: 'string' },
  out: { type: 'string' },
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
