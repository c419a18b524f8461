// Run-time checks of config objects for every factory (layers, optimizers, losses): JavaScript callers
// and untyped TypeScript get a ConfigError for an unknown key or a wrongly typed value, naming the key
// and listing what is accepted, instead of an option that is silently ignored.

import { ConfigError } from './errors.js';

/** Keys every layer accepts (BaseLayerConfig). */
export const BASE_LAYER_KEYS = ['name', 'inputShape', 'trainable'] as const;

const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Throws a ConfigError unless `config` is undefined or an object whose keys are all in `allowed`.
 * A Keras snake_case spelling of an accepted key gets a hint ('return_sequences' -> 'returnSequences').
 * @example checkConfigKeys({ units: 4, zeroOutput: true }, ['units'], "lstm 'lstm'")  // throws: unknown option 'zeroOutput'; ...
 */
export function checkConfigKeys(config: unknown, allowed: readonly string[], where: string): void {
  if (config === undefined) return;
  if (config === null || typeof config !== 'object' || Array.isArray(config))
    throw new ConfigError(`expected a config object, got ${config === null ? 'null' : typeof config}`, where);
  for (const key of Object.keys(config)) {
    if (allowed.includes(key)) continue;
    const hint = allowed.includes(camel(key)) ? ` (did you mean '${camel(key)}'?)` : '';
    throw new ConfigError(`unknown option '${key}'${hint}; accepted: ${[...allowed].sort().join(', ')}`, where);
  }
}

/**
 * `value` when it is a boolean, `fallback` when undefined; a ConfigError otherwise.
 * @example checkBoolean(undefined, true, 'useBias', 'dense')  //=> true
 */
export function checkBoolean(value: unknown, fallback: boolean, what: string, where: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean')
    throw new ConfigError(`${what} must be true or false, got ${JSON.stringify(value)}`, where);
  return value;
}

/**
 * `value` when it is a finite number, `fallback` when undefined; a ConfigError otherwise.
 * @example checkNumber(undefined, 1e-7, 'epsilon', 'adam')  //=> 1e-7
 */
export function checkNumber(value: unknown, fallback: number, what: string, where: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new ConfigError(`${what} must be a finite number, got ${JSON.stringify(value)}`, where);
  return value;
}
