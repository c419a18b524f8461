// The report's HTML building blocks: the page (inline CSS, no script, no network, readable at 390 px
// and printable), the verdict box coloured by the verdict, tables of numbers, the table of every
// option used, and lists. Plain strings in, escaped HTML out; the sentences come from the presenter.

import { CHART_CSS } from '../charts/html.js';
import { esc } from '../charts/svg.js';
import {
  CONFIG_DOCS,
  configFromResolved,
  DEFAULTS,
  type ForecastConfig,
  type ResolvedForecastConfig,
} from './config.js';
import { formatNumber } from './summary-text.js';

/**
 * Styles of the report's blocks (verdict box, warnings, tables, scroll boxes, the options' JSON), all
 * under lk- classes: put them on a page that shows blocks without being a report (the playground).
 */
export const REPORT_BLOCK_CSS = `.lk-sub,.lk-note{color:#5e6877;font-size:13px}
.lk-verdict{padding:10px 12px;border-radius:6px;margin:12px 0;border:1px solid}
.lk-verdict.win{background:#e7f4e8;border-color:#6fae73}.lk-verdict.lose{background:#fdeceb;border-color:#de8a82}
.lk-verdict p{margin:.3em 0 0}
.lk-warn{background:#fff4d1;border:1px solid #e0c060;padding:6px 10px;border-radius:4px;margin:6px 0}
.lk-scroll{overflow-x:auto;max-width:100%}
table.lk-table{border-collapse:collapse;font-size:13px;margin:6px 0}
.lk-table th,.lk-table td{border-bottom:1px solid #e6e9ee;padding:3px 7px;text-align:left;vertical-align:top}
.lk-table td:first-child{white-space:nowrap}.lk-table th{font-weight:600;background:#f6f7f9}.lk-table td.n,.lk-table th.n{text-align:right;font-variant-numeric:tabular-nums}
.lk-table tr.best td{font-weight:700}.lk-table .lk-default{display:block;color:#5e6877;font-size:12px}
pre.lk-config{background:#f6f7f9;padding:8px;font-size:12px;white-space:pre-wrap;overflow-wrap:anywhere}`;

/** Styles of report pages (CHART_CSS, the page, REPORT_BLOCK_CSS, print); put once on a page. */
export const REPORT_CSS = `${CHART_CSS}
body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2430;max-width:760px;margin:0 auto;padding:12px 12px 48px}
h1{font-size:1.45em;line-height:1.25;margin:.4em 0}h2{font-size:1.2em;margin:1.6em 0 .5em;padding-bottom:3px;border-bottom:1px solid #e6e9ee}h3{font-size:1em;margin:1.2em 0 .3em}
p,li{overflow-wrap:anywhere}
${REPORT_BLOCK_CSS}
@media print{body{max-width:none;font-size:11pt;padding:0}h2{break-after:avoid}.lk-scroll{overflow:visible}.lk-verdict,.lk-warn{-webkit-print-color-adjust:exact;print-color-adjust:exact}.lk-toggles input{display:none}}`;

/**
 * A whole report page: title, optional subtitle, the body blocks; self-contained (no script, no link).
 * @example reportPage({ title: 'Sales', body: [verdictBox({ verdict: 'Use the LSTM.', advice: [], wins: true })] })
 */
