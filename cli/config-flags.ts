// Command-line flags of every ForecastConfig option, derived from the forecaster's DEFAULTS and
// CONFIG_DOCS (one definition): the flag is the option in kebab-case (learningRate ->
// --learning-rate), help shows the default from DEFAULTS, and values are parsed into a
// Partial<ForecastConfig> that the library checks again.

import {
  CONFIG_DOCS,
  DEFAULTS,
  FORECAST_KINDS,
  FORECAST_LOSSES,
  type ForecastConfig,
  optionFlag,
  SCALINGS,
  STRATEGIES,
} from 'lstmkit';
import { choiceValue, intValue, listValue, numberValue, type OptionSpec, show } from './args.js';
import { UsageError } from './errors.js';

type Key = keyof ForecastConfig;
const KEYS = Object.keys(DEFAULTS) as Key[];

/** The flag of an option: learningRate -> learning-rate (the docs table uses the same function). */
export const flagOf = optionFlag;

function shownDefault(v: unknown): string {
  if (Array.isArray(v)) return v.join(',');
  if (v === true) return 'yes';
  if (v === false) return 'no';
  return String(v);
}

const VALUES: Partial<Record<Key, string>> = {
  kind: FORECAST_KINDS.join('|'),
  strategy: STRATEGIES.join('|'),
  power: 'auto|none|log|boxcox',
  scaling: 'minmax|standard|window',
  loss: FORECAST_LOSSES.join('|'),
  difference: 'auto|yes|no',
  levelInput: 'auto|yes|no',
  season: 'auto|m|m1,m2',
  levels: 'l1,l2',
};

/**
 * The option table of the forecasting options (for parseCommand), in DEFAULTS' order.
 * @example Object.keys(configOptions()).includes('learning-rate') //=> true
 */
export function configOptions(group = 'model and training'): Record<string, OptionSpec> {
  const out: Record<string, OptionSpec> = {};
  for (const k of KEYS)
    out[flagOf(k)] = {
      type: 'string',
      description: CONFIG_DOCS[k],
      default: shownDefault(DEFAULTS[k]),
      value: VALUES[k] ?? 'N',
      group,
    };
  out.log = { type: 'boolean', description: 'shorthand for --power log', group };
  return out;
}

const auto = <T>(v: string | boolean | undefined, parse: (v: string) => T): T | 'auto' | undefined =>
  v === undefined ? undefined : v === 'auto' ? 'auto' : parse(String(v));

/**
 * The ForecastConfig options given on the command line (absent flags are left out).
 * @example configFromFlags({ 'learning-rate': '0.01', difference: 'no' }) //=> { learningRate: 0.01, difference: false }
 */
export function configFromFlags(v: Record<string, string | boolean | undefined>): Partial<ForecastConfig> {
  const o: Partial<Record<Key, unknown>> = {};
  const set = (k: Key, x: unknown) => {
    if (x !== undefined) o[k] = x;
  };
  const f = (k: Key) => v[flagOf(k)];
  set('kind', choiceValue(f('kind'), 'kind', FORECAST_KINDS));
  set('strategy', choiceValue(f('strategy'), 'strategy', STRATEGIES));
  for (const k of ['horizon', 'lookback', 'test', 'batchSize'] as const)
    set(
      k,
      auto(f(k), (s) => intValue(s, flagOf(k))),
    );
  set(
    'calibration',
    auto(f('calibration'), (s) => intValue(s, 'calibration', 0)),
  );
  const season = f('season');
  if (season !== undefined && season !== 'auto') {
    const items = listValue(season) ?? [];
    const ms = items.map((s) => intValue(s, 'season') as number);
    if (!ms.length)
      throw new UsageError(`--season must be auto, a season length or a list such as 24,168, got ${show(season)}`);
    if (ms.length > 1 && ms.some((m) => m < 2))
      throw new UsageError(`--season lists need lengths >= 2, got ${show(season)}`);
    set('season', ms.length > 1 ? ms : ms[0]);
  } else set('season', season);
  set('units', intValue(f('units'), 'units', 1, 65536));
  set('layers', intValue(f('layers'), 'layers', 1, 64));
  set('epochs', intValue(f('epochs'), 'epochs', 1, 1_000_000));
  set('repeats', intValue(f('repeats'), 'repeats', 1, 64));
  set('patience', intValue(f('patience'), 'patience', 0));
  set('seed', intValue(f('seed'), 'seed', 0, 2 ** 32 - 1));
  set('dropout', numberValue(f('dropout'), 'dropout', 0, 0.99));
  set('recurrentDropout', numberValue(f('recurrentDropout'), 'recurrent-dropout', 0, 0.99));
  set('learningRate', numberValue(f('learningRate'), 'learning-rate', 0, 10, true));
  set('validationFraction', numberValue(f('validationFraction'), 'validation-fraction', 0, 0.49));
  set('testFraction', numberValue(f('testFraction'), 'test-fraction', 0, 0.89, true));
  const d = choiceValue(f('difference'), 'difference', ['auto', 'yes', 'no'] as const);
  set('difference', d === undefined ? undefined : d === 'auto' ? 'auto' : d === 'yes');
  const li = choiceValue(f('levelInput'), 'level-input', ['auto', 'yes', 'no'] as const);
  set('levelInput', li === undefined ? undefined : li === 'auto' ? 'auto' : li === 'yes');
  const p = choiceValue(f('power'), 'power', ['auto', 'none', 'log', 'boxcox', 'boxCox'] as const);
  if (v.log && p !== undefined && p !== 'log')
    throw new UsageError(`--log and --power ${p} contradict each other; pass one`);
  set('power', v.log ? 'log' : p === 'boxcox' ? 'boxCox' : p);
  const s = choiceValue(f('scaling'), 'scaling', ['minmax', 'minMax', 'standard', 'window'] as const);
  set('scaling', s === undefined ? undefined : (SCALINGS.find((x) => x.toLowerCase() === s.toLowerCase()) ?? s));
  set('loss', choiceValue(f('loss'), 'loss', FORECAST_LOSSES));
  const levels = listValue(f('levels'));
  if (levels)
    set(
      'levels',
      levels.map((l) => numberValue(l, 'levels', 0, 0.999, true) as number),
    );
  return o as Partial<ForecastConfig>;
}

/**
 * A library error message with the flag of each forecasting option it names, e.g.
 * "lookback 200 ..." -> "lookback (--lookback) 200 ...", so CLI users know what to change.
 * @example withFlags('lookback 200 is too long') //=> 'lookback 200 (--lookback) is too long'
 */
export function withFlags(message: string): string {
  let out = message;
  for (const k of HINTED) {
    const re = new RegExp(`\\b${k}\\b( (?:[\\d.]+|'[^']*'))?(?! \\(--)`);
    if (re.test(out)) out = out.replace(re, (_m, value: string | undefined) => `${k}${value ?? ''} (--${flagOf(k)})`);
  }
  return out;
}

/** Options named in library errors whose names are not everyday words (so hints stay precise). */
const HINTED: readonly Key[] = [
  'lookback',
  'horizon',
  'units',
  'layers',
  'epochs',
  'batchSize',
  'learningRate',
  'patience',
  'calibration',
  'dropout',
  'recurrentDropout',
  'repeats',
  'validationFraction',
  'testFraction',
  'power',
];
