// One tuning trial: train a model built from a configuration on the training part and score it
// walk-forward on the validation part, which precedes the test part (the test part is never read).
// Data preparation and scoring reuse the forecasting pipeline (src/forecast: transform, windows,
// neuralForecaster, scoreWalkForward), so a trial sees exactly what `forecast()` would.

import { windows } from '../data/windows.js';
import { ConfigError, DataError } from '../errors.js';
import { neuralForecaster, type NeuralSpec } from '../forecast/neural.js';
import { fitTargetTransform, transformSeries } from '../forecast/transform.js';
import { scoreWalkForward, testOrigins } from '../forecast/walk-forward.js';
import { dense } from '../layers/dense.js';
import { dropout } from '../layers/dropout.js';
import type { Layer } from '../layers/layer.js';
import { lstm } from '../layers/lstm.js';
import type { Callback, History } from '../model/callbacks.js';
import type { Model } from '../model/model.js';
import { type Sequential, sequential } from '../model/sequential.js';
import { adam } from '../optim/optimizer.js';
import { setRandomSeed } from '../rng.js';
import { diagnose } from './diagnose.js';
import type { TuneConfig } from './space.js';
import { weightsChanged } from '../backend/backend.js';

/** Shapes a model builder must honour: inputs (lookback, features), outputs `outputs` values. */
export interface ModelShape {
  lookback: number;
  features: number;
  outputs: number;
}

/** Builds an uncompiled model for a configuration (tune compiles it with Adam at the trial's rate). */
export type ModelBuilder = (config: TuneConfig, shape: ModelShape) => Sequential;

/**
 * The forecasting LSTM: `layers` stacked LSTMs of `units`, a Dropout after each when `dropout` > 0,
 * and a Dense head (as `forecast()` builds it, plus the dropout).
 * @example const m = defaultBuilder({ ...config, units: 8 }, { lookback: 12, features: 1, outputs: 1 });
 */
export function defaultBuilder(config: TuneConfig, shape: ModelShape): Sequential {
  const ls: Layer[] = [];
  for (let i = 0; i < config.layers; i++) {
    ls.push(
      lstm({
        units: config.units,
        returnSequences: i < config.layers - 1,
        ...(i === 0 ? { inputShape: [shape.lookback, shape.features] } : {}),
      }),
    );
    if (config.dropout > 0) ls.push(dropout({ rate: config.dropout }));
  }
  ls.push(dense({ units: shape.outputs }));
  return sequential(ls);
}

/** Where the parts start and end: train [0, trainEnd), validation [trainEnd, validationEnd), test after. */
export interface TuneSplit {
  length: number;
  trainEnd: number;
  validationEnd: number;
  /** Walk-forward origins inside the validation part. */
  origins: number[];
}

/** Everything a trial needs besides its configuration: plain JSON, so it can go to a worker. */
export interface TrialContext {
  /** The series up to the end of the validation part (the test part is cut off before any trial). */
  series: number[];
  split: TuneSplit;
  horizon: number;
  season: number;
  /** The base configuration's differencing (forecast()'s rule on the training part). */
  difference: boolean;
  log: boolean;
  /** Early-stopping patience in epochs on val_loss; 0 = train all epochs. */
  patience: number;
  /**
   * What val_loss is computed on. 'holdout' (default): the last 15% (at least 3) of the training
   * windows, not trained on, so the validation part only scores and picking the best epoch does
   * not flatter noisy configurations. 'validation': the validation part's windows (for series too
   * short to spare a holdout; the score is then optimistic).
   */
  stopOn: 'holdout' | 'validation';
}

/** One trial to run: a configuration and a repeat (seed). */
export interface TrialJob {
  key: string;
  config: TuneConfig;
  repeat: number;
  seed: number;
  /** True for the forecasting defaults, run for comparison (always without early stopping). */
  reference: boolean;
}

/** A finished trial, as logged (one JSON line each). */
export interface TrialRecord extends TrialJob {
  /** Walk-forward RMSE and MAE on the validation part, original units (NaN if training diverged). */
  rmse: number;
  mae: number;
  /** Epochs trained and the epoch whose weights were kept (early stopping restores the best). */
  epochsRun: number;
  bestEpoch: number;
  /** The diagnosis verdict of this trial's learning curves. */
  verdict: string;
  seconds: number;
}

/**
 * Splits a series of `length` values: the last `test` are the test part, the `validation` before
 * them the validation part; walk-forward origins cover the validation part.
 * @example tuneSplit(144, { test: 29, validation: 23, horizon: 1 }) //=> { length: 144, trainEnd: 92, validationEnd: 115, origins: [92, ..., 114] }
 */
export function tuneSplit(length: number, o: { test: number; validation: number; horizon: number }): TuneSplit {
  const where = 'tuneSplit';
  if (!Number.isInteger(o.test) || o.test < 0)
    throw new ConfigError(`test must be an integer >= 0, got ${o.test}`, where);
  if (!Number.isInteger(o.validation) || o.validation < o.horizon)
    throw new ConfigError(`validation must be an integer >= horizon ${o.horizon}, got ${o.validation}`, where);
  const validationEnd = length - o.test;
  const trainEnd = validationEnd - o.validation;
  if (trainEnd < 8)
    throw new DataError(
      `a series of ${length} with test ${o.test} and validation ${o.validation} leaves ${trainEnd} training values; use smaller parts`,
      where,
    );
  return { length, trainEnd, validationEnd, origins: testOrigins(validationEnd, o.validation, o.horizon) };
}

