// Small SVG charts for the playground: line charts (with an optional interval band) and heatmaps.
// No dependencies; each function replaces the contents of a container element.

const NS = 'http://www.w3.org/2000/svg';

function el<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  parent?: Element,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

function text(
  parent: Element,
  x: number,
  y: number,
  s: string,
  attrs: Record<string, string | number> = {},
): SVGTextElement {
  const t = el('text', { x, y, ...attrs }, parent);
  t.textContent = s;
  return t;
}

export interface Series {
  name: string;
  color: string;
  x: number[];
  y: number[];
  dashed?: boolean;
  dots?: boolean;
}

export interface LineChartOptions {
  series: Series[];
  band?: { x: number[]; lo: number[]; hi: number[]; color: string; name: string };
  xLabel?: (x: number) => string;
  yLabel?: string;
  logY?: boolean;
  /** Vertical marker, e.g. the start of the test part. */
  marker?: { x: number; label: string };
  width?: number;
  height?: number;
}

function niceTicks(lo: number, hi: number, n: number): number[] {
  const span = hi - lo || 1;
  const step0 = span / n,
    mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= step0) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * span; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

const fmt = (v: number) =>
  Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(1) : String(Number(v.toPrecision(3)));

/** Draws a line chart into `host` (an element); returns the SVG. */
export function lineChart(host: HTMLElement, o: LineChartOptions): SVGSVGElement {
  const W = o.width ?? 640,
    H = o.height ?? 260,
    m = { l: 56, r: 14, t: 26, b: 34 };
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img' });
  host.replaceChildren(svg);
  const ty = (v: number) => (o.logY ? Math.log10(Math.max(v, 1e-12)) : v);
  const xs = o.series.flatMap((s) => s.x).concat(o.band?.x ?? []);
  const ys = o.series
    .flatMap((s) => s.y.map(ty))
    .concat(o.band ? [...o.band.lo, ...o.band.hi].map(ty) : [])
    .filter(Number.isFinite);
  if (xs.length === 0 || ys.length === 0) return svg;
  let x0 = Math.min(...xs),
    x1 = Math.max(...xs),
    y0 = Math.min(...ys),
    y1 = Math.max(...ys);
  if (x1 === x0) x1 = x0 + 1;
  const pad = (y1 - y0) * 0.06 || 0.5;
  y0 -= pad;
  y1 += pad;
  const px = (x: number) => m.l + ((x - x0) / (x1 - x0)) * (W - m.l - m.r);
  const py = (y: number) => H - m.b - ((ty(y) - y0) / (y1 - y0)) * (H - m.t - m.b);
  const pyRaw = (v: number) => H - m.b - ((v - y0) / (y1 - y0)) * (H - m.t - m.b);
  const axes = el('g', { class: 'axes' }, svg);
  for (const v of niceTicks(y0, y1, 5)) {
    el('line', { x1: m.l, x2: W - m.r, y1: pyRaw(v), y2: pyRaw(v), class: 'grid' }, axes);
    text(axes, m.l - 6, pyRaw(v) + 4, o.logY ? fmt(10 ** v) : fmt(v), { 'text-anchor': 'end' });
  }
  for (const v of niceTicks(x0, x1, 6)) {
    if (!Number.isInteger(v)) continue;
    text(axes, px(v), H - m.b + 16, o.xLabel ? o.xLabel(v) : String(v), { 'text-anchor': 'middle' });
  }
  el('line', { x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b, class: 'axis' }, axes);
  if (o.yLabel) text(axes, 12, m.t - 10, o.yLabel, { class: 'label' });
  if (o.marker) {
    el('line', { x1: px(o.marker.x), x2: px(o.marker.x), y1: m.t, y2: H - m.b, class: 'marker' }, svg);
    text(svg, px(o.marker.x) + 4, m.t + 10, o.marker.label, { class: 'label' });
  }
  if (o.band) {
    const b = o.band;
    const pts = b.x
      .map((x, i) => `${px(x)},${py(b.hi[i])}`)
      .concat(b.x.map((x, i) => `${px(x)},${py(b.lo[i])}`).reverse());
    el('polygon', { points: pts.join(' '), fill: b.color, 'fill-opacity': 0.22, stroke: 'none' }, svg);
  }
  for (const s of o.series) {
    const d = s.x.map((x, i) => `${i ? 'L' : 'M'}${px(x).toFixed(1)},${py(s.y[i]).toFixed(1)}`).join('');
    el(
      'path',
      {
        d,
        fill: 'none',
        stroke: s.color,
        'stroke-width': 2,
        ...(s.dashed ? { 'stroke-dasharray': '5 4' } : {}),
        class: 'line',
      },
      svg,
    );
    if (s.dots)
      for (let i = 0; i < s.x.length; i++) el('circle', { cx: px(s.x[i]), cy: py(s.y[i]), r: 2.2, fill: s.color }, svg);
  }
  // Legend, top right.
  const items = [
    ...o.series.map((s) => ({ name: s.name, color: s.color, box: false })),
    ...(o.band ? [{ name: o.band.name, color: o.band.color, box: true }] : []),
  ];
  let lx = W - m.r;
  for (const it of items.reverse()) {
    const t = text(svg, lx, 14, it.name, { 'text-anchor': 'end', class: 'legend' });
    lx -= it.name.length * 6.2 + 6;
    if (it.box) el('rect', { x: lx - 14, y: 6, width: 14, height: 10, fill: it.color, 'fill-opacity': 0.3 }, svg);
    else el('line', { x1: lx - 16, x2: lx - 2, y1: 10, y2: 10, stroke: it.color, 'stroke-width': 2.5 }, svg);
    lx -= 26;
    void t;
  }
  return svg;
}

