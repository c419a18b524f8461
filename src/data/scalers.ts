// Per-feature scalers as plain JSON data: fit on the training part, transform, inverse-transform.
// Semantics follow scikit-learn's MinMaxScaler, StandardScaler (ddof 0), RobustScaler (median,
// IQR with linear quantiles) and MaxAbsScaler; a constant feature gets scale 1, as sklearn does.

import { ConfigError, ShapeError, StateError } from '../errors.js';
import { checkColumns, column, fromTable, type Rows, type Series, toTable } from './series.js';

export type ScalerKind = 'minMax' | 'standard' | 'robust' | 'maxAbs';

/**
 * A fitted scaler: plain data (save it with JSON.stringify). Per feature f:
 * transform(x) = (x - center[f]) / scale[f] + offset; inverse(y) = (y - offset) · scale[f] + center[f].
 */
export interface Scaler {
  kind: ScalerKind;
  /** Number of features it was fitted on. */
  features: number;
  center: number[];
  scale: number[];
  /** featureRange[0] for minMax, 0 otherwise. */
  offset: number;
  /** minMax only: the target range. */
  featureRange?: [number, number];
}

/** Options of fitScaler(). */
export interface ScalerOptions {
  kind: ScalerKind;
  /** minMax target range. Default [0, 1]. */
  featureRange?: [number, number];
  /** robust quantile range in percent. Default [25, 75]. */
  quantileRange?: [number, number];
}

const KINDS: readonly ScalerKind[] = ['minMax', 'standard', 'robust', 'maxAbs'];

/** Linear-interpolated quantile of sorted values (numpy's default 'linear' method). */
function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos),
    hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Fits a scaler per feature (column) of a 1-D series or rows. Fit it on training data only.
 * @example
 * const s = fitScaler([[1, 10], [3, 30]], { kind: 'minMax', featureRange: [-1, 1] });
 * scalerTransform(s, [[2, 30]])  //=> [[0, 1]]
 */
export function fitScaler(data: Series | Rows, options: ScalerOptions): Scaler {
  const where = `fit ${options?.kind ?? 'scaler'}`;
  if (!KINDS.includes(options?.kind)) {
    throw new ConfigError(
      `unknown scaler kind ${JSON.stringify(options?.kind)}; expected one of: ${KINDS.map((k) => `'${k}'`).join(', ')}`,
      'fitScaler()',
    );
  }
  const table = toTable(data, where);
  const center: number[] = [],
    scale: number[] = [];
  let offset = 0;
  let featureRange: [number, number] | undefined;
  if (options.kind === 'minMax') {
    featureRange = options.featureRange ?? [0, 1];
    const [a, b] = featureRange;
    if (!Number.isFinite(a) || !Number.isFinite(b) || !(a < b)) {
      throw new ConfigError(
        `featureRange must be [min, max] with min < max, got ${JSON.stringify(featureRange)}`,
        where,
      );
    }
    offset = a;
    featureRange = [a, b];
  }
  const [qlo, qhi] = options.quantileRange ?? [25, 75];
  if (options.kind === 'robust' && !(qlo >= 0 && qlo < qhi && qhi <= 100)) {
    throw new ConfigError(
      `quantileRange must be [lo, hi] with 0 <= lo < hi <= 100, got ${JSON.stringify(options.quantileRange)}`,
      where,
    );
  }
  for (let f = 0; f < table.F; f++) {
    const col = column(table, f);
    let c = 0,
      s = 1;
    if (options.kind === 'minMax') {
      let lo = Infinity,
        hi = -Infinity;
      for (const v of col) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      const [a, b] = featureRange as [number, number];
      c = lo;
      s = hi > lo ? (hi - lo) / (b - a) : 1;
    } else if (options.kind === 'standard') {
      let mean = 0;
      for (const v of col) mean += v;
      mean /= col.length;
      let ss = 0;
      for (const v of col) ss += (v - mean) * (v - mean);
      c = mean;
      s = Math.sqrt(ss / col.length) || 1;
    } else if (options.kind === 'robust') {
      const sorted = col.slice().sort();
      c = quantile(sorted, 0.5);
      s = quantile(sorted, qhi / 100) - quantile(sorted, qlo / 100) || 1;
    } else {
      let m = 0;
      for (const v of col) m = Math.max(m, Math.abs(v));
      s = m || 1;
    }
    center.push(c);
    scale.push(s);
  }
  const out: Scaler = { kind: options.kind, features: table.F, center, scale, offset };
  if (featureRange) out.featureRange = featureRange;
  return out;
}

/**
 * Fits a min-max scaler to `featureRange` (default [0, 1]), as sklearn's MinMaxScaler.
 * @example scalerTransform(fitMinMax([0, 5, 10]), [5])  //=> [0.5]
 */
