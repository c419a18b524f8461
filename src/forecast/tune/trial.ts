// One tuning trial is exactly what forecast() trains: trainMember() of the forecaster's trainer on
// the part before the validation part, with a configuration that differs from the resolved base
// only in the searched options. The validation part is forecast()'s calibration part (it precedes
// the test part, which no trial reads), so `forecast --config best.json` retrains the winner's
// calibration model with identical weights and reproduces its validation score.

import { ConfigError } from '../../errors.js';
import type { Callback } from '../../model/callbacks.js';
import type { ResolvedForecastConfig } from '../config.js';
import { diagnose } from '../diagnose.js';
import type { Covariates } from '../inputs.js';
import { NeuralForecaster } from '../neural.js';
import { type TrainedMember, trainMember } from '../train.js';
import { testOrigins } from '../walk-forward.js';
import type { TuneConfig } from './space.js';

/** Where the parts are: train [0, trainEnd), validation [trainEnd, validationEnd), test after (never read). */
export interface TuneSplit {
  length: number;
  trainEnd: number;
  validationEnd: number;
  /** Walk-forward origins inside the validation part (every step of each forecast lands in it). */
  origins: number[];
}

/** Everything a trial needs besides its configuration: plain JSON, so it can go to a worker. */
export interface TrialContext {
  /** The series up to the end of the validation part (the test part is cut off before any trial). */
  series: number[];
  covariates: number[][] | null;
  split: TuneSplit;
  /** The resolved base configuration (forecast()'s, for the same options). */
  base: ResolvedForecastConfig;
}

/** One trial to run: a configuration and an ensemble member. */
export interface TrialJob {
  key: string;
  config: TuneConfig;
  /** Ensemble member r: seed base.seed + r. */
  member: number;
  /** True for the forecasting defaults, run for comparison. */
  reference: boolean;
}

/** A finished trial, as logged (one JSON line each). */
export interface TrialRecord extends TrialJob {
  /** Validation forecasts of this member: [origins][horizon], original units (the leaderboard takes the ensemble median). */
  predictions: number[][];
  /** Walk-forward RMSE of this member alone on the validation part (NaN if training diverged). */
  rmse: number;
  /** Epochs trained, and the count whose weights were kept. */
  epochsRun: number;
  epochsKept: number;
  /** The diagnosis verdict of this member's learning curves. */
  verdict: string;
  seconds: number;
}

/**
 * The resolved configuration of a trial: the base with the searched options replaced (and the
 * rules that depend on them, such as the seasonal features, applied again).
 * @example trialConfig(base, { ...tuneConfigOf(base), units: 64 }).units //=> 64
 */
export function trialConfig(base: ResolvedForecastConfig, c: TuneConfig): ResolvedForecastConfig {
  return {
    ...base,
    units: c.units,
    layers: c.layers,
    lookback: c.lookback,
    learningRate: c.learningRate,
    batchSize: c.batchSize,
    dropout: c.dropout,
    recurrentDropout: c.recurrentDropout,
    epochs: c.epochs,
    difference: c.difference === 1,
    seasonalFeatures: base.seasons.filter((m) => m > c.lookback),
  };
}

/**
 * The searched options of a resolved configuration.
 * @example tuneConfigOf(base).units //=> 32
 */
export function tuneConfigOf(c: ResolvedForecastConfig): TuneConfig {
  return {
    units: c.units,
    layers: c.layers,
    lookback: c.lookback,
    learningRate: c.learningRate,
    batchSize: c.batchSize,
    dropout: c.dropout,
    recurrentDropout: c.recurrentDropout,
    epochs: c.epochs,
    difference: c.difference ? 1 : 0,
  };
}

/**
 * Splits a series for tuning: validation = the calibration part the resolved configuration gives,
 * test = its test part.
 * @example tuneSplit(144, config) //=> { length: 144, trainEnd: 86, validationEnd: 115, origins: [86, ..., 103] }
 */
export function tuneSplit(length: number, base: ResolvedForecastConfig): TuneSplit {
  const validationEnd = length - base.test;
  const trainEnd = validationEnd - base.calibration;
  if (base.calibration < base.horizon)
    throw new ConfigError(
      `the validation (calibration) part has ${base.calibration} values, fewer than the horizon ${base.horizon}; give a longer series, a shorter horizon or calibration >= horizon`,
      'tune',
    );
  return { length, trainEnd, validationEnd, origins: testOrigins(validationEnd, base.calibration, base.horizon) };
}

/**
 * Trains one member of a trial. Also used for the defaults row, so every row is trained the same way.
 * @example const { member } = await trainTrial(context, job);
 */
export async function trainTrial(
  ctx: TrialContext,
  job: TrialJob,
  callbacks?: (member: number) => Callback[],
): Promise<{ member: TrainedMember; config: ResolvedForecastConfig }> {
  const config = trialConfig(ctx.base, job.config);
  const cov: Covariates | undefined = ctx.covariates ?? undefined;
  const train = ctx.series.slice(0, ctx.split.trainEnd);
  const cb = callbacks?.(job.member);
  const member = await trainMember(
    train,
    cov?.slice(0, ctx.split.trainEnd),
    config,
    job.member,
    cb ? { callbacks: cb } : {},
  );
  return { member, config };
}

/**
 * Runs one trial member and scores it on the validation part.
 * @example const record = await runTrial(context, job);
 */
export async function runTrial(ctx: TrialContext, job: TrialJob): Promise<TrialRecord> {
  const t0 = Date.now();
  const { member, config } = await trainTrial(ctx, job);
  const f = new NeuralForecaster(
    { ...config, repeats: 1 },
    {
      inputs: member.inputs,
      members: [member.model],
      histories: [member.history],
      epochsKept: [member.epochsKept],
      meanLosses: [member.meanLoss],
      training: { length: ctx.split.trainEnd, first: 0, last: ctx.split.trainEnd - 1, dated: false, hash: '' },
    },
  );
  const predictions = f.predictAt(ctx.series, ctx.split.origins, config.horizon, ctx.covariates ?? undefined);
  return {
    ...job,
    predictions,
    rmse: validationRmse(ctx, predictions),
    epochsRun: member.history.epoch.length,
    epochsKept: member.epochsKept,
    verdict: diagnose(member.history, { baselineLoss: member.meanLoss }).verdict,
    seconds: (Date.now() - t0) / 1000,
  };
}

/** Walk-forward RMSE of validation forecasts (NaN when any forecast is not finite). */
export function validationRmse(ctx: TrialContext, predictions: readonly (readonly number[])[]): number {
  let s = 0,
    k = 0;
  ctx.split.origins.forEach((o, i) => {
    for (let h = 0; h < predictions[i].length; h++) {
      s += (ctx.series[o + h] - predictions[i][h]) ** 2;
      k++;
    }
  });
  return k ? Math.sqrt(s / k) : Number.NaN;
}
