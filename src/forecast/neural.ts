// The neural forecasters of the pipeline: an LSTM (direct vector output, recursive, or
// encoder-decoder) and a window MLP on the same inputs. Transforms are fitted on the training part
// only; predictions are inverted to original units. Framing follows Brownlee's "Deep Learning for
// Time Series Forecasting" (windows of lookback steps, multi-step strategies in chapter 8).

import { DataError } from '../errors.js';
import { dense } from '../layers/dense.js';
import { flatten } from '../layers/flatten.js';
import type { Layer } from '../layers/layer.js';
import { lstm } from '../layers/lstm.js';
import { repeatVector } from '../layers/repeat-vector.js';
import type { Callback, History } from '../model/callbacks.js';
import { earlyStopping } from '../model/training-callbacks.js';
import { type Sequential, sequential } from '../model/sequential.js';
import { adam } from '../optim/optimizer.js';
import { setRandomSeed } from '../rng.js';
import { Tensor } from '../tensor.js';
import { windows } from '../data/windows.js';
import { fitTargetTransform, invertForecast, type TargetTransform, transformSeries } from './transform.js';
import { maxOf } from '../array-stats.js';

export type Strategy = 'direct' | 'recursive' | 'encoder-decoder';
export const STRATEGIES: readonly Strategy[] = ['direct', 'recursive', 'encoder-decoder'];

export interface NeuralOptions {
  kind: 'lstm' | 'mlp';
  lookback: number;
  horizon: number;
  /** Default 'direct'. The MLP always uses 'direct' or 'recursive'. */
  strategy?: Strategy;
  /** Units per layer. Default 32. */
  units?: number;
  /** Stacked layers. Default 1. */
  layers?: number;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  /** Last fraction of the training windows held out for the validation learning curve. Default 0.1. */
  validationFraction?: number;
  log?: boolean;
  difference?: boolean;
  seed?: number;
  /** Loss minimized. Default 'mse'. */
  loss?: 'mse' | 'mae';
  /**
   * Values the target scaler is fitted on instead of the training part. Only to reproduce
   * tutorials that fit their scaler on the whole series (test leakage); never use it otherwise.
   */
  scaleOn?: ArrayLike<number>;
  /** Input dropout of every LSTM layer (Keras `dropout`). Default 0. */
  dropout?: number;
  /**
   * Stop when the validation loss has not improved for this many epochs and restore the best
   * weights (Keras EarlyStopping). Needs a validation part. Default: train all epochs.
   */
  patience?: number;
  /** Range the target is scaled to. Default [-1, 1]. */
  range?: [number, number];
  /** Default true. False keeps time order within each epoch. */
  shuffle?: boolean;
  /** Covariate rows aligned with the series (covariates[t] = numeric features at time t). */
  covariates?: readonly (readonly number[])[];
  verbose?: 0 | 1 | 2;
  callbacks?: Callback[];
}

/** Everything besides the weights that a trained forecaster needs: plain JSON, saved beside the model. */
export interface NeuralSpec {
  kind: 'lstm' | 'mlp';
  lookback: number;
  horizon: number;
  strategy: Strategy;
  transform: TargetTransform;
  /** Min and max of each covariate on the training part (covariates scale to [-1, 1]); empty without covariates. */
  covariateRange: { lo: number[]; hi: number[] };
}

/** A trained neural forecaster: the model, its fitted transforms, and its learning curves. */
export interface NeuralForecaster {
  readonly name: string;
  readonly model: Sequential;
  readonly spec: NeuralSpec;
  readonly transform: TargetTransform;
  readonly history: History;
  /**
   * Forecasts for each origin o (history = series[0..o)), in original units: [origins][horizon].
   * `covariates` (rows aligned with the series) are required when the model was trained with them.
   */
  predictAt(
    series: ArrayLike<number>,
    origins: readonly number[],
    covariates?: readonly (readonly number[])[],
  ): number[][];
}