export interface HeatmapOptions {
  title: string;
  /** values[t][j]: step t (column), unit j (row). */
  values: number[][];
  colLabels: string[];
  rowLabel?: (j: number) => string;
  /** 'unit': 0..1 (gates); 'signed': symmetric around 0 (cell state, inputs). */
  scale: 'unit' | 'signed';
  highlightRow?: number;
}

function colorFor(v: number, scale: 'unit' | 'signed', max: number): string {
  if (scale === 'unit') {
    const a = Math.min(1, Math.max(0, v));
    // white -> deep teal
    const r = Math.round(255 - a * 225),
      g = Math.round(255 - a * 135),
      b = Math.round(255 - a * 105);
    return `rgb(${r},${g},${b})`;
  }
  const a = Math.min(1, Math.abs(v) / (max || 1));
  return v >= 0
    ? `rgb(255,${Math.round(255 - a * 170)},${Math.round(255 - a * 190)})`
    : `rgb(${Math.round(255 - a * 200)},${Math.round(255 - a * 120)},255)`;
}

/** Draws a units × steps heatmap with the value in each cell when there is room. */
export function heatmap(host: HTMLElement, o: HeatmapOptions): SVGSVGElement {
  const T = o.values.length,
    U = o.values[0]?.length ?? 0;
  const cw = Math.max(12, Math.min(32, Math.floor(340 / Math.max(1, T)))),
    ch = Math.max(7, Math.min(18, Math.floor(220 / Math.max(1, U))));
  const rowName = (j: number) => (o.rowLabel ? o.rowLabel(j) : `u${j}`);
  const left = 8 + 6.5 * Math.max(2, ...Array.from({ length: U }, (_, j) => rowName(j).length)),
    top = 22,
    bottom = 22;
  const W = Math.max(left + T * cw + 8, 7 * o.title.length),
    Hh = top + U * ch + bottom;
  const svg = el('svg', { viewBox: `0 0 ${W} ${Hh}`, width: W, height: Hh, class: 'heatmap', role: 'img' });
  host.replaceChildren(svg);
  text(svg, 0, 14, o.title, { class: 'title' });
  const max = Math.max(1e-9, ...o.values.flat().map(Math.abs));
  const showNumbers = cw >= 26 && ch >= 14;
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < U; j++) {
      const v = o.values[t][j];
      const r = el(
        'rect',
        { x: left + t * cw, y: top + j * ch, width: cw - 1, height: ch - 1, fill: colorFor(v, o.scale, max) },
        svg,
      );
      el('title', {}, r).textContent =
        `${o.rowLabel ? o.rowLabel(j) : `unit ${j}`}, step ${o.colLabels[t] ?? t}: ${v.toFixed(3)}`;
      if (showNumbers)
        text(svg, left + t * cw + cw / 2, top + j * ch + ch / 2 + 4, v.toFixed(1).replace('-0.0', '0.0'), {
          'text-anchor': 'middle',
          class: 'cell',
        });
    }
  }
  for (let j = 0; j < U; j++) {
    if (ch < 10 && j % 2) continue;
    text(svg, left - 4, top + j * ch + ch / 2 + 4, rowName(j), {
      'text-anchor': 'end',
      class: j === o.highlightRow ? 'row hl' : 'row',
    });
  }
  const longest = Math.max(1, ...o.colLabels.map((l) => l.length));
  const every = Math.max(1, Math.ceil((longest * 6 + 8) / cw));
  for (let t = 0; t < T; t += every)
    text(svg, left + t * cw + cw / 2, top + U * ch + 14, o.colLabels[t] ?? String(t), {
      'text-anchor': 'middle',
      class: 'col',
    });
  if (o.highlightRow !== undefined)
    el(
      'rect',
      { x: left - 1, y: top + o.highlightRow * ch - 1, width: T * cw + 1, height: ch + 1, class: 'hl-box' },
      svg,
    );
  return svg;
}

export interface Box {
  title: string;
  lines: string[];
}

/** A vertical diagram of layer boxes joined by arrows. */
export function diagram(host: HTMLElement, boxes: Box[]): SVGSVGElement {
  const bw = 260,
    bh = 50,
    gap = 26,
    W = bw + 20,
    H = boxes.length * (bh + gap) - gap + 20;
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: 'diagram', role: 'img' });
  host.replaceChildren(svg);
  boxes.forEach((b, i) => {
    const y = 10 + i * (bh + gap);
    el(
      'rect',
      { x: 10, y, width: bw, height: bh, rx: 8, class: `box box-${b.title.split(' ')[0].toLowerCase()}` },
      svg,
    );
    text(svg, 10 + bw / 2, y + 20, b.title, { 'text-anchor': 'middle', class: 'box-title' });
    text(svg, 10 + bw / 2, y + 38, b.lines.join('  ·  '), { 'text-anchor': 'middle', class: 'box-line' });
    if (i > 0) {
      const ay = y - gap;
      el('line', { x1: 10 + bw / 2, x2: 10 + bw / 2, y1: ay + 2, y2: y - 6, class: 'arrow' }, svg);
      el(
        'polygon',
        {
          points: `${10 + bw / 2 - 5},${y - 8} ${10 + bw / 2 + 5},${y - 8} ${10 + bw / 2},${y - 1}`,
          class: 'arrow-head',
        },
        svg,
      );
    }
  });
  return svg;
}
