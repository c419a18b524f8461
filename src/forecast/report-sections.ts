// The blocks of a forecast() result's report, each a function of a ReportContext (the series, the
// result's numbers, the presenter's sentences and the time axis): the future fan, the walk-forward
// test chart with its interval coverage, the ranked errors, errors by horizon step, residuals, the
// trend/season decomposition, learning curves, decisions and options. Chart blocks take a width, so
// a static page renders them with responsiveChart and the playground at its box's width.

import { acfChart } from '../charts/acf-chart.js';
import { responsiveChart } from '../charts/html.js';
import { histogramChart } from '../charts/histogram.js';
import { type ChartMarker, lineChart } from '../charts/line-chart.js';
import { esc } from '../charts/svg.js';
import type { DateFormat } from '../data/dates.js';
import type { ForecastNumbers, ModelResult } from './forecast.js';
import { componentCharts, errorByStepChart, forecastChart, learningCurvesChart } from './report-charts.js';
import { coverageCounts, fanStart, residualAcf, seriesComponents } from './report-data.js';
import { bulletList, configTable, htmlTable, reportSection, verdictBox } from './report-html.js';
import { type ForecastSummary, forecastSummary, formatNumber, rankModels } from './summary-text.js';
import { timeAxis } from './time-axis.js';

/** What the report knows besides the series and the result. */
export interface ReportOptions {
  title?: string;
  /** Time stamps (UTC ms) of the series, for date axes; default: the step index. */
  dates?: readonly number[];
  /** The form the dates were read in (labels are written back in it). */
  dateFormat?: DateFormat;
  /** Name of the target column (the y axis label). */
  target?: string;
  /** Prefix of section ids, so several series can share one page. Default ''. */
  idPrefix?: string;
  /** Heading level of the sections: 2 on a page of its own, 3 inside a many-series page. Default 2. */
  level?: 2 | 3;
}

/** Everything the blocks read. */
export interface ReportContext extends ReportAxis {
  series: readonly number[];
  r: ForecastNumbers;
  summary: ForecastSummary;
  options: ReportOptions;
}

/** How a report draws and labels the steps of a series. */
export interface ReportAxis {
  /** x value of step i (i >= n: the steps after the series). */
  time(i: number): number;
  /** Label of step i for tables. */
  label(i: number): string;
  xScale: 'linear' | 'time';
  formatX?: (x: number) => string;
}

/**
 * The axis of a series of `length` values: its dates (calendar ticks; labels in the dates' own form,
 * the steps after it continue the calendar) or, without dates, the step index.
 * @example reportAxis(144, dates).label(144) //=> '1961-01'
 */
export function reportAxis(length: number, dates?: readonly number[], dateFormat?: DateFormat): ReportAxis {
  const axis =
    dates && dates.length === length && length > 1 && dates.every(Number.isFinite) ? timeAxis(dates, dateFormat) : null;
  if (!axis) return { time: (i) => i, label: (i) => String(i), xScale: 'linear' };
  // years before 1000 are year indices ('1-01'): d3 would print them as 0001, the axis writes them back
  const formatX = new Date(dates![0]).getUTCFullYear() < 1000 ? (t: number) => axis.label(t) : undefined;
  return {
    time: (i) => axis.time(i),
    label: (i) => axis.label(axis.time(i)),
    xScale: 'time',
    ...(formatX ? { formatX } : {}),
  };
}

/**
 * The context of a report: the presenter's sentences and the time axis of the series.
 * @example const ctx = reportContext(series, result, { dates, target: 'Passengers' }); fanFigure(ctx, 720);
 */
