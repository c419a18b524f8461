// The models a panel run compares, behind one small panel-level interface: fit on the panel (a
// global model trains there; per-series models have nothing to do), then forecast each series. Every
// per-series Forecaster (the M4 statistical set, automatic ETS) enters through localPanelForecaster;
// the global LSTM through its adapter (global-model.ts).

import { ConfigError } from '../../errors.js';
import type { Forecaster } from '../forecaster.js';
import { autoEts } from '../stats/auto-ets.js';
import { m4Benchmarks } from '../stats/benchmarks.js';
import { GLOBAL_MODEL, type GlobalModelOptions, globalPanelForecaster } from './global-model.js';

/** What a panel model is built for: the steps it forecasts and the season length m. */
export interface PanelContext {
  horizon: number;
  season: number;
}

/** A model of a panel run. */
export interface PanelForecaster {
  readonly name: string;
  /**
   * Learns from every series at once: at stage 'evaluation' from the values before each test part,
   * at stage 'final' from whole series (for the future). Per-series models leave it out.
   */
  fit?(histories: readonly ArrayLike<number>[], stage: 'evaluation' | 'final'): Promise<void> | void;
  /** The next `horizon` values after each history, or an Error for a series it cannot forecast. */
  forecast(histories: readonly ArrayLike<number>[]): Promise<(number[] | Error)[]>;
}

/**
 * A per-series Forecaster as a panel model: fitted on each history, forecasting from its end; a
 * series it fails on (or forecasts a non-finite value for) gets an Error, the others go on.
 * @example const m = localPanelForecaster(m4Benchmarks()[0], { horizon: 2, season: 1 }); (await m.forecast([[1, 2, 3]]))[0]  //=> [3, 3]
 */
export function localPanelForecaster(forecaster: Forecaster, context: PanelContext): PanelForecaster {
  return {
    name: forecaster.name,
    async forecast(histories) {
      const out: (number[] | Error)[] = [];
      for (const h of histories) {
        try {
          await forecaster.fit(h);
          const p = forecaster.predict(h, context.horizon);
          const bad = p.findIndex((v) => !Number.isFinite(v));
          out.push(bad < 0 ? p : new Error(`its forecast at step ${bad + 1} is ${p[bad]}`));
        } catch (e) {
          out.push(e instanceof Error ? e : new Error(String(e)));
        }
      }
      return out;
    },
  };
}

/** Automatic ETS is left out of the default set above this season length (seasonal fits with m = 24 take ~2 s a series). */
export const ETS_MAX_DEFAULT_SEASON = 12;

/** Names of the statistical models (the M4 benchmarks, then automatic ETS). */
export const STATISTICAL_MODELS: readonly string[] = [...m4Benchmarks().map((b) => b.name), 'ETS'];

/** Every model name a panel run knows: the global LSTM and the statistical set. */
export const PANEL_MODELS: readonly string[] = [GLOBAL_MODEL, ...STATISTICAL_MODELS];

/** The reference of OWA, always run. */
export const REFERENCE_MODEL = 'Naive2';

/**
 * The default models: the global LSTM, the M4 statistical benchmarks, and automatic ETS when the
 * season is at most ETS_MAX_DEFAULT_SEASON.
 * @example defaultPanelModels(24).includes('ETS')  //=> false
 */
export function defaultPanelModels(season: number): string[] {
  return PANEL_MODELS.filter((m) => m !== 'ETS' || season <= ETS_MAX_DEFAULT_SEASON);
}

/**
 * Checks model names (case as listed in PANEL_MODELS) and adds the OWA reference (Naive2) if absent.
 * @example checkPanelModels(['SES', 'Theta'])  //=> ['SES', 'Theta', 'Naive2']
 */
export function checkPanelModels(names: readonly string[], where = 'forecastPanel'): string[] {
  if (!Array.isArray(names) || names.length === 0)
    throw new ConfigError(`models must be a non-empty list of: ${PANEL_MODELS.join(', ')}`, where);
  for (const n of names)
    if (!PANEL_MODELS.includes(n))
      throw new ConfigError(`unknown model ${JSON.stringify(n)}; expected some of: ${PANEL_MODELS.join(', ')}`, where);
  const unique = [...new Set(names)];
  return unique.includes(REFERENCE_MODEL) ? unique : [...unique, REFERENCE_MODEL];
}

/**
 * Builds the named panel model.
 * @example panelModel('Theta', { horizon: 48, season: 24 }).name  //=> 'Theta'
 */
export function panelModel(name: string, context: PanelContext, global: GlobalModelOptions = {}): PanelForecaster {
  if (name === GLOBAL_MODEL) return globalPanelForecaster(context, global);
  if (name === 'ETS') return localPanelForecaster(autoEts({ season: context.season }), context);
  const i = m4Benchmarks().findIndex((b) => b.name === name);
  if (i < 0) throw new ConfigError(`unknown model ${JSON.stringify(name)}`, 'panelModel');
  return localPanelForecaster(m4Benchmarks({ season: context.season })[i], context);
}
