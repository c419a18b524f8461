// The forecast report: one self-contained HTML page (inline CSS and SVG, no scripts, no network)
// with the verdict (coloured by it), what was done to the data, the metrics of every model, the
// history with the test forecasts and the future fan, the learning curves and the residuals, and
// the resolved configuration. Also the plain-text table. Sentences come from summary-text.ts.

import { maxOf, minOf } from '../array-stats.js';
import { CONFIG_DOCS, configFromResolved } from './config.js';
import { diagnosisHtml } from './diagnose.js';
import type { ForecastResult, ModelResult } from './forecast.js';
import { forecastSummary } from './summary-text.js';
import { timeAxis } from './time-axis.js';
import type { DateFormat } from '../data/dates.js';
import { type ChartSeries, lineChart } from '../charts/line-chart.js';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

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
export function metricsTable(r: ForecastResult): string {
  const keys = ['mae', 'rmse', 'mape', 'smape', 'mase'] as const;
  const rows: string[][] = [['horizon', 'model', 'MAE', 'RMSE', 'MAPE %', 'sMAPE %', 'MASE', 'members']];
  for (const h of shownSteps(r.config.horizon))
    for (const m of r.models)
      rows.push([h < 0 ? 'all' : `t+${h + 1}`, m.name, ...keys.map((k) => cell(m, h, k)), spreadCell(m, h)]);
  const widths = rows[0].map((_, c) => maxOf(rows.map((row) => row[c].length)));
  return rows
    .map((row) => row.map((v, c) => (c < 2 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  '))
    .join('\n');
}

function metricsHtml(r: ForecastResult): string {
  const keys = ['mae', 'rmse', 'mape', 'smape', 'mase'] as const;
  const hs = shownSteps(r.config.horizon).filter((h) => h < 0 || r.config.horizon === 1);
  const best = (h: number) => minOf(r.models.map((m) => (h < 0 ? m.overall : m.perHorizon[h]).rmse));
  const rows = hs.flatMap((h) =>
    r.models.map((m) => {
      const isBest = (h < 0 ? m.overall : m.perHorizon[h]).rmse === best(h);
      return `<tr${isBest ? ' class="best"' : ''}><td>${esc(m.name)}</td>${keys.map((k) => `<td class="n">${cell(m, h, k)}</td>`).join('')}<td class="n">${spreadCell(m, h)}</td></tr>`;
    }),
  );
  const byStep =
    r.config.horizon > 1
      ? `<h3>RMSE by horizon step</h3><div class="scroll"><table><tr><th>model</th>${r.models[0].perHorizon.map((_, h) => `<th>t+${h + 1}</th>`).join('')}</tr>${r.models
          .map(
            (m) =>
              `<tr><td>${esc(m.name)}</td>${m.perHorizon.map((s) => `<td class="n">${num(s.rmse)}</td>`).join('')}</tr>`,
          )
          .join('')}</table></div>`
      : '';
  return `<div class="scroll"><table><tr><th>model</th><th>MAE</th><th>RMSE</th><th>MAPE %</th><th>sMAPE %</th><th>MASE</th><th>members (RMSE sd)</th></tr>${rows.join('')}</table></div>
<p>Bold: the lowest RMSE. Pooled over every origin and step. MASE below 1 beats the seasonal naive forecast on the training part. Ensembles forecast the median of their members; the last column is the spread of the members' own RMSEs.</p>${byStep}`;
}

export interface ReportOptions {
  title?: string;
  /** Time stamps (ms) of the series, for date axes; default: the step index. */
  dates?: readonly number[];
  /** The form the dates were read in (labels are written back in it). */
  dateFormat?: DateFormat;
  /** Name of the target column (the y axis label). */
  target?: string;
}

/**
 * The full HTML report of a forecast() result for the series it was run on.
 * @example writeFileSync('report.html', forecastReport(series, result, { title: 'Airline passengers' }));
 */
export function forecastReport(series: readonly number[], r: ForecastResult, options: ReportOptions = {}): string {
  const n = series.length,
    H = r.config.horizon,
    dates = options.dates;
  const summary = forecastSummary(r);
  const axis =
    dates && dates.length === n && n > 1 && dates.every(Number.isFinite) ? timeAxis(dates, options.dateFormat) : null;
  const tx = (i: number) => (axis ? axis.time(i) : i);
  const formatX = axis ? axis.label : undefined;
  const lstm = r.models[0];
  const h1 = r.origins.map((o) => tx(o));
  const p1 = lstm.predictions.map((p) => p[0]);
  const fx = r.future.values.map((_, h) => tx(n + h));
  const blues = ['#6baed6', '#c6dbef', '#deebf7'];
  const iv = r.intervals;
  const order = iv ? iv.levels.map((level, li) => ({ level, li })).sort((a, b) => b.level - a.level) : [];
  const testBands: ChartSeries[] = iv
    ? order.map(({ level, li }, k) => ({
        label: `${Math.round(level * 100)}% interval (test, t+1)`,
        x: h1,
        y: p1.map((v) => v - iv.test.widths[li][0]),
        y2: p1.map((v) => v + iv.test.widths[li][0]),
        color: blues[k] ?? '#eee',
        kind: 'band' as const,
      }))
    : [];
  const fan: ChartSeries[] = iv
    ? order.map(({ level, li }, k) => ({
        label: `${Math.round(level * 100)}% interval (future)`,
        x: fx,
        y: r.future.lower[li],
        y2: r.future.upper[li],
        color: blues[k] ?? '#eee',
        kind: 'band' as const,
      }))
    : [];
  const palette = ['#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  const baselineFutures: ChartSeries[] = r.models.slice(1).map((m, i) => ({
    label: `${m.name} (future)`,
    x: [tx(n - 1), ...fx],
    y: [series[n - 1], ...m.future],
    color: palette[i % palette.length],
    dashed: true,
  }));
  const history = lineChart(
    [
      ...testBands,
      ...fan,
      { label: 'actual', x: series.map((_, i) => tx(i)), y: series, color: '#222' },
      { label: `${lstm.name} (test, t+1)`, x: h1, y: p1, color: '#d62728' },
      ...baselineFutures,
      {
        label: `LSTM forecast, next ${H}`,
        x: [tx(n - 1), ...fx],
        y: [series[n - 1], ...r.future.values],
        color: '#2ca02c',
      },
    ],
    {
      title: 'History, walk-forward test forecasts, and the future with its intervals',
      ...(formatX ? { formatX } : {}),
      ...(options.target ? { yLabel: options.target } : {}),
    },
  );
  const resid = lineChart(
    [{ label: 'residual (actual - LSTM, t+1)', x: h1, y: r.residuals[0], color: '#9467bd', kind: 'stems' }],
    { title: 'Walk-forward residuals (t+1)', height: 240, ...(formatX ? { formatX } : {}) },
  );
  const future = r.future.values
    .map(
      (v, h) =>
        `<tr><td>${formatX ? formatX(tx(n + h)) : n + h}</td><td class="n">${num(v)}</td>${iv ? iv.levels.map((_, li) => `<td class="n">${num(r.future.lower[li][h])} .. ${num(r.future.upper[li][h])}</td>`).join('') : ''}</tr>`,
    )
    .join('');
  const coverage = iv
    ? `<p>Intervals: ${iv.levels.map((l, i) => `${Math.round(l * 100)}% nominal covered ${(iv.coverage[i] * 100).toFixed(0)}%`).join(', ')} of the test values (calibrated on the ${r.config.calibration} values before the test part, which the calibrating model never trained on).</p>`
    : '<p>No intervals: the series is too short to spare a calibration part.</p>';
  const config = configFromResolved(r.config);
  const configRows = (Object.keys(config) as (keyof typeof config)[])
    .map(
      (k) =>
        `<tr><td>${k}</td><td class="n">${esc(JSON.stringify(config[k]))}</td><td>${esc(CONFIG_DOCS[k])}</td></tr>`,
    )
    .join('');
  const title = options.title ?? 'lstmkit forecast';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:sans-serif;max-width:900px;margin:24px auto;padding:0 12px;color:#222}pre{background:#f6f6f6;padding:8px;overflow-x:auto}
svg{max-width:100%;height:auto}.scroll{overflow-x:auto}
.warn{background:#fff3cd;border:1px solid #e0c060;padding:8px;margin:6px 0}.verdict{padding:10px;border-radius:4px}
.verdict.win{background:#e8f5e9;border:1px solid #7cb67f}.verdict.lose{background:#fdecea;border:1px solid #e39a93}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px}td.n{text-align:right;font-family:monospace}tr.best{font-weight:bold}</style>
</head><body>
<h1>${esc(title)}</h1>
<div class="verdict ${summary.lstmWins ? 'win' : 'lose'}"><strong>${esc(summary.verdict)}</strong><br>${summary.advice.map(esc).join('; ')}. Skill against persistence (1 - RMSE ratio): ${num(r.skill)}.</div>
${summary.warnings.map((w) => `<p class="warn">Warning: ${esc(w)}</p>`).join('\n')}
<h2>The next ${H} value${H > 1 ? 's' : ''}</h2>
<p>${esc(summary.futureNote)}.</p>
<div class="scroll"><table><tr><th>time</th><th>forecast</th>${iv ? iv.levels.map((l) => `<th>${Math.round(l * 100)}% interval</th>`).join('') : ''}</tr>${future}</table></div>
${coverage}
${history}
<h2>What was done to the data</h2>
<ul>${summary.decisions.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>
<h2>Walk-forward errors on the test part</h2>
${metricsHtml(r)}
${diagnosisHtml(r.history, summary.diagnosis)}
${resid}
<h2>Configuration</h2>
<p>Every option used; pass them back (e.g. as a best.json-style config) to reproduce this run.</p>
<div class="scroll"><table><tr><th>option</th><th>value</th><th>meaning</th></tr>${configRows}</table></div>
</body></html>
`;
}
