// Minimal self-contained SVG line charts for reports (no dependencies, no scripts): axes with
// "nice" ticks, polylines, shaded bands and stems.

/** One drawable series on a chart. */
export interface ChartSeries {
  label: string;
  x: readonly number[];
  y: readonly number[];
  color: string;
  /** 'line' (default), 'band' (y = lower, y2 = upper), 'points' or 'stems' (from 0). */
  kind?: 'line' | 'band' | 'points' | 'stems';
  y2?: readonly number[];
  dashed?: boolean;
}

export interface ChartOptions {
  title: string;
  width?: number;
  height?: number;
  xLabel?: string;
  yLabel?: string;
  /** Formats x tick values (e.g. dates). */
  formatX?: (x: number) => string;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * About `count` round tick values covering [lo, hi].
 * @example niceTicks(0, 100, 5) //=> [0, 20, 40, 60, 80, 100]
 */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count,
    mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

function fmt(v: number): string {
  return Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(1) : String(Number(v.toPrecision(4)));
}

/**
 * Renders a line chart as an SVG string.
 * @example lineChart([{ label: 'y', x: [0, 1, 2], y: [1, 3, 2], color: '#1f77b4' }], { title: 'demo' }).startsWith('<svg') //=> true
 */
export function lineChart(series: readonly ChartSeries[], options: ChartOptions): string {
  const W = options.width ?? 860,
    Hh = options.height ?? 320;
  const m = { l: 64, r: 16, t: 34, b: 46 };
  const pw = W - m.l - m.r,
    ph = Hh - m.t - m.b;
  const xs = series.flatMap((s) => s.x).filter(Number.isFinite);
  const ys = series
    .flatMap((s) => [...s.y, ...(s.y2 ?? []), ...(s.kind === 'stems' ? [0] : [])])
    .filter(Number.isFinite);
  let x0 = Math.min(...xs),
    x1 = Math.max(...xs),
    y0 = Math.min(...ys),
    y1 = Math.max(...ys);
  if (!(x1 > x0)) x1 = x0 + 1;
  if (!(y1 > y0)) y1 = y0 + 1;
  const pad = (y1 - y0) * 0.05;
  y0 -= pad;
  y1 += pad;
  const X = (v: number) => m.l + ((v - x0) / (x1 - x0)) * pw,
    Y = (v: number) => m.t + (1 - (v - y0) / (y1 - y0)) * ph;
  const pts = (x: readonly number[], y: readonly number[]) =>
    x
      .map((v, i) => (Number.isFinite(y[i]) ? `${X(v).toFixed(1)},${Y(y[i]).toFixed(1)}` : ''))
      .filter(Boolean)
      .join(' ');
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${Hh}" viewBox="0 0 ${W} ${Hh}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${Hh}" fill="#fff"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">${esc(options.title)}</text>`,
  ];
  for (const t of niceTicks(y0, y1, 6)) {
    parts.push(`<line x1="${m.l}" x2="${m.l + pw}" y1="${Y(t).toFixed(1)}" y2="${Y(t).toFixed(1)}" stroke="#eee"/>`);
    parts.push(`<text x="${m.l - 6}" y="${(Y(t) + 4).toFixed(1)}" text-anchor="end">${esc(fmt(t))}</text>`);
  }
  const fx = options.formatX ?? fmt;
  for (const t of niceTicks(x0, x1, 8)) {
    parts.push(
      `<line x1="${X(t).toFixed(1)}" x2="${X(t).toFixed(1)}" y1="${m.t + ph}" y2="${m.t + ph + 4}" stroke="#333"/>`,
    );
    parts.push(`<text x="${X(t).toFixed(1)}" y="${m.t + ph + 16}" text-anchor="middle">${esc(fx(t))}</text>`);
  }
  parts.push(`<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`);
  if (options.xLabel)
    parts.push(`<text x="${m.l + pw / 2}" y="${Hh - 6}" text-anchor="middle">${esc(options.xLabel)}</text>`);
  if (options.yLabel)
    parts.push(
      `<text transform="translate(14 ${m.t + ph / 2}) rotate(-90)" text-anchor="middle">${esc(options.yLabel)}</text>`,
    );
  for (const s of series) {
    const kind = s.kind ?? 'line';
    if (kind === 'band' && s.y2) {
      const upper = pts(s.x, s.y2),
        lower = pts([...s.x].reverse(), [...s.y].reverse());
      parts.push(`<polygon points="${upper} ${lower}" fill="${s.color}" fill-opacity="0.25" stroke="none"/>`);
    } else if (kind === 'points') {
      s.x.forEach((v, i) => {
        if (Number.isFinite(s.y[i]))
          parts.push(`<circle cx="${X(v).toFixed(1)}" cy="${Y(s.y[i]).toFixed(1)}" r="2.5" fill="${s.color}"/>`);
      });
    } else if (kind === 'stems') {
      s.x.forEach((v, i) => {
        parts.push(
          `<line x1="${X(v).toFixed(1)}" x2="${X(v).toFixed(1)}" y1="${Y(0).toFixed(1)}" y2="${Y(s.y[i]).toFixed(1)}" stroke="${s.color}" stroke-width="2"/>`,
        );
      });
    } else {
      parts.push(
        `<polyline points="${pts(s.x, s.y)}" fill="none" stroke="${s.color}" stroke-width="1.6"${s.dashed ? ' stroke-dasharray="5 3"' : ''}/>`,
      );
    }
  }
  series
    .filter((s) => s.label)
    .forEach((s, i) => {
      const lx = m.l + 10 + i * 150;
      parts.push(
        `<rect x="${lx}" y="${m.t + 6}" width="12" height="8" fill="${s.color}" fill-opacity="${s.kind === 'band' ? 0.35 : 1}"/>`,
      );
      parts.push(`<text x="${lx + 16}" y="${m.t + 14}">${esc(s.label)}</text>`);
    });
  parts.push('</svg>');
  return parts.join('\n');
}
