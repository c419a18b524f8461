// The one trainer of forecasting networks: transform the training part, cut windows, seed, build
// with buildForecastModel(), compile with Adam, fit with earlyStopping from the model package on a
// holdout at the end of the training windows (best weights kept), each epoch on at most
// MAX_EPOCH_WINDOWS windows. Ensemble member r uses seed + r.

import { ConfigError, DataError } from '../errors.js';
import type { Callback, History } from '../model/callbacks.js';
import type { Sequential } from '../model/sequential.js';
import { earlyStopping } from '../model/training-callbacks.js';
import { checkTrainingMemory } from '../model/memory-estimate.js';
import { adam } from '../optim/optimizer.js';
import { setRandomSeed } from '../rng.js';
import { Tensor } from '../tensor.js';
import type { ResolvedForecastConfig } from './config.js';
import { MAX_EPOCH_WINDOWS, MIN_TRAINING_WINDOWS } from './config.js';
import {
  type Covariates,
  featureCount,
  featureRows,
  fitInputs,
  type InputSpec,
  inputWindows,
  rowFeatures,
  stepFeatures,
  windowLevels,
} from './inputs.js';
import { buildForecastModel } from './model.js';

/** Hooks of a training run (progress, fixed epoch counts for the final refit). */
export interface TrainHooks {
  /** Passed to every member's fit(). */
  callbacks?: Callback[];
  /** Called before each member's training. */
  onMemberStart?: (member: number, epochs: number) => void;
  /** Train member r for exactly epochs[r] epochs on every window (no holdout, no early stopping). */
  epochs?: readonly number[];
  /** Time stamps of the training values (recorded in the training span). */
  dates?: readonly number[];
}

/**
 * Refuses, before anything is built, a configuration whose training would need more memory than
 * `limitBytes` (the model's weights, gradients, Adam's slots and activations for a batch), with the
 * estimate in the message. `covariates`: covariate columns beside the target.
 * @example checkForecastMemory(config, 0, 1000, 8e9)
 */
export function checkForecastMemory(
  config: ResolvedForecastConfig,
  covariates: number,
  windows: number,
  limitBytes: number,
): void {
  if (!Number.isFinite(limitBytes)) return;
  checkTrainingMemory(
    {
      units: config.units,
      layers: config.layers,
      timesteps: config.lookback,
      features: stepFeatures(covariates, config.seasonalFeatures) + (config.levelInput ? 1 : 0),
      outputs: config.strategy === 'recursive' ? 1 : config.horizon,
      batchSize: config.batchSize,
      samples: windows,
    },
    limitBytes,
  );
}

/** One trained ensemble member. */
export interface TrainedMember {
  model: Sequential;
  inputs: InputSpec;
  history: History;
  /** Epochs whose weights were kept. */
  epochsKept: number;
  /** The training loss of always predicting the mean target: a model no better than this underfits. */
  meanLoss: number;
}

/**
 * The loss of predicting every target by the mean of the first `count` targets (in the scaled
 * units the network is trained in).
 * @example meanPredictionLoss(new Float32Array([0, 2]), 2, 'mse') //=> 1
 */
export function meanPredictionLoss(y: ArrayLike<number>, count: number, loss: ResolvedForecastConfig['loss']): number {
  let m = 0;
  for (let i = 0; i < count; i++) m += y[i];
  m /= count;
  let s = 0;
  for (let i = 0; i < count; i++) {
    const r = Math.abs(y[i] - m);
    s += loss === 'mse' ? r * r : loss === 'mae' ? r : r <= 1 ? 0.5 * r * r : r - 0.5;
  }
  return s / count;
}

/** Training windows of a transformed training part: x (N, L, F), y (N, outputs) or (N, H, 1). */
export interface TrainingWindows {
  x: Tensor;
  y: Tensor;
  count: number;
}

/**
 * The supervised windows of the training values under a fitted input spec (each window and its
 * targets minus the window's level when the spec has window levels).
 * @example trainingWindows(fitInputs(train, undefined, config), train, undefined, config).count
 */
