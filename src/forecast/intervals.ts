// Prediction intervals of a forecaster, model-agnostic: a calibration model (trained before the
// calibration part) forecasts walk-forward over the calibration part; its errors there calibrate
// normalized split-conformal widths (conformal.ts); the evaluation model's test forecasts ± those
// widths give the empirical coverage on the test part; the future's widths pool the calibration and
// test errors (both made by models that never trained on them).

import { type CalibratedWidths, calibratedWidths } from './conformal.js';

/** Calibrated prediction intervals and how well they covered the test part. */
export interface IntervalReport {
  levels: number[];
  /** Half-widths calibrated on the calibration part: widths[level][h] (drawn over the test part). */
  test: CalibratedWidths;
  /** Share of test values (every origin and step) inside the evaluation model's interval, per level. */
  coverage: number[];
  /** Half-widths for the future: calibration and test residuals pooled (both held out). */
  future: CalibratedWidths;
  /**
   * RMSE of the calibration model's forecasts from the calibration origins whose every step lies
   * in the calibration part: the validation score `tune` reports for the same configuration.
   */
  calibrationRmse: number;
}

/**
 * Residuals of forecasts from `origins`, only for steps that land before `end`: residuals[h][i].
 * @example residualsBefore([1, 2, 3, 4], [2, 3], [[2, 2], [2, 2]], 2, 4) //=> [[1, 2], [2]]
 */
export function residualsBefore(
  series: ArrayLike<number>,
  origins: readonly number[],
  pred: readonly (readonly number[])[],
  H: number,
  end: number,
): number[][] {
  return Array.from({ length: H }, (_, h) => {
    const r: number[] = [];
    origins.forEach((o, i) => {
      if (o + h < end) r.push(series[o + h] - pred[i][h]);
    });
    return r;
  });
}

/**
 * Share of actual values within ± widths[h] of the forecasts, over every origin and step.
 * @example intervalCoverage([1, 2, 3], [1, 2], [[1.5], [2]], [0.6]) //=> 1
 */
export function intervalCoverage(
  series: ArrayLike<number>,
  origins: readonly number[],
  pred: readonly (readonly number[])[],
  widths: readonly number[],
): number {
  let inside = 0,
    total = 0;
  origins.forEach((o, i) => {
    for (let h = 0; h < widths.length; h++, total++) if (Math.abs(series[o + h] - pred[i][h]) <= widths[h]) inside++;
  });
  return inside / total;
}

/**
 * The interval report from the calibration model's forecasts (from every calibration origin) and
 * the evaluation model's test forecasts.
 * @example intervalReport(series, { calibrationStart: 86, testStart: 115 }, calOrigins, calPred, testOrigins, testPred, 12, [0.8, 0.95])
 */
export function intervalReport(
  series: ArrayLike<number>,
  parts: { calibrationStart: number; testStart: number },
  calOrigins: readonly number[],
  calPred: readonly (readonly number[])[],
  testOrigins: readonly number[],
  testPred: readonly (readonly number[])[],
  H: number,
  levels: readonly number[],
): IntervalReport {
  const { testStart } = parts;
  const calResiduals = residualsBefore(series, calOrigins, calPred, H, testStart);
  const testResiduals = residualsBefore(series, testOrigins, testPred, H, series.length);
  const test = calibratedWidths(calResiduals, levels);
  let se = 0,
    k = 0;
  calOrigins.forEach((o, i) => {
    if (o + H > testStart) return;
    for (let h = 0; h < H; h++, k++) se += (series[o + h] - calPred[i][h]) ** 2;
  });
  return {
    levels: [...levels],
    test,
    coverage: test.widths.map((w) => intervalCoverage(series, testOrigins, testPred, w)),
    future: calibratedWidths(
      calResiduals.map((r, h) => [...r, ...testResiduals[h]]),
      levels,
    ),
    calibrationRmse: k ? Math.sqrt(se / k) : Number.NaN,
  };
}
