// HTML around the SVG charts, for pages without scripts: checkboxes that show and hide series (CSS
// :has()), and a responsive pair (a narrow and a wide rendering, the one that fits its container is
// shown) so text keeps its size on a phone and in print.

import { swatch } from './frame.js';
import { type ChartOptions, type ChartSeries, legendItems, lineChart } from './line-chart.js';
import { contentId, esc } from './svg.js';

/** Styles for responsive and toggleable charts; include once per page (e.g. in a <style> element). */
export const CHART_CSS = `.lk-responsive{container-type:inline-size}
.lk-responsive>.lk-narrow{display:none}
@container (max-width: 560px){.lk-responsive>.lk-wide{display:none}.lk-responsive>.lk-narrow{display:block}}
.lk-figure{margin:0 0 12px}
.lk-caption{margin:0 0 4px 8px;font:600 13px system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2430}
.lk-toggles{display:flex;flex-wrap:wrap;gap:2px 14px;margin:0 0 2px 8px;font:12px system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2430}
.lk-toggles label{display:inline-flex;align-items:center;gap:4px;cursor:pointer;min-height:24px}
svg.lk-chart{max-width:100%;height:auto;display:block}
@media print{.lk-responsive>.lk-narrow{display:none!important}.lk-responsive>.lk-wide{display:block!important}.lk-figure,svg.lk-chart{break-inside:avoid}}`;

/** Widths in px of the two renderings of a responsive chart. */
export interface ResponsiveWidths {
  /** For phones (default 340: a 390 px screen minus page margins). */
  narrow?: number;
  /** For wider screens and print (default 720: an A4 page's text width). */
  wide?: number;
}

/**
 * Renders a chart at a narrow and a wide width; with CHART_CSS on the page, the narrow one shows in
 * containers under 560 px and the wide one elsewhere and in print, so labels stay 11 px or larger.
 * @example responsiveChart((width) => lineChart(series, { width })) // put CHART_CSS on the page once
 */
export function responsiveChart(render: (width: number) => string, widths: ResponsiveWidths = {}): string {
  return `<div class="lk-responsive"><div class="lk-narrow">${render(widths.narrow ?? 340)}</div><div class="lk-wide">${render(widths.wide ?? 720)}</div></div>`;
}

/** A line chart whose legend is a row of checkboxes; `hidden` names series that start unticked. */
export interface ToggleOptions extends ChartOptions {
  hidden?: readonly string[];
}

/**
 * A line chart with checkboxes as its legend: unticking one hides that series. No script: the rule
 * is CSS :has(), so it works in a self-contained report and in print (hidden series stay hidden).
 * @example toggleableLineChart([actual, naive], { hidden: ['seasonal naive'] }).includes('type="checkbox"') //=> true
 */
export function toggleableLineChart(series: readonly ChartSeries[], options: ToggleOptions = {}): string {
  const { hidden = [], title, ...chartOptions } = options;
  const svg = lineChart(series, { ...chartOptions, legend: false });
  const id = contentId(`toggle|${title ?? ''}|${svg}`);
  const items = legendItems(series);
  const rules = items
    .map((it) => `#${id}:has(#${id}-${it.series}:not(:checked)) .lk-s${it.series}{display:none}`)
    .join('');
  const boxes = items
    .map(
      (it) =>
        `<label><input type="checkbox" id="${id}-${it.series}"${hidden.includes(it.label) ? '' : ' checked'}>` +
        `<svg width="16" height="12" viewBox="0 0 16 12" aria-hidden="true">${swatch(it, 1, 10)}</svg>${esc(it.label)}</label>`,
    )
    .join('');
  const caption = title ? `<figcaption class="lk-caption">${esc(title)}</figcaption>` : '';
  return `<figure class="lk-figure" id="${id}"><style>${rules}</style>${caption}<div class="lk-toggles">${boxes}</div>${svg}</figure>`;
}
