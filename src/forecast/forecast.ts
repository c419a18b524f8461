// forecast(): the whole honest workflow on one series, built from the one definition
// (config.ts, model.ts, train.ts, walk-forward.ts). The series is split in time order into
// training | calibration | test parts. Three trainings of the same configuration:
//   calibration model  trained before the calibration part; its errors there calibrate the intervals;
//   evaluation model   trained before the test part; scored walk-forward next to every baseline;
//   final model        trained on the whole series for the evaluation model's epoch counts; it
//                      forecasts the future, which is the product.
// Computation only: sentences (verdicts, warnings) are made by ./summary-text.ts.
// Workflow after Darts' historical_forecasts/backtest and sktime's evaluate.

import { DataError } from '../errors.js';
import type { Callback, History } from '../model/callbacks.js';
import { defaultBaselines } from './baselines.js';
import {
  configOf,
  type Decision,
  type ForecastConfig,
  type ResolvedForecastConfig,
  resolveForecastConfig,
} from './config.js';
import { detectShift, type ShiftReport } from './diagnostics.js';
import type { Covariates } from './forecaster.js';
import { type IntervalReport, intervalReport, residualsBefore } from './intervals.js';
import type { Scores } from './metrics.js';
import { type NeuralForecaster, trainForecaster } from './neural.js';
import { checkForecastMemory } from './train.js';
import type { SeasonFinding } from './season-rules.js';
import { scoreWalkForward, testOrigins, walkForwardForecasts } from './walk-forward.js';

/** Which training a progress event belongs to. */
export type TrainingPhase = 'calibration' | 'evaluation' | 'final';

/** Options of forecast(): any ForecastConfig option, the data that come with the series, and hooks. */
export interface ForecastOptions extends Partial<ForecastConfig> {
  /** Covariate rows aligned with the series (numeric; encode categories first). */
  covariates?: Covariates;
  /** UTC ms time stamps of the values (calendar seasons, the training span). */
  dates?: readonly number[];
  /** Train the window-MLP comparison. Default true. */
  mlp?: boolean;
  /**
   * Refuse, before training, a configuration whose training would need more bytes than this (the
   * estimate is in the error). Default: no limit; the CLI passes a share of the machine's memory.
   */
  memoryLimit?: number;
  /** Passed to every network's fit() (progress bars). */
  callbacks?: Callback[];
  /** Called before each network's training. */
  onTrainStart?: (event: {
    model: string;
    phase: TrainingPhase;
    member: number;
    members: number;
    epochs: number;
  }) => void;
}

/** A model's walk-forward result on the test part. */
export interface ModelResult {
  name: string;
  kind: 'lstm' | 'mlp' | 'baseline';
  perHorizon: Scores[];
  overall: Scores;
  /** For ensembles: the standard deviation over members of each overall metric. */
  memberSpread: Scores | null;
  /** Test forecasts: [origins][horizon]. */
  predictions: number[][];
  /** The next `horizon` values after the series, from the model refitted on all of it. */
  future: number[];
}

/** Everything forecast() computed: numbers only (see forecastSummary() for the sentences). */
export interface ForecastResult {
  config: ResolvedForecastConfig;
  decisions: Decision[];
  seasons: SeasonFinding;
  length: number;
  /** Parts: training [0, calibrationStart), calibration [calibrationStart, testStart), test [testStart, length). */
  calibrationStart: number;
  testStart: number;
  origins: number[];
  /** The LSTM first, then the MLP, then the baselines. */
  models: ModelResult[];
  /** Learning curves of the evaluation model's first member. */
  history: History;
  /** Training loss of predicting the mean target (the underfit reference of the diagnosis). */
  meanLoss: number;
  intervals: IntervalReport | null;
  /** The future: values of the final LSTM (trained on the whole series) with intervals per level. */
  future: { values: number[]; lower: number[][]; upper: number[][]; trainedOn: number; epochs: number[] };
  /** The evaluation LSTM's test residuals: residuals[h][origin]. */
  residuals: number[][];
  shift: ShiftReport | null;
  /** RMSE skill of the LSTM against persistence. */
  skill: number;
  /** The evaluation model (trained before the test part) and the final model (trained on everything). */
  evaluationModel: NeuralForecaster;
  finalModel: NeuralForecaster;
  /** The calibration model (trained before the calibration part), when there is a calibration part. */
  calibrationModel: NeuralForecaster | null;
}

/** A forecast() result without its trained models: plain numbers that survive JSON and postMessage. */
export type ForecastNumbers = Omit<ForecastResult, 'evaluationModel' | 'finalModel' | 'calibrationModel'>;

function spread(runs: Scores[]): Scores | null {
  if (runs.length < 2) return null;
  const out = {} as Scores;
  for (const k of Object.keys(runs[0]) as (keyof Scores)[]) {
    const v = runs.map((r) => r[k]);
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    out[k] = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
  }
  return out;
}

/**
 * Trains and evaluates an LSTM against baselines on one series, walk-forward over the test part,
 * then refits it on the whole series and forecasts the next `horizon` values with calibrated intervals.
 * @example const r = await forecast(passengers, { dates, epochs: 50 }); r.future.values; forecastSummary(r).verdict;
 */
