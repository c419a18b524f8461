// Windows of a panel for the global model: each input window is made level-free by subtracting its
// level (the mean of its last `levelWindow` model-space values), and its target by the same level.
// Training windows end before the last `holdout` values of each series; the validation window of a
// series is its last `holdout` values, predicted from the values just before them.

import type { Rng } from '../../rng.js';

/** Window geometry. */
export interface WindowShape {
  lookback: number;
  horizon: number;
  levelWindow: number;
}

/**
 * Writes the level-free input window of z ending before step t into x[offset .. offset + lookback)
 * and returns its level. Steps before the series start repeat its first value.
 * @example const x = new Float32Array(3); windowAt(x, 0, [1, 2, 4], 3, { lookback: 3, horizon: 1, levelWindow: 1 }) //=> 4 (x = [-3, -2, 0])
 */
export function windowAt(x: Float32Array, offset: number, z: ArrayLike<number>, t: number, w: WindowShape): number {
  const lw = Math.min(w.levelWindow, t);
  let level = 0;
  for (let k = t - lw; k < t; k++) level += z[k];
  level /= lw;
  for (let k = 0; k < w.lookback; k++) x[offset + k] = z[Math.max(0, t - w.lookback + k)] - level;
  return level;
}

/** Training inputs (N, lookback) and targets (N, horizon), flat. */
export interface WindowSet {
  x: Float32Array;
  y: Float32Array;
  count: number;
}

/** The last step a training window of this series may end at (exclusive), or < minEnd if none. */
export function lastTrainEnd(n: number, holdout: number, horizon: number): number {
  return n - holdout - horizon;
}

/**
 * Draws `perSeries` random training windows from each series whose target ends at or before
 * n - holdout (so no held-out value is ever an input or a target). Windows start where at least
 * `minInput` real values precede them.
 * @example sampleWindows([z1, z2], shape, { perSeries: 10, holdout: 48, minInput: 24 }, rng).count //=> 20
 */
export function sampleWindows(
  series: readonly ArrayLike<number>[],
  w: WindowShape,
  o: { perSeries: number; holdout: number; minInput: number },
  rng: Rng,
): WindowSet {
  const usable = series.filter((z) => lastTrainEnd(z.length, o.holdout, w.horizon) >= o.minInput);
  const count = usable.length * o.perSeries;
  const x = new Float32Array(count * w.lookback),
    y = new Float32Array(count * w.horizon);
  let i = 0;
  for (const z of usable) {
    const hi = lastTrainEnd(z.length, o.holdout, w.horizon);
    for (let r = 0; r < o.perSeries; r++, i++) {
      const t = o.minInput + Math.floor(rng.next() * (hi - o.minInput + 1));
      const level = windowAt(x, i * w.lookback, z, t, w);
      for (let h = 0; h < w.horizon; h++) y[i * w.horizon + h] = z[t + h] - level;
    }
  }
  return { x, y, count };
}

/**
 * One window per series: input ending at n - horizon, target the last `horizon` values.
 * @example lastWindows([z1, z2], shape).count //=> 2
 */
export function lastWindows(series: readonly ArrayLike<number>[], w: WindowShape): WindowSet {
  const count = series.length;
  const x = new Float32Array(count * w.lookback),
    y = new Float32Array(count * w.horizon);
  series.forEach((z, i) => {
    const t = z.length - w.horizon;
    const level = windowAt(x, i * w.lookback, z, t, w);
    for (let h = 0; h < w.horizon; h++) y[i * w.horizon + h] = z[t + h] - level;
  });
  return { x, y, count };
}
