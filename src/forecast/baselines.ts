// Naive forecasters every model must be compared against: persistence, seasonal naive, drift, mean,
// and a linear autoregression fitted by least squares. Definitions as in Hyndman & Athanasopoulos,
// "Forecasting: Principles and Practice" (3rd ed.), sections 5.2 and 9.3.

import { ConfigError, DataError } from '../errors.js';
import type { ResolvedForecastConfig } from './config.js';
import type { Forecaster } from './forecaster.js';
import { solveLeastSquares } from './least-squares.js';

function need(history: ArrayLike<number>, n: number, name: string): void {
  if (history.length < n) throw new DataError(`needs at least ${n} past values, got ${history.length}`, name);
}

/**
 * Persistence (naive): every future value equals the last observed one.
 * @example persistence().predict([1, 2, 5], 2) //=> [5, 5]
 */
export function persistence(): Forecaster {
  return {
    name: 'persistence',
    fit() {},
    predict(history, horizon) {
      need(history, 1, 'persistence');
      return new Array(horizon).fill(history[history.length - 1]);
    },
  };
}

/**
 * Seasonal naive: the value one season earlier, y[t + h] = y[t + h - m·k].
 * @example seasonalNaive({ season: 2 }).predict([1, 2, 3, 4], 3) //=> [3, 4, 3]
 */
export function seasonalNaive(options: { season: number }): Forecaster {
  const m = options.season;
  if (!Number.isInteger(m) || m < 1)
    throw new ConfigError(`season must be a positive integer, got ${m}`, 'seasonalNaive');
  return {
    name: `seasonal naive (m=${m})`,
    fit() {},
    predict(history, horizon) {
      need(history, m, 'seasonalNaive');
      const n = history.length;
      return Array.from({ length: horizon }, (_, h) => history[n - m + (h % m)]);
    },
  };
}

/**
 * Drift: the line through the first and last observations, extended.
 * @example drift().predict([1, 2, 3], 2) //=> [4, 5]
 */
export function drift(): Forecaster {
  return {
    name: 'drift',
    fit() {},
    predict(history, horizon) {
      need(history, 2, 'drift');
      const n = history.length,
        slope = (history[n - 1] - history[0]) / (n - 1);
      return Array.from({ length: horizon }, (_, h) => history[n - 1] + (h + 1) * slope);
    },
  };
}

/**
 * Mean: every future value is the mean of the history.
 * @example meanForecast().predict([1, 2, 6], 2) //=> [3, 3]
 */
export function meanForecast(): Forecaster {
  return {
    name: 'mean',
    fit() {},
    predict(history, horizon) {
      need(history, 1, 'meanForecast');
      let s = 0;
      for (let i = 0; i < history.length; i++) s += history[i];
      return new Array(horizon).fill(s / history.length);
    },
  };
}

export interface LinearArOptions {
  /** Number of past values (p). */
  lags: number;
  /** Fit on first differences and integrate the forecasts back (for trending series). Default false. */
  difference?: boolean;
}

/**
 * Linear autoregression y[t] = c + Σ a_i·y[t-i] fitted by least squares on the training series;
 * multi-step forecasts are recursive.
 * @example const ar = linearAutoregression({ lags: 1 }); ar.fit([1, 2, 3, 4, 5]); ar.predict([5], 2) //=> [6, 7]
 */
export function linearAutoregression(options: LinearArOptions): Forecaster {
  const p = options.lags,
    diff = options.difference ?? false;
  const where = 'linearAutoregression';
  if (!Number.isInteger(p) || p < 1) throw new ConfigError(`lags must be a positive integer, got ${p}`, where);
  let coef: number[] | null = null; // [c, a_1 .. a_p], a_1 multiplies the most recent value
  const prep = (s: ArrayLike<number>): number[] => {
    const a = Array.from(s);
    return diff ? a.slice(1).map((v, i) => v - a[i]) : a;
  };
  return {
    name: `linear AR(${p})${diff ? ' on differences' : ''}`,
    fit(train) {
      const z = prep(train);
      if (z.length < 2 * p + 2) {
        throw new DataError(
          `${train.length} training values are too few for ${p} lags; use fewer lags or more data`,
          where,
        );
      }
      const rows: number[][] = [],
        ys: number[] = [];
      for (let t = p; t < z.length; t++) {
        const row = [1];
        for (let i = 1; i <= p; i++) row.push(z[t - i]);
        rows.push(row);
        ys.push(z[t]);
      }
      coef = solveLeastSquares(rows, ys, 1e-8);
    },
    predict(history, horizon) {
      if (!coef) throw new DataError('call fit(train) before predict()', where);
      need(history, p + (diff ? 1 : 0), where);
      // only the last p (+1 when differencing) values matter: cost independent of the history length
      const tail = Array.prototype.slice.call(history, Math.max(0, history.length - p - (diff ? 1 : 0))) as number[];
      const z = prep(tail);
      const out: number[] = [];
      let level = history[history.length - 1];
      for (let h = 0; h < horizon; h++) {
        let v = coef[0];
        for (let i = 1; i <= p; i++) v += coef[i] * z[z.length - i];
        z.push(v);
        level = diff ? level + v : v;
        out.push(level);
      }
      return out;
    },
  };
}

/**
 * The baselines forecast() compares every neural model with, for a resolved configuration and a
 * training part of `trainLength` values: persistence, seasonal naive (with a season), drift, mean,
 * and a linear AR on the lookback (on differences when the model differences) when the data allow.
 * @example defaultBaselines(config, 115).map((b) => b.name)
 */
export function defaultBaselines(
  config: Pick<ResolvedForecastConfig, 'season' | 'lookback' | 'difference'>,
  trainLength: number,
): Forecaster[] {
  const out: Forecaster[] = [persistence()];
  if (config.season > 1 && trainLength > config.season) out.push(seasonalNaive({ season: config.season }));
  out.push(drift(), meanForecast());
  if (trainLength - (config.difference ? 1 : 0) >= 2 * config.lookback + 2)
    out.push(linearAutoregression({ lags: config.lookback, difference: config.difference }));
  return out;
}
