// Line charts as SVG strings: several series (lines, shaded bands such as 80/95% fans, points,
// stems), vertical markers (train/test split, forecast start), a legend, clipping to the plot area,
// linear/log/time axes, and per-pixel downsampling so a 500,000-point series draws as a small file.

import { area, line } from 'd3-shape';
import { drawBand, drawIndices } from './downsample.js';
import { cartesianFrame, frameDocument, type LegendItem, yAxis } from './frame.js';
import { finiteExtent, fitXAxis, type ScaleKind } from './scales.js';
import { attrs, checkSize, esc, MUTED, PALETTE, px, textWidth } from './svg.js';
import { ConfigError } from '../errors.js';

/** One drawable series. */
export interface ChartSeries {
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Default: the palette colour for its position. */
  color?: string;
  /** 'line' (default), 'band' (y = lower, y2 = upper), 'points' or 'stems' (from 0). */
  kind?: 'line' | 'band' | 'points' | 'stems';
  /** Upper bound of a band. */
  y2?: ArrayLike<number>;
  dashed?: boolean;
  /** Band fill opacity (default 0.25) or line opacity. */
  opacity?: number;
  /** Line width in px (default 1.8). */
  strokeWidth?: number;
}

/** A vertical line across the plot with a label at its top, e.g. the start of the test part. */
export interface ChartMarker {
  x: number;
  label: string;
  color?: string;
}

export interface ChartOptions {
  title?: string;
  /** Width and height in px; text is 11 px at this width (default 640 × 300). */
  width?: number;
  height?: number;
  xLabel?: string;
  yLabel?: string;
  /** x values as numbers (default), UTC milliseconds ('time': calendar ticks) or log scale. */
  xScale?: ScaleKind;
  yScale?: 'linear' | 'log';
  /** Tick label formatters (default d3's). */
  formatX?: (x: number) => string;
  formatY?: (y: number) => string;
  /** Fixed y range; data outside it is clipped. */
  yDomain?: [number, number];
  /** Stretch the y range to include 0. */
  includeZero?: boolean;
  markers?: ChartMarker[];
  /** Draw the legend inside the SVG (default true; off when an HTML legend replaces it). */
  legend?: boolean;
}

const DEFAULT_WIDTH = 640,
  DEFAULT_HEIGHT = 300;

/** The colour a series is drawn in. */
export function seriesColor(s: { color?: string }, i: number): string {
  return s.color ?? PALETTE[i % PALETTE.length];
}

/** Legend entries for the series that have a label. */
export function legendItems(series: readonly ChartSeries[]): LegendItem[] {
  return series.flatMap((s, i) => {
    if (!s.label) return [];
    const kind = s.kind ?? 'line';
    const sw = kind === 'band' ? 'band' : kind === 'points' ? 'point' : s.dashed ? 'dashed' : 'line';
    return [
      { label: s.label, color: seriesColor(s, i), swatch: sw, series: i, ...(s.opacity ? { opacity: s.opacity } : {}) },
    ];
  });
}

function checkSeries(series: readonly ChartSeries[]): void {
  series.forEach((s, i) => {
    const where = `lineChart: series ${i} ('${s.label}')`;
    if (!s || s.x?.length === undefined || s.y?.length === undefined)
      throw new ConfigError('each series needs x and y arrays of numbers', where);
    if (s.x.length !== s.y.length)
      throw new ConfigError(`x has ${s.x.length} values but y has ${s.y.length}; give one y per x`, where);
    if ((s.kind ?? 'line') === 'band' && s.y2?.length !== s.x.length)
      throw new ConfigError(
        `a band needs y2 (the upper bound) with one value per x, got ${s.y2?.length ?? 'none'}`,
        where,
      );
  });
}

/**
 * A line chart as a standalone SVG string.
 * @example lineChart([{ label: 'y', x: [0, 1, 2], y: [1, 3, 2] }], { title: 'demo' }).startsWith('<svg') //=> true
 */