export function reportPage(page: { title: string; subtitle?: string; body: readonly string[] }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(page.title)}</title><style>${REPORT_CSS}</style></head><body>
<h1>${esc(page.title)}</h1>
${page.subtitle ? `<p class="lk-sub">${esc(page.subtitle)}</p>\n` : ''}${page.body.join('\n')}
</body></html>
`;
}

/**
 * A section: a heading (h2, or h3 inside a many-series page) and its blocks.
 * @example reportSection('future', 'The next 12 values', [table])
 */
export function reportSection(id: string, title: string, blocks: readonly string[], level: 2 | 3 = 2): string {
  return `<section id="${esc(id)}"><h${level}>${esc(title)}</h${level}>\n${blocks.join('\n')}\n</section>`;
}

/**
 * The verdict in a box coloured by it: green when the model the report is about wins, red when another
 * model beats it. `advice` and `warnings` are the presenter's sentences.
 * @example verdictBox({ verdict: 'Use seasonal naive (m=12): ...', advice: ['forecast with seasonal naive'], wins: false })
 */
export function verdictBox(v: {
  verdict: string;
  advice: readonly string[];
  wins: boolean;
  warnings?: readonly string[];
}): string {
  const advice = v.advice.length ? `<p>Advice: ${v.advice.map(esc).join('; ')}.</p>` : '';
  const warnings = (v.warnings ?? []).map((w) => `<p class="lk-warn">Warning: ${esc(w)}.</p>`).join('');
  return `<div class="lk-verdict ${v.wins ? 'win' : 'lose'}" data-verdict="${v.wins ? 'win' : 'lose'}"><strong>${esc(v.verdict)}</strong>${advice}</div>${warnings}`;
}

/** Options of htmlTable(). */
export interface TableOptions {
  /** Columns holding numbers (right-aligned; numbers written by formatNumber). Default: none. */
  numeric?: readonly boolean[];
  /** A class for row i (e.g. 'best'). */
  rowClass?: (i: number) => string | undefined;
  /** Wrap in a horizontally scrolling box (wide tables on phones). Default true. */
  scroll?: boolean;
  /** Extra attributes of the table element, e.g. a data-* attribute for tests and scripts. */
  attributes?: Readonly<Record<string, string>>;
}

/**
 * A table: strings are escaped, numbers written by formatNumber; HTML cells may be passed as { html }.
 * @example htmlTable(['model', 'RMSE'], [['LSTM', 21.7]], { numeric: [false, true] })
 */
export function htmlTable(
  head: readonly string[],
  rows: readonly (readonly (string | number | { html: string })[])[],
  options: TableOptions = {},
): string {
  const n = (c: number) => (options.numeric?.[c] ? ' class="n"' : '');
  const cell = (v: string | number | { html: string }) =>
    typeof v === 'number' ? formatNumber(v) : typeof v === 'string' ? esc(v) : v.html;
  const attrs = Object.entries(options.attributes ?? {})
    .map(([k, v]) => ` ${k}="${esc(v)}"`)
    .join('');
  const body = rows
    .map((r, i) => {
      const cls = options.rowClass?.(i);
      return `<tr${cls ? ` class="${esc(cls)}"` : ''}>${r.map((v, c) => `<td${n(c)}>${cell(v)}</td>`).join('')}</tr>`;
    })
    .join('');
  const table = `<table class="lk-table"${attrs}><thead><tr>${head.map((h, c) => `<th${n(c)}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
  return options.scroll === false ? table : `<div class="lk-scroll">${table}</div>`;
}

const shown = (v: unknown) => JSON.stringify(v);

/**
 * Every option of a resolved configuration with its meaning (values that differ from DEFAULTS name
 * the default), and the same options as JSON: pass them back (`forecast(series, options)`, or a
 * config file) and the run is reproduced.
 * @example configTable(result.config)
 */
export function configTable(config: ResolvedForecastConfig): string {
  const explicit = configFromResolved(config);
  const keys = Object.keys(DEFAULTS) as (keyof ForecastConfig)[];
  const rows = keys.map((k) => {
    const v = shown(explicit[k]),
      d = shown(DEFAULTS[k]);
    return [
      k,
      { html: `${esc(v)}${v === d ? '' : `<span class="lk-default">default ${esc(d)}</span>`}` },
      CONFIG_DOCS[k],
    ];
  });
  return `${htmlTable(['option', 'value', 'meaning'], rows, { scroll: false, attributes: { 'data-config': '' } })}
<p>As JSON (forecast(series, options), or a config file: <code>lstmkit forecast data.csv --target y --config config.json</code>):</p>
<pre class="lk-config">${esc(`{ ${keys.map((k) => `"${k}": ${shown(explicit[k])}`).join(', ')} }`)}</pre>`;
}

/**
 * A bulleted list of sentences.
 * @example bulletList(['season 12: from the monthly dates'])
 */
export function bulletList(items: readonly string[]): string {
  return `<ul>${items.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>`;
}
