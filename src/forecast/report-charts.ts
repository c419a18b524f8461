// The report's charts as building blocks on plain data (each returns SVG, or script-free HTML when
// it has checkbox toggles, drawn at a given width), shared by the single-series report, the
// playground and many-series reports: a forecast chart (actual values, one model's forecast with its
// interval bands, other models toggleable), errors by horizon step, the series' trend, seasonal
// figure and remainder, and learning curves.

import { barChart } from '../charts/bar-chart.js';
import { toggleableLineChart } from '../charts/html.js';
import { type ChartMarker, type ChartSeries, lineChart } from '../charts/line-chart.js';
import { INK, MUTED } from '../charts/svg.js';
import type { History } from '../model/callbacks.js';
import type { SeriesComponents } from './report-data.js';

/** Size, titles and x axis of a report chart. */
export interface ReportChartOptions {
  /** Width in px (text is 11 px at this width). */
  width: number;
  height?: number;
  title?: string;
  yLabel?: string;
  /** x values as numbers (default) or UTC milliseconds. */
  xScale?: 'linear' | 'time';
  formatX?: (x: number) => string;
  markers?: ChartMarker[];
}

/** Colour of the model whose forecast a chart is about, and of its interval bands. */
export const FORECAST_COLOR = '#2f6db5';
/** Colour of actual values. */
export const ACTUAL_COLOR = INK;
/** Colours of the other models, in order (none of them the forecast's blue). */
export const OTHER_COLORS = ['#e8772e', '#3f9a4a', '#a05195', '#8c6d31', '#d43d51', '#2a9d9a', '#7a7a7a'] as const;

/** Band opacity by its rank from the widest level (95% lighter than 80%). */
const BAND_OPACITY = [0.16, 0.3, 0.42];

const percent = (level: number) => `${Math.round(level * 100)}%`;

/** What a forecast chart draws. */
export interface ForecastChartInput {
  actual: { label?: string; x: ArrayLike<number>; y: ArrayLike<number> };
  /** The forecast the chart is about (drawn solid, over its bands). */
  forecast: { label: string; x: ArrayLike<number>; y: ArrayLike<number>; points?: boolean };
  /** Interval bands, any order (the widest is drawn first); labelled '80% interval' unless `label`. */
  bands?: { level: number; x: ArrayLike<number>; lower: ArrayLike<number>; upper: ArrayLike<number>; label?: string }[];
  /** Other models' forecasts: each gets a checkbox; only those named in `shown` start visible. */
  others?: { label: string; x: ArrayLike<number>; y: ArrayLike<number> }[];
  shown?: readonly string[];
}

/**
 * Actual values, a forecast with its interval bands and, behind checkboxes (no script), other models'
 * forecasts: the report's future fan and its walk-forward test chart.
 * @example forecastChart({ actual: { x: [0, 1, 2], y: [1, 2, 3] }, forecast: { label: 'LSTM', x: [2, 3], y: [3, 4] } }, { width: 340 })
 */
export function forecastChart(input: ForecastChartInput, options: ReportChartOptions): string {
  const bands = [...(input.bands ?? [])].sort((a, b) => b.level - a.level);
  const series: ChartSeries[] = [
    ...bands.map((b, k) => ({
      label: b.label ?? `${percent(b.level)} interval`,
      kind: 'band' as const,
      x: b.x,
      y: b.lower,
      y2: b.upper,
      color: FORECAST_COLOR,
      opacity: BAND_OPACITY[k] ?? 0.42,
    })),
    {
      label: input.actual.label ?? 'actual',
      x: input.actual.x,
      y: input.actual.y,
      color: ACTUAL_COLOR,
      strokeWidth: 1.5,
    },
    ...(input.others ?? []).map((o, i) => ({
      label: o.label,
      x: o.x,
      y: o.y,
      color: OTHER_COLORS[i % OTHER_COLORS.length],
      dashed: true,
      strokeWidth: 1.5,
    })),
    { label: input.forecast.label, x: input.forecast.x, y: input.forecast.y, color: FORECAST_COLOR, strokeWidth: 2 },
    ...(input.forecast.points
      ? [{ label: '', kind: 'points' as const, x: input.forecast.x, y: input.forecast.y, color: FORECAST_COLOR }]
      : []),
  ];
  const chart = {
    width: options.width,
    height: options.height ?? 300,
    ...(options.xScale ? { xScale: options.xScale } : {}),
    ...(options.formatX ? { formatX: options.formatX } : {}),
    ...(options.yLabel ? { yLabel: options.yLabel } : {}),
    ...(options.markers ? { markers: options.markers } : {}),
  };
  if (!input.others?.length) return lineChart(series, { ...chart, ...(options.title ? { title: options.title } : {}) });
  const shown = new Set(input.shown ?? []);
  return toggleableLineChart(series, {
    ...chart,
    ...(options.title ? { title: options.title } : {}),
    hidden: input.others.filter((o) => !shown.has(o.label)).map((o) => o.label),
  });
}

/**
 * One error per horizon step for each model (e.g. RMSE at t+1..t+H): grouped bars up to 3 steps,
 * otherwise one line per model with checkboxes. The first model gets the forecast colour.
 * @example errorByStepChart([{ label: 'LSTM', values: [1, 2] }, { label: 'naive', values: [2, 3] }], { width: 340, yLabel: 'RMSE' })
 */
