// The cartesian frame every x/y chart shares: title, legend (wrapped into rows), plot area sized
// from the tick labels, grid lines, axis labels and a clipPath for the data. Charts hand it their
// axes as functions of the pixel range, so the margins follow the labels actually drawn.

import { type Axis, makeAxis, type ScaleKind } from './scales.js';
import { attrs, esc, FONT_SIZE, GRID, MUTED, px, svgDocument, textWidth } from './svg.js';

/** One legend entry; `swatch` says how the series is drawn. */
export interface LegendItem {
  label: string;
  color: string;
  swatch: 'line' | 'dashed' | 'band' | 'point' | 'bar';
  opacity?: number;
  /** Index of the series group (class lk-s<i>) it names. */
  series: number;
}

export interface FrameOptions {
  width: number;
  height: number;
  title?: string | undefined;
  xLabel?: string | undefined;
  yLabel?: string | undefined;
  /** null: no legend (e.g. when an HTML legend with toggles replaces it). */
  legend: LegendItem[] | null;
}

export interface Plot {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface Frame {
  plot: Plot;
  x: Axis;
  y: Axis;
  /** Elements drawn under the data (grid) and over it (axes, labels, legend, title). */
  under: string[];
  over: string[];
  /** clip-path attribute value for data elements. */
  clip: string;
}

const ROW = 17;

/** SVG for a legend swatch at (x, y) (y is the text baseline). */
export function swatch(item: LegendItem, x: number, y: number): string {
  const c = item.color,
    m = y - 4;
  switch (item.swatch) {
    case 'band':
      return `<rect${attrs({ x, y: m - 5, width: 14, height: 10, fill: c, 'fill-opacity': item.opacity ?? 0.3 })}/>`;
    case 'point':
      return `<circle${attrs({ cx: x + 7, cy: m, r: 3.5, fill: c })}/>`;
    case 'bar':
      return `<rect${attrs({ x: x + 2, y: m - 5, width: 10, height: 10, fill: c })}/>`;
    default:
      return `<line${attrs({ x1: x, x2: x + 14, y1: m, y2: m, stroke: c, 'stroke-width': 2.5, 'stroke-dasharray': item.swatch === 'dashed' ? '4 2' : undefined })}/>`;
  }
}

/** Lays legend items out in rows within [x0, x0 + maxWidth]; returns the SVG and the rows' height. */
export function legendRows(
  items: LegendItem[],
  x0: number,
  y0: number,
  maxWidth: number,
): { svg: string; height: number } {
  if (!items.length) return { svg: '', height: 0 };
  let x = x0,
    y = y0 + FONT_SIZE;
  const parts: string[] = [];
  for (const it of items) {
    const w = 18 + textWidth(it.label) + 14;
    if (x > x0 && x + w - 14 > x0 + maxWidth) {
      x = x0;
      y += ROW;
    }
    parts.push(
      `<g class="lk-legend lk-s${it.series}">${swatch(it, x, y)}<text${attrs({ x: x + 18, y })}>${esc(it.label)}</text></g>`,
    );
    x += w;
  }
  return { svg: parts.join(''), height: y - y0 + 6 };
}

/**
 * Lays out a chart: title, legend, then the plot area with room for the tick labels of the axes that
 * `makeY(range)` and `makeX(range)` return.
 */
export function cartesianFrame(
  o: FrameOptions,
  makeY: (range: [number, number]) => Axis,
  makeX: (range: [number, number]) => Axis,
): Frame {
  const over: string[] = [],
    under: string[] = [];
  let top = 8;
  if (o.title) top = 26;
  if (o.legend?.length) {
    const lg = legendRows(o.legend, 8, top - 4, o.width - 16);
    over.push(lg.svg);
    top += lg.height + 2;
  }
  top += 6;
  const bottom = o.height - (o.xLabel ? 36 : 22);
  const y = makeY([bottom, top]);
  const yLabelWidth = y.ticks.reduce((m, t) => Math.max(m, textWidth(t.label)), 0);
  const left = Math.ceil(yLabelWidth + 10 + (o.yLabel ? 18 : 0));
  const x0 = makeX([left, o.width - 12]);
  // Room for half of the last label past the plot's right edge.
  const lastLabel = x0.ticks.at(-1);
  const overhang = lastLabel ? x0.map(lastLabel.value) + textWidth(lastLabel.label) / 2 - (o.width - 4) : 0;
  const right = o.width - 12 - Math.max(0, overhang);
  const x = overhang > 0 ? makeX([left, right]) : x0;
  const plot = { left, right, top, bottom };
  for (const t of y.ticks) {
    const ty = px(y.map(t.value));
    under.push(`<line${attrs({ x1: left, x2: right, y1: ty, y2: ty, stroke: GRID })}/>`);
    over.push(`<text${attrs({ x: left - 6, y: ty + 4, 'text-anchor': 'end', fill: MUTED })}>${esc(t.label)}</text>`);
  }
  for (const t of x.ticks) {
    const tx = px(x.map(t.value));
    over.push(`<line${attrs({ x1: tx, x2: tx, y1: bottom, y2: bottom + 4, stroke: '#aab1bb' })}/>`);
    over.push(`<text${attrs({ x: tx, y: bottom + 16, 'text-anchor': 'middle', fill: MUTED })}>${esc(t.label)}</text>`);
  }
  over.push(`<line${attrs({ x1: left, x2: right, y1: bottom, y2: bottom, stroke: '#aab1bb' })}/>`);
  if (o.xLabel)
    over.push(
      `<text${attrs({ x: (left + right) / 2, y: o.height - 6, 'text-anchor': 'middle' })}>${esc(o.xLabel)}</text>`,
    );
  if (o.yLabel)
    over.push(
      `<text transform="translate(${FONT_SIZE + 2} ${px((top + bottom) / 2)}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}</text>`,
    );
  under.unshift(
    `<clipPath id="{id}-clip"><rect${attrs({ x: left, y: top - 1, width: right - left, height: bottom - top + 2 })}/></clipPath>`,
  );
  return { plot, x, y, under, over, clip: 'url(#{id}-clip)' };
}

/** A y axis maker for cartesianFrame: about one tick per 45 px, rounded out to ticks unless fixed. */
export function yAxis(
  kind: ScaleKind,
  domain: [number, number],
  options: { nice?: boolean; format?: ((y: number) => string) | undefined } = {},
): (range: [number, number]) => Axis {
  return (range) =>
    makeAxis(kind, domain, {
      range,
      count: Math.max(2, Math.round(Math.abs(range[0] - range[1]) / 45)),
      nice: options.nice ?? true,
      ...(options.format ? { format: options.format } : {}),
    });
}

/** The standalone SVG of a framed chart: grid under the clipped data, axes and legend over it. */
export function frameDocument(className: string, o: FrameOptions, frame: Frame, data: string[]): string {
  return svgDocument(
    { width: o.width, height: o.height, className, ...(o.title ? { title: o.title, showTitle: true } : {}) },
    [...frame.under, `<g clip-path="${frame.clip}">${data.join('')}</g>`, ...frame.over],
  );
}
