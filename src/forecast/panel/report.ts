// The report of a panel run: one self-contained HTML page (inline CSS, SVG and a few lines of script
// for paging, no network) with the summary table, the errors by step, the series that were skipped,
// and one page per shown series (the worst first, then the best) that the reader pages through.
// A minimal version of its own, kept in this file so that the report blocks can replace it later.

import { type ChartSeries, lineChart } from '../../charts/line-chart.js';
import { esc } from '../../charts/svg.js';
import type { FutureSummary } from './forecast-panel.js';
import type { PanelSetup } from './options.js';
import type { SeriesPage } from './pages.js';
import { isFailure } from './records.js';
import type { PanelSummary } from './summary.js';

/** What the report shows. */
export interface PanelReportInput {
  setup: PanelSetup;
  summary: PanelSummary;
  future: FutureSummary;
  pages: readonly SeriesPage[];
  title?: string;
}

const TEST_COLOR = '#c0392b',
  FUTURE_COLOR = '#3b6fb6';
const num = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');
const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : 'n/a');

function summaryTable(s: PanelSummary): string {
  const rows = s.models.map(
    (m) =>
      `<tr${m.name === s.chosen ? ' class="chosen"' : ''}><td class="n">${m.rank || '-'}</td><td>${esc(m.name)}</td><td class="n">${num(m.smape)}</td><td class="n">${num(m.mase)}</td><td class="n">${num(m.owa)}</td><td class="n">${num(m.meanRank, 2)}</td><td class="n">${m.wins}</td><td class="n">${m.failed}</td></tr>`,
  );
  return `<table><tr><th>rank</th><th>model</th><th>sMAPE</th><th>MASE</th><th>OWA</th><th>mean rank</th><th>wins</th><th>failed</th></tr>${rows.join('')}</table>`;
}

function pageHtml(p: SeriesPage, i: number, input: PanelReportInput): string {
  const { summary, setup } = input;
  const H = setup.horizon;
  const r = p.result;
  const chosen = r.models?.[summary.chosen];
  const ref = r.models?.[summary.reference];
  const nh = p.history.length;
  const xs = (from: number, n: number) => p.x.slice(from, from + n);
  const series: ChartSeries[] = [
    { label: 'history', x: xs(0, nh), y: p.history, color: '#1d2430' },
    { label: 'test part', x: xs(nh, H), y: p.actual, color: '#1d2430', dashed: true },
  ];
  const scale = r.scale ?? 0;
  const iv = summary.intervals;
  if (!isFailure(chosen)) {
    const f = p.actual.map((y, h) => y - chosen.errors[h]);
    const w = iv.testWidths[0] ?? [];
    series.push({
      label: `${summary.chosen} ${Math.round(100 * iv.levels[0])}% (test)`,
      kind: 'band',
      x: xs(nh, H),
      y: f.map((v, h) => v - (w[h] ?? 0) * scale),
      y2: f.map((v, h) => v + (w[h] ?? 0) * scale),
      opacity: 0.2,
      color: TEST_COLOR,
    });
    series.push({ label: `${summary.chosen} (test)`, x: xs(nh, H), y: f, color: TEST_COLOR });
  }
  if (!isFailure(ref) && summary.reference !== summary.chosen)
    series.push({
      label: `${summary.reference} (test)`,
      x: xs(nh, H),
      y: p.actual.map((y, h) => y - ref.errors[h]),
      dashed: true,
      color: '#8a94a3',
    });
  if (p.future.length) {
    const widest = iv.futureWidths.map((w, l) => ({ w, l })).sort((a, b) => iv.levels[b.l] - iv.levels[a.l]);
    widest.forEach(({ w, l }, k) => {
      series.push({
        label: `${Math.round(100 * iv.levels[l])}% interval`,
        kind: 'band',
        x: xs(nh + H, H),
        y: p.future.map((v, h) => v - w[h] * scale),
        y2: p.future.map((v, h) => v + w[h] * scale),
        opacity: 0.15 + 0.1 * k,
        color: FUTURE_COLOR,
      });
    });
    series.push({ label: `${summary.chosen} (future)`, x: xs(nh + H, H), y: p.future, color: FUTURE_COLOR });
  }
  const chart = lineChart(series, {
    width: 760,
    height: 300,
    xScale: p.dated ? 'time' : 'linear',
    markers: [{ x: p.x[nh], label: 'test' }, ...(p.future.length ? [{ x: p.x[nh + H], label: 'future' }] : [])],
  });
  const models = Object.entries(r.models ?? {})
    .map(([name, s]) =>
      isFailure(s)
        ? `<tr><td>${esc(name)}</td><td colspan="2">${esc(s?.error ?? '')}</td></tr>`
        : `<tr${name === summary.chosen ? ' class="chosen"' : ''}><td>${esc(name)}</td><td class="n">${num(s.smape)}</td><td class="n">${num(s.mase)}</td></tr>`,
    )
    .join('');
  const rank = p.group === 'worst' ? summary.pages.worst.indexOf(p.id) + 1 : summary.pages.best.indexOf(p.id) + 1;
  return `<section class="page" data-page="${i}"${i ? ' hidden' : ''}><h3>${p.group} ${rank}: ${esc(p.id)}</h3>
<p>${r.length} values${r.note ? `; ${esc(r.note)}` : ''}; MASE scale ${num(scale)}.</p>${chart}
<table><tr><th>model</th><th>sMAPE</th><th>MASE</th></tr>${models}</table></section>`;
}

