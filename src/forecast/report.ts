// The forecast report: one self-contained HTML page (inline CSS and SVG, no script, no network,
// readable at 390 px and printable) built from the blocks in report-sections.ts, and the metrics as
// fixed-width text for the terminal. The sentences come from the presenter (summary-text.ts).

import type { ForecastNumbers, ModelResult } from './forecast.js';
import { reportPage } from './report-html.js';
import { forecastSections, type ReportOptions, reportContext } from './report-sections.js';

export type { ReportOptions } from './report-sections.js';

function num(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  return Math.abs(v) >= 1000 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(3) : v.toFixed(4);
}

function cell(m: ModelResult, h: number, k: 'mae' | 'rmse' | 'mape' | 'smape' | 'mase'): string {
  return num((h < 0 ? m.overall : m.perHorizon[h])[k]);
}

/** Spread of an ensemble's members (RMSE standard deviation) for the pooled row. */
function spreadCell(m: ModelResult, h: number): string {
  return h < 0 && m.memberSpread ? `± ${num(m.memberSpread.rmse)}` : '';
}

/** Horizon steps shown in the text table: the first, the last, and all steps pooled. */
function shownSteps(H: number): number[] {
  return H === 1 ? [0] : [0, H - 1, -1];
}

/**
 * The metrics table as fixed-width text: one block per horizon step (plus "all" when H > 1).
 * @example console.log(metricsTable(await forecast(series, { test: 24 })));
 */
export function metricsTable(r: ForecastNumbers): string {
  const keys = ['mae', 'rmse', 'mape', 'smape', 'mase'] as const;
  const rows: string[][] = [['horizon', 'model', 'MAE', 'RMSE', 'MAPE %', 'sMAPE %', 'MASE', 'members']];
  for (const h of shownSteps(r.config.horizon))
    for (const m of r.models)
      rows.push([h < 0 ? 'all' : `t+${h + 1}`, m.name, ...keys.map((k) => cell(m, h, k)), spreadCell(m, h)]);
  const widths = rows[0].map((_, c) => rows.reduce((w, row) => Math.max(w, row[c].length), 0));
  return rows
    .map((row) => row.map((v, c) => (c < 2 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  '))
    .join('\n');
}

/**
 * The full HTML report of a forecast() result for the series it was run on.
 * @example writeFileSync('report.html', forecastReport(series, result, { title: 'Airline passengers', dates }));
 */
export function forecastReport(series: readonly number[], r: ForecastNumbers, options: ReportOptions = {}): string {
  const ctx = reportContext(series, r, options);
  const n = series.length;
  const span = ctx.xScale === 'time' ? ` from ${ctx.label(0)} to ${ctx.label(n - 1)}` : '';
  return reportPage({
    title: options.title ?? 'lstmkit forecast',
    subtitle: `${n} values${span}; ${r.models.length} models compared walk-forward on the last ${r.config.test}; forecasts ${r.config.horizon} step${r.config.horizon > 1 ? 's' : ''} ahead.`,
    body: forecastSections(ctx),
  });
}
