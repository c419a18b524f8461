// Per-series scaling for the global model: log (or division by the series' mean absolute step),
// then optional removal of a seasonal component (classical indices or exponential smoothing, see
// seasonality.ts). Fitted on a series' training part; steps after it take the fitted component of
// the next cycle, exactly as a forecast would. Windows are made level-free later (windows.ts).

import { DataError } from '../../errors.js';
import type { Deseasonalize } from './config.js';
import { fitEsSeasonality, seasonalIndices } from './seasonality.js';

/** What maps one series into the model's space and back. */
export interface SeriesScale {
  /** z = log(v) when true, else z = v / divisor. */
  log: boolean;
  /** Divisor of the values when log is false (mean |v_t - v_(t-1)|, or 1); 1 when log is true. */
  divisor: number;
  /** Seasonal component of each fitted step (empty without deseasonalization). */
  seasonal: Float64Array;
  /** Seasonal component of the steps after the fitted ones, repeating ([0] without). */
  next: number[];
}

export interface ScaleOptions {
  log: boolean;
  season: number;
  deseasonalize: Deseasonalize;
}

function meanAbsStep(values: ArrayLike<number>): number {
  let s = 0;
  for (let t = 1; t < values.length; t++) s += Math.abs(values[t] - values[t - 1]);
  const d = values.length > 1 ? s / (values.length - 1) : 0;
  return d > 0 ? d : 1;
}

/** The seasonal component of step t under scale s. */
export function seasonalAt(s: SeriesScale, t: number): number {
  const n = s.seasonal.length;
  return t < n ? s.seasonal[t] : s.next[(t - n) % s.next.length];
}

/**
 * Fits the scale of one series on the values given (its training part).
 * @example fitSeriesScale([10, 20, 10, 20], { log: true, season: 1, deseasonalize: 'none' }).next //=> [0]
 */
export function fitSeriesScale(values: ArrayLike<number>, o: ScaleOptions, where = 'fitSeriesScale'): SeriesScale {
  if (o.log) {
    for (let t = 0; t < values.length; t++) {
      if (!(values[t] > 0))
        throw new DataError(
          `value ${values[t]} at step ${t} is not positive; log scaling needs positive values (set log: false)`,
          where,
        );
    }
  }
  const flat: SeriesScale = {
    log: o.log,
    divisor: o.log ? 1 : meanAbsStep(values),
    seasonal: new Float64Array(0),
    next: [0],
  };
  const m = o.season;
  if (o.deseasonalize === 'none' || m < 2 || values.length < 2 * m) return flat;
  const z = toModelSpace(values, flat);
  if (o.deseasonalize === 'es') {
    const es = fitEsSeasonality(z, m);
    return { ...flat, seasonal: es.seasonal, next: es.next };
  }
  const idx = seasonalIndices(z, m),
    n = z.length;
  return {
    ...flat,
    seasonal: Float64Array.from(z, (_, t) => idx[t % m]),
    next: Array.from({ length: m }, (_, k) => idx[(n + k) % m]),
  };
}

/**
 * The series in model space: z_t = log(v_t) (or v_t / divisor) minus the seasonal component of step t.
 * @example toModelSpace([1, Math.E], { log: true, divisor: 1, seasonal: new Float64Array(0), next: [0] }) //=> Float64Array [0, 1]
 */
export function toModelSpace(values: ArrayLike<number>, s: SeriesScale): Float64Array {
  const z = new Float64Array(values.length);
  for (let t = 0; t < values.length; t++)
    z[t] = (s.log ? Math.log(values[t]) : values[t] / s.divisor) - seasonalAt(s, t);
  return z;
}

/**
 * Values of steps start, start + 1, ... from their model-space values (inverse of toModelSpace).
 * @example fromModelSpace([0, 1], 0, { log: true, divisor: 1, seasonal: new Float64Array(0), next: [0] }) //=> [1, Math.E]
 */
export function fromModelSpace(z: ArrayLike<number>, start: number, s: SeriesScale): number[] {
  const out = new Array<number>(z.length);
  for (let k = 0; k < z.length; k++) {
    const u = z[k] + seasonalAt(s, start + k);
    out[k] = s.log ? Math.exp(u) : u * s.divisor;
  }
  return out;
}
