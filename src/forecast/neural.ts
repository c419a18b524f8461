// The neural forecaster: an ensemble of networks built by buildForecastModel() and trained by
// trainMember() on the same inputs (src/forecast/inputs.ts), combined by the median in original
// units. It implements the one Forecaster interface, so walk-forward, the CLI, tune and saved
// forecasters treat it like any baseline.

import { ConfigError, StateError } from '../errors.js';
import type { History } from '../model/callbacks.js';
import type { Sequential } from '../model/sequential.js';
import { Tensor } from '../tensor.js';
import type { ResolvedForecastConfig } from './config.js';
import type { Forecaster } from './forecaster.js';
import {
  type Covariates,
  featureCount,
  rowFeatures,
  featureRows,
  type InputSpec,
  inputWindows,
  invertOutputs,
  windowLevels,
} from './inputs.js';
import { type TrainedMember, type TrainHooks, trainMember } from './train.js';

/** Where the training values came from: recorded in saved forecasters to warn about scoring on them. */
export interface TrainingSpan {
  /** Number of training values. */
  length: number;
  /** First and last time stamp (UTC ms) or index of the training values. */
  first: number;
  last: number;
  /** Whether first/last are time stamps (true) or indices. */
  dated: boolean;
  /** FNV-1a hash of the training values (as float64 bytes), hex. */
  hash: string;
}

/**
 * FNV-1a (32-bit) over the float64 bytes of the values: cheap, stable, enough to tell whether a
 * file holds the values a model was trained on.
 * @example valuesHash([1, 2, 3]).length //=> 8
 */
