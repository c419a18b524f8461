// Sharding a panel: series go to one of N groups by a hash of their id, so any machine can tell which
// series are its own from the id alone, groups are disjoint and cover the panel, and the assignment
// does not depend on the file, the order of rows or the other series.

import { ConfigError } from '../../errors.js';

/** The i-th of `count` disjoint groups of series (index 0..count-1, as Kubernetes' and Slurm's array indices). */
export interface Shard {
  index: number;
  count: number;
}

/**
 * The 32-bit FNV-1a hash of a string's UTF-8 bytes.
 * @example fnv1a('a')  //=> 0xe40c292c
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  const byte = (b: number) => {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  };
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) byte(c);
    else if (c < 0x800) {
      byte(0xc0 | (c >> 6));
      byte(0x80 | (c & 63));
    } else if (c < 0x10000) {
      byte(0xe0 | (c >> 12));
      byte(0x80 | ((c >> 6) & 63));
      byte(0x80 | (c & 63));
    } else {
      byte(0xf0 | (c >> 18));
      byte(0x80 | ((c >> 12) & 63));
      byte(0x80 | ((c >> 6) & 63));
      byte(0x80 | (c & 63));
    }
  }
  return h;
}

/**
 * The shard of a series: FNV-1a (32-bit) of its id's UTF-8 bytes, modulo the shard count.
 * @example shardOf('H1', 4)  //=> 2
 */
export function shardOf(id: string, count: number): number {
  return fnv1a(id) % count;
}

/**
 * Checks a shard and returns the filter keeping its series.
 * @example shardFilter({ index: 2, count: 4 })('H1')  //=> true
 */
export function shardFilter(shard: Shard, where = 'shard'): (id: string) => boolean {
  const { index, count } = shard ?? ({} as Shard);
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0 || index >= count)
    throw new ConfigError(
      `shard must be { index, count } with count >= 1 and 0 <= index < count, got ${JSON.stringify(shard)}`,
      where,
    );
  return (id) => shardOf(id, count) === index;
}
