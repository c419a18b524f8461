// Heatmaps as SVG strings (e.g. gate activations: one row per unit, one column per step) with a
// colour legend: a gradient bar with d3 ticks. Colours come from d3-scale (linear colour ranges,
// interpolated by d3-interpolate): white to teal for [0, 1], blue-white-red around 0 for signed data.

import { scaleLinear } from 'd3-scale';
import { ConfigError } from '../errors.js';
import { finiteExtent, makeAxis } from './scales.js';
import { attrs, checkSize, esc, FONT_SIZE, MUTED, px, svgDocument, TITLE_SIZE, textWidth } from './svg.js';

export interface HeatmapOptions {
  /** values[row][column]. */
  values: readonly (readonly number[])[];
  title?: string;
  rowLabels?: readonly string[];
  columnLabels?: readonly string[];
  /** 'unit': fixed 0..1 (gates); 'signed': symmetric around 0; 'sequential': the data's range. */
  scale: 'unit' | 'signed' | 'sequential';
  /** Width available in px: cells shrink (to 8 px) or grow (to 36 px) to fill it. Default 640. */
  width?: number;
  /** Outline one row (e.g. the unit that holds a memory). */
  highlightRow?: number;
  /** Legend caption, e.g. 'activation'. */
  legendLabel?: string;
}

const TEAL = '#127a86',
  BLUE = '#2f6db5',
  RED = '#d24a2b';

function colorScale(o: HeatmapOptions, lo: number, hi: number) {
  if (o.scale === 'unit') return scaleLinear<string>().domain([0, 1]).range(['#ffffff', TEAL]).clamp(true);
  if (o.scale === 'signed') {
    const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    return scaleLinear<string>().domain([-m, 0, m]).range([BLUE, '#ffffff', RED]).clamp(true);
  }
  return scaleLinear<string>()
    .domain([lo, hi > lo ? hi : lo + 1])
    .range(['#ffffff', TEAL]);
}

/** Dark text on light cells, white on dark ones (relative luminance of an rgb() colour). */
function textOn(rgb: string): string {
  const m = /rgb\((\d+), (\d+), (\d+)\)/.exec(rgb);
  if (!m) return '#1d2430';
  const [r, g, b] = [m[1], m[2], m[3]].map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 140 ? '#ffffff' : '#1d2430';
}

/**
 * A heatmap with row and column labels and a colour legend.
 * @example heatmapChart({ values: [[0.1, 0.9], [0.5, 0.2]], scale: 'unit', title: 'forget gate' })
 */
