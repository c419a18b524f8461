// Forecast evaluation as the CLI reports it: the model's rolling forecasts on the test part in
// original units, split-conformal intervals calibrated on validation residuals, and RMSE/MAE/MAPE
// against persistence, seasonal-naive, drift and mean baselines (Hyndman & Athanasopoulos, ch. 5).

import type { SeriesTask } from './data.ts';

export interface MetricRow {
  name: string;
  rmse: number;
  mae: number;
  mape: number;
}

export interface SeriesReport {
  name: string;
  values: number[];
  labels: string[];
  testStart: number;
  /** Forecast origins and the one-step-ahead forecasts with their interval, original units. */
  origins: number[];
  predicted: number[];
  lower: number[];
  upper: number[];
  level: number;
  /** Share of test values (all horizon steps) inside their interval. */
  coverage: number;
  metrics: MetricRow[];
  horizon: number;
}

const LEVEL = 0.9;

/** RMSE, MAE and MAPE (MAPE over the non-zero actual values; NaN when there are none). */
function score(name: string, actual: number[], pred: number[]): MetricRow {
  let se = 0,
    ae = 0,
    ape = 0,
    nonZero = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = actual[i] - pred[i];
    se += e * e;
    ae += Math.abs(e);
    if (actual[i] !== 0) {
      ape += Math.abs(e / actual[i]);
      nonZero++;
    }
  }
  const n = actual.length;
  return { name, rmse: Math.sqrt(se / n), mae: ae / n, mape: nonZero ? (100 * ape) / nonZero : Number.NaN };
}

/** The ⌈(n+1)·level⌉-th smallest |residual| (the largest when there are too few). */
function halfWidth(residuals: number[], level: number): number {
  const abs = residuals.map(Math.abs).sort((a, b) => a - b);
  return abs[Math.min(Math.ceil((abs.length + 1) * level), abs.length) - 1];
}

export function seriesReport(task: SeriesTask, predict: (x: number[][]) => number[][]): SeriesReport {
  const { values, horizon: Hz, season } = task;
  const span = task.max - task.min;
  const unscale = (v: number) => task.min + v * span;
  // Calibration: the last 15% of the training windows, which the worker held out for validation.
  const split = Math.ceil(task.trainX.length * 0.85);
  const calX = task.trainX.slice(split),
    calY = task.trainY.slice(split);
  const calP = predict(calX);
  const widths = Array.from({ length: Hz }, (_, h) =>
    halfWidth(
      calY.map((y, i) => unscale(y[h]) - unscale(calP[i][h])),
      LEVEL,
    ),
  );
  const testP = predict(task.testX).map((r) => r.map(unscale));
  // Baselines see every value before the forecast origin, as in a walk-forward evaluation.
  const prefix = [0];
  for (const v of values) prefix.push(prefix[prefix.length - 1] + v);
  const actual: number[] = [],
    drift: number[] = [],
    model: number[] = [],
    naive: number[] = [],
    snaive: number[] = [],
    mean: number[] = [];
  let inside = 0;
  task.testOrigins.forEach((o, i) => {
    for (let h = 0; h < Hz; h++) {
      const a = values[o + h];
      actual.push(a);
      model.push(testP[i][h]);
      naive.push(values[o - 1]);
      if (season > 0) snaive.push(values[o + h - season * Math.ceil((h + 1) / season)]);
      mean.push(prefix[o] / o);
      drift.push(values[o - 1] + ((h + 1) * (values[o - 1] - values[0])) / (o - 1));
      if (Math.abs(a - testP[i][h]) <= widths[h]) inside++;
    }
  });
  const metrics = [score('LSTM', actual, model), score('persistence', actual, naive)];
  if (season > 0 && task.testOrigins[0] - season >= 0)
    metrics.push(score(`seasonal naive (${season})`, actual, snaive));
  metrics.push(score('drift', actual, drift), score('mean', actual, mean));
  const predicted = testP.map((r) => r[0]);
  return {
    name: task.name,
    values,
    labels: task.labels,
    testStart: task.testStart,
    origins: task.testOrigins,
    predicted,
    lower: predicted.map((p) => p - widths[0]),
    upper: predicted.map((p) => p + widths[0]),
    level: LEVEL,
    coverage: inside / actual.length,
    metrics,
    horizon: Hz,
  };
}
