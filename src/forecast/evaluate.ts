// Scores a saved (or any trained) neural forecaster on a series it may not have been trained on:
// walk-forward over the last values next to the baselines, the next `horizon` values, and the
// warning when the scored values were used to train it. `lstmkit evaluate` and the playground's
// loaded forecasters both call this.

import { DataError } from '../errors.js';
import { defaultBaselines } from './baselines.js';
import { testSize } from './config.js';
import type { ModelResult } from './forecast.js';
import type { Covariates } from './inputs.js';
import type { NeuralForecaster } from './neural.js';
import { trainingOverlap } from './saved.js';
import { scoreWalkForward, testOrigins, walkForwardForecasts } from './walk-forward.js';

/** Options of evaluateForecaster(). */
export interface EvaluateOptions {
  /** Values at the end to score. Default: the forecaster's test rule (testFraction, at least the horizon). */
  test?: number;
  /** Time stamps of the values (the training-span check compares dates when both have them). */
  dates?: readonly number[];
  /** Covariate rows aligned with the series, when the forecaster was trained with them. */
  covariates?: Covariates;
}

/** What evaluateForecaster() found. */
export interface Evaluation {
  test: number;
  testStart: number;
  origins: number[];
  /** The forecaster first, then the baselines; each with its future from the whole series. */
  models: ModelResult[];
  /** The forecaster's next `horizon` values after the series. */
  future: number[];
  /** Set when scored values were used to train the forecaster. */
  warning: string | null;
}

/**
 * Walk-forward errors of a trained forecaster over the last `test` values, beside the baselines.
 * @example const e = await evaluateForecaster(f, newValues); e.models.map((m) => [m.name, m.overall.rmse]);
 */
export async function evaluateForecaster(
  f: NeuralForecaster,
  series: readonly number[],
  options: EvaluateOptions = {},
): Promise<Evaluation> {
  const c = f.config,
    H = c.horizon,
    n = series.length;
  const test = options.test ?? testSize(n, H, c.testFraction);
  const need = c.lookback + f.fitted.inputs.pipeline.lag;
  if (!Number.isInteger(test) || test < H || n - test < need)
    throw new DataError(
      `test ${test} must be an integer of at least the horizon ${H} and leave the ${need} values the forecaster needs before its first forecast (lookback ${c.lookback}); the series has ${n}`,
      'evaluateForecaster',
    );
  const testStart = n - test;
  const origins = testOrigins(n, test, H);
  const cov = options.covariates;
  const result = (name: string, kind: ModelResult['kind'], predictions: number[][], future: number[]): ModelResult => ({
    name,
    kind,
    ...scoreWalkForward(series, origins, predictions, testStart, c.season),
    memberSpread: null,
    predictions,
    future,
  });
  const future = f.predict(series, H, cov);
  const models = [result(f.name, c.kind, walkForwardForecasts(series, f, origins, H, cov), future)];
  for (const b of defaultBaselines(c, testStart)) {
    await b.fit(series.slice(0, testStart));
    const predictions = walkForwardForecasts(series, b, origins, H);
    await b.fit(series);
    models.push(result(b.name, 'baseline', predictions, b.predict(series, H)));
  }
  const { warning } = trainingOverlap(f.fitted.training, series, testStart, options.dates);
  return { test, testStart, origins, models, future, warning };
}
