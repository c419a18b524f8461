// The forecaster in the playground's worker, the one the CLI and the API run: forecast() with the
// form's values as ForecastConfig options (progress reported per training), a saved forecaster scored
// on the chosen series as `lstmkit predict` and `lstmkit evaluate` score it, and the windows the
// look-inside view feeds to its first network.

import {
  evaluateForecaster,
  type ForecastConfig,
  type ForecastResult,
  featureCount,
  featureRows,
  forecast,
  inputWindows,
  Lstm,
  type NeuralForecaster,
  plotModel,
  resolveForecastConfig,
  type Sequential,
  type TrainingPhase,
  testSize,
  windowLevels,
} from 'lstmkit';
import type { SeriesInput } from './data.ts';
import type { Probe } from './demo.ts';
import type { LoadedReport, ModelView } from './protocol.ts';

/** What a run reports while it trains. */
export interface RunHooks {
  /** Before each network's training: which one, and how many came before of how many. */
  onTraining(e: {
    model: string;
    phase: TrainingPhase;
    member: number;
    members: number;
    epochs: number;
    index: number;
    total: number;
  }): void;
  /** After each epoch; may wait (pause) or throw (stop). */
  onEpoch(epoch: number, epochs: number, logs: Record<string, number>): Promise<void>;
}

const datesOf = (s: SeriesInput) => (s.dates ? { dates: s.dates } : {});

/**
 * forecast() on the series with the form's options: the same workflow, defaults and numbers as
 * `lstmkit forecast`. The number of trainings is known up front from the resolved configuration.
 */
export async function runForecast(
  series: SeriesInput,
  options: Partial<ForecastConfig>,
  hooks: RunHooks,
): Promise<ForecastResult> {
  const { config } = resolveForecastConfig(series.values, options, datesOf(series));
  // calibration (when there is a calibration part), evaluation and final LSTM; evaluation and final MLP
  const total = config.repeats * ((config.calibration > 0 ? 3 : 2) + 2);
  let index = -1,
    epochs = 0;
  return forecast(series.values, {
    ...options,
    ...datesOf(series),
    onTrainStart: (e) => {
      index++;
      epochs = e.epochs;
      hooks.onTraining({ ...e, index, total });
    },
    callbacks: [{ onEpochEnd: (epoch, logs) => hooks.onEpoch(epoch, epochs, logs) }],
  });
}

/**
 * A saved forecaster on the series: the next `horizon` values, and walk-forward errors over the last
 * values next to the baselines, with the warning when those values were used to train it.
 */
export async function scoreLoaded(f: NeuralForecaster, series: SeriesInput, from: string): Promise<LoadedReport> {
  const e = await evaluateForecaster(f, series.values, series.dates ? { dates: series.dates } : {});
  return {
    from,
    name: f.name,
    horizon: f.config.horizon,
    future: e.future,
    test: e.test,
    testStart: e.testStart,
    origins: e.origins,
    models: e.models,
    warning: e.warning,
  };
}

/** Most windows offered to the look-inside view. */
const PROBES = 24;

/**
 * The first network of a forecaster for the model card and the look-inside view: its summary and
 * diagram, and input windows (as the forecaster builds them) before test origins and before the future.
 */
export function forecasterView(f: NeuralForecaster, series: SeriesInput): { view: ModelView; probes: Probe[] } {
  const model = f.fitted.members[0],
    inputs = f.fitted.inputs;
  const { lookback: L } = f.config,
    lag = inputs.pipeline.lag,
    F = featureCount(inputs);
  const y = series.values,
    n = y.length;
  const first = Math.max(L + lag, n - testSize(n, f.config.horizon, f.config.testFraction));
  const count = Math.max(1, Math.min(PROBES, n - first + 1));
  const origins = [
    ...new Set(Array.from({ length: count }, (_, k) => Math.round(first + ((n - first) * k) / Math.max(1, count - 1)))),
  ];
  // the windows the members see: level-free with the level fed when the forecaster uses window scaling
  const rows = featureRows(inputs, y);
  const x = inputWindows(inputs, rows, origins, L, n, windowLevels(inputs, rows, origins));
  const label = (i: number) => series.labels[i] || `#${i}`;
  const probes = origins.map((o, i) => ({
    label: o < n ? `window before ${label(o)}` : 'window before the future',
    x: Array.from({ length: L }, (_, t) => Array.from(x.subarray((i * L + t) * F, (i * L + t + 1) * F))),
    steps: Array.from({ length: L }, (_, t) => label(o - L + t)),
  }));
  return { view: modelView(model, probes), probes };
}

/** The model card and look-inside choices of a network: summary, plotModel's diagram, probes, LSTM layers. */
export function modelView(model: Sequential, probes: readonly Probe[]): ModelView {
  return {
    summary: model.summary(false),
    diagram: plotModel(model, { showShapes: true, showLayerNames: true, showParams: true }),
    probes: probes.map((p) => p.label),
    lstmLayers: model.layers.flatMap((l, i) => (l instanceof Lstm ? [{ index: i, name: l.name, units: l.units }] : [])),
  };
}
