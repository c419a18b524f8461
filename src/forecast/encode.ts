// Categorical covariates as numbers, on src/data/encoding.ts: one-hot columns or integer labels
// (scikit-learn's LabelEncoder order). Missing categories (null) become NaN for the missing-value policy.

import { fitCategories, labelEncode, oneHotEncode } from '../data/encoding.js';
import { ConfigError } from '../errors.js';

export type Encoding = 'onehot' | 'label';

/**
 * Encodes one categorical column; returns the new column names and rows aligned with the input.
 * @example encodeCategories(['a', 'b', 'a'], 'dir', 'onehot') //=> { names: ['dir=a', 'dir=b'], rows: [[1, 0], [0, 1], [1, 0]] }
 */
export function encodeCategories(
  values: readonly (string | null)[],
  name: string,
  encoding: Encoding,
): { names: string[]; rows: number[][] } {
  if (encoding !== 'onehot' && encoding !== 'label')
    throw new ConfigError(`unknown encoding '${encoding}'; expected 'onehot' or 'label'`, 'encodeCategories');
  const known = values.filter((v): v is string => v !== null);
  if (known.length === 0) throw new ConfigError(`categorical column '${name}' has no values`, 'encodeCategories');
  const enc = fitCategories(known);
  if (encoding === 'label') {
    const codes = labelEncode(enc, known);
    let k = 0;
    return { names: [name], rows: values.map((v) => [v === null ? Number.NaN : codes[k++]]) };
  }
  const hot = oneHotEncode(enc, known);
  let k = 0;
  return {
    names: enc.classes.map((c) => `${name}=${c}`),
    rows: values.map((v) => (v === null ? enc.classes.map(() => Number.NaN) : hot[k++])),
  };
}
