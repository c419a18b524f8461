// The options of a panel run, their defaults (declared once, in PANEL_DEFAULTS) and how 'auto' is
// decided for the whole panel: one horizon and one season length for every series, as the M4
// competition scores a frequency (MASE's scale, Naive2's seasonality test and the global model's
// windows all use that one m).

import type { Panel } from '../../data/panel.js';
import { ConfigError, checkOneOf, checkPositiveInt } from '../../errors.js';
import { autoHorizon, DEFAULTS, type Decision } from '../config.js';
import { calendarSeasons, detectSeasons } from '../seasonality.js';
import { GLOBAL_MODEL, type GlobalModelOptions } from './global-model.js';
import { checkPanelModels, defaultPanelModels } from './models.js';
import { type Shard, shardFilter } from './shard.js';

/** How missing values inside a series are filled (leading and trailing ones are trimmed). */
export type PanelMissing = 'interpolate' | 'ffill' | 'zero' | 'error';
export const PANEL_MISSING: readonly PanelMissing[] = ['interpolate', 'ffill', 'zero', 'error'];

/** Options of forecastPanel(). */
export interface PanelOptions {
  /** Steps forecast after each series, and the size of each test part; 'auto': one season of the frequency (FREQUENCY_HORIZON). */
  horizon?: number | 'auto';
  /** Season length m of MASE, Naive2 and the models; 'auto': the calendar's shortest period, else the one most series show. */
  season?: number | 'auto';
  /** Coverage levels of the prediction intervals. */
  levels?: number[];
  /** Models to compare (PANEL_MODELS names); Naive2 is always added (the OWA reference). Default: defaultPanelModels(season). */
  models?: string[];
  /** The model whose future is forecast: a model name, or 'best' (the lowest OWA on the test parts). */
  futureModel?: string;
  /** The global LSTM's configuration and where it trains. */
  global?: GlobalModelOptions;
  /** Forecast only this group of series (see shard.ts). */
  shard?: Shard;
  /** Missing values inside a series. */
  missing?: PanelMissing;
  /** Series shown in the report: this many worst and this many best. */
  pages?: number;
}

/** The defaults of PanelOptions ('auto' where the panel decides). */
export const PANEL_DEFAULTS = {
  horizon: 'auto',
  season: 'auto',
  levels: DEFAULTS.levels,
  futureModel: 'best',
  missing: 'interpolate',
  pages: 10,
} as const;

/** Series sampled (evenly) to find the season of a panel without dates. */
export const SEASON_SAMPLE = 200;

/** What a panel run was set up with (written to results.json; shards must agree on it to merge). */
export interface PanelSetup {
  horizon: number;
  season: number;
  levels: number[];
  models: string[];
  futureModel: string;
  /** Shortest usable series: the test part, the calibration window before it, and a training part. */
  minLength: number;
  missing: PanelMissing;
  pages: number;
  frequency?: string;
  shard?: Shard;
  /** The global LSTM's configuration as given (GLOBAL_DEFAULTS for the rest), when it runs. */
  global?: object;
  /** Set by a merge: how many outputs were merged, and which shards of how many (missing ones listed). */
  merged?: { outputs: number; shards?: number[]; count?: number; missing?: number[] };
  decisions: Decision[];
}

/**
 * The shortest series a panel run can use: the test part (horizon), the calibration window before
 * it (horizon), and a training part of more than max(horizon, season) values (MASE needs more than m;
 * the global model needs a validation horizon and one more value).
 * @example minimumLength(48, 24)  //=> 145
 */
export function minimumLength(horizon: number, season: number): number {
  return 2 * horizon + Math.max(horizon, season) + 1;
}

const usable = (panel: Panel) => panel.series.filter((s) => !s.error && s.values.length > 0);

