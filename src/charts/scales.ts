// Axes from d3-scale: linear, log (nice powers of ten) and UTC time (calendar-aligned ticks from
// d3-time, labels from d3-time-format's multi-scale format). Extents are plain loops, so series of
// any length work (no spreading into Math.min).

import { ticks } from 'd3-array';
import { scaleLinear, scaleLog, scaleUtc } from 'd3-scale';
import { textWidth } from './svg.js';

/** How an axis maps values: linear, logarithmic (positive values only) or UTC time (milliseconds). */
export type ScaleKind = 'linear' | 'log' | 'time';

/** An axis fitted to a pixel range, with its labelled ticks. */
export interface Axis {
  kind: ScaleKind;
  domain: [number, number];
  /** Data value to pixel. */
  map(v: number): number;
  ticks: { value: number; label: string }[];
}

/**
 * About `count` round values covering [lo, hi] (d3-array's ticks: 1, 2 or 5 times a power of ten).
 * @example niceTicks(0, 100, 5) //=> [0, 20, 40, 60, 80, 100]
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  return ticks(lo, hi, count);
}

/**
 * Smallest and largest finite value over several arrays (positive values only for log axes), or null.
 * @example finiteExtent([[3, NaN, 1], [7]]) //=> [1, 7]
 */
export function finiteExtent(
  arrays: Iterable<ArrayLike<number> | undefined>,
  positiveOnly = false,
): [number, number] | null {
  let lo = Number.POSITIVE_INFINITY,
    hi = Number.NEGATIVE_INFINITY;
  for (const a of arrays) {
    if (!a) continue;
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (!Number.isFinite(v) || (positiveOnly && v <= 0)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Widens an empty or one-point domain so scales stay finite. */
function spread([lo, hi]: [number, number], kind: ScaleKind): [number, number] {
  if (hi > lo) return [lo, hi];
  if (kind === 'log') return [lo / 2, hi * 2];
  if (kind === 'time') return [lo - 43_200_000, hi + 43_200_000];
  const d = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
  return [lo - d, hi + d];
}

export interface AxisOptions {
  /** Pixel range [start, end] (y axes: [bottom, top]). */
  range: [number, number];
  /** Wanted number of ticks (d3 picks round values near it). */
  count: number;
  /** Round the domain out to tick values (y axes). */
  nice?: boolean;
  /** Label formatter; default d3's (numbers with the precision of the step, multi-scale dates). */
  format?: (v: number) => string;
}

/**
 * An axis over `domain` drawn on `options.range`.
 * @example makeAxis('linear', [0, 10], { range: [0, 100], count: 5 }).ticks.map((t) => t.label) //=> ['0', '2', '4', '6', '8', '10']
 */
export function makeAxis(kind: ScaleKind, domain: [number, number], options: AxisOptions): Axis {
  const d = spread(domain, kind);
  const { range, count, format } = options;
  if (kind === 'time') {
    const s = scaleUtc().domain(d).range(range);
    if (options.nice) s.nice(count);
    const f = s.tickFormat();
    const dom = s.domain().map(Number) as [number, number];
    return {
      kind,
      domain: dom,
      map: (v) => s(v),
      ticks: s.ticks(count).map((t) => ({ value: +t, label: format ? format(+t) : f(t) })),
    };
  }
  if (kind === 'log') {
    const s = scaleLog().domain(d).range(range);
    if (options.nice) s.nice();
    const f = s.tickFormat(count, '~g');
    const dom = s.domain() as [number, number];
    const all = s.ticks(count);
    return {
      kind,
      domain: dom,
      map: (v) => s(v),
      ticks: all.map((t) => ({ value: t, label: format ? format(t) : f(t) })).filter((t) => t.label !== ''),
    };
  }
  const s = scaleLinear().domain(d).range(range);
  if (options.nice) s.nice(count);
  const f = s.tickFormat(count);
  const dom = s.domain() as [number, number];
  return {
    kind,
    domain: dom,
    map: (v) => s(v),
    ticks: s.ticks(count).map((t) => ({ value: t, label: format ? format(t) : f(t) })),
  };
}

/**
 * The x axis with as many ticks as fit: fewer until every label has room (labels centred on ticks).
 * @example fitXAxis('linear', [0, 100], [0, 300]).ticks.length <= 6 //=> true
 */
export function fitXAxis(
  kind: ScaleKind,
  domain: [number, number],
  range: [number, number],
  format?: (v: number) => string,
): Axis {
  const width = Math.abs(range[1] - range[0]);
  for (let count = Math.max(2, Math.floor(width / 70)); ; count--) {
    const axis = makeAxis(kind, domain, { range, count, ...(format ? { format } : {}) });
    const widest = axis.ticks.reduce((m, t) => Math.max(m, textWidth(t.label)), 0);
    if (count <= 2 || axis.ticks.length <= 1 || width / axis.ticks.length >= widest + 10) return axis;
  }
}
