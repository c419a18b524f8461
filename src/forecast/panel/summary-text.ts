// The sentences and the text table of a panel run (the CLI prints them; computation stays in summary.ts).

import type { FutureSummary } from './forecast-panel.js';
import type { PanelSetup } from './options.js';
import type { PanelSummary } from './summary.js';

const num = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');

/**
 * The models as an aligned text table, best first.
 * @example console.log(panelSummaryTable(r.summary))
 */
export function panelSummaryTable(s: PanelSummary): string {
  const rows = [
    ['rank', 'model', 'sMAPE', 'MASE', 'OWA', 'mean rank', 'wins', 'failed'],
    ...s.models.map((m) => [
      m.rank ? String(m.rank) : '-',
      m.name === s.chosen ? `${m.name} *` : m.name,
      num(m.smape),
      num(m.mase),
      num(m.owa),
      num(m.meanRank, 2),
      String(m.wins),
      String(m.failed),
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) => r.map((v, c) => (c === 1 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  '))
    .join('\n');
}

/**
 * The lines around the table: what was decided, what was skipped, which model forecasts the future and how its intervals covered the test parts.
 * @example panelSummaryLines(r).forEach((l) => console.log(l))
 */
export function panelSummaryLines(r: { setup: PanelSetup; summary: PanelSummary; future: FutureSummary }): string[] {
  const { setup, summary: s, future } = r;
  const iv = s.intervals;
  const lines = [
    ...setup.decisions.map((d) => `data: ${d.option} ${d.value}: ${d.why}`),
    `series: ${s.series}${setup.shard ? ` (shard ${setup.shard.index}/${setup.shard.count})` : ''}; scored by every model: ${s.scored}; skipped: ${s.skipped}; forecast by some models only: ${s.partial}`,
    ...s.skippedExamples.slice(0, 5).map((p) => `skipped: ${p.id}: ${p.error}`),
    ...(s.skipped > 5 ? [`skipped: ... and ${s.skipped - 5} more (see results.json)`] : []),
    ...s.partialExamples.slice(0, 5).map((p) => `partial: ${p.id}: ${p.error}`),
    '',
    panelSummaryTable(s),
    '',
    `future: ${s.chosen} (* above), ${s.chosenWhy}; ${future.series} series forecast, ${setup.horizon} steps each${future.failed ? `; failed on ${future.failed}` : ''}`,
    ...future.failures.slice(0, 5).map((p) => `no future: ${p.id}: ${p.error}`),
    `interval coverage on the test parts: ${iv.levels.map((l, i) => `${Math.round(100 * l)}% nominal -> ${num(100 * iv.coverage[i], 1)}%`).join(', ')}`,
  ];
  return lines;
}
