// Categorical encodings as plain data: label (integer) encoding and one-hot, with a policy for
// categories not seen at fit time, and their inverses. Classes are sorted as scikit-learn's
// LabelEncoder sorts them (code-unit order), so integer codes match the tutorials.

import { checkOneOf, ConfigError, DataError, StateError } from '../errors.js';

/** What to do with a category not seen at fit time. */
export type UnknownPolicy = 'error' | 'ignore' | 'unknownSlot';

/** A fitted encoder: the sorted classes and the unknown-category policy. */
export interface CategoryEncoder {
  kind: 'categories';
  classes: string[];
  /**
   * 'error' throws; 'ignore' gives label -1 and an all-zero one-hot row; 'unknownSlot' gives the
   * extra code classes.length (one-hot rows get one extra column). Default 'error'.
   */
  handleUnknown: UnknownPolicy;
}

function cat(v: unknown, i: number, where: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return String(v);
  throw new DataError(
    `value at index ${i} is ${v === null ? 'null' : String(v)}; expected a category (string or number); fill missing categories first`,
    where,
  );
}

/**
 * Learns the sorted distinct categories.
 * @example fitCategories(['NW', 'cv', 'NE', 'NW']).classes  //=> ['NE', 'NW', 'cv']
 */
export function fitCategories(
  values: ArrayLike<string | number>,
  options: { handleUnknown?: UnknownPolicy } = {},
): CategoryEncoder {
  const where = 'fitCategories()';
  const handleUnknown = checkOneOf(
    options.handleUnknown ?? 'error',
    ['error', 'ignore', 'unknownSlot'] as const,
    'handleUnknown',
    where,
  );
  if (!values || values.length === 0) throw new DataError('no values to learn categories from', where);
  const set = new Set<string>();
  for (let i = 0; i < values.length; i++) set.add(cat(values[i], i, where));
  const classes = [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { kind: 'categories', classes, handleUnknown };
}

function check(enc: unknown, where: string): CategoryEncoder {
  if (
    enc === null ||
    typeof enc !== 'object' ||
    (enc as CategoryEncoder).kind !== 'categories' ||
    !Array.isArray((enc as CategoryEncoder).classes)
  ) {
    throw new StateError('the encoder is not fitted; call fitCategories(trainValues) first', where);
  }
  return enc as CategoryEncoder;
}

function codes(enc: CategoryEncoder, values: ArrayLike<string | number>, where: string): number[] {
  const index = new Map(enc.classes.map((c, i) => [c, i]));
  return Array.from({ length: values.length }, (_, i) => {
    const c = cat(values[i], i, where);
    const k = index.get(c);
    if (k !== undefined) return k;
    if (enc.handleUnknown === 'ignore') return -1;
    if (enc.handleUnknown === 'unknownSlot') return enc.classes.length;
    throw new DataError(
      `unknown category ${JSON.stringify(c)} at index ${i}; known: ${enc.classes.join(', ')} (fit with handleUnknown 'ignore' or 'unknownSlot' to allow it)`,
      where,
    );
  });
}

/**
 * Integer codes 0..classes-1 (the position in the sorted classes).
 * @example labelEncode(fitCategories(['NW', 'cv', 'NE']), ['cv', 'NE'])  //=> [2, 0]
 */
export function labelEncode(encoder: CategoryEncoder, values: ArrayLike<string | number>): number[] {
  const where = 'labelEncode()';
  return codes(check(encoder, where), values, where);
}

/**
 * Categories from integer codes; -1 and the unknown slot decode to null.
 * @example labelDecode(fitCategories(['a', 'b']), [1, 0])  //=> ['b', 'a']
 */
export function labelDecode(encoder: CategoryEncoder, codesIn: ArrayLike<number>): (string | null)[] {
  const where = 'labelDecode()';
  const enc = check(encoder, where);
  return Array.from(codesIn, (k, i) => {
    if (k === -1 || (k === enc.classes.length && enc.handleUnknown !== 'error')) return null;
    if (!Number.isInteger(k) || k < 0 || k >= enc.classes.length) {
      throw new DataError(`code at index ${i} is ${k}; expected an integer in 0..${enc.classes.length - 1}`, where);
    }
    return enc.classes[k];
  });
}

/**
 * One-hot rows: classes.length columns (+1 for 'unknownSlot'); 'ignore' gives all zeros for unknowns.
 * @example oneHotEncode(fitCategories(['a', 'b', 'c']), ['b'])  //=> [[0, 1, 0]]
 */
export function oneHotEncode(encoder: CategoryEncoder, values: ArrayLike<string | number>): number[][] {
  const where = 'oneHotEncode()';
  const enc = check(encoder, where);
  const width = enc.classes.length + (enc.handleUnknown === 'unknownSlot' ? 1 : 0);
  return codes(enc, values, where).map((k) => {
    const row = new Array<number>(width).fill(0);
    if (k >= 0) row[k] = 1;
    return row;
  });
}

/**
 * Categories from one-hot rows or scores (the largest column wins); all-zero rows and the unknown
 * slot decode to null.
 * @example oneHotDecode(fitCategories(['a', 'b', 'c']), [[0.1, 0.2, 0.7], [0, 0, 0]])  //=> ['c', null]
 */
export function oneHotDecode(encoder: CategoryEncoder, rows: ArrayLike<ArrayLike<number>>): (string | null)[] {
  const where = 'oneHotDecode()';
  const enc = check(encoder, where);
  const width = enc.classes.length + (enc.handleUnknown === 'unknownSlot' ? 1 : 0);
  return Array.from(rows, (row, i) => {
    if (!row || row.length !== width)
      throw new ConfigError(`row ${i} has ${row?.length} columns; expected ${width}`, where);
    let best = -1,
      max = 0;
    for (let k = 0; k < width; k++) {
      if (row[k] > max) {
        max = row[k];
        best = k;
      }
    }
    return best < 0 || best >= enc.classes.length ? null : enc.classes[best];
  });
}
