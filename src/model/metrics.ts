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
export function meanOfElements(name: string, f: (pred: number, truth: number) => number, finish: (mean: number) => number = (m) => m): () => Metric {
  return () => {
    let sum = 0, count = 0;
    return {
      name,
      reset() { sum = 0; count = 0; },
      update(yPred, yTrue, N, K, w) {
        for (let n = 0; n < N; n++) {
          const wn = w ? w[n] : 1;
          let s = 0;
          for (let k = 0; k < K; k++) s += f(yPred[n * K + k], yTrue[n * K + k]);
          sum += (wn * s) / K;
          count += wn;
        }
      },
      result() { return count === 0 ? Number.NaN : finish(sum / count); },
    };
  };
}

const METRICS: Record<string, () => Metric> = {
  mse: meanOfElements('mse', (p, t) => (p - t) ** 2),
  mae: meanOfElements('mae', (p, t) => Math.abs(p - t)),
  rmse: meanOfElements('rmse', (p, t) => (p - t) ** 2, Math.sqrt),
};
METRICS.meanSquaredError = METRICS.mse;
METRICS.meanAbsoluteError = METRICS.mae;

/** Registers a metric factory under a name usable in compile({ metrics }). */
export function registerMetric(name: string, make: () => Metric): void {
  METRICS[name] = make;
}

/** A fresh metric accumulator by name (its history key is the name given). */
export function getMetric(name: string, where: string): Metric {
  const make = METRICS[name];
  if (!make) throw new ConfigError(`unknown metric ${JSON.stringify(name)}; expected one of: ${Object.keys(METRICS).map((k) => `'${k}'`).join(', ')}`, where);
  const m = make();
  return m.name === name ? m : { ...m, name, reset: m.reset, update: m.update, result: m.result };
}
