// Seeded mutations shared by the fuzz tests: replace a random value anywhere in a JSON tree with junk.

import type { Rng } from '../../src/rng.js';

/** Values that break a field's type, range or meaning. */
export const JUNK: readonly unknown[] = [
  0,
  -1,
  1e300,
  3.5,
  'x',
  '',
  null,
  true,
  [],
  {},
  [1, 2],
  'LSTM',
  'hard_sigmoid',
  [null, 4, 2],
  2 ** 31,
  5000000,
];

/**
 * Replaces one random value anywhere in `obj` (in place) with one of JUNK.
 * @example const t = { a: [1, 2] }; mutateTree(t, new Rng(1));
 */
export function mutateTree(obj: unknown, r: Rng): void {
  const slots: [Record<string, unknown>, string][] = [];
  const walk = (o: unknown): void => {
    if (o && typeof o === 'object')
      for (const k of Object.keys(o)) {
        slots.push([o as Record<string, unknown>, k]);
        walk((o as Record<string, unknown>)[k]);
      }
  };
  walk(obj);
  const [o, k] = slots[r.int(slots.length)];
  o[k] = structuredClone(JUNK[r.int(JUNK.length)]); // a copy: a second mutation must not reach into a shared junk value
}
