// Metrics as streaming accumulators over an epoch: reset(), update() per batch, result().
// Values are weighted by sample so the epoch value equals the metric over all samples.

import { ConfigError } from '../errors.js';
import type { FloatArray } from '../tensor.js';

export interface Metric {
  readonly name: string;
  reset(): void;
  /** yPred, yTrue (N, K) flattened; w (N) sample weights or null. */
  update(yPred: FloatArray, yTrue: FloatArray, N: number, K: number, w: FloatArray | null): void;
  result(): number;
}

/** A metric that averages a per-element quantity over all weighted elements, then maps the mean. */
export function meanOfElements(
  name: string,
  f: (pred: number, truth: number) => number,
  finish: (mean: number) => number = (m) => m,
): () => Metric {
  return () => {
    let sum = 0,
      count = 0;
    return {
      name,
      reset() {
        sum = 0;
        count = 0;
      },
      update(yPred, yTrue, N, K, w) {
        for (let n = 0; n < N; n++) {
          const wn = w ? w[n] : 1;
          let s = 0;
          for (let k = 0; k < K; k++) s += f(yPred[n * K + k], yTrue[n * K + k]);
          sum += (wn * s) / K;
          count += wn;
        }
      },
      result() {
        return count === 0 ? Number.NaN : finish(sum / count);
      },
    };
  };
}

const METRICS: Record<string, () => Metric> = {
  mse: meanOfElements('mse', (p, t) => (p - t) ** 2),
  mae: meanOfElements('mae', (p, t) => Math.abs(p - t)),
  rmse: meanOfElements('rmse', (p, t) => (p - t) ** 2, Math.sqrt),
};
METRICS.mape = meanOfElements('mape', (p, t) => (100 * Math.abs(p - t)) / Math.max(Math.abs(t), 1e-7));
METRICS.meanAbsolutePercentageError = METRICS.mape;
METRICS.binaryAccuracy = () => accuracyMetric('binaryAccuracy', 'binary');
METRICS.categoricalAccuracy = () => accuracyMetric('categoricalAccuracy', 'categorical');
METRICS.sparseCategoricalAccuracy = () => accuracyMetric('sparseCategoricalAccuracy', 'sparse');
METRICS.accuracy = () => accuracyMetric('accuracy', 'auto');
METRICS.acc = METRICS.accuracy;
METRICS.r2 = r2Score;
METRICS.r2Score = r2Score;
METRICS.meanSquaredError = METRICS.mse;
METRICS.meanAbsoluteError = METRICS.mae;

/** Registers a metric factory under a name usable in compile({ metrics }). */
export function registerMetric(name: string, make: () => Metric): void {
  METRICS[name] = make;
}

/** A fresh metric accumulator by name (its history key is the name given). */
export function getMetric(name: string, where: string): Metric {
  const make = METRICS[name];
  if (!make)
    throw new ConfigError(
      `unknown metric ${JSON.stringify(name)}; expected one of: ${Object.keys(METRICS)
        .map((k) => `'${k}'`)
        .join(', ')}`,
      where,
    );
  const m = make();
  return m.name === name ? m : { ...m, name, reset: m.reset, update: m.update, result: m.result };
}

/**
 * Accuracy as a fraction of correct predictions. 'binary': one value per output, prediction > 0.5 vs
 * target > 0.5; 'categorical': argmax of the scores vs argmax of a one-hot target; 'sparse': argmax vs
 * an integer class; 'auto' (the name 'accuracy') picks from the shapes: sparse when there is one target
 * per sample and several scores, binary for one score, categorical otherwise.
 * @example const m = getMetric('accuracy', 'example'); m.update(new Float32Array([0.2, 0.8]), new Float32Array([1]), 1, 2, null); m.result()  //=> 1
 */
export function accuracyMetric(name: string, kind: 'binary' | 'categorical' | 'sparse' | 'auto'): Metric {
  let right = 0,
    total = 0;
  const argmax = (a: FloatArray, o: number, n: number) => {
    let best = 0;
    for (let c = 1; c < n; c++) if (a[o + c] > a[o + best]) best = c;
    return best;
  };
  return {
    name,
    reset() {
      right = 0;
      total = 0;
    },
    update(yPred, yTrue, N, K, w) {
      const k = kind !== 'auto' ? kind : yTrue.length < yPred.length ? 'sparse' : K === 1 ? 'binary' : 'categorical';
      for (let n = 0; n < N; n++) {
        const wn = w ? w[n] : 1;
        if (k === 'binary') {
          for (let j = 0; j < K; j++) right += (wn * (yPred[n * K + j] > 0.5 === yTrue[n * K + j] > 0.5 ? 1 : 0)) / K;
        } else if (k === 'categorical') {
          right += wn * (argmax(yPred, n * K, K) === argmax(yTrue, n * K, K) ? 1 : 0);
        } else {
          const R = yTrue.length / N,
            C = K / R;
          for (let r = 0; r < R; r++)
            right += (wn * (argmax(yPred, n * K + r * C, C) === yTrue[n * R + r] ? 1 : 0)) / R;
        }
        total += wn;
      }
    },
    result() {
      return total === 0 ? Number.NaN : right / total;
    },
  };
}

/**
 * Coefficient of determination R² = 1 − SS_res/SS_tot per output column, averaged over columns (Keras'
 * R2Score with uniform_average), accumulated over the epoch with sample weights.
 * @example const m = r2Score(); m.update(new Float32Array([1, 2, 3]), new Float32Array([1, 2, 4]), 3, 1, null); m.result()  //=> 0.6428…
 */
export function r2Score(): Metric {
  let sw = 0,
    sy: number[] = [],
    syy: number[] = [],
    sres: number[] = [];
  return {
    name: 'r2',
    reset() {
      sw = 0;
      sy = [];
      syy = [];
      sres = [];
    },
    update(yPred, yTrue, N, K, w) {
      if (sy.length !== K) {
        sy = new Array(K).fill(0);
        syy = new Array(K).fill(0);
        sres = new Array(K).fill(0);
      }
      for (let n = 0; n < N; n++) {
        const wn = w ? w[n] : 1;
        sw += wn;
        for (let k = 0; k < K; k++) {
          const t = yTrue[n * K + k],
            d = yPred[n * K + k] - t;
          sy[k] += wn * t;
          syy[k] += wn * t * t;
          sres[k] += wn * d * d;
        }
      }
    },
    result() {
      if (sw === 0) return Number.NaN;
      let s = 0;
      for (let k = 0; k < sy.length; k++) {
        const tot = syy[k] - (sy[k] * sy[k]) / sw;
        s += tot > 0 ? 1 - sres[k] / tot : 0;
      }
      return s / sy.length;
    },
  };
}