/**
 * Keras EarlyStopping(monitor='val_loss', patience, restore_best_weights=True) in a few lines;
 * `best` reports the kept epoch.
 * @example const es = bestWeights(model, 20); await model.fit(x, y, { validationSplit: 0.1, callbacks: [es] });
 */
export function bestWeights(model: Model, patience: number): Callback & { readonly best: number } {
  let bestLoss = Infinity,
    wait = 0,
    saved: Float32Array[] | Float64Array[] | null = null;
  const state = {
    best: -1,
    onEpochEnd(epoch: number, logs: Record<string, number>) {
      const v = logs['val_loss'] ?? logs['loss'];
      if (v < bestLoss) {
        bestLoss = v;
        state.best = epoch;
        wait = 0;
        saved = model.params().map((p) => p.value.slice()) as Float32Array[];
      } else if (patience > 0 && ++wait >= patience) model.stopTraining = true;
    },
    onTrainEnd() {
      if (saved) for (const [i, p] of model.params().entries()) p.value.set(saved[i]);
      weightsChanged();
    },
  };
  return state;
}

/** An early-stopped run's curves end with the rise that stopped it; its kept weights precede it. */
function verdictOf(v: string, stoppedEarly: boolean): string {
  return v === 'overfit' && stoppedEarly ? 'overfit, stopped early' : v;
}

/** A trial with what it trained: the model (kept weights), its learning curves and the training windows. */
export interface TrialDetail {
  record: TrialRecord;
  model: Sequential;
  history: History;
  x: number[][][];
  y: number[][];
}

/**
 * Trains one configuration and scores it walk-forward on the validation part.
 * @example const r = await runTrial(defaultBuilder, context, { key, config, repeat: 0, seed: 1, reference: false }); r.rmse;
 */
export async function runTrial(build: ModelBuilder, ctx: TrialContext, job: TrialJob): Promise<TrialRecord> {
  return (await trainTrial(build, ctx, job)).record;
}

/**
 * runTrial that also returns the model, its history and the training windows; `callbacks(model)`
 * adds fit() callbacks (e.g. gradientNormTracker) once the model exists.
 * @example const { history } = await trainTrial(defaultBuilder, r.context, job, { callbacks: (m) => [gradientNormTracker(m)] });
 */
export async function trainTrial(
  build: ModelBuilder,
  ctx: TrialContext,
  job: TrialJob,
  options: { callbacks?: (model: Model) => Callback[] } = {},
): Promise<TrialDetail> {
  const t0 = Date.now();
  const where = 'trainTrial';
  const { config: c, seed } = job;
  const { trainEnd, origins } = ctx.split;
  const train = ctx.series.slice(0, trainEnd);
  const transform = fitTargetTransform(train, { log: ctx.log, difference: c.difference === 1 });
  const s0 = transform.difference ? 1 : 0;
  if (origins[0] - c.lookback - s0 < 0 || trainEnd - s0 < c.lookback + ctx.horizon + 2)
    throw new DataError(`lookback ${c.lookback} is too long for the ${trainEnd} training values`, where);
  const z = transformSeries(transform, train).slice(s0);
  const w = windows(
    z.map((v) => [v]),
    { lookback: c.lookback, horizon: ctx.horizon, targets: [0] },
  );
  setRandomSeed(seed);
  const model = build(c, { lookback: c.lookback, features: 1, outputs: ctx.horizon });
  model.compile({ optimizer: adam({ learningRate: c.learningRate }), loss: 'mse' });
  const patience = job.reference ? 0 : ctx.patience;
  const keep = bestWeights(model, patience);
  // val_loss: the reference holds out 10% as forecast() does; searched trials a holdout or the validation windows
  const n = w.x.length;
  const nh = job.reference ? Math.round(n * 0.1) : Math.max(3, Math.round(n * 0.15));
  let val: { validationSplit: number } | { validationData: [number[][][], number[][]] } | object = {};
  if (!job.reference && ctx.stopOn === 'validation') {
    // one window per walk-forward origin, inputs from the transformed history before it
    const zAll = transformSeries(transform, ctx.series);
    val = {
      validationData: [
        origins.map((o) => zAll.slice(o - c.lookback, o).map((v) => [v])),
        origins.map((o) => zAll.slice(o, o + ctx.horizon)),
      ],
    };
  } else if (nh >= 1 && n - nh >= 4) val = { validationSplit: nh / n };
  const history: History = await model.fit(w.x, w.y, {
    epochs: c.epochs,
    batchSize: c.batchSize,
    ...val,
    callbacks: [...(options.callbacks?.(model) ?? []), ...(patience > 0 ? [keep] : [])],
  });
  const spec: NeuralSpec = {
    kind: 'lstm',
    lookback: c.lookback,
    horizon: ctx.horizon,
    strategy: 'direct',
    transform,
    covariateRange: { lo: [], hi: [] },
  };
  const pred = neuralForecaster(model, spec).predictAt(ctx.series, origins);
  let rmse = Number.NaN,
    mae = Number.NaN;
  if (pred.every((p) => p.every(Number.isFinite))) {
    const s = scoreWalkForward(ctx.series, origins, pred, trainEnd, ctx.season).overall;
    rmse = s.rmse;
    mae = s.mae;
  }
  const epochsRun = history.epoch.length;
  const record: TrialRecord = {
    ...job,
    rmse,
    mae,
    epochsRun,
    bestEpoch: patience > 0 ? keep.best : epochsRun - 1,
    verdict: verdictOf(diagnose(history).verdict, patience > 0 && epochsRun < c.epochs),
    seconds: (Date.now() - t0) / 1000,
  };
  return { record, model, history, x: w.x, y: w.y };
}
