// Missing-value policy of the forecasting pipeline over the target and its covariates (NaN marks a
// missing value), built on src/data/missing.ts: interpolate, forward fill, zero, drop, or error.

import { dropMissing, fillMissing, findMissing } from '../data/missing.js';
import { ConfigError, DataError } from '../errors.js';

export type MissingPolicy = 'interpolate' | 'ffill' | 'zero' | 'drop' | 'error';
export const MISSING_POLICIES: readonly MissingPolicy[] = ['interpolate', 'ffill', 'zero', 'drop', 'error'];

/**
 * Applies a missing-value policy to a target series and its covariate rows (column 0 of the
 * combined rows is the target). 'ffill' back-fills a leading gap; 'drop' removes every row with a
 * missing value and returns the kept row indices.
 * @example applyMissingPolicy([1, NaN, 3], undefined, 'interpolate').target //=> [1, 2, 3]
 */
export function applyMissingPolicy(
  target: readonly number[],
  covariates: readonly (readonly number[])[] | undefined,
  policy: MissingPolicy,
  name = 'target',
): { target: number[]; covariates?: number[][]; kept?: number[] } {
  const where = 'applyMissingPolicy';
  if (!MISSING_POLICIES.includes(policy))
    throw new ConfigError(
      `unknown missing-value policy '${policy}'; expected one of ${MISSING_POLICIES.join(', ')}`,
      where,
    );
  const rows = target.map((y, t) => [y, ...(covariates?.[t] ?? [])]);
  const split = (r: number[][], kept?: number[]) => ({
    target: r.map((x) => x[0]),
    ...(covariates ? { covariates: r.map((x) => x.slice(1)) } : {}),
    ...(kept ? { kept } : {}),
  });
  const gaps = findMissing(rows);
  if (gaps.length === 0) return split(rows);
  if (target.every(Number.isNaN)) throw new DataError(`every value of '${name}' is missing`, where);
  if (policy === 'error') {
    throw new DataError(
      `row ${gaps[0] + 1} of '${name}' or its features is missing; choose a missing-value policy (interpolate, ffill, zero, drop)`,
      where,
    );
  }
  if (policy === 'drop') {
    const d = dropMissing(rows);
    return split(d.values as number[][], d.index);
  }
  if (policy === 'zero') return split(fillMissing(rows, { method: 'value', value: 0 }));
  if (policy === 'interpolate') return split(fillMissing(rows, { method: 'interpolate' }));
  // ffill: a leading gap has nothing before it, so row 0 takes each column's first known value.
  const head = fillMissing(rows, { method: 'interpolate' })[0];
  return split(fillMissing([head, ...rows.slice(1)], { method: 'ffill' }));
}
