// The combination of the global network's forecast with statistical ones (the M4 top five were all
// combinations): a weighted mean, per series and step, of the network's forecast and the mean of the
// named M4 benchmark models (benchmarks.ts), each fitted on the series itself.

import { m4Benchmarks } from '../stats/benchmarks.js';

/** Statistical models a global forecast can be combined with (their M4 names). */
export type StatModel = 'Naive2' | 'SES' | 'Holt' | 'Damped' | 'Theta' | 'Com';
export const STAT_MODELS: readonly StatModel[] = ['Naive2', 'SES', 'Holt', 'Damped', 'Theta', 'Com'];

/**
 * The mean forecast of the named statistical models for each series.
 * @example statForecasts([[1, 2, 3, 4, 5, 6]], 2, 1, ['SES', 'Holt'])[0] // 2 values
 */
export function statForecasts(
  series: readonly ArrayLike<number>[],
  horizon: number,
  season: number,
  models: readonly StatModel[],
): number[][] {
  return series.map((x) => {
    const out = new Array<number>(horizon).fill(0);
    for (const f of m4Benchmarks({ season }).filter((b) => models.includes(b.name as StatModel))) {
      f.fit(x);
      const p = f.predict(x, horizon);
      for (let h = 0; h < horizon; h++) out[h] += p[h] / models.length;
    }
    return out;
  });
}

/**
 * (1 - weight) · a + weight · b, per series and step.
 * @example combineForecasts([[10, 20]], [[20, 40]], 0.25) //=> [[12.5, 25]]
 */
export function combineForecasts(a: readonly number[][], b: readonly number[][], weight: number): number[][] {
  return a.map((row, i) => row.map((v, h) => (1 - weight) * v + weight * b[i][h]));
}