function buildModel(
  o: Required<Pick<NeuralOptions, 'kind' | 'lookback' | 'horizon' | 'units' | 'layers' | 'strategy' | 'dropout'>>,
  F: number,
): Sequential {
  const out = o.strategy === 'recursive' ? 1 : o.horizon;
  const ls: Layer[] = [];
  if (o.kind === 'mlp') {
    ls.push(flatten({ inputShape: [o.lookback, F] }));
    for (let i = 0; i < o.layers; i++) ls.push(dense({ units: o.units, activation: 'relu' }));
    ls.push(dense({ units: out }));
  } else if (o.strategy === 'encoder-decoder') {
    for (let i = 0; i < o.layers; i++) {
      ls.push(
        lstm({
          units: o.units,
          dropout: o.dropout,
          returnSequences: i < o.layers - 1,
          ...(i === 0 ? { inputShape: [o.lookback, F] } : {}),
        }),
      );
    }
    ls.push(
      repeatVector({ n: o.horizon }),
      lstm({ units: o.units, dropout: o.dropout, returnSequences: true }),
      dense({ units: 1 }),
    );
  } else {
    for (let i = 0; i < o.layers; i++) {
      ls.push(
        lstm({
          units: o.units,
          dropout: o.dropout,
          returnSequences: i < o.layers - 1,
          ...(i === 0 ? { inputShape: [o.lookback, F] } : {}),
        }),
      );
    }
    ls.push(dense({ units: out }));
  }
  return sequential(ls);
}

function covariateRange(
  cov: readonly (readonly number[])[] | undefined,
  trainEnd: number,
): { lo: number[]; hi: number[] } {
  const k = cov?.[0]?.length ?? 0;
  const lo: number[] = new Array(k).fill(Infinity),
    hi: number[] = new Array(k).fill(-Infinity);
  for (let t = 0; t < trainEnd && cov; t++) {
    for (let j = 0; j < k; j++) {
      lo[j] = Math.min(lo[j], cov[t][j]);
      hi[j] = Math.max(hi[j], cov[t][j]);
    }
  }
  return { lo, hi };
}

/**
 * Wraps a trained model and its spec as a forecaster (e.g. after loading both from disk).
 * @example const f = neuralForecaster(await loadModel('out/model') as Sequential, spec); f.predictAt(series, [series.length]);
 */
export function neuralForecaster(
  model: Sequential,
  spec: NeuralSpec,
  history: History = { epoch: [], history: {}, params: { epochs: 0, steps: 0, samples: 0 } },
): NeuralForecaster {
  const where = 'neuralForecaster';
  const { lookback: L, horizon: H, transform, strategy } = spec;
  const { lo, hi } = spec.covariateRange;
  const K = lo.length,
    F = 1 + K,
    s0 = transform.difference ? 1 : 0;
  const predictAt = (
    series: ArrayLike<number>,
    origins: readonly number[],
    cov?: readonly (readonly number[])[],
  ): number[][] => {
    const N = origins.length;
    if (N === 0) return [];
    if (K > 0 && (!cov || (cov[0]?.length ?? 0) !== K))
      throw new DataError(
        `the model was trained with ${K} covariate column(s); pass them aligned with the series`,
        where,
      );
    const maxO = maxOf(origins);
    if (cov && cov.length < maxO)
      throw new DataError(`covariates end at step ${cov.length}, before origin ${maxO}`, where);
    const z = transformSeries(transform, Array.prototype.slice.call(series, 0, maxO) as number[]);
    const x = new Float32Array(N * L * F);
    origins.forEach((org, i) => {
      if (!Number.isInteger(org) || org - L < s0 || org > series.length) {
        throw new DataError(
          `origin ${org} needs ${L + s0} earlier values (lookback ${L}${s0 ? ' + 1 for differencing' : ''}) within a series of ${series.length}`,
          where,
        );
      }
      for (let k = 0; k < L; k++) {
        const t = org - L + k,
          row = (i * L + k) * F;
        x[row] = z[t];
        for (let j = 0; j < K; j++)
          x[row + 1 + j] = hi[j] > lo[j] ? (2 * (cov![t][j] - lo[j])) / (hi[j] - lo[j]) - 1 : 0;
      }
    });
    const scaled: number[][] = origins.map(() => []);
    if (strategy === 'recursive') {
      for (let h = 0; h < H; h++) {
        const p = model.predict(new Tensor(x, [N, L, F]), { batchSize: 256 }).data;
        for (let i = 0; i < N; i++) {
          scaled[i].push(p[i]);
          // shift the window one step and append the prediction (univariate when H > 1)
          x.copyWithin(i * L * F, i * L * F + F, (i + 1) * L * F);
          x[((i + 1) * L - 1) * F] = p[i];
        }
      }
    } else {
      const p = model.predict(new Tensor(x, [N, L, F]), { batchSize: 256 }).data;
      for (let i = 0; i < N; i++) for (let h = 0; h < H; h++) scaled[i].push(p[i * H + h]);
    }
    return origins.map((org, i) => invertForecast(transform, [series[org - 1]], scaled[i]));
  };
  const name = spec.kind === 'mlp' ? `MLP (window ${L})` : `LSTM${strategy === 'direct' ? '' : ` ${strategy}`}`;
  return { name, model, spec, transform, history, predictAt };
}

