// Point-forecast error metrics in original units: MAE, RMSE, MAPE, sMAPE, MASE.
// Definitions follow Hyndman & Koehler (2006), "Another look at measures of forecast accuracy".

import { DataError } from '../errors.js';

function checkPair(actual: ArrayLike<number>, predicted: ArrayLike<number>, where: string): void {
  if (actual.length !== predicted.length) {
    throw new DataError(
      `actual has ${actual.length} values but predicted has ${predicted.length}; pass equal-length arrays`,
      where,
    );
  }
  if (actual.length === 0) throw new DataError('no values to score; pass at least one (actual, predicted) pair', where);
}

/**
 * Mean absolute error.
 * @example mae([1, 2, 3], [2, 2, 5]) //=> 1
 */
export function mae(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkPair(actual, predicted, 'mae');
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(actual[i] - predicted[i]);
  return s / actual.length;
}

/**
 * Root mean squared error.
 * @example rmse([1, 2, 3], [2, 2, 5]) //=> Math.sqrt(5 / 3)
 */
export function rmse(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkPair(actual, predicted, 'rmse');
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += (actual[i] - predicted[i]) ** 2;
  return Math.sqrt(s / actual.length);
}

/**
 * Mean absolute percentage error, in percent; pairs whose actual value is 0 are skipped
 * (NaN if every actual value is 0).
 * @example mape([100, 200], [110, 180]) //=> 10
 */
export function mape(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkPair(actual, predicted, 'mape');
  let s = 0,
    n = 0;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] === 0) continue;
    s += Math.abs((actual[i] - predicted[i]) / actual[i]);
    n++;
  }
  return n ? (100 * s) / n : Number.NaN;
}

/**
 * Symmetric MAPE in percent (0..200): mean of 2|a - p| / (|a| + |p|); pairs with a = p = 0 count 0.
 * @example smape([100, 200], [110, 180]) //=> 100 * (20 / 210 + 40 / 380) / 2
 */
export function smape(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkPair(actual, predicted, 'smape');
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = Math.abs(actual[i]) + Math.abs(predicted[i]);
    if (d > 0) s += (2 * Math.abs(actual[i] - predicted[i])) / d;
  }
  return (100 * s) / actual.length;
}

/**
 * Mean absolute scaled error: MAE divided by the in-sample MAE of the (seasonal) naive forecast on
 * the training series, `mean |train[t] - train[t - season]|`. Below 1 beats that naive forecast.
 * @example mase([5, 6], [5, 8], [1, 2, 3, 4]) //=> 1
 */
export function mase(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  train: ArrayLike<number>,
  season = 1,
): number {
  checkPair(actual, predicted, 'mase');
  if (!Number.isInteger(season) || season < 1)
    throw new DataError(`season must be a positive integer, got ${season}`, 'mase');
  const scale = maseScale(train, season, 'mase');
  return scale > 0 ? mae(actual, predicted) / scale : Number.NaN;
}

/**
 * MASE's scale: the in-sample mean absolute error of the seasonal naive forecast,
 * `mean |train[t] - train[t - season]|`.
 * @example maseScale([1, 2, 4, 7], 1) //=> 2
 */
export function maseScale(train: ArrayLike<number>, season = 1, where = 'maseScale'): number {
  if (!Number.isInteger(season) || season < 1)
    throw new DataError(`season must be a positive integer, got ${season}`, where);
  if (train.length <= season) {
    throw new DataError(
      `the training series has ${train.length} values; MASE needs more than season = ${season}`,
      where,
    );
  }
  let s = 0;
  for (let t = season; t < train.length; t++) s += Math.abs(train[t] - train[t - season]);
  return s / (train.length - season);
}

/** The five metrics of one forecast, as printed in reports. */
export interface Scores {
  mae: number;
  rmse: number;
  mape: number;
  smape: number;
  mase: number;
}

/**
 * All five metrics at once.
 * @example scores([5, 6], [5, 8], [1, 2, 3, 4]) //=> { mae: 1, rmse: Math.sqrt(2), mape: 100 / 6, smape: ..., mase: 1 }
 */
export function scores(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  train: ArrayLike<number>,
  season = 1,
): Scores {
  return {
    mae: mae(actual, predicted),
    rmse: rmse(actual, predicted),
    mape: mape(actual, predicted),
    smape: smape(actual, predicted),
    mase: mase(actual, predicted, train, season),
  };
}

/**
 * Skill relative to a reference forecast: 1 - rmse(model) / rmse(reference). Below 0: worse than the reference.
 * @example skill(80, 100) //=> 0.2
 */
export function skill(modelRmse: number, referenceRmse: number): number {
  return 1 - modelRmse / referenceRmse;
}