export function fitMinMax(data: Series | Rows, options: { featureRange?: [number, number] } = {}): Scaler {
  return fitScaler(data, { kind: 'minMax', ...options });
}

/**
 * Fits a standard scaler (mean 0, population std 1), as sklearn's StandardScaler.
 * @example scalerTransform(fitStandard([1, 3]), [1, 3])  //=> [-1, 1]
 */
export function fitStandard(data: Series | Rows): Scaler {
  return fitScaler(data, { kind: 'standard' });
}

/**
 * Fits a robust scaler (median, interquartile range), as sklearn's RobustScaler.
 * @example scalerTransform(fitRobust([1, 2, 3, 4, 5]), [3, 5])  //=> [0, 1]
 */
export function fitRobust(data: Series | Rows, options: { quantileRange?: [number, number] } = {}): Scaler {
  return fitScaler(data, { kind: 'robust', ...options });
}

/**
 * Fits a max-abs scaler (divide by the largest |x|), as sklearn's MaxAbsScaler.
 * @example scalerTransform(fitMaxAbs([-4, 2]), [2])  //=> [0.5]
 */
export function fitMaxAbs(data: Series | Rows): Scaler {
  return fitScaler(data, { kind: 'maxAbs' });
}

/**
 * Throws StateError unless `s` is a fitted scaler (e.g. one loaded from JSON); returns it typed.
 * @example checkScaler(JSON.parse(JSON.stringify(fitMinMax([1, 2])))).kind  //=> 'minMax'
 */
export function checkScaler(s: unknown, where = 'checkScaler()'): Scaler {
  const ok =
    s !== null &&
    typeof s === 'object' &&
    KINDS.includes((s as Scaler).kind) &&
    Array.isArray((s as Scaler).center) &&
    Array.isArray((s as Scaler).scale) &&
    (s as Scaler).center.length === (s as Scaler).features &&
    (s as Scaler).scale.length === (s as Scaler).features;
  if (!ok) {
    throw new StateError(
      `the scaler is not fitted (got ${s === undefined ? 'undefined' : JSON.stringify(s)}); fit one first, e.g. const s = fitMinMax(train)`,
      where,
    );
  }
  return s as Scaler;
}

/** Options of scalerTransform() and scalerInverseTransform(). */
export interface ScalerApplyOptions {
  /** Which scaler features the data's columns are (default: all, in order). E.g. [0] to invert a forecast of feature 0 only. */
  features?: readonly number[];
}

function apply(
  s: unknown,
  data: Series | Rows,
  options: ScalerApplyOptions,
  inverse: boolean,
  where: string,
): number[] | number[][] {
  const scaler = checkScaler(s, where);
  const table = toTable(data, where);
  const features = checkColumns(options.features, scaler.features, 'features', where);
  if (table.F !== features.length) {
    throw new ShapeError(
      `the data has ${table.F} feature column(s) but the scaler maps ${features.length} (fitted on ${scaler.features}); pass { features: [...] } to pick which`,
      where,
    );
  }
  const out = new Float64Array(table.data.length);
  const { T, F, data: v } = table;
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < F; j++) {
      const f = features[j];
      const i = t * F + j;
      out[i] = inverse
        ? (v[i] - scaler.offset) * scaler.scale[f] + scaler.center[f]
        : (v[i] - scaler.center[f]) / scaler.scale[f] + scaler.offset;
    }
  }
  return fromTable(out, T, F, table.univariate);
}

/**
 * Scales data with a fitted scaler. Returns the same shape: number[] for 1-D, number[][] for rows.
 * @example scalerTransform(fitMinMax([0, 10]), [[5], [10]])  //=> [[0.5], [1]]
 */
export function scalerTransform(scaler: Scaler, data: Series, options?: ScalerApplyOptions): number[];
export function scalerTransform(scaler: Scaler, data: Rows, options?: ScalerApplyOptions): number[][];
export function scalerTransform(
  scaler: Scaler,
  data: Series | Rows,
  options: ScalerApplyOptions = {},
): number[] | number[][] {
  return apply(scaler, data, options, false, 'scalerTransform()');
}

/**
 * Undoes scalerTransform(): back to original units. `features` picks the scaler features when the
 * data holds fewer columns, e.g. predictions of feature 0 of a multivariate scaler.
 * @example
 * const s = fitMinMax([[0, 100], [10, 200]]);
 * scalerInverseTransform(s, [0.5], { features: [1] })  //=> [150]
 */
export function scalerInverseTransform(scaler: Scaler, data: Series, options?: ScalerApplyOptions): number[];
export function scalerInverseTransform(scaler: Scaler, data: Rows, options?: ScalerApplyOptions): number[][];
export function scalerInverseTransform(
  scaler: Scaler,
  data: Series | Rows,
  options: ScalerApplyOptions = {},
): number[] | number[][] {
  return apply(scaler, data, options, true, 'scalerInverseTransform()');
}
