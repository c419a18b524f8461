// Grouped bar charts as SVG strings (e.g. error by horizon step for each model): categories on a
// d3 band scale, one bar per series inside each category, bars from zero.

import { scaleBand } from 'd3-scale';
import { ConfigError } from '../errors.js';
import { cartesianFrame, frameDocument, type LegendItem, yAxis } from './frame.js';
import { type Axis, finiteExtent } from './scales.js';
import { attrs, checkSize, esc, PALETTE, textWidth } from './svg.js';

export interface BarSeries {
  label: string;
  /** One value per category. */
  values: ArrayLike<number>;
  color?: string;
}

export interface BarChartOptions {
  title?: string;
  width?: number;
  height?: number;
  xLabel?: string;
  yLabel?: string;
  formatY?: (y: number) => string;
  legend?: boolean;
}

/**
 * A grouped bar chart: for each category (x), one bar per series.
 * @example barChart(['t+1', 't+2'], [{ label: 'LSTM', values: [10, 14] }, { label: 'naive', values: [12, 18] }], { yLabel: 'RMSE' })
 */
export function barChart(
  categories: readonly string[],
  series: readonly BarSeries[],
  options: BarChartOptions = {},
): string {
  series.forEach((s, i) => {
    if (s.values?.length !== categories.length)
      throw new ConfigError(
        `series ${i} ('${s.label}') has ${s.values?.length ?? 'no'} values for ${categories.length} categories; give one value per category`,
        'barChart',
      );
  });
  const W = options.width ?? 640,
    H = options.height ?? 280;
  checkSize('barChart', W, H);
  const ext = finiteExtent(series.map((s) => s.values)) ?? [0, 1];
  const yExt: [number, number] = [Math.min(0, ext[0]), Math.max(0, ext[1])];
  const color = (s: BarSeries, i: number) => s.color ?? PALETTE[i % PALETTE.length];
  const legend: LegendItem[] = series.map((s, i) => ({ label: s.label, color: color(s, i), swatch: 'bar', series: i }));
  const band = scaleBand<number>()
    .domain(categories.map((_, i) => i))
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const layout = {
    width: W,
    height: H,
    title: options.title,
    xLabel: options.xLabel,
    yLabel: options.yLabel,
    legend: options.legend === false || series.length < 2 ? null : legend,
  };
  const frame = cartesianFrame(layout, yAxis('linear', yExt, { format: options.formatY }), (range): Axis => {
    band.range(range);
    const widest = categories.reduce((m, c) => Math.max(m, textWidth(c)), 0);
    const every = Math.max(1, Math.ceil((widest + 8) / band.step()));
    return {
      kind: 'linear',
      domain: [0, categories.length - 1],
      map: (i) => (band(Math.round(i)) ?? 0) + band.bandwidth() / 2,
      ticks: categories.flatMap((label, i) => (i % every === 0 ? [{ value: i, label }] : [])),
    };
  });
  const inner = scaleBand<number>()
    .domain(series.map((_, i) => i))
    .range([0, band.bandwidth()])
    .paddingInner(0.08);
  const y0 = frame.y.map(0);
  const body = series.map((s, si) => {
    const rects: string[] = [];
    for (let c = 0; c < categories.length; c++) {
      const v = s.values[c];
      if (!Number.isFinite(v)) continue;
      const yv = frame.y.map(v);
      rects.push(
        `<rect${attrs({ x: (band(c) ?? 0) + (inner(si) ?? 0), y: Math.min(y0, yv), width: inner.bandwidth(), height: Math.abs(yv - y0), fill: color(s, si) })}><title>${esc(`${s.label}, ${categories[c]}: ${v}`)}</title></rect>`,
      );
    }
    return `<g class="lk-series lk-s${si}" data-label="${esc(s.label)}">${rects.join('')}</g>`;
  });
  return frameDocument('lk-bar-chart', layout, frame, body);
}
