// The global forecaster's configuration: one plain JSON object, its defaults declared once here
// (GLOBAL_DEFAULTS), resolved and checked by resolveGlobalConfig.

import { ConfigError, checkOneOf, checkPositiveInt, checkRange } from '../../errors.js';
import { STAT_MODELS, type StatModel } from './combine.js';

/** How each series is deseasonalized before windowing. */
export type Deseasonalize = 'none' | 'classical' | 'es';
export const DESEASONALIZE: readonly Deseasonalize[] = ['none', 'classical', 'es'];

/** The loss minimized on the normalized (log) horizon. */
export type GlobalLoss = 'mae' | 'mse';
export const GLOBAL_LOSSES: readonly GlobalLoss[] = ['mae', 'mse'];

/** Options of `trainGlobal`; every field but `horizon` has a default in GLOBAL_DEFAULTS. */
export interface GlobalConfig {
  /** Steps forecast from the end of each series (H). */
  horizon: number;
  /** Seasonal period m (24 for hourly data, 1 when there is none). */
  season?: number;
  /** Input window lengths; one ensemble member per (lookback, seed). Empty: the default rule. */
  lookbacks?: readonly number[];
  /** Ensemble members per lookback, seeded seed, seed + 1, ... */
  seeds?: number;
  /** First seed. */
  seed?: number;
  /** Values fed to the LSTM per time step (the window is cut into lookback / patch steps). 0: season. */
  patch?: number;
  /** Model log values (every value must be positive). */
  log?: boolean;
  /** Remove per-series seasonal indices first. */
  deseasonalize?: Deseasonalize;
  /** Last values of a window averaged for its level (0: season). */
  levelWindow?: number;
  /** LSTM units per layer. */
  units?: number;
  /** Stacked LSTM layers. */
  layers?: number;
  /** Random training windows drawn per series each epoch. */
  windowsPerSeries?: number;
  /** Most epochs. */
  epochs?: number;
  /** Stop after this many epochs without a better validation loss (the last horizon of each series); 0: never. */
  patience?: number;
  /** After early stopping, train again from the same seed on every window (the last horizon too) for the epochs it chose. */
  refit?: boolean;
  batchSize?: number;
  learningRate?: number;
  loss?: GlobalLoss;
  /** Statistical models (M4 benchmarks, fitted per series) whose mean forecast is combined with the network's. */
  combineWith?: StatModel[];
  /** Weight of that statistical mean in the final forecast (0: the network alone). */
  combineWeight?: number;
}

/** The defaults of every optional field of GlobalConfig (chosen on M4 validation, docs/results.md). */
export const GLOBAL_DEFAULTS: Required<Omit<GlobalConfig, 'horizon'>> = {
  season: 1,
  lookbacks: [],
  seeds: 1,
  seed: 1,
  patch: 0,
  log: true,
  deseasonalize: 'classical',
  levelWindow: 0,
  units: 64,
  layers: 1,
  windowsPerSeries: 40,
  epochs: 30,
  patience: 5,
  refit: false,
  batchSize: 64,
  learningRate: 0.001,
  loss: 'mae',
  combineWith: [],
  combineWeight: 0,
};

export type ResolvedGlobalConfig = Required<GlobalConfig>;

/** The default lookback: a week of hourly data, else enough to see a few horizons. */
export function defaultLookback(horizon: number, season: number): number {
  return season > 1 ? 7 * season : Math.max(2 * horizon, 20);
}

const where = 'trainGlobal';

/**
 * Fills in defaults and checks every field; throws ConfigError naming the field at fault.
 * @example resolveGlobalConfig({ horizon: 48, season: 24 }).lookbacks //=> [168]
 */
export function resolveGlobalConfig(config: GlobalConfig): ResolvedGlobalConfig {
  if (typeof config !== 'object' || config === null)
    throw new ConfigError(`config must be an object such as { horizon: 48 }, got ${JSON.stringify(config)}`, where);
  for (const k of Object.keys(config)) {
    if (k !== 'horizon' && !(k in GLOBAL_DEFAULTS))
      throw new ConfigError(
        `unknown option '${k}'; expected horizon or one of: ${Object.keys(GLOBAL_DEFAULTS).join(', ')}`,
        where,
      );
  }
  const c = { ...GLOBAL_DEFAULTS, ...config } as ResolvedGlobalConfig;
  checkPositiveInt(c.horizon, 'horizon', where);
  checkPositiveInt(c.season, 'season', where);
  if (!Array.isArray(c.lookbacks)) throw new ConfigError(`lookbacks must be an array of positive integers`, where);
  for (const [i, l] of c.lookbacks.entries()) checkPositiveInt(l, `lookbacks[${i}]`, where);
  if (c.lookbacks.length === 0) c.lookbacks = [defaultLookback(c.horizon, c.season)];
  checkPositiveInt(c.seeds, 'seeds', where);
  if (!Number.isInteger(c.seed)) throw new ConfigError(`seed must be an integer, got ${c.seed}`, where);
  for (const k of ['patch', 'levelWindow', 'patience'] as const) {
    if (!Number.isInteger(c[k]) || c[k] < 0)
      throw new ConfigError(`${k} must be a non-negative integer, got ${JSON.stringify(c[k])}`, where);
  }
  if (c.patch === 0) c.patch = c.season;
  if (c.levelWindow === 0) c.levelWindow = c.season;
  for (const k of ['log', 'refit'] as const)
    if (typeof c[k] !== 'boolean')
      throw new ConfigError(`${k} must be true or false, got ${JSON.stringify(c[k])}`, where);
  checkOneOf(c.deseasonalize, DESEASONALIZE, 'deseasonalize', where);
  checkOneOf(c.loss, GLOBAL_LOSSES, 'loss', where);
  for (const k of ['units', 'layers', 'windowsPerSeries', 'epochs', 'batchSize'] as const)
    checkPositiveInt(c[k], k, where);
  checkRange(c.learningRate, 1e-9, 10, 'learningRate', where);
  if (!Array.isArray(c.combineWith)) throw new ConfigError(`combineWith must be an array of model names`, where);
  for (const m of c.combineWith) checkOneOf(m, STAT_MODELS, 'combineWith model', where);
  checkRange(c.combineWeight, 0, 1, 'combineWeight', where);
  if (c.combineWeight > 0 && c.combineWith.length === 0)
    throw new ConfigError(`combineWeight ${c.combineWeight} needs models to combine with (combineWith)`, where);
  return c;
}
