// Config checks shared by the 2-D layers (conv2d.ts, pooling2d.ts): Keras' "an int or a pair" sizes,
// and the rejection of keys a layer does not know (a misspelled option would otherwise be ignored).

import { ConfigError } from '../errors.js';

/** A positive integer or a pair of them as [height, width]. */
export function pairOf(value: unknown, what: string, where: string): [number, number] {
  const v = typeof value === 'number' ? [value, value] : value;
  if (!Array.isArray(v) || v.length !== 2 || v.some((d) => typeof d !== 'number' || !Number.isInteger(d) || d <= 0))
    throw new ConfigError(
      `${what} must be a positive integer or a pair [height, width] of them, got ${JSON.stringify(value)}`,
      where,
    );
  return [v[0], v[1]];
}

const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Throws a ConfigError naming the first key of `config` that is not in `known` (with a hint for a Keras
 * snake_case spelling of a known key).
 * @example checkKnownKeys({ pool_size: 2 }, ['poolSize'], 'max_pooling2d')  // throws: unknown option 'pool_size' (did you mean 'poolSize'?); ...
 */
export function checkKnownKeys(config: object, known: readonly string[], where: string): void {
  if (config === null || typeof config !== 'object' || Array.isArray(config))
    throw new ConfigError(`expected a config object, got ${config === null ? 'null' : typeof config}`, where);
  for (const key of Object.keys(config)) {
    if (known.includes(key)) continue;
    const hint = known.includes(camel(key)) ? ` (did you mean '${camel(key)}'?)` : '';
    throw new ConfigError(`unknown option '${key}'${hint}; accepted: ${[...known].sort().join(', ')}`, where);
  }
}

/** Options every layer accepts (BaseLayerConfig). */
export const BASE_KEYS = ['name', 'inputShape', 'trainable'] as const;