export function lineChart(series: readonly ChartSeries[], options: ChartOptions = {}): string {
  checkSeries(series);
  const W = options.width ?? DEFAULT_WIDTH,
    H = options.height ?? DEFAULT_HEIGHT;
  checkSize('lineChart', W, H);
  const xKind = options.xScale ?? 'linear',
    yKind = options.yScale ?? 'linear';
  const xExt = finiteExtent([...series.map((s) => s.x), options.markers?.map((m) => m.x)], xKind === 'log') ?? [0, 1];
  let yExt = options.yDomain ??
    finiteExtent(
      series.flatMap((s) => [s.y, s.y2]),
      yKind === 'log',
    ) ?? [0, 1];
  if (!options.yDomain) {
    if (options.includeZero || series.some((s) => s.kind === 'stems'))
      yExt = [Math.min(0, yExt[0]), Math.max(0, yExt[1])];
    if (yKind === 'linear') {
      const pad = (yExt[1] - yExt[0]) * 0.04;
      yExt = [yExt[0] - (yExt[0] === 0 ? 0 : pad), yExt[1] + (yExt[1] === 0 ? 0 : pad)];
    }
  }
  const layout = {
    width: W,
    height: H,
    title: options.title,
    xLabel: options.xLabel,
    yLabel: options.yLabel,
    legend: options.legend === false ? null : legendItems(series),
  };
  const frame = cartesianFrame(
    layout,
    yAxis(yKind, yExt, { nice: !options.yDomain, format: options.formatY }),
    (range) => fitXAxis(xKind, xExt, range, options.formatX),
  );
  const { x: X, y: Y, plot } = frame;
  const ok = (v: number) => Number.isFinite(v) && (yKind !== 'log' || v > 0);
  const body: string[] = [];
  series.forEach((s, i) => {
    const color = seriesColor(s, i),
      kind = s.kind ?? 'line';
    const yv = s.y,
      parts: string[] = [];
    if (kind === 'band' && s.y2) {
      const y2 = s.y2;
      const lo = yKind === 'log' ? Float64Array.from(yv, (v) => (v > 0 ? v : Number.NaN)) : yv;
      const hi = yKind === 'log' ? Float64Array.from(y2, (v) => (v > 0 ? v : Number.NaN)) : y2;
      for (const b of drawBand(s.x, lo, hi, X.map)) {
        const d = area<number>()
          .x((k) => X.map(b.x[k]))
          .y0((k) => Y.map(b.lo[k]))
          .y1((k) => Y.map(b.hi[k]))
          .digits(1)(b.x.map((_, k) => k));
        if (d) parts.push(`<path${attrs({ d, fill: color, 'fill-opacity': s.opacity ?? 0.25, class: 'band' })}/>`);
      }
    } else {
      const yy = yKind === 'log' ? Float64Array.from(yv, (v) => (v > 0 ? v : Number.NaN)) : yv;
      const runs = drawIndices(s.x, yy, X.map);
      if (kind === 'points') {
        for (const run of runs)
          for (const k of run)
            parts.push(`<circle${attrs({ cx: X.map(s.x[k]), cy: Y.map(yv[k]), r: 2.5, fill: color })}/>`);
      } else if (kind === 'stems') {
        const y0 = px(Y.map(Math.max(Y.domain[0], Math.min(Y.domain[1], 0))));
        const d: string[] = [];
        for (const run of runs)
          for (const k of run) if (ok(yv[k])) d.push(`M${px(X.map(s.x[k]))},${y0}V${px(Y.map(yv[k]))}`);
        if (d.length)
          parts.push(
            `<path${attrs({ d: d.join(''), stroke: color, 'stroke-width': s.strokeWidth ?? 2, fill: 'none' })}/>`,
          );
      } else {
        const gen = line<number>()
          .x((k) => X.map(s.x[k]))
          .y((k) => Y.map(yv[k]))
          .digits(1);
        const d = runs.map((r) => gen(r) ?? '').join('');
        if (d)
          parts.push(
            `<path${attrs({ d, fill: 'none', stroke: color, 'stroke-width': s.strokeWidth ?? 1.8, 'stroke-linejoin': 'round', 'stroke-dasharray': s.dashed ? '5 3' : undefined, 'stroke-opacity': s.opacity, class: 'line' })}/>`,
          );
      }
    }
    body.push(`<g class="lk-series lk-s${i}" data-label="${esc(s.label)}">${parts.join('')}</g>`);
  });
  const placed: [number, number, number][] = []; // label extents [from, to, row]
  for (const m of options.markers ?? []) {
    const mx = px(X.map(m.x));
    if (!(mx >= plot.left - 0.5 && mx <= plot.right + 0.5)) continue;
    const c = m.color ?? MUTED;
    const w = textWidth(m.label);
    const right = mx + 4 + w > plot.right;
    const from = right ? mx - 4 - w : mx + 4;
    let row = 0;
    while (placed.some(([a, b, r]) => r === row && from < b + 6 && from + w > a - 6)) row++;
    placed.push([from, from + w, row]);
    body.push(
      `<g class="lk-marker"><line${attrs({ x1: mx, x2: mx, y1: plot.top, y2: plot.bottom, stroke: c, 'stroke-dasharray': '3 3' })}/>` +
        `<text${attrs({ x: right ? mx - 4 : mx + 4, y: plot.top + 11 + 13 * row, 'text-anchor': right ? 'end' : 'start', fill: c })}>${esc(m.label)}</text></g>`,
    );
  }
  return frameDocument('lk-line-chart', layout, frame, body);
}
