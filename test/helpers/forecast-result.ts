// A forecast() result made without training, for report tests on series of any length: the "LSTM"
// is the mean of the persistence and seasonal naive forecasts, scored walk-forward next to them by
// the library's walk-forward and metrics, with intervals calibrated as forecast() calibrates them.

import { persistence, seasonalNaive } from '../../src/forecast/baselines.js';
import { DEFAULTS, type ResolvedForecastConfig } from '../../src/forecast/config.js';
import type { ForecastNumbers, ModelResult } from '../../src/forecast/forecast.js';
import type { Forecaster } from '../../src/forecast/forecaster.js';
import { intervalReport, residualsBefore } from '../../src/forecast/intervals.js';
import { scoreWalkForward, testOrigins, walkForwardForecasts } from '../../src/forecast/walk-forward.js';

export interface SyntheticOptions {
  horizon: number;
  test: number;
  calibration: number;
  /** Confirmed seasons, shortest first ([] for none). */
  seasons: number[];
}

export function syntheticResult(series: readonly number[], o: SyntheticOptions): ForecastNumbers {
  const n = series.length,
    H = o.horizon,
    m = o.seasons[0] ?? 1;
  const testStart = n - o.test,
    calibrationStart = testStart - o.calibration;
  const config: ResolvedForecastConfig = {
    ...DEFAULTS,
    horizon: H,
    lookback: Math.max(12, m),
    season: m,
    seasons: o.seasons,
    batchSize: 16,
    difference: false,
    power: 'none',
    levelInput: false,
    test: o.test,
    calibration: o.calibration,
    seasonalFeatures: [],
    levels: [0.8, 0.95],
  };
  const naive = persistence(),
    seasonal = seasonalNaive({ season: m });
  const blend: Forecaster = {
    name: 'LSTM ×3',
    fit() {},
    predict(history, h) {
      const a = naive.predict(history, h),
        b = seasonal.predict(history, h);
      return a.map((v, k) => (v + b[k]) / 2);
    },
  };
  const origins = testOrigins(n, o.test, H);
  const model = (f: Forecaster, kind: ModelResult['kind']): ModelResult => {
    const predictions = walkForwardForecasts(series, f, origins, H);
    const s = scoreWalkForward(series, origins, predictions, testStart, m);
    return { name: f.name, kind, ...s, memberSpread: null, predictions, future: f.predict(series, H) };
  };
  const models = [model(blend, 'lstm'), model(naive, 'baseline'), model(seasonal, 'baseline')];
  const calOrigins = Array.from({ length: o.calibration }, (_, i) => calibrationStart + i);
  const calPred = walkForwardForecasts(series.slice(0, testStart), blend, calOrigins, H);
  const intervals = intervalReport(
    series,
    { calibrationStart, testStart },
    calOrigins,
    calPred,
    origins,
    models[0].predictions,
    H,
    config.levels,
  );
  const fv = models[0].future;
  const epochs = Array.from({ length: 50 }, (_, e) => e);
  return {
    config,
    decisions: [{ option: 'season', value: m, why: 'given' }],
    seasons: { seasons: o.seasons, why: 'given' },
    length: n,
    calibrationStart,
    testStart,
    origins,
    models,
    history: {
      epoch: epochs,
      history: { loss: epochs.map((e) => 0.01 + 0.1 * 0.93 ** e), val_loss: epochs.map((e) => 0.02 + 0.1 * 0.95 ** e) },
      params: { epochs: 50, steps: 10, samples: 100 },
    },
    meanLoss: 0.12,
    intervals,
    future: {
      values: fv,
      lower: intervals.future.widths.map((w) => fv.map((v, h) => v - w[h])),
      upper: intervals.future.widths.map((w) => fv.map((v, h) => v + w[h])),
      trainedOn: n,
      epochs: [40, 38, 45],
    },
    residuals: residualsBefore(series, origins, models[0].predictions, H, n),
    shift: null,
    skill: 1 - models[0].overall.rmse / models[1].overall.rmse,
  };
}