export async function forecast(series: readonly number[], options: ForecastOptions = {}): Promise<ForecastResult> {
  const { config, decisions, seasons } = resolveForecastConfig(series, configOf(options), {
    ...(options.dates ? { dates: options.dates } : {}),
    covariates: options.covariates?.[0]?.length ?? 0,
  });
  const cov = options.covariates;
  if (cov && cov.length !== series.length)
    throw new DataError(
      `there are ${cov.length} covariate rows for ${series.length} values; pass one row per value`,
      'forecast',
    );
  const n = series.length,
    H = config.horizon;
  const testStart = n - config.test,
    calibrationStart = testStart - config.calibration;
  const origins = testOrigins(n, config.test, H);
  checkForecastMemory(config, cov?.[0]?.length ?? 0, n, options.memoryLimit ?? Number.POSITIVE_INFINITY);
  const hooks = (
    model: string,
    phase: TrainingPhase,
    extra: { epochs?: number[]; dates?: readonly number[] } = {},
  ) => ({
    ...(options.callbacks ? { callbacks: options.callbacks } : {}),
    ...extra,
    onMemberStart: (member: number, epochs: number) =>
      options.onTrainStart?.({ model, phase, member, members: config.repeats, epochs }),
  });
  const dates = options.dates;
  const head = (end: number) => series.slice(0, end);
  const covHead = (end: number) => cov?.slice(0, end);

  // evaluation model and its test forecasts
  const lstm = await trainForecaster(
    head(testStart),
    config,
    covHead(testStart),
    hooks('LSTM', 'evaluation', dates ? { dates } : {}),
  );
  const members = lstm.memberForecasts(series, origins, cov);
  const lstmPred = lstm.predictAt(series, origins, H, cov);
  const score = (pred: number[][]) => scoreWalkForward(series, origins, pred, testStart, config.season);
  const lstmScores = score(lstmPred);
  const final = await trainForecaster(
    series,
    config,
    cov,
    hooks('LSTM', 'final', { epochs: lstm.fitted.epochsKept, ...(dates ? { dates } : {}) }),
  );
  const models: ModelResult[] = [
    {
      name: lstm.name,
      kind: 'lstm',
      perHorizon: lstmScores.perHorizon,
      overall: lstmScores.overall,
      memberSpread: spread(members.map((m) => score(m).overall)),
      predictions: lstmPred,
      future: final.predict(series, H, cov),
    },
  ];

  // calibrated intervals: the calibration model's errors on the calibration part
  let intervals: IntervalReport | null = null;
  let cal: NeuralForecaster | null = null;
  if (config.calibration > 0) {
    cal = await trainForecaster(
      head(calibrationStart),
      config,
      covHead(calibrationStart),
      hooks('LSTM', 'calibration'),
    );
    const calOrigins = Array.from({ length: config.calibration }, (_, i) => calibrationStart + i);
    const calPred = cal.predictAt(series.slice(0, testStart), calOrigins, H, cov);
    intervals = intervalReport(
      series,
      { calibrationStart, testStart },
      calOrigins,
      calPred,
      origins,
      lstmPred,
      H,
      config.levels,
    );
  }
  const fv = models[0].future;
  const future = {
    values: fv,
    lower: intervals ? intervals.future.widths.map((w) => fv.map((v, h) => v - w[h])) : [],
    upper: intervals ? intervals.future.widths.map((w) => fv.map((v, h) => v + w[h])) : [],
    trainedOn: n,
    epochs: lstm.fitted.epochsKept,
  };

  // the window MLP: same inputs, same trainer
  if (options.mlp ?? true) {
    const mlpConfig: ResolvedForecastConfig = {
      ...config,
      kind: 'mlp',
      strategy: config.strategy === 'encoder-decoder' ? 'direct' : config.strategy,
    };
    const mlp = await trainForecaster(head(testStart), mlpConfig, covHead(testStart), hooks('MLP', 'evaluation'));
    const mm = mlp.memberForecasts(series, origins, cov);
    const mp = mlp.predictAt(series, origins, H, cov);
    const s = score(mp);
    const mlpFinal = await trainForecaster(
      series,
      mlpConfig,
      cov,
      hooks('MLP', 'final', { epochs: mlp.fitted.epochsKept }),
    );
    models.push({
      name: mlp.name,
      kind: 'mlp',
      perHorizon: s.perHorizon,
      overall: s.overall,
      memberSpread: spread(mm.map((m) => score(m).overall)),
      predictions: mp,
      future: mlpFinal.predict(series, H, cov),
    });
  }

  for (const b of defaultBaselines(config, testStart)) {
    await b.fit(head(testStart));
    const pred = walkForwardForecasts(series, b, origins, H);
    const s = score(pred);
    await b.fit(series);
    models.push({
      name: b.name,
      kind: 'baseline',
      perHorizon: s.perHorizon,
      overall: s.overall,
      memberSpread: null,
      predictions: pred,
      future: b.predict(series, H),
    });
  }

  const persistenceRmse = models.find((m) => m.name === 'persistence')?.overall.rmse ?? Number.NaN;
  const shift =
    origins.length >= 3
      ? detectShift(
          origins.map((o) => series[o]),
          lstmPred.map((p) => p[0]),
          series[origins[0] - 1],
        )
      : null;
  const fitted = lstm.fitted;
  return {
    config,
    decisions,
    seasons,
    length: n,
    calibrationStart,
    testStart,
    origins,
    models,
    history: fitted.histories[0],
    meanLoss: fitted.meanLosses[0],
    intervals,
    future,
    residuals: residualsBefore(series, origins, lstmPred, H, n),
    shift,
    skill: 1 - lstmScores.overall.rmse / persistenceRmse,
    evaluationModel: lstm,
    finalModel: final,
    calibrationModel: cal,
  };
}
