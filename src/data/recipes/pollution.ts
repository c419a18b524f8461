// The Beijing PM2.5 recipe of "Multivariate Time Series Forecasting with LSTMs in Keras" (Brownlee;
// ../shared/reference/published-results.md section 3), from the raw UCI file to LSTM-ready windows:
// datetime index, NA pollution -> 0, drop the first 24 hours, label-encode wind direction, float32,
// MinMax (0, 1), frame `lag` hours of 8 features -> pollution at t, first 365·24 samples for training.

import { parseCsv } from '../csv.js';
import { type CategoryEncoder, fitCategories, labelEncode } from '../encoding.js';
import { checkPositiveInt, checkOneOf, DataError } from '../../errors.js';
import { fillMissing } from '../missing.js';
import { fitMinMax, type Scaler, scalerInverseTransform, scalerTransform } from '../scalers.js';
import { windows } from '../windows.js';

/**
 * The tutorial's feature names, in order (the raw file's pm2.5, DEWP, TEMP, PRES, cbwd, Iws, Is, Ir).
 * @example POLLUTION_COLUMNS.indexOf('wnd_dir')  //=> 4
 */
export const POLLUTION_COLUMNS = ['pollution', 'dew', 'temp', 'press', 'wnd_dir', 'wnd_spd', 'snow', 'rain'] as const;
const RAW = ['pm2.5', 'DEWP', 'TEMP', 'PRES', 'cbwd', 'Iws', 'Is', 'Ir'];

/** Options of pollutionRecipe(). */
export interface PollutionOptions {
  /** Hours of the 8 features fed per sample (the tutorial's n_hours: 1, and 3 in its variant). Default 1. */
  lag?: number;
  /** Training samples (the first year). Default 365 · 24 = 8760. */
  trainHours?: number;
  /**
   * 'all' fits the scaler on the whole 5 years, as the tutorial does (it leaks test statistics);
   * 'train' fits it on the rows the training samples read. Default 'all'.
   */
  scaleOn?: 'all' | 'train';
}

/** The prepared PM2.5 data: plain arrays and the fitted state to invert predictions. */
export interface PollutionData {
  columns: readonly string[];
  /** UTC milliseconds of each kept hour (43,800 for the full file). */
  time: number[];
  /** [hours, 8] encoded but unscaled values (float32-rounded as the tutorial's astype('float32')). */
  values: number[][];
  windDirection: CategoryEncoder;
  scaler: Scaler;
  /** [trainHours, lag, 8] scaled inputs; trainY the scaled pollution at the hour after each window. */
  trainX: number[][][];
  trainY: number[];
  testX: number[][][];
  testY: number[];
  /** Time index (into `time`) of each target. */
  trainTargetIndex: number[];
  testTargetIndex: number[];
}

/**
 * Prepares the raw UCI "Beijing PM2.5" CSV text (`No,year,month,day,hour,pm2.5,...`) as the tutorial
 * does. Shapes for lag 1 on the full file: trainX (8760, 1, 8), testX (35039, 1, 8).
 * @example
 * const d = pollutionRecipe(readFileSync('../shared/data/pollution.csv', 'utf8'), { lag: 1 });
 * [d.trainX.length, d.trainX[0].length, d.trainX[0][0].length, d.testX.length]  //=> [8760, 1, 8, 35039]
 */
export function pollutionRecipe(csvText: string, options: PollutionOptions = {}): PollutionData {
  const where = 'pollutionRecipe()';
  const lag = checkPositiveInt(options.lag ?? 1, 'lag', where);
  const trainHours = checkPositiveInt(options.trainHours ?? 365 * 24, 'trainHours', where);
  const scaleOn = checkOneOf(options.scaleOn ?? 'all', ['all', 'train'] as const, 'scaleOn', where);
  const t = parseCsv(csvText, {
    columns: ['year', 'month', 'day', 'hour', ...RAW],
    categorical: ['cbwd'],
    source: 'pollution CSV',
  });
  const n = t.rowCount - 24;
  if (n < trainHours + lag + 1) {
    throw new DataError(
      `the file has ${t.rowCount} hours; after dropping the first 24, lag ${lag} and ${trainHours} training samples need at least ${trainHours + lag + 1}`,
      where,
    );
  }
  const { year, month, day, hour } = t.numeric;
  const time = Array.from({ length: n }, (_, i) =>
    Date.UTC(year[i + 24], month[i + 24] - 1, day[i + 24], hour[i + 24]),
  );
  const pollution = fillMissing(t.numeric['pm2.5'], { method: 'value', value: 0 }).slice(24);
  const winds = t.categorical.cbwd.slice(24);
  const missingWind = winds.indexOf(null);
  if (missingWind >= 0) throw new DataError(`cbwd (wind direction) is missing at data row ${missingWind + 25}`, where);
  const windDirection = fitCategories(winds as string[]);
  const wind = labelEncode(windDirection, winds as string[]);
  const cols = [pollution, ...RAW.slice(1).map((c) => (c === 'cbwd' ? wind : t.numeric[c].slice(24)))];
  const values = Array.from({ length: n }, (_, i) => cols.map((c) => Math.fround(c[i])));
  const scaler = fitMinMax(scaleOn === 'all' ? values : values.slice(0, trainHours + lag));
  const w = windows(scalerTransform(scaler, values), { lookback: lag, horizon: 1, targets: [0] });
  const y = w.y.map((r) => r[0]);
  return {
    columns: POLLUTION_COLUMNS,
    time,
    values,
    windDirection,
    scaler,
    trainX: w.x.slice(0, trainHours),
    trainY: y.slice(0, trainHours),
    testX: w.x.slice(trainHours),
    testY: y.slice(trainHours),
    trainTargetIndex: w.targetStart.slice(0, trainHours),
    testTargetIndex: w.targetStart.slice(trainHours),
  };
}

/**
 * Scaled pollution predictions back to µg/m³ (the tutorial's inverse of the MinMax scaling).
 * @example pollutionInverse(d.scaler, d.testY.slice(0, 2))  // the true pm2.5 of the first two test hours
 */
export function pollutionInverse(scaler: Scaler, scaled: ArrayLike<number>): number[] {
  return scalerInverseTransform(scaler, scaled, { features: [0] });
}
