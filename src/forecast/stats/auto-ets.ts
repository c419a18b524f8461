// Automatic ETS as R's forecast::ets(y) with its defaults: every admissible combination of additive or
// multiplicative error, no/additive (optionally damped) trend and no/additive/multiplicative season is
// fitted by maximum likelihood, and the one with the lowest AICc forecasts (Hyndman et al. 2002, 2008).

import { checkPositiveInt, ConfigError } from '../../errors.js';
import type { Forecaster } from '../forecaster.js';
import { type EtsFit, etsForecast, fitEts } from './ets-fit.js';
import type { EtsSpec } from './ets-model.js';
import { type LocalModel, localForecaster } from './local-model.js';

/** Options of autoEts(). */
export interface AutoEtsOptions {
  /** Season length m; seasonal models are tried when 1 < m ≤ 24 and the series holds 3 seasons. Default 1. */
  season?: number;
}

/** The candidate models of R's ets(model = "ZZZ"), in R's search order. */
function candidates(y: Float64Array, m: number): EtsSpec[] {
  const positive = y.every((v) => v > 0);
  const seasons: EtsSpec['season'][] = m > 1 && m <= 24 && y.length >= 3 * m ? ['N', 'A', 'M'] : ['N'];
  const out: EtsSpec[] = [];
  for (const error of ['A', 'M'] as const) {
    if (error === 'M' && !positive) continue;
    for (const trend of ['N', 'A'] as const)
      for (const season of seasons)
        for (const damped of [true, false]) {
          if (trend === 'N' && damped) continue;
          if (error === 'A' && season === 'M') continue; // R's restrict = TRUE
          if (season === 'M' && !positive) continue;
          out.push({ error, trend, season, damped, period: season === 'N' ? 1 : m });
        }
  }
  return out;
}

/**
 * Fits every candidate ETS model and returns the one with the lowest AICc (null if none could be fitted).
 * @example selectEts(Float64Array.from({ length: 40 }, (_, t) => 10 + t))?.spec.trend  //=> 'A'
 */
export function selectEts(y: Float64Array, season = 1): EtsFit | null {
  checkPositiveInt(season, 'season', 'selectEts');
  let best: EtsFit | null = null;
  for (const spec of candidates(y, season)) {
    let fit: EtsFit;
    try {
      fit = fitEts(y, spec);
    } catch {
      continue; // too short for this model, or no admissible start: R skips it too
    }
    if (Number.isFinite(fit.aicc) && (!best || fit.aicc < best.aicc)) best = fit;
  }
  return best;
}

const autoEtsModel =
  (season: number): LocalModel =>
  (y) => {
    const constant = y.every((v) => v === y[0]);
    const fit = constant ? null : selectEts(y, season);
    if (!fit) return (horizon) => new Array<number>(horizon).fill(y[y.length - 1]);
    return (horizon) => etsForecast(fit, horizon);
  };

/**
 * Automatic ETS (R's forecast::ets defaults: AICc over error, trend, damping and season). A constant
 * series, or one too short for any model, is forecast by its last value.
 * @example autoEts({ season: 12 }).predict(airlinePassengers, 12)  // ETS(M,Ad,M) forecasts, as R
 */
export function autoEts(options: AutoEtsOptions = {}): Forecaster {
  const season = options.season ?? 1;
  if (!Number.isInteger(season) || season < 1)
    throw new ConfigError(`season must be a positive integer, got ${season}`, 'autoEts');
  return localForecaster('ETS', autoEtsModel(season));
}