/**
 * Trains a neural forecaster on `train` (the training part of the series, original units).
 * @example const f = await trainNeural([1, 2, 3, 4, 5, 6, 7, 8], { kind: 'lstm', lookback: 2, horizon: 1, epochs: 5 }); f.predictAt([1, 2, 3, 4, 5, 6, 7, 8, 9], [9]);
 */
export async function trainNeural(train: ArrayLike<number>, options: NeuralOptions): Promise<NeuralForecaster> {
  const where = 'trainNeural';
  const o = {
    kind: options.kind,
    lookback: options.lookback,
    horizon: options.horizon,
    strategy: options.strategy ?? 'direct',
    units: options.units ?? 32,
    layers: options.layers ?? 1,
    dropout: options.dropout ?? 0,
  };
  if (o.kind === 'mlp' && o.strategy === 'encoder-decoder') o.strategy = 'direct';
  const cov = options.covariates;
  if (cov && o.strategy === 'recursive' && o.horizon > 1) {
    throw new DataError(
      'the recursive strategy cannot forecast covariates; use --strategy direct or encoder-decoder with covariates',
      where,
    );
  }
  if (cov && cov.length < train.length)
    throw new DataError(`covariates cover ${cov.length} steps but the training part has ${train.length}`, where);
  const transform = fitTargetTransform(options.scaleOn ?? train, {
    log: options.log ?? false,
    difference: options.difference ?? false,
    ...(options.range ? { range: options.range } : {}),
  });
  const s0 = transform.difference ? 1 : 0;
  const range = covariateRange(cov, train.length);
  const spec: NeuralSpec = {
    kind: o.kind,
    lookback: o.lookback,
    horizon: o.horizon,
    strategy: o.strategy,
    transform,
    covariateRange: range,
  };
  const F = 1 + range.lo.length;
  const outSteps = o.strategy === 'recursive' ? 1 : o.horizon;
  const needed = s0 + o.lookback + outSteps;
  if (train.length < needed + 1) {
    throw new DataError(
      `the training part has ${train.length} values; lookback ${o.lookback} + horizon ${outSteps}${s0 ? ' + 1 (differencing)' : ''} needs at least ${needed + 1}`,
      where,
    );
  }
  const z = transformSeries(transform, train);
  const rows: number[][] = [];
  for (let t = s0; t < train.length; t++) {
    rows.push([
      z[t],
      ...range.lo.map((l, j) => (range.hi[j] > l ? (2 * (cov![t][j] - l)) / (range.hi[j] - l) - 1 : 0)),
    ]);
  }
  const w = windows(rows, { lookback: o.lookback, horizon: outSteps, targets: [0] });
  setRandomSeed(options.seed ?? 42);
  const model = buildModel(o, F);
  model.compile({ optimizer: adam({ learningRate: options.learningRate ?? 0.001 }), loss: options.loss ?? 'mse' });
  const n = w.x.length;
  const vf = options.validationFraction ?? 0.1;
  const useVal = vf > 0 && Math.round(n * vf) >= 1 && n - Math.round(n * vf) >= 2;
  const y = o.strategy === 'encoder-decoder' ? w.y.map((r) => r.map((v) => [v])) : w.y;
  const history = await model.fit(w.x, y, {
    epochs: options.epochs ?? 100,
    batchSize: options.batchSize ?? 16,
    ...(useVal ? { validationSplit: Math.round(n * vf) / n } : {}),
    verbose: options.verbose ?? 0,
    shuffle: options.shuffle ?? true,
    callbacks: [
      ...(options.callbacks ?? []),
      ...(useVal && options.patience !== undefined
        ? [earlyStopping({ patience: options.patience, restoreBestWeights: true })]
        : []),
    ],
  });
  return neuralForecaster(model, spec, history);
}