/**
 * The HTML report of a panel run (or of merged shards).
 * @example writeFileSync('report.html', panelReport({ setup: r.setup, summary: r.summary, future: r.future, pages: r.pages }));
 */
export function panelReport(input: PanelReportInput): string {
  const { setup, summary: s, future, pages } = input;
  const title = input.title ?? 'lstmkit panel forecast';
  const iv = s.intervals;
  const stepChart = lineChart(
    s.models
      .filter((m) => Number.isFinite(m.mase))
      .map((m) => ({ label: m.name, x: m.maseByStep.map((_, h) => h + 1), y: m.maseByStep })),
    { width: 760, height: 260, xLabel: 'step', yLabel: 'mean |error| / scale' },
  );
  const problems = [
    ...s.skippedExamples.map((p) => `<li><b>${esc(p.id)}</b> skipped: ${esc(p.error)}</li>`),
    ...s.partialExamples.map((p) => `<li><b>${esc(p.id)}</b> left out of the means: ${esc(p.error)}</li>`),
    ...future.failures.map((p) => `<li><b>${esc(p.id)}</b> has no future: ${esc(p.error)}</li>`),
  ];
  const options = pages
    .map(
      (p, i) =>
        `<option value="${i}">${p.group} ${i + 1 - (p.group === 'best' ? s.pages.worst.length : 0)}: ${esc(p.id)}</option>`,
    )
    .join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title><style>
body{font:14px/1.45 system-ui,sans-serif;color:#1d2430;max-width:820px;margin:2em auto;padding:0 1em}
table{border-collapse:collapse;margin:.6em 0}td,th{padding:2px 8px;border-bottom:1px solid #e6e9ee;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}tr.chosen{background:#eef4fb;font-weight:600}
nav{display:flex;gap:.5em;align-items:center;margin:.5em 0}svg{max-width:100%;height:auto}
</style></head><body><h1>${esc(title)}</h1>
<p>${s.series} series: ${s.scored} scored by every model, ${s.skipped} skipped, ${s.partial} forecast by some models only.
Horizon ${setup.horizon}, season m = ${setup.season}${setup.frequency ? `, ${esc(setup.frequency)} dates` : ''}. The last ${setup.horizon} values of each series are its test part (one origin, as M4).</p>
<p>The future is forecast by <b>${esc(s.chosen)}</b>: ${esc(s.chosenWhy)}; ${future.series} series forecast${future.failed ? `, ${future.failed} failed` : ''}.
Interval coverage on the test parts: ${iv.levels.map((l, i) => `${Math.round(100 * l)}% nominal → ${pct(iv.coverage[i])}`).join(', ')} (calibrated on the ${setup.horizon} values before each test part, over ${iv.series} series).</p>
<h2>Models</h2>${summaryTable(s)}
<p>OWA = ½ (sMAPE / sMAPE of ${esc(s.reference)} + MASE / MASE of ${esc(s.reference)}); means over the ${s.scored} scored series.</p>
<h2>Errors by step</h2>${stepChart}
${problems.length ? `<h2>Series with problems (first ${problems.length}; all are in results.json)</h2><ul>${problems.join('')}</ul>` : ''}
<h2>Series</h2>${pages.length ? `<nav><button id="prev">◀</button><select id="pick">${options}</select><button id="next">▶</button></nav>${pages.map((p, i) => pageHtml(p, i, input)).join('\n')}` : '<p>No series to show.</p>'}
<script>(()=>{const ps=[...document.querySelectorAll('.page')],pick=document.getElementById('pick');if(!pick)return;let i=0;
const show=k=>{i=(k+ps.length)%ps.length;ps.forEach((p,j)=>p.hidden=j!==i);pick.value=String(i)};
document.getElementById('prev').onclick=()=>show(i-1);document.getElementById('next').onclick=()=>show(i+1);pick.onchange=()=>show(Number(pick.value));
document.addEventListener('keydown',e=>{if(e.key==='ArrowLeft')show(i-1);if(e.key==='ArrowRight')show(i+1)})})();</script>
</body></html>
`;
}