export function valuesHash(values: ArrayLike<number>): string {
  const f = new Float64Array(1),
    b = new Uint8Array(f.buffer);
  let h = 0x811c9dc5;
  for (let i = 0; i < values.length; i++) {
    f[0] = values[i];
    for (let k = 0; k < 8; k++) h = Math.imul(h ^ b[k], 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b),
    m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The state of a fitted neural forecaster (what a saved forecaster restores). */
export interface NeuralState {
  inputs: InputSpec;
  members: Sequential[];
  histories: History[];
  /** Epochs whose weights each member kept (best epoch + 1 with early stopping). */
  epochsKept: number[];
  /** Each member's training loss of predicting the mean target (the underfit reference). */
  meanLosses: number[];
  training: TrainingSpan;
}

/** An LSTM (or window-MLP) ensemble forecaster. */
export class NeuralForecaster implements Forecaster {
  readonly name: string;
  private state: NeuralState | null = null;

  constructor(
    readonly config: ResolvedForecastConfig,
    state?: NeuralState,
  ) {
    const c = config;
    this.name =
      c.kind === 'mlp'
        ? `MLP (window ${c.lookback})`
        : `LSTM${c.strategy === 'direct' ? '' : ` ${c.strategy}`}${c.repeats > 1 ? ` ×${c.repeats}` : ''}`;
    if (state) this.state = state;
  }

  /** The fitted state; throws before fit(). */
  get fitted(): NeuralState {
    if (!this.state) throw new StateError('the forecaster is not trained; call fit(train) first', this.name);
    return this.state;
  }

  /** Trains every member on the training values (original units). */
  async fit(train: ArrayLike<number>, covariates?: Covariates, hooks: TrainHooks = {}): Promise<void> {
    const R = this.config.repeats;
    if (hooks.epochs && hooks.epochs.length !== R)
      throw new ConfigError(`epochs must give one count per member (${R}), got ${hooks.epochs.length}`, this.name);
    const trained: TrainedMember[] = [];
    for (let r = 0; r < R; r++) trained.push(await trainMember(train, covariates, this.config, r, hooks));
    const dates = hooks.dates;
    this.state = {
      inputs: trained[0].inputs,
      members: trained.map((m) => m.model),
      histories: trained.map((m) => m.history),
      epochsKept: trained.map((m) => m.epochsKept),
      meanLosses: trained.map((m) => m.meanLoss),
      training: {
        length: train.length,
        first: dates ? dates[0] : 0,
        last: dates ? dates[train.length - 1] : train.length - 1,
        dated: !!dates,
        hash: valuesHash(train),
      },
    };
  }

  predict(history: ArrayLike<number>, horizon: number, covariates?: Covariates): number[] {
    return this.predictAt(history, [history.length], horizon, covariates)[0];
  }

  /** Median forecasts of the members from each origin: [origins][horizon], original units. */
  predictAt(
    series: ArrayLike<number>,
    origins: readonly number[],
    horizon?: number,
    covariates?: Covariates,
  ): number[][] {
    const all = this.memberForecasts(series, origins, covariates);
    const H = horizon ?? this.config.horizon;
    if (H > this.config.horizon)
      throw new ConfigError(`the model forecasts ${this.config.horizon} steps; asked for ${H}`, this.name);
    return origins.map((_, i) => Array.from({ length: H }, (_, h) => median(all.map((m) => m[i][h]))));
  }

  /** Each member's forecasts: [member][origins][horizon], original units. */
  memberForecasts(series: ArrayLike<number>, origins: readonly number[], covariates?: Covariates): number[][][] {
    const { inputs, members } = this.fitted;
    const N = origins.length;
    if (N === 0) return members.map(() => []);
    const { lookback: L, horizon: H, strategy } = this.config;
    const F = featureCount(inputs),
      R = rowFeatures(inputs);
    const maxO = origins.reduce((a, b) => Math.max(a, b), 0);
    const recursive = strategy === 'recursive';
    // recursive steps need the seasonal phases of the steps they create, so rows extend past the origin
    const rows = featureRows(inputs, Array.prototype.slice.call(series, 0, maxO), covariates);
    const span = inputs.windowLevel ?? 0;
    const levels = windowLevels(inputs, rows, origins);
    // direct: level-free windows; recursive: absolute windows, re-levelled before every step
    const x0 = inputWindows(inputs, rows, origins, L, series.length, recursive ? undefined : levels);
    return members.map((model) => {
      const scaled: number[][] = origins.map(() => []);
      const x = recursive ? x0.slice() : x0;
      if (recursive) {
        const xl = new Float32Array(x.length);
        const stepLevels = new Float64Array(N);
        for (let h = 0; h < H; h++) {
          xl.set(x);
          if (span > 0)
            for (let i = 0; i < N; i++) {
              let s = 0;
              for (let k = 1; k <= span; k++) s += x[((i + 1) * L - k) * F];
              stepLevels[i] = s / span;
              for (let t = 0; t < L; t++) {
                xl[(i * L + t) * F] -= stepLevels[i];
                if (F > R) xl[(i * L + t) * F + R] = stepLevels[i];
              }
            }
          const p = model.predict(new Tensor(xl, [N, L, F]), { batchSize: 256 }).data;
          for (let i = 0; i < N; i++) {
            const next = p[i] + stepLevels[i];
            scaled[i].push(next - levels[i]);
            x.copyWithin(i * L * F, i * L * F + F, (i + 1) * L * F);
            const last = ((i + 1) * L - 1) * F;
            x[last] = next;
            let c = last + 1 + inputs.covariateRange.lo.length;
            for (const m of inputs.seasonalFeatures) {
              const a = (2 * Math.PI * (origins[i] + h)) / m;
              x[c++] = Math.sin(a);
              x[c++] = Math.cos(a);
            }
          }
        }
      } else {
        const p = model.predict(new Tensor(x, [N, L, F]), { batchSize: 256 }).data;
        for (let i = 0; i < N; i++) for (let h = 0; h < H; h++) scaled[i].push(p[i * H + h]);
      }
      return origins.map((o, i) => invertOutputs(inputs, series, o, scaled[i]));
    });
  }
}

/**
 * An untrained neural forecaster for a resolved configuration; `fit(train)` trains it.
 * @example const f = neuralForecaster(resolveForecastConfig(series).config); await f.fit(series.slice(0, 100)); f.predict(series, 12);
 */
export function neuralForecaster(config: ResolvedForecastConfig): NeuralForecaster {
  return new NeuralForecaster(config);
}

/**
 * Trains a neural forecaster on the training values: trainForecaster(train, config) is what
 * forecast(), tune trials and `lstmkit train` all run.
 * @example const f = await trainForecaster(series.slice(0, 100), resolveForecastConfig(series).config);
 */
export async function trainForecaster(
  train: ArrayLike<number>,
  config: ResolvedForecastConfig,
  covariates?: Covariates,
  hooks: TrainHooks = {},
): Promise<NeuralForecaster> {
  const f = new NeuralForecaster(config);
  await f.fit(train, covariates, hooks);
  return f;
}

/**
 * Trains the forecaster that forecasts the future from all the values: a first run holds out the
 * end of the training windows to find each member's early-stopping epoch count (when early
 * stopping is on), then every member is retrained on all windows for that many epochs.
 * @example const f = await trainOnAll(series, config); f.predict(series, config.horizon);
 */
export async function trainOnAll(
  series: ArrayLike<number>,
  config: ResolvedForecastConfig,
  covariates?: Covariates,
  hooks: TrainHooks = {},
): Promise<NeuralForecaster> {
  if (config.patience === 0 || config.validationFraction === 0)
    return trainForecaster(series, config, covariates, hooks);
  const probe = await trainForecaster(series, config, covariates, hooks);
  return trainForecaster(series, config, covariates, { ...hooks, epochs: probe.fitted.epochsKept });
}
