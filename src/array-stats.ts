// Smallest and largest of an array by a loop: Math.min(...values) passes every value as an argument
// and overflows the call stack past ~100,000 values (a 200,000-row series crashed a report that way).

/**
 * The largest value, as Math.max(...values) gives it (NaN if any is NaN, -Infinity when empty), for any length.
 * @example maxOf(new Float64Array(1e6).fill(2))  //=> 2
 */
export function maxOf(values: ArrayLike<number>): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) return Number.NaN;
    if (v > m) m = v;
  }
  return m;
}

/**
 * The smallest value, as Math.min(...values) gives it (NaN if any is NaN, Infinity when empty), for any length.
 * @example minOf([3, 1, 2])  //=> 1
 */
export function minOf(values: ArrayLike<number>): number {
  let m = Number.POSITIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) return Number.NaN;
    if (v < m) m = v;
  }
  return m;
}
