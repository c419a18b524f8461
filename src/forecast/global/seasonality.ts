// Seasonality of one series in the model's (log) space, two ways: fixed indices of a classical
// additive decomposition (centred moving average, as R's decompose()), and exponential smoothing of
// level and seasonality fitted per series by grid search of (alpha, gamma) on one-step squared
// errors: the "ES" half of an ES-RNN-style hybrid (Smyl 2020), whose indices drift over time. ES
// starts from the classical indices, so gamma = 0 keeps them fixed.

/**
 * Additive seasonal indices of z with period m: the mean of z minus its centred moving average at
 * each position of the cycle, centred to sum to 0. Needs two full cycles; else all zeros.
 * @example seasonalIndices([1, 3, 1, 3, 1, 3], 2) //=> [-1, 1]
 */
export function seasonalIndices(z: ArrayLike<number>, m: number): number[] {
  const n = z.length;
  const idx = new Array<number>(m).fill(0);
  if (m < 2 || n < 2 * m) return idx;
  const half = Math.floor(m / 2);
  const sum = new Array<number>(m).fill(0),
    count = new Array<number>(m).fill(0);
  for (let t = half; t < n - half; t++) {
    let s = 0;
    if (m % 2 === 0) {
      s = 0.5 * (z[t - half] + z[t + half]);
      for (let k = t - half + 1; k < t + half; k++) s += z[k];
    } else for (let k = t - half; k <= t + half; k++) s += z[k];
    sum[t % m] += z[t] - s / m;
    count[t % m]++;
  }
  for (let k = 0; k < m; k++) idx[k] = sum[k] / count[k];
  const mean = idx.reduce((a, b) => a + b, 0) / m;
  return idx.map((v) => v - mean);
}

/** Smoothing grids searched for each series. */
export const ES_ALPHAS = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9] as const;
export const ES_GAMMAS = [0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5] as const;

/** A fitted seasonal smoother: the seasonal component of every step and of the next cycle. */
export interface EsSeasonality {
  alpha: number;
  gamma: number;
  /** Seasonal component used at each fitted step t (known before z_t), length n. */
  seasonal: Float64Array;
  /** Seasonal component of steps n, n + 1, ..., n + m - 1 (repeating beyond). */
  next: number[];
}

function run(
  z: ArrayLike<number>,
  m: number,
  init: readonly number[],
  alpha: number,
  gamma: number,
  out?: Float64Array,
): { sse: number; next: number[] } {
  const s = [...init];
  let level = 0;
  for (let k = 0; k < m; k++) level += z[k] - s[k];
  level /= m;
  let sse = 0;
  for (let t = 0; t < z.length; t++) {
    const j = t % m,
      st = s[j];
    if (out) out[t] = st;
    const e = z[t] - level - st;
    if (t >= m) sse += e * e;
    level += alpha * e;
    s[j] = st + gamma * (z[t] - level - st);
  }
  // s[j] now holds the component of the next step with t % m === j.
  const n = z.length;
  return { sse, next: Array.from({ length: m }, (_, k) => s[(n + k) % m]) };
}

/**
 * Fits level + seasonal exponential smoothing with period m to z (model space) by grid search.
 * @example fitEsSeasonality(z, 24).next // the seasonal component of the next 24 steps
 */
export function fitEsSeasonality(z: ArrayLike<number>, m: number): EsSeasonality {
  const init = seasonalIndices(z, m);
  let best = { sse: Infinity, alpha: ES_ALPHAS[0] as number, gamma: 0 };
  for (const alpha of ES_ALPHAS)
    for (const gamma of ES_GAMMAS) {
      const { sse } = run(z, m, init, alpha, gamma);
      if (sse < best.sse) best = { sse, alpha, gamma };
    }
  const seasonal = new Float64Array(z.length);
  const { next } = run(z, m, init, best.alpha, best.gamma, seasonal);
  return { alpha: best.alpha, gamma: best.gamma, seasonal, next };
}
