// The forecast report: one self-contained HTML page (inline CSS and SVG, no scripts, no network)
// with the metrics table, warnings, the verdict, and charts of history with test forecasts and
// conformal intervals, the learning curves, and the residuals. Also the plain-text table.

import { diagnose, diagnosisHtml } from '../tune/diagnose.js';
import type { ForecastResult, ModelResult } from './forecast.js';
import { type ChartSeries, lineChart } from './svg.js';
import { maxOf, minOf } from '../array-stats.js';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function num(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  return Math.abs(v) >= 1000 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(3) : v.toFixed(4);
}

function cell(m: ModelResult, h: number, k: 'mae' | 'rmse' | 'mape' | 'smape' | 'mase', repeats: number): string {
  const s = h < 0 ? m.overall : m.perHorizon[h];
  return m.kind !== 'baseline' && repeats > 1 ? `${num(s.mean[k])} ± ${num(s.std[k])}` : num(s.mean[k]);
}

/**
 * The metrics table as fixed-width text: one block per horizon step (plus "all" when H > 1).
 * @example console.log(metricsTable(await forecast(series, { test: 24 })));
 */
export function metricsTable(r: ForecastResult): string {
  const keys = ['mae', 'rmse', 'mape', 'smape', 'mase'] as const;
  const rows: string[][] = [['horizon', 'model', 'MAE', 'RMSE', 'MAPE %', 'sMAPE %', 'MASE']];
  const hs = r.horizon > 1 ? [...Array.from({ length: r.horizon }, (_, h) => h), -1] : [0];
  for (const h of hs)
    for (const m of r.models)
      rows.push([h < 0 ? 'all' : `t+${h + 1}`, m.name, ...keys.map((k) => cell(m, h, k, r.repeats))]);
  const widths = rows[0].map((_, c) => maxOf(rows.map((row) => row[c].length)));
  return rows
    .map((row) => row.map((v, c) => (c < 2 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  '))
    .join('\n');
}

const DAY = 86400000;

/**
 * Time stamp (UTC ms) of the h-th value (0-based) after a dated series: calendar months for
 * monthly data, otherwise the last gap repeated.
 * @example new Date(futureTime([Date.UTC(1960, 10, 1), Date.UTC(1960, 11, 1)], 0)).toISOString().slice(0, 7) //=> '1961-01'
 */
export function futureTime(dates: readonly number[], h: number): number {
  const n = dates.length,
    step = n > 1 ? dates[n - 1] - dates[n - 2] : DAY;
  if (step >= 28 * DAY && step <= 31 * DAY) {
    const d = new Date(dates[n - 1]);
    d.setUTCMonth(d.getUTCMonth() + h + 1);
    return d.getTime();
  }
  return dates[n - 1] + (h + 1) * step;
}

/**
 * A time stamp as text at the resolution of the series' step: 'YYYY-MM', 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM'.
 * @example formatTime(Date.UTC(1961, 0, 1), 31 * 86400000) //=> '1961-01'
 */
export function formatTime(t: number, step: number): string {
  const iso = new Date(t).toISOString();
  return step >= 28 * DAY ? iso.slice(0, 7) : step % DAY === 0 ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}

function metricsHtml(r: ForecastResult): string {
  const keys = ['mae', 'rmse', 'mape', 'smape', 'mase'] as const;
  const hs = r.horizon > 1 ? [...Array.from({ length: r.horizon }, (_, h) => h), -1] : [0];
  const best = (h: number) => minOf(r.models.map((m) => (h < 0 ? m.overall : m.perHorizon[h]).mean.rmse));
  const rows = hs.flatMap((h) =>
    r.models.map((m) => {
      const isBest = (h < 0 ? m.overall : m.perHorizon[h]).mean.rmse === best(h);
      return `<tr${isBest ? ' style="font-weight:bold"' : ''}><td>${h < 0 ? 'all' : `t+${h + 1}`}</td><td>${esc(m.name)}</td>${keys.map((k) => `<td class="n">${cell(m, h, k, r.repeats)}</td>`).join('')}</tr>`;
    }),
  );
  return `<table><tr><th>horizon</th><th>model</th><th>MAE</th><th>RMSE</th><th>MAPE %</th><th>sMAPE %</th><th>MASE</th></tr>${rows.join('')}</table>
<p>Bold: the lowest RMSE at that horizon. MASE below 1 beats the seasonal naive forecast on the training part.</p>`;
}

export interface ReportOptions {
  title?: string;
  /** Time stamps (ms) of the series, for date axes; default: the step index. */
  dates?: readonly number[];
  /** Name of the target column (the y axis label). */
  target?: string;
}

/**
 * The full HTML report of a forecast() result for the series it was run on.
 * @example writeFileSync('report.html', forecastReport(series, result, { title: 'Airline passengers' }));
 */
export function forecastReport(series: readonly number[], r: ForecastResult, options: ReportOptions = {}): string {
  const n = series.length,
    dates = options.dates;
  const useDates = !!dates && dates.length === n && dates.every(Number.isFinite);
  const step = useDates && n > 1 ? dates[n - 1] - dates[n - 2] : 1;
  const tx = (i: number) => (useDates ? (i < n ? dates[i] : futureTime(dates, i - n)) : i);
  const formatX = useDates ? (v: number) => formatTime(v, step) : undefined;
  const lstm = r.models[0];
  const h1 = r.origins.map((o) => tx(o));
  const p1 = lstm.predictions.map((p) => p[0]);
  const colors = ['#6baed6', '#c6dbef'];
  const bands: ChartSeries[] = r.intervals.levels
    .map((level, li) => ({ level, li }))
    .sort((a, b) => b.level - a.level)
    .map(({ level, li }) => ({
      label: `${Math.round(level * 100)}% interval`,
      x: [...h1, ...r.future.values.map((_, h) => tx(n + h))],
      y: [...p1.map((v) => v - r.intervals.widths[li][0]), ...r.future.lower[li]],
      y2: [...p1.map((v) => v + r.intervals.widths[li][0]), ...r.future.upper[li]],
      color: colors[li === 0 ? 0 : 1] ?? '#ddd',
      kind: 'band' as const,
    }));
  const history = lineChart(
    [
      ...bands,
      { label: 'actual', x: series.map((_, i) => tx(i)), y: series, color: '#222' },
      { label: `${lstm.name} (t+1, test)`, x: h1, y: p1, color: '#d62728' },
      {
        label: `forecast next ${r.horizon}`,
        x: [tx(n - 1), ...r.future.values.map((_, h) => tx(n + h))],
        y: [series[n - 1], ...r.future.values],
        color: '#2ca02c',
        dashed: true,
      },
    ],
    {
      title: 'History, walk-forward test forecasts and intervals',
      ...(formatX ? { formatX } : {}),
      ...(options.target ? { yLabel: options.target } : {}),
    },
  );
  const loss = r.history.history['loss'] ?? [],
    val = r.history.history['val_loss'];
  const curves = lineChart(
    [
      { label: 'train loss', x: loss.map((_, i) => i + 1), y: loss, color: '#1f77b4' },
      ...(val ? [{ label: 'validation loss', x: val.map((_, i) => i + 1), y: val, color: '#ff7f0e' }] : []),
    ],
    { title: 'Learning curves (LSTM, scaled MSE)', xLabel: 'epoch', height: 260 },
  );
  const resid = lineChart(
    [{ label: 'residual (actual - LSTM, t+1)', x: h1, y: r.residuals[0], color: '#9467bd', kind: 'stems' }],
    {
      title: 'Walk-forward residuals',
      height: 240,
      ...(formatX ? { formatX } : {}),
    },
  );
  const future = r.future.values
    .map(
      (v, h) =>
        `<tr><td>${formatX ? formatX(tx(n + h)) : n + h}</td><td>${num(v)}</td>${r.intervals.levels.map((_, li) => `<td>${num(r.future.lower[li][h])} .. ${num(r.future.upper[li][h])}</td>`).join('')}</tr>`,
    )
    .join('');
  const title = options.title ?? 'lstmkit forecast';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:sans-serif;max-width:900px;margin:24px auto;color:#222}pre{background:#f6f6f6;padding:8px;overflow-x:auto}
.warn{background:#fff3cd;border:1px solid #e0c060;padding:8px;margin:6px 0}.ok{background:#e8f5e9;padding:8px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px}td.n{text-align:right;font-family:monospace}</style>
</head><body>
<h1>${esc(title)}</h1>
<p>${n} values; training part ${r.trainEnd}, test part ${n - r.trainEnd} (${r.origins.length} walk-forward forecasts of ${r.horizon} step${r.horizon > 1 ? 's' : ''});
lookback ${r.lookback}; season ${r.season}; ${r.difference ? 'first-differenced, ' : ''}scaled on the training part only; ${r.repeats} repeat${r.repeats > 1 ? 's (mean ± std)' : ''}.
Every number is in original units.</p>
<h2>Verdict</h2>
<p class="ok">${esc(r.verdict)} Skill against persistence (1 - RMSE ratio): ${num(r.skill)}.</p>
${r.warnings.map((w) => `<p class="warn">Warning: ${esc(w)}</p>`).join('\n')}
<h2>Walk-forward errors</h2>
${metricsHtml(r)}
<h2>Training diagnosis (first LSTM repeat)</h2>
${diagnosisHtml(r.history, diagnose(r.history))}
<h2>Charts</h2>
${history}
${curves}
${resid}
<h2>Forecast of the next ${r.horizon} value${r.horizon > 1 ? 's' : ''}</h2>
<p>Conformal intervals from the walk-forward test residuals of each horizon step.</p>
<table><tr><th>time</th><th>forecast</th>${r.intervals.levels.map((l) => `<th>${Math.round(l * 100)}% interval</th>`).join('')}</tr>${future}</table>
</body></html>
`;
}
