// Histograms as SVG strings (e.g. of forecast residuals): bins from d3-array's bin() on nice
// thresholds, optionally with the normal density of the same mean and standard deviation.

import { bin } from 'd3-array';
import { line } from 'd3-shape';
import { ConfigError } from '../errors.js';
import { cartesianFrame, frameDocument, yAxis } from './frame.js';
import { fitXAxis } from './scales.js';
import { attrs, checkSize, INK, PALETTE } from './svg.js';

export interface HistogramOptions {
  title?: string;
  width?: number;
  height?: number;
  xLabel?: string;
  /** Wanted number of bins (d3 rounds the thresholds); default Sturges' rule. */
  bins?: number;
  color?: string;
  /** Overlay the normal density with the sample's mean and standard deviation, scaled to counts. */
  normal?: boolean;
}

/**
 * A histogram of the finite values.
 * @example histogramChart([0.1, -0.3, 0.2, 0.05], { title: 'residuals', normal: true }).includes('<rect') //=> true
 */
export function histogramChart(values: ArrayLike<number>, options: HistogramOptions = {}): string {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  if (finite.length === 0) throw new ConfigError('needs at least one finite value', 'histogramChart');
  const W = options.width ?? 640,
    H = options.height ?? 260;
  checkSize('histogramChart', W, H);
  const gen = bin();
  if (options.bins) gen.thresholds(options.bins);
  const bins = gen(finite);
  const lo = bins[0].x0 ?? 0,
    hi = bins[bins.length - 1].x1 ?? 1;
  let maxCount = 0;
  for (const b of bins) maxCount = Math.max(maxCount, b.length);
  let mean = 0,
    sq = 0;
  for (const v of finite) mean += v;
  mean /= finite.length;
  for (const v of finite) sq += (v - mean) ** 2;
  const sd = Math.sqrt(sq / Math.max(1, finite.length - 1));
  const width = bins[0].x1! - bins[0].x0! || 1;
  const density = (v: number) =>
    (finite.length * width * Math.exp(-0.5 * ((v - mean) / sd) ** 2)) / (sd * Math.sqrt(2 * Math.PI));
  const showNormal = options.normal && sd > 0;
  const yMax = showNormal ? Math.max(maxCount, density(mean)) : maxCount;
  const color = options.color ?? PALETTE[0];
  const layout = {
    width: W,
    height: H,
    title: options.title,
    xLabel: options.xLabel,
    yLabel: 'count',
    legend: showNormal
      ? [
          { label: `${finite.length} values`, color, swatch: 'bar' as const, series: 0 },
          { label: 'normal, same mean and sd', color: INK, swatch: 'dashed' as const, series: 1 },
        ]
      : null,
  };
  const frame = cartesianFrame(layout, yAxis('linear', [0, yMax]), (range) => fitXAxis('linear', [lo, hi], range));
  const { x: X, y: Y } = frame;
  const rects = bins.map(
    (b) =>
      `<rect${attrs({ x: X.map(b.x0!) + 0.5, y: Y.map(b.length), width: Math.max(0.5, X.map(b.x1!) - X.map(b.x0!) - 1), height: Y.map(0) - Y.map(b.length), fill: color })}><title>${b.x0} to ${b.x1}: ${b.length}</title></rect>`,
  );
  const body = [`<g class="lk-series lk-s0">${rects.join('')}</g>`];
  if (showNormal) {
    const xs = Array.from({ length: 81 }, (_, i) => lo + ((hi - lo) * i) / 80);
    const d = line<number>()
      .x((v) => X.map(v))
      .y((v) => Y.map(density(v)))
      .digits(1)(xs);
    body.push(
      `<g class="lk-series lk-s1"><path${attrs({ d: d ?? '', fill: 'none', stroke: INK, 'stroke-width': 1.5, 'stroke-dasharray': '4 2' })}/></g>`,
    );
  }
  return frameDocument('lk-histogram', layout, frame, body);
}
