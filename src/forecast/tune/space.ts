// Hyperparameter search spaces: lists of values or numeric ranges (the learning rate on a log
// scale), enumerated as a grid or sampled at random with a seeded Rng. After Keras Tuner's
// hyperparameters (Choice, Int, Float with sampling="log") and scikit-learn's ParameterGrid.

import { ConfigError } from '../../errors.js';
import { Rng } from '../../rng.js';

/** The searched options of a ForecastConfig (numbers only, so spaces and logs stay simple). */
export interface TuneConfig {
  units: number;
  layers: number;
  lookback: number;
  learningRate: number;
  batchSize: number;
  /** Input dropout of every LSTM layer (ForecastConfig.dropout, the one meaning). */
  dropout: number;
  /** Dropout on the recurrent state (ForecastConfig.recurrentDropout). */
  recurrentDropout: number;
  /** Maximum epochs (early stopping may end a trial sooner). */
  epochs: number;
  /** 1 = first-difference the target before scaling, 0 = not. */
  difference: number;
}

/** The tunable names, in the order used for keys and tables. */
export const TUNE_KEYS: readonly (keyof TuneConfig)[] = [
  'units',
  'layers',
  'lookback',
  'learningRate',
  'batchSize',
  'dropout',
  'recurrentDropout',
  'epochs',
  'difference',
];

/** A continuous range: `log` samples log-uniformly (learning rates); `integer` rounds. */
export interface RangeSpec {
  min: number;
  max: number;
  log?: boolean;
  integer?: boolean;
  /** Points of this range in a grid search. Default 3. */
  gridPoints?: number;
}

/** Values tried for each hyperparameter: a list, or a range. Missing names keep their base value. */
export type SearchSpace = { [K in keyof TuneConfig]?: readonly number[] | RangeSpec };

const DROPOUTS = new Set<keyof TuneConfig>(['dropout', 'recurrentDropout']);
const INTEGER = new Set<keyof TuneConfig>(['units', 'layers', 'lookback', 'batchSize', 'epochs', 'difference']);

function checkSpace(space: SearchSpace, where: string): void {
  for (const [k, v] of Object.entries(space) as [keyof TuneConfig, readonly number[] | RangeSpec][]) {
    if (!TUNE_KEYS.includes(k))
      throw new ConfigError(`unknown hyperparameter '${k}' in the space; use ${TUNE_KEYS.join(', ')}`, where);
    const ok = (x: number) =>
      k === 'difference'
        ? x === 0 || x === 1
        : Number.isFinite(x) && (DROPOUTS.has(k) ? x >= 0 && x < 1 : x > 0) && (!INTEGER.has(k) || Number.isInteger(x));
    const what =
      k === 'difference'
        ? '0 or 1'
        : DROPOUTS.has(k)
          ? 'numbers in [0, 1)'
          : INTEGER.has(k)
            ? 'positive integers'
            : 'positive numbers';
    if (Array.isArray(v)) {
      if (v.length === 0 || !v.every(ok))
        throw new ConfigError(`space.${k} must be a non-empty list of ${what}, got [${v}]`, where);
    } else {
      const r = v as RangeSpec;
      if (!ok(r.min) || !ok(r.max) || !(r.max >= r.min))
        throw new ConfigError(
          `space.${k} must be { min, max } with ${what} and min <= max, got ${JSON.stringify(v)}`,
          where,
        );
      if (r.log && !(r.min > 0)) throw new ConfigError(`space.${k} on a log scale needs min > 0`, where);
    }
  }
}

function rangePoints(r: RangeSpec, integer: boolean): number[] {
  const n = Math.max(1, r.gridPoints ?? 3);
  const pts = Array.from({ length: n }, (_, i) => {
    const t = n === 1 ? 0.5 : i / (n - 1);
    return r.log ? Math.exp(Math.log(r.min) + t * (Math.log(r.max) - Math.log(r.min))) : r.min + t * (r.max - r.min);
  });
  return [...new Set(pts.map((p) => (integer || r.integer ? Math.round(p) : Number(p.toPrecision(6)))))];
}

/**
 * Every combination of the space's values (ranges contribute `gridPoints` points), over `base`.
 * @example gridConfigs({ units: [8, 16], learningRate: [0.01] }, base).length //=> 2
 */
export function gridConfigs(space: SearchSpace, base: TuneConfig): TuneConfig[] {
  checkSpace(space, 'gridConfigs');
  let out: TuneConfig[] = [{ ...base }];
  for (const k of TUNE_KEYS) {
    const v = space[k];
    if (v === undefined) continue;
    const values = Array.isArray(v) ? (v as number[]) : rangePoints(v as RangeSpec, INTEGER.has(k));
    out = out.flatMap((c) => values.map((x) => ({ ...c, [k]: x })));
  }
  return out;
}

/**
 * `trials` distinct configurations drawn at random (lists uniformly, ranges uniformly or
 * log-uniformly), the same for the same seed. Fewer come back when the space is smaller.
 * @example randomConfigs({ learningRate: { min: 1e-4, max: 1e-1, log: true } }, base, 5, 1).length //=> 5
 */
export function randomConfigs(space: SearchSpace, base: TuneConfig, trials: number, seed = 0): TuneConfig[] {
  checkSpace(space, 'randomConfigs');
  if (!Number.isInteger(trials) || trials < 1)
    throw new ConfigError(`trials must be a positive integer, got ${trials}`, 'randomConfigs');
  const rng = new Rng(seed);
  const seen = new Set<string>(),
    out: TuneConfig[] = [];
  for (let attempt = 0; out.length < trials && attempt < trials * 50; attempt++) {
    const c = { ...base };
    for (const k of TUNE_KEYS) {
      const v = space[k];
      if (v === undefined) continue;
      if (Array.isArray(v)) c[k] = (v as number[])[rng.int(v.length)];
      else {
        const r = v as RangeSpec;
        const x = r.log ? Math.exp(rng.uniform(Math.log(r.min), Math.log(r.max))) : rng.uniform(r.min, r.max);
        c[k] = INTEGER.has(k) || r.integer ? Math.round(x) : Number(x.toPrecision(3));
      }
    }
    const key = configKey(c);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(c);
    }
  }
  return out;
}

/**
 * A stable text key of a configuration (log lines and resume match on it).
 * @example configKey({ units: 16, layers: 1, lookback: 12, learningRate: 0.001, batchSize: 16, dropout: 0, epochs: 200, difference: 1 }) //=> 'units=16 ... epochs=200 difference=1'
 */
export function configKey(c: TuneConfig): string {
  return TUNE_KEYS.map((k) => `${k}=${Number(c[k].toPrecision(6))}`).join(' ');
}