export function reportContext(
  series: readonly number[],
  r: ForecastNumbers,
  options: ReportOptions = {},
): ReportContext {
  return {
    series,
    r,
    summary: forecastSummary(r),
    ...reportAxis(series.length, options.dates, options.dateFormat),
    options,
  };
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

function axisOf(ctx: ReportContext, width: number) {
  return {
    width,
    xScale: ctx.xScale,
    ...(ctx.formatX ? { formatX: ctx.formatX } : {}),
    ...(ctx.options.target ? { yLabel: ctx.options.target } : {}),
  };
}

/** The recommended model, when it is not the LSTM: its forecasts start visible in the charts. */
const recommended = (ctx: ReportContext) => (ctx.summary.lstmWins ? [] : [ctx.summary.best.name]);

/**
 * The verdict box (coloured by whether the LSTM wins) with the presenter's advice and warnings.
 * @example verdictOf(reportContext(series, result))
 */
export function verdictOf(ctx: ReportContext): string {
  const s = ctx.summary;
  return verdictBox({ verdict: s.verdict, advice: s.advice, wins: s.lstmWins, warnings: s.warnings });
}

/**
 * History and the future fan: the LSTM's next `horizon` values with their 80/95% intervals after the
 * last max(12·horizon, 120) values, every other model's future behind a checkbox.
 * @example responsiveChart((w) => fanFigure(ctx, w))
 */
export function fanFigure(ctx: ReportContext, width: number): string {
  const { series, r } = ctx,
    n = series.length,
    from = fanStart(n, r.config.horizon);
  const hx = Array.from({ length: n - from }, (_, i) => ctx.time(from + i));
  const fx = r.future.values.map((_, h) => ctx.time(n + h));
  const join = (v: readonly number[]) => [series[n - 1], ...v];
  const jx = [ctx.time(n - 1), ...fx];
  const iv = r.intervals;
  return forecastChart(
    {
      actual: { x: hx, y: series.slice(from) },
      forecast: { label: `${r.models[0].name}, next ${r.config.horizon}`, x: jx, y: join(r.future.values) },
      bands: iv
        ? iv.levels.map((level, li) => ({
            level,
            label: `${pct(level)} interval (future)`,
            x: fx,
            lower: r.future.lower[li],
            upper: r.future.upper[li],
          }))
        : [],
      others: r.models.slice(1).map((m) => ({ label: m.name, x: jx, y: join(m.future) })),
      shown: recommended(ctx),
    },
    {
      ...axisOf(ctx, width),
      title: from > 0 ? `The last ${n - from} of ${n} values and the forecast` : 'History and forecast',
      markers: [{ x: ctx.time(n - 1), label: 'forecast' }],
    },
  );
}

/**
 * The walk-forward test part: actual values (from one test length before it), the LSTM's one-step
 * forecasts with the intervals calibrated before the test part, other models behind checkboxes.
 * @example responsiveChart((w) => testFigure(ctx, w))
 */
export function testFigure(ctx: ReportContext, width: number): string {
  const { series, r } = ctx,
    n = series.length;
  const from = Math.max(0, r.testStart - r.config.test);
  const ox = r.origins.map((o) => ctx.time(o));
  const step1 = (p: readonly (readonly number[])[]) => p.map((row) => row[0]);
  const lstm = step1(r.models[0].predictions);
  const iv = r.intervals;
  const markers: ChartMarker[] = [{ x: ctx.time(r.testStart), label: 'test part' }];
  if (r.config.calibration > 0 && r.calibrationStart >= from)
    markers.unshift({ x: ctx.time(r.calibrationStart), label: 'calibration' });
  return forecastChart(
    {
      actual: { x: Array.from({ length: n - from }, (_, i) => ctx.time(from + i)), y: series.slice(from) },
      forecast: { label: `${r.models[0].name} (t+1)`, x: ox, y: lstm, points: r.origins.length <= 60 },
      bands: iv
        ? iv.levels.map((level, li) => ({
            level,
            label: `${pct(level)} interval (t+1)`,
            x: ox,
            lower: lstm.map((v) => v - iv.test.widths[li][0]),
            upper: lstm.map((v) => v + iv.test.widths[li][0]),
          }))
        : [],
      others: r.models.slice(1).map((m) => ({ label: `${m.name} (t+1)`, x: ox, y: step1(m.predictions) })),
      shown: recommended(ctx).map((name) => `${name} (t+1)`),
    },
    { ...axisOf(ctx, width), title: 'Walk-forward forecasts on the test part, one step ahead', markers },
  );
}

/**
 * The sentence on interval coverage: every level's empirical coverage of the test values, as a share
 * and a count, next to its nominal level.
 * @example coverageText(ctx) // '... 80% interval covered 84% (91 of 108) ...'
 */
export function coverageText(ctx: ReportContext): string {
  const counts = coverageCounts(ctx.r);
  if (!counts.length)
    return '<p data-coverage="">No intervals: the series is too short to spare a calibration part.</p>';
  const parts = counts.map((c) => `the ${pct(c.level)} interval covered ${pct(c.covered)} (${c.inside} of ${c.total})`);
  return `<p data-coverage="${counts.map((c) => c.covered).join(' ')}">Interval coverage on the test part (every origin and step): ${parts.join('; ')}. The widths were calibrated on the ${ctx.r.config.calibration} values before the test part, which the model that calibrated them never trained on.</p>`;
}

/**
 * The next `horizon` values with their intervals; the table's data-future attribute holds the values.
 * @example futureTable(ctx)
 */
export function futureTable(ctx: ReportContext): string {
  const { r } = ctx,
    n = ctx.series.length,
    iv = r.intervals;
  const levels = iv?.levels ?? [];
  const rows = r.future.values.map((v, h) => [
    ctx.label(n + h),
    v,
    ...levels.map((_, li) => `${formatNumber(r.future.lower[li][h])} – ${formatNumber(r.future.upper[li][h])}`),
  ]);
  return htmlTable(['time', 'forecast', ...levels.map((l) => `${pct(l)} interval`)], rows, {
    numeric: [false, true, ...levels.map(() => true)],
    attributes: { 'data-future': JSON.stringify(r.future.values) },
  });
}

/**
 * Every model's walk-forward errors in the presenter's ranking (rankModels: lowest RMSE first, bold);
 * `compact` keeps rank, model, RMSE, MAE and MASE (for narrow pages).
 * @example rankingTable(result.models)
 */
export function rankingTable(models: readonly ModelResult[], compact = false): string {
  const byName = new Map(models.map((m) => [m.name, m]));
  const rows = rankModels(models).map((rk) => {
    const m = byName.get(rk.name)!,
      o = m.overall;
    const spread = m.memberSpread ? `±\u00a0${formatNumber(m.memberSpread.rmse)}` : '';
    return compact
      ? [String(rk.rank), m.name, o.rmse, o.mae, o.mase]
      : [String(rk.rank), m.name, o.rmse, o.mae, o.mase, o.smape, o.mape, spread];
  });
  const head = ['rank', 'model', 'RMSE', 'MAE', 'MASE', 'sMAPE %', 'MAPE %', 'members (RMSE sd)'].slice(
    0,
    compact ? 5 : 8,
  );
  const table = htmlTable(head, rows, {
    numeric: head.map((_, c) => c !== 1),
    rowClass: (i) => (i === 0 ? 'best' : undefined),
    attributes: { 'data-ranking': '' },
    scroll: !compact,
  });
  return `${table}
<p class="lk-note">Pooled over every origin and step of the test part. MASE below 1 beats the seasonal naive forecast on the training part.${compact ? '' : " Ensembles forecast the median of their members; the last column is the spread of the members' own RMSEs."}</p>`;
}

/**
 * RMSE at each horizon step for every model (the LSTM first).
 * @example responsiveChart((w) => errorByStepFigure(ctx, w))
 */
export function errorByStepFigure(ctx: ReportContext, width: number): string {
  return errorByStepChart(
    ctx.r.models.map((m) => ({ label: m.name, values: m.perHorizon.map((s) => s.rmse) })),
    { width, title: 'RMSE by horizon step', yLabel: 'RMSE' },
  );
}

function residualBlocks(ctx: ReportContext, wrap: (render: (w: number) => string) => string): string[] {
  const { r } = ctx;
  const res = r.residuals[0] ?? [];
  if (res.length < 2) return ['<p>Too few test forecasts to show residuals.</p>'];
  const x = res.map((_, i) => ctx.time(r.origins[i]));
  const out = [
    wrap((w) =>
      lineChart([{ label: 'actual − forecast', kind: 'stems', x, y: res, color: '#5e6877' }], {
        ...axisOf(ctx, w),
        height: 200,
        title: 'Residuals over the test part',
        legend: false,
      }),
    ),
    wrap((w) => histogramChart(res, { width: w, title: 'Distribution of the residuals', normal: true })),
  ];
  const acf = residualAcf(res, r.config.season);
  if (acf) {
    out.push(
      wrap((w) =>
        acfChart(acf.acf, { sampleSize: acf.sampleSize, width: w, title: 'Autocorrelation of the residuals' }),
      ),
      `<p data-acf-outside="${acf.outside.length}">${acf.outside.length} of ${acf.acf.length - 1} lags lie outside the band ±1.96/√${acf.sampleSize} that white noise stays inside 95% of the time${acf.outside.length ? ` (lag ${acf.outside.join(', ')})` : ''}.</p>`,
    );
  }
  return out;
}

function componentBlocks(
  ctx: ReportContext,
  wrap: (render: (w: number) => string) => string,
): { title: string; blocks: string[] } {
  const { series, r } = ctx;
  const x = series.map((_, i) => ctx.time(i));
  const markers: ChartMarker[] = [{ x: ctx.time(r.testStart), label: 'test' }];
  if (r.config.calibration > 0) markers.unshift({ x: ctx.time(r.calibrationStart), label: 'calibration' });
  const c = seriesComponents(series, r.config.seasons);
  if (!c)
    return {
      title: 'The series',
      blocks: [
        wrap((w) =>
          lineChart([{ label: ctx.options.target ?? 'actual', x, y: series, color: '#1d2430', strokeWidth: 1.4 }], {
            ...axisOf(ctx, w),
            title: 'The whole series and its parts',
            legend: false,
            markers,
          }),
        ),
        '<p>No season was found, so there is no seasonal component to show.</p>',
      ],
    };
  const drawn = new Map<number, ReturnType<typeof componentCharts>>();
  const render = (w: number) => {
    if (!drawn.has(w)) drawn.set(w, componentCharts(x, series, c, { ...axisOf(ctx, w), markers }));
    return drawn.get(w)!;
  };
  return {
    title: 'Trend and season',
    blocks: [
      `<p>Classical decomposition (centred moving average, as R's decompose), ${c.type}, by the season of ${c.season}${c.type === 'multiplicative' ? ': the seasonal swing grows with the level' : ''}.</p>`,
      wrap((w) => render(w).trend),
      wrap((w) => render(w).seasonal),
      wrap((w) => render(w).remainder),
    ],
  };
}

/**
 * The report's sections for one forecast() result, in reading order: verdict, the future, the test
 * part, residuals, trend and season, training, data decisions, options. `wrap` draws a chart
 * (default: responsiveChart, a narrow and a wide rendering).
 * @example reportPage({ title: 'Airline', body: forecastSections(reportContext(series, result, { dates })) })
 */
export function forecastSections(
  ctx: ReportContext,
  wrap: (render: (width: number) => string) => string = (render) => responsiveChart(render),
): string[] {
  const { r, summary } = ctx,
    H = r.config.horizon;
  const id = (s: string) => `${ctx.options.idPrefix ?? ''}${s}`;
  const level = ctx.options.level ?? 2;
  const comp = componentBlocks(ctx, wrap);
  return [
    verdictOf(ctx),
    reportSection(
      id('future'),
      `The next ${H} value${H > 1 ? 's' : ''}`,
      [`<p>${esc(summary.futureNote)}.</p>`, wrap((w) => fanFigure(ctx, w)), futureTable(ctx)],
      level,
    ),
    reportSection(
      id('test'),
      'Walk-forward test',
      [
        wrap((w) => testFigure(ctx, w)),
        coverageText(ctx),
        rankingTable(r.models),
        wrap((w) => errorByStepFigure(ctx, w)),
      ],
      level,
    ),
    reportSection(id('residuals'), 'Residuals of the one-step forecasts', residualBlocks(ctx, wrap), level),
    reportSection(id('components'), comp.title, comp.blocks, level),
    reportSection(
      id('training'),
      `Diagnosis: ${summary.diagnosis.verdict}`,
      [
        "<p>The training of the evaluation model's first member, read against the loss of predicting the mean.</p>",
        bulletList(summary.diagnosis.evidence),
        `<p>Advice: ${esc(summary.diagnosis.advice.join('; '))}.</p>`,
        wrap((w) =>
          learningCurvesChart(r.history, {
            width: w,
            title: 'Learning curves',
            ...(r.future.epochs.length ? { bestEpoch: r.future.epochs[0] } : {}),
            meanLoss: r.meanLoss,
          }),
        ),
      ],
      level,
    ),
    reportSection(id('data'), 'What was done to the data', [bulletList(summary.decisions)], level),
    reportSection(id('options'), 'Every option used', [configTable(r.config)], level),
  ];
}