export function trainingWindows(
  inputs: InputSpec,
  train: ArrayLike<number>,
  covariates: Covariates | undefined,
  config: Pick<ResolvedForecastConfig, 'lookback' | 'horizon' | 'strategy'>,
): TrainingWindows {
  const { lookback: L, strategy } = config;
  const out = strategy === 'recursive' ? 1 : config.horizon;
  const lag = inputs.pipeline.lag;
  const F = rowFeatures(inputs);
  const rows = featureRows(inputs, train, covariates);
  const origins: number[] = [];
  for (let o = lag + L; o + out <= train.length; o++) origins.push(o);
  const N = origins.length;
  if (N < 1)
    throw new DataError(
      `the training part has ${train.length} values; lookback ${L} + ${out} output step(s)${lag ? ' + 1 (differencing)' : ''} leaves no training window`,
      'trainingWindows',
    );
  const levels = windowLevels(inputs, rows, origins);
  const x = inputWindows(inputs, rows, origins, L, train.length, levels);
  const y = new Float32Array(N * out);
  origins.forEach((o, i) => {
    for (let h = 0; h < out; h++) y[i * out + h] = rows[(o + h) * F] - levels[i];
  });
  return {
    x: new Tensor(x, [N, L, featureCount(inputs)]),
    y: new Tensor(y, strategy === 'encoder-decoder' ? [N, out, 1] : [N, out]),
    count: N,
  };
}

/**
 * Trains ensemble member r (seed config.seed + r) on the training values. tune's trials and
 * forecast() call exactly this, so the same series, config and seed give identical weights.
 * @example const m = await trainMember(train, undefined, config, 0);
 */
export async function trainMember(
  train: ArrayLike<number>,
  covariates: Covariates | undefined,
  config: ResolvedForecastConfig,
  r: number,
  hooks: TrainHooks = {},
): Promise<TrainedMember> {
  const where = 'trainForecaster';
  if (covariates && config.strategy === 'recursive' && config.horizon > 1)
    throw new ConfigError(
      "the recursive strategy cannot forecast covariates; use strategy 'direct' or 'encoder-decoder' with covariates",
      where,
    );
  const inputs = fitInputs(train, covariates, config);
  const w = trainingWindows(inputs, train, covariates, config);
  const fixed = hooks.epochs?.[r];
  const holdout =
    fixed === undefined && config.validationFraction > 0 ? Math.round(w.count * config.validationFraction) : 0;
  const useHoldout = holdout >= 1 && w.count - holdout >= MIN_TRAINING_WINDOWS - 1;
  if (w.count < 2)
    throw new DataError(`the training part gives ${w.count} window(s); the model needs at least 2`, where);
  setRandomSeed(config.seed + r);
  const model = buildForecastModel(config, {
    lookback: config.lookback,
    features: featureCount(inputs),
    outputs: config.strategy === 'recursive' ? 1 : config.horizon,
  });
  model.compile({ optimizer: adam({ learningRate: config.learningRate }), loss: config.loss });
  const stopper =
    useHoldout && config.patience > 0
      ? earlyStopping({ patience: config.patience, restoreBestWeights: true, restoreAtEnd: true })
      : null;
  const epochs = fixed ?? config.epochs;
  hooks.onMemberStart?.(r, epochs);
  const history = await model.fit(w.x, w.y, {
    epochs,
    batchSize: config.batchSize,
    shuffle: true,
    samplesPerEpoch: MAX_EPOCH_WINDOWS, // long series: a random part each epoch; below it, all windows
    verbose: 0,
    ...(useHoldout ? { validationSplit: holdout / w.count } : {}),
    callbacks: [...(hooks.callbacks ?? []), ...(stopper ? [stopper] : [])],
  });
  const trainedOn = (w.count - (useHoldout ? holdout : 0)) * (w.y.size / w.count);
  return {
    model,
    inputs,
    history,
    epochsKept: stopper ? stopper.bestEpoch + 1 : history.epoch.length,
    meanLoss: meanPredictionLoss(w.y.data, trainedOn, config.loss),
  };
}