export function heatmapChart(o: HeatmapOptions): string {
  const R = o.values.length,
    C = o.values[0]?.length ?? 0;
  if (R === 0 || C === 0) throw new ConfigError('values must have at least one row and one column', 'heatmapChart');
  o.values.forEach((row, r) => {
    if (row.length !== C)
      throw new ConfigError(
        `row ${r} has ${row.length} values but row 0 has ${C}; give a rectangular array`,
        'heatmapChart',
      );
  });
  const [lo, hi] = finiteExtent(o.values) ?? [0, 0];
  const color = colorScale(o, lo, hi);
  const rowName = (r: number) => o.rowLabels?.[r] ?? String(r);
  const colName = (c: number) => o.columnLabels?.[c] ?? String(c);
  const available = o.width ?? 640;
  checkSize('heatmapChart', available, 100);
  const firstCol = textWidth(colName(0)),
    lastCol = textWidth(colName(C - 1));
  let widestRow = 0;
  for (let r = 0; r < R; r++) widestRow = Math.max(widestRow, textWidth(rowName(r)));
  // Cells fill the width; the first and last column labels must fit within the picture.
  const left = Math.ceil(Math.max(widestRow + 8, firstCol / 2 + 2));
  const cw = Math.max(8, Math.min(36, (available - left - 4 - lastCol / 2) / C));
  const ch = Math.max(6, Math.min(20, cw, 240 / R));
  const top = o.title ? 28 : 8;
  const gridW = C * cw,
    gridH = R * ch;
  const W = Math.max(
    left + gridW + Math.max(4, lastCol / 2 - cw / 2 + 2),
    o.title ? textWidth(o.title, TITLE_SIZE) + 16 : 0,
    200,
  );
  const legendTop = top + gridH + 26;
  const H = legendTop + 34;
  const body: string[] = [];
  const numbers = cw >= 28 && ch >= 15;
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const v = o.values[r][c];
      const fill = Number.isFinite(v) ? color(v) : '#eeeeee';
      body.push(
        `<rect class="cell"${attrs({ x: left + c * cw, y: top + r * ch, width: cw - 1, height: ch - 1, fill })}><title>${esc(`${rowName(r)}, ${colName(c)}: ${Number.isFinite(v) ? v.toFixed(3) : 'missing'}`)}</title></rect>`,
      );
      if (numbers && Number.isFinite(v))
        body.push(
          `<text${attrs({ x: left + c * cw + cw / 2 - 0.5, y: top + r * ch + ch / 2 + 3.5, 'text-anchor': 'middle', fill: textOn(fill) })}>${v.toFixed(1).replace('-0.0', '0.0')}</text>`,
        );
    }
  }
  const rowEvery = Math.max(1, Math.ceil((FONT_SIZE + 1) / ch));
  for (let r = 0; r < R; r += rowEvery)
    body.push(
      `<text class="row${r === o.highlightRow ? ' hl' : ''}"${attrs({ x: left - 5, y: top + r * ch + ch / 2 + 3.5, 'text-anchor': 'end', fill: r === o.highlightRow ? RED : MUTED, 'font-weight': r === o.highlightRow ? 700 : undefined })}>${esc(rowName(r))}</text>`,
    );
  let widestCol = 0;
  for (let c = 0; c < C; c++) widestCol = Math.max(widestCol, textWidth(colName(c)));
  const colEvery = Math.max(1, Math.ceil((widestCol + 6) / cw));
  for (let c = 0; c < C; c += colEvery)
    body.push(
      `<text class="col"${attrs({ x: left + c * cw + cw / 2, y: top + gridH + 13, 'text-anchor': 'middle', fill: MUTED })}>${esc(colName(c))}</text>`,
    );
  if (o.highlightRow !== undefined && o.highlightRow >= 0 && o.highlightRow < R)
    body.push(
      `<rect class="hl-box"${attrs({ x: left - 1.5, y: top + o.highlightRow * ch - 1.5, width: gridW + 2, height: ch + 2, fill: 'none', stroke: RED, 'stroke-width': 2 })}/>`,
    );
  // Colour legend: a gradient bar under the grid with round tick values.
  const lw = Math.max(60, Math.min(220, W - left - 8 - (o.legendLabel ? textWidth(o.legendLabel) + 8 : 0))),
    dom = color.domain();
  const axis = makeAxis('linear', [dom[0], dom[dom.length - 1]], {
    range: [left, left + lw],
    count: Math.max(2, Math.floor(lw / 55)),
  });
  const stops = Array.from({ length: 11 }, (_, k) => {
    const v = dom[0] + ((dom[dom.length - 1] - dom[0]) * k) / 10;
    return `<stop offset="${k * 10}%" stop-color="${color(v)}"/>`;
  });
  body.push(
    `<g class="lk-color-legend"><linearGradient id="{id}-grad">${stops.join('')}</linearGradient>` +
      `<rect${attrs({ x: left, y: legendTop, width: lw, height: 9, fill: 'url(#{id}-grad)', stroke: '#c9ced6', 'stroke-width': 0.5 })}/>` +
      axis.ticks
        .map((t) => {
          const x = axis.map(t.value),
            half = textWidth(t.label) / 2;
          const anchor = x - half < 2 ? 'start' : x + half > W - 2 ? 'end' : 'middle';
          const ax = anchor === 'start' ? Math.max(2, x - half) : anchor === 'end' ? Math.min(W - 2, x + half) : x;
          return `<text${attrs({ x: ax, y: legendTop + 22, 'text-anchor': anchor, fill: MUTED })}>${esc(t.label)}</text>`;
        })
        .join('') +
      (o.legendLabel
        ? `<text${attrs({ x: left + lw + 6, y: legendTop + 8, fill: MUTED })}>${esc(o.legendLabel)}</text>`
        : '') +
      '</g>',
  );
  return svgDocument(
    { width: px(W), height: H, className: 'lk-heatmap', ...(o.title ? { title: o.title, showTitle: true } : {}) },
    body,
  );
}