function autoSeason(panel: Panel): { season: number; why: string } {
  if (panel.frequency) {
    const cal = calendarSeasons(panel.frequency);
    const m = cal?.[0]?.period ?? 1;
    return {
      season: m,
      why: `${panel.frequency.name} dates: ${cal?.[0] ? `${cal[0].label}, m = ${m}` : 'no calendar season'}`,
    };
  }
  const series = usable(panel);
  const step = Math.max(1, Math.floor(series.length / SEASON_SAMPLE));
  const votes = new Map<number, number>();
  let sampled = 0;
  for (let i = 0; i < series.length && sampled < SEASON_SAMPLE; i += step, sampled++) {
    const v = series[i].values;
    if (v.some((x) => Number.isNaN(x)) || v.length < 8) continue;
    const m = detectSeasons(v).shortest;
    votes.set(m, (votes.get(m) ?? 0) + 1);
  }
  let best = 1,
    count = 0;
  for (const [m, c] of votes) if (c > count || (c === count && m < best)) [best, count] = [m, c];
  return { season: best, why: `no dates; the shortest season found in ${count} of ${sampled} sampled series` };
}

/**
 * Decides every 'auto' option for this panel and checks the others.
 * @example resolvePanelSetup({ series: [] }, { horizon: 48, season: 24, models: ['SES'] }).models  //=> ['SES', 'Naive2']
 */
export function resolvePanelSetup(panel: Panel, options: PanelOptions = {}): PanelSetup {
  const where = 'forecastPanel';
  if (typeof options !== 'object' || options === null)
    throw new ConfigError(`options must be an object, got ${JSON.stringify(options)}`, where);
  const known = ['horizon', 'season', 'levels', 'models', 'futureModel', 'global', 'shard', 'missing', 'pages'];
  for (const k of Object.keys(options))
    if (!known.includes(k)) throw new ConfigError(`unknown option '${k}'; expected one of: ${known.join(', ')}`, where);
  const decisions: Decision[] = [];
  let season: number;
  if ((options.season ?? 'auto') === 'auto') {
    const s = autoSeason(panel);
    season = s.season;
    decisions.push({ option: 'season', value: season, why: s.why });
  } else season = checkPositiveInt(options.season, 'season', where);
  let horizon: number;
  if ((options.horizon ?? 'auto') === 'auto') {
    const lengths = usable(panel)
      .map((s) => s.values.length)
      .sort((a, b) => a - b);
    const median = lengths.length ? lengths[lengths.length >> 1] : 0;
    horizon = autoHorizon([season], panel.frequency?.name, median);
    decisions.push({
      option: 'horizon',
      value: horizon,
      why: panel.frequency
        ? `one season of ${panel.frequency.name} data (at most an eighth of the median length ${median})`
        : `one season (m = ${season}; at most an eighth of the median length ${median})`,
    });
  } else horizon = checkPositiveInt(options.horizon, 'horizon', where);
  const levels = options.levels ?? [...PANEL_DEFAULTS.levels];
  if (!Array.isArray(levels) || levels.length === 0 || levels.some((l) => !(l > 0 && l < 1)))
    throw new ConfigError(
      `levels must be coverage levels in (0, 1) such as [0.8, 0.95], got ${JSON.stringify(levels)}`,
      where,
    );
  const models = checkPanelModels(options.models ?? defaultPanelModels(season), where);
  const futureModel = options.futureModel ?? PANEL_DEFAULTS.futureModel;
  if (futureModel !== 'best' && !models.includes(futureModel))
    throw new ConfigError(
      `futureModel ${JSON.stringify(futureModel)} is not among the models (${models.join(', ')}); name one of them or 'best'`,
      where,
    );
  const missing = checkOneOf(options.missing ?? PANEL_DEFAULTS.missing, PANEL_MISSING, 'missing', where);
  const pages = options.pages ?? PANEL_DEFAULTS.pages;
  if (!Number.isInteger(pages) || pages < 0)
    throw new ConfigError(`pages must be a non-negative integer, got ${JSON.stringify(pages)}`, where);
  if (options.shard !== undefined) shardFilter(options.shard, where);
  return {
    horizon,
    season,
    levels: [...levels],
    models,
    futureModel,
    minLength: minimumLength(horizon, season),
    missing,
    pages,
    ...(panel.frequency ? { frequency: panel.frequency.name } : {}),
    ...(options.shard ? { shard: { index: options.shard.index, count: options.shard.count } } : {}),
    ...(models.includes(GLOBAL_MODEL) ? { global: { ...options.global?.config } } : {}),
    decisions,
  };
}
