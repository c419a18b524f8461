// Per-series ("local") statistical models behind the one Forecaster interface: a LocalModel is
// estimated on a series and returns its forecast function; localForecaster() wraps it so that
// predict(history) is always the forecast of the model estimated on `history`, and fit(train) only
// estimates ahead of time (the usual call, predict(train, h) after fit(train), estimates once).

import { checkPositiveInt, DataError } from '../../errors.js';
import type { Forecaster } from '../forecaster.js';

/** Estimates a model on one series and returns its forecasts for 1..horizon steps ahead. */
export type LocalModel = (series: Float64Array) => (horizon: number) => number[];

function checked(series: ArrayLike<number>, where: string): Float64Array {
  const y = Float64Array.from(series);
  if (y.length === 0) throw new DataError('needs at least one value, got an empty series', where);
  const bad = y.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new DataError(`value ${bad} is ${y[bad]}; fill or drop missing values first`, where);
  return y;
}

function same(a: Float64Array, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Wraps a LocalModel as a Forecaster named `name`. The last estimate is kept, so fit(train) followed
 * by predict(train, h) estimates once; a different history is estimated anew.
 * @example localForecaster('last', (y) => (h) => new Array(h).fill(y[y.length - 1])).predict([1, 2], 2)  //=> [2, 2]
 */
export function localForecaster(name: string, model: LocalModel): Forecaster {
  let last: { series: Float64Array; forecast: (horizon: number) => number[] } | null = null;
  const estimate = (series: ArrayLike<number>) => {
    if (last && same(last.series, series)) return last.forecast;
    const y = checked(series, name);
    last = { series: y, forecast: model(y) };
    return last.forecast;
  };
  return {
    name,
    fit(train) {
      estimate(train);
    },
    predict(history, horizon) {
      checkPositiveInt(horizon, 'horizon', name);
      return estimate(history)(horizon);
    },
  };
}
