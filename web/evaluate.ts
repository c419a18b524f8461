// Forecast evaluation as the CLI reports it, with lstmkit's forecasting tools: the model's rolling
// forecasts on the test part in original units, split-conformal intervals calibrated on validation
// residuals, and RMSE/MAE/MAPE against persistence, seasonal naive, drift, mean and linear AR.

import {
  conformalHalfWidth,
  coverage,
  drift,
  type Forecaster,
  linearAutoregression,
  mae,
  mape,
  meanForecast,
  persistence,
  rmse,
  seasonalNaive,
} from 'lstmkit';
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

const row = (name: string, actual: number[], pred: number[]): MetricRow => ({
  name,
  rmse: rmse(actual, pred),
  mae: mae(actual, pred),
  mape: mape(actual, pred),
});

export function seriesReport(task: SeriesTask, predict: (x: number[][]) => number[][]): SeriesReport {
  const { values, horizon: Hz, season, testStart, testOrigins } = task;
  const span = task.max - task.min;
  const unscale = (v: number) => task.min + v * span;
  // Calibration: the last 15% of the training windows, which the worker held out for validation.
  const split = Math.ceil(task.trainX.length * 0.85);
  const calX = task.trainX.slice(split),
    calY = task.trainY.slice(split);
  const calP = predict(calX);
  const widths = Array.from({ length: Hz }, (_, h) =>
    conformalHalfWidth(
      calY.map((y, i) => unscale(y[h]) - unscale(calP[i][h])),
      LEVEL,
    ),
  );
  const testP = predict(task.testX).map((r) => r.map(unscale));
  // Baselines are fitted on the training part and see every value before each forecast origin.
  const baselines: Forecaster[] = [persistence()];
  if (season > 1 && testStart > season) baselines.push(seasonalNaive({ season }));
  baselines.push(drift(), meanForecast());
  if (testStart >= 2 * task.lookback + 2) baselines.push(linearAutoregression({ lags: task.lookback }));
  for (const b of baselines) b.fit(values.slice(0, testStart));
  const actual: number[] = [],
    model: number[] = [],
    lower: number[] = [],
    upper: number[] = [];
  const base: number[][] = baselines.map(() => []);
  testOrigins.forEach((o, i) => {
    const history = values.slice(0, o);
    const forecasts = baselines.map((b) => b.predict(history, Hz));
    for (let h = 0; h < Hz; h++) {
      actual.push(values[o + h]);
      model.push(testP[i][h]);
      lower.push(testP[i][h] - widths[h]);
      upper.push(testP[i][h] + widths[h]);
      for (let k = 0; k < forecasts.length; k++) base[k].push(forecasts[k][h]);
    }
  });
  const predicted = testP.map((r) => r[0]);
  return {
    name: task.name,
    values,
    labels: task.labels,
    testStart,
    origins: testOrigins,
    predicted,
    lower: predicted.map((p) => p - widths[0]),
    upper: predicted.map((p) => p + widths[0]),
    level: LEVEL,
    coverage: coverage(actual, lower, upper),
    metrics: [row('LSTM', actual, model), ...baselines.map((b, k) => row(b.name, actual, base[k]))],
    horizon: Hz,
  };
}