export function errorByStepChart(
  models: readonly { label: string; values: ArrayLike<number> }[],
  options: ReportChartOptions,
): string {
  const H = models[0]?.values.length ?? 0;
  const color = (i: number) => (i === 0 ? FORECAST_COLOR : OTHER_COLORS[(i - 1) % OTHER_COLORS.length]);
  const common = {
    width: options.width,
    height: options.height ?? 280,
    ...(options.title ? { title: options.title } : {}),
    ...(options.yLabel ? { yLabel: options.yLabel } : {}),
  };
  const steps = Array.from({ length: H }, (_, h) => h + 1);
  if (H <= 3)
    return barChart(
      steps.map((h) => `t+${h}`),
      models.map((m, i) => ({ label: m.label, values: m.values, color: color(i) })),
      { ...common, xLabel: 'horizon step' },
    );
  return toggleableLineChart(
    models.map((m, i) => ({
      label: m.label,
      x: steps,
      y: m.values,
      color: color(i),
      strokeWidth: i === 0 ? 2.2 : 1.5,
    })),
    { ...common, xLabel: 'horizon step', includeZero: true, formatX: (v) => (Number.isInteger(v) ? `t+${v}` : '') },
  );
}

/** The three charts of a decomposition. */
export interface ComponentCharts {
  /** The series with its trend. */
  trend: string;
  /** The seasonal figure over one season. */
  seasonal: string;
  /** What trend and season leave. */
  remainder: string;
}

/**
 * The series with its trend, the seasonal figure over the first season and the remainder (for a
 * multiplicative decomposition, x / (trend · season) − 1), at times `x`.
 * @example componentCharts(times, passengers, seriesComponents(passengers, [12])!, { width: 340, xScale: 'time' })
 */
export function componentCharts(
  x: ArrayLike<number>,
  series: ArrayLike<number>,
  c: SeriesComponents,
  options: ReportChartOptions,
): ComponentCharts {
  const mult = c.type === 'multiplicative';
  const axis = {
    width: options.width,
    ...(options.xScale ? { xScale: options.xScale } : {}),
    ...(options.formatX ? { formatX: options.formatX } : {}),
  };
  const trend = lineChart(
    [
      { label: options.yLabel ?? 'actual', x, y: series, color: '#9aa3ad', strokeWidth: 1.2 },
      { label: `trend (centred moving average of ${c.season})`, x, y: c.trend, color: ACTUAL_COLOR },
    ],
    {
      ...axis,
      height: options.height ?? 260,
      title: 'Trend',
      ...(options.markers ? { markers: options.markers } : {}),
    },
  );
  const m = c.season;
  const phaseX = Array.from({ length: m }, (_, p) => x[p]);
  const seasonal = lineChart(
    [
      { label: mult ? 'seasonal factor' : 'seasonal effect', x: phaseX, y: c.figure, color: FORECAST_COLOR },
      ...(m <= 24 ? [{ label: '', kind: 'points' as const, x: phaseX, y: c.figure, color: FORECAST_COLOR }] : []),
    ],
    {
      ...axis,
      height: 220,
      title: `Season of ${m}: ${mult ? 'factor × trend' : 'effect + trend'}`,
      legend: false,
    },
  );
  const rest = mult ? Float64Array.from(c.remainder, (v) => v - 1) : c.remainder;
  const remainder = lineChart(
    [
      {
        label: mult ? 'remainder − 1 (share of the level)' : 'remainder',
        kind: 'stems',
        x,
        y: rest,
        color: MUTED,
        strokeWidth: 1,
      },
    ],
    { ...axis, height: 200, title: mult ? 'Remainder − 1 (share of the level)' : 'Remainder', legend: false },
  );
  return { trend, seasonal, remainder };
}

/** Learning-curve extras: the epoch whose weights were kept, and the loss of predicting the mean. */
export interface LearningCurveOptions extends ReportChartOptions {
  bestEpoch?: number;
  meanLoss?: number;
}

/**
 * Training and validation loss per epoch (log scale when they span more than a factor 100), the
 * loss of predicting the mean (the underfit reference) and the epoch whose weights were kept.
 * @example learningCurvesChart(result.history, { width: 340, bestEpoch: result.future.epochs[0], meanLoss: result.meanLoss })
 */
export function learningCurvesChart(history: History, options: LearningCurveOptions): string {
  const h = history.history,
    x = history.epoch.map((e) => e + 1);
  const loss = h['loss'] ?? [],
    val = h['val_loss'] ?? [];
  const series: ChartSeries[] = [{ label: 'training loss', x, y: loss, color: FORECAST_COLOR }];
  if (val.length === x.length) series.push({ label: 'validation loss', x, y: val, color: OTHER_COLORS[0] });
  const mean = options.meanLoss;
  if (mean !== undefined && Number.isFinite(mean) && mean > 0 && x.length)
    series.push({
      label: 'predicting the mean',
      x: [x[0], x[x.length - 1]],
      y: [mean, mean],
      color: MUTED,
      dashed: true,
    });
  let lo = Number.POSITIVE_INFINITY,
    hi = 0;
  for (const s of series)
    for (let i = 0; i < s.y.length; i++)
      if (s.y[i] > 0) {
        lo = Math.min(lo, s.y[i]);
        hi = Math.max(hi, s.y[i]);
      }
  const log = hi / lo > 100;
  const best = options.bestEpoch;
  return lineChart(series, {
    width: options.width,
    height: options.height ?? 260,
    ...(options.title ? { title: options.title } : {}),
    xLabel: 'epoch',
    yLabel: log ? 'loss (log scale)' : 'loss',
    ...(log ? { yScale: 'log' as const } : { includeZero: true }),
    ...(best !== undefined && best >= 1 ? { markers: [{ x: best, label: `weights kept: epoch ${best}` }] } : {}),
  });
}
