// The M4 competition's statistical benchmarks as Forecasters (Makridakis et al. 2020; the organisers'
// "Benchmarks and Evaluation.R"): Naive2, SES, Holt, Damped, Theta and Comb forecast the seasonally
// adjusted series (see seasonal-adjustment.ts) when `season` > 1; Naive and sNaive are the plain
// persistence and seasonal naive forecasts of baselines.ts.

import { persistence, seasonalNaive } from '../baselines.js';
import type { Forecaster } from '../forecaster.js';
import { dampedModel, holtModel, sesModel } from './exponential-smoothing.js';
import { type LocalModel, localForecaster } from './local-model.js';
import { seasonallyAdjusted } from './seasonal-adjustment.js';
import { thetaModel } from './theta.js';

/** Options of the M4 benchmark forecasters. */
export interface BenchmarkOptions {
  /** Season length m for the seasonality test and adjustment (24 for hourly data). Default 1: none. */
  season?: number;
}

const naiveModel: LocalModel = (y) => (horizon) => new Array<number>(horizon).fill(y[y.length - 1]);

/** Comb: the mean of SES, Holt and Damped. */
const combModel: LocalModel = (y) => {
  const parts = [sesModel(y), holtModel(y), dampedModel(y)];
  return (horizon) => {
    const [a, b, c] = parts.map((f) => f(horizon));
    return a.map((v, h) => (v + b[h] + c[h]) / 3);
  };
};

const benchmark =
  (name: string, model: LocalModel) =>
  (options: BenchmarkOptions = {}) =>
    localForecaster(name, seasonallyAdjusted(model, options.season ?? 1));

/**
 * Naive2: the last seasonally adjusted value, re-seasonalised.
 * @example naive2().predict([1, 2, 5], 2)  //=> [5, 5]
 */
export const naive2: (options?: BenchmarkOptions) => Forecaster = benchmark('Naive2', naiveModel);
/**
 * Simple exponential smoothing (R's ses) on the seasonally adjusted series.
 * @example ses().predict([3, 5, 4, 6, 5, 7, 6, 8], 1)  //=> ≈ [7.228]
 */
export const ses: (options?: BenchmarkOptions) => Forecaster = benchmark('SES', sesModel);
/**
 * Holt's linear trend (R's holt) on the seasonally adjusted series.
 * @example holt().predict([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 2)  //=> ≈ [11, 12]
 */
export const holt: (options?: BenchmarkOptions) => Forecaster = benchmark('Holt', holtModel);
/**
 * Damped additive trend (R's holt(damped = TRUE)) on the seasonally adjusted series.
 * @example holtDamped().predict([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 2)  //=> ≈ [10.89, 11.76] (φ ≤ 0.98 damps the slope)
 */
export const holtDamped: (options?: BenchmarkOptions) => Forecaster = benchmark('Damped', dampedModel);
/**
 * The classic Theta method (the M4 organisers' Theta.classic) on the seasonally adjusted series.
 * @example theta().predict([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 2)  //=> ≈ [10.5, 11] (half the line, half SES's flat level)
 */
export const theta: (options?: BenchmarkOptions) => Forecaster = benchmark('Theta', thetaModel);
/**
 * Comb: the mean of SES, Holt and Damped, on the seasonally adjusted series.
 * @example comb().predict([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1)  //=> ≈ [10.63] (mean of SES, Holt and Damped)
 */
export const comb: (options?: BenchmarkOptions) => Forecaster = benchmark('Comb', combModel);

/**
 * The eight M4 statistical benchmarks in the order of the published table, under their M4 names:
 * Naive, sNaive, Naive2, SES, Holt, Damped, Theta, Com.
 * @example m4Benchmarks({ season: 24 }).map((b) => b.name)  //=> ['Naive', 'sNaive', 'Naive2', 'SES', 'Holt', 'Damped', 'Theta', 'Com']
 */
export function m4Benchmarks(options: BenchmarkOptions = {}): Forecaster[] {
  const season = options.season ?? 1;
  const named = (name: string, f: Forecaster): Forecaster => ({ ...f, name });
  return [
    named('Naive', persistence()),
    named('sNaive', season > 1 ? seasonalNaive({ season }) : persistence()),
    naive2(options),
    ses(options),
    holt(options),
    holtDamped(options),
    theta(options),
    named('Com', comb(options)),
  ];
}
