// Walk-forward (rolling-origin) evaluation: from each origin in the test part, forecast the next
// `horizon` values from everything observed before it; the truth is then revealed and the origin
// moves one step. Models are not refit during the walk (the tutorials' "fixed" approach).

import { ConfigError, DataError } from '../errors.js';
import type { Covariates, Forecaster } from './forecaster.js';
import { type Scores, scores } from './metrics.js';

/**
 * The origins of a walk-forward over the last `test` values: the first forecast value of each
 * origin o is series[o]; the last origin is n - horizon so every forecast can be scored.
 * @example testOrigins(36, 12, 3) //=> [24, 25, ..., 33] (10 forecasts)
 */
export function testOrigins(length: number, test: number, horizon: number): number[] {
  if (!Number.isInteger(test) || test < horizon)
    throw new ConfigError(`test must be an integer >= horizon ${horizon}, got ${test}`, 'testOrigins');
  if (test >= length)
    throw new DataError(`test size ${test} leaves no training data in a series of ${length}`, 'testOrigins');
  return Array.from({ length: test - horizon + 1 }, (_, i) => length - test + i);
}

/**
 * Forecasts from every origin with a fitted forecaster: predictions[i][h] targets series[origins[i] + h].
 * Written once for every Forecaster: the batched predictAt when the model has it, else predict()
 * on a zero-copy view of the history before each origin.
 * @example walkForwardForecasts([1, 2, 3, 4], persistence(), [2, 3], 1) //=> [[2], [3]]
 */
export function walkForwardForecasts(
  series: ArrayLike<number>,
  forecaster: Forecaster,
  origins: readonly number[],
  horizon: number,
  covariates?: Covariates,
): number[][] {
  if (forecaster.predictAt) return forecaster.predictAt(series, origins, horizon, covariates);
  const all = Float64Array.from(series);
  return origins.map((o) => forecaster.predict(all.subarray(0, o), horizon, covariates));
}

/** Scores of one model's walk-forward: per horizon step and pooled over all steps. */
export interface HorizonScores {
  perHorizon: Scores[];
  overall: Scores;
}

/**
 * Scores walk-forward predictions against the series, per horizon step; MASE is scaled by the
 * seasonal-naive error of series[0..trainEnd).
 * @example scoreWalkForward([1, 2, 3, 4], [2, 3], [[2], [3]], 2).perHorizon[0].mae //=> 1
 */
export function scoreWalkForward(
  series: ArrayLike<number>,
  origins: readonly number[],
  predictions: readonly (readonly number[])[],
  trainEnd: number,
  season = 1,
): HorizonScores {
  const H = predictions[0]?.length ?? 0;
  if (H === 0 || predictions.length !== origins.length)
    throw new DataError(
      `needs one non-empty forecast per origin, got ${predictions.length} for ${origins.length}`,
      'scoreWalkForward',
    );
  const train = Array.prototype.slice.call(series, 0, trainEnd) as number[];
  const m = train.length > season ? season : 1;
  const perHorizon: Scores[] = [];
  const allA: number[] = [],
    allP: number[] = [];
  for (let h = 0; h < H; h++) {
    const a = origins.map((o) => series[o + h]),
      p = predictions.map((r) => r[h]);
    perHorizon.push(scores(a, p, train, m));
    for (let i = 0; i < a.length; i++) {
      allA.push(a[i]);
      allP.push(p[i]);
    }
  }
  return { perHorizon, overall: scores(allA, allP, train, m) };
}

/**
 * Residuals per horizon step, residuals[h][i] = actual - predicted for origin i.
 * @example walkForwardResiduals([1, 2, 3, 4], [2, 3], [[2], [2]]) //=> [[1, 2]]
 */
export function walkForwardResiduals(
  series: ArrayLike<number>,
  origins: readonly number[],
  predictions: readonly (readonly number[])[],
): number[][] {
  const H = predictions[0]?.length ?? 0;
  return Array.from({ length: H }, (_, h) => origins.map((o, i) => series[o + h] - predictions[i][h]));
}
