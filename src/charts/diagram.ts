// Layer diagrams as SVG strings (as Keras' plot_model draws them): one box per layer, ranked top to
// bottom by the longest path from an input, arrows as d3-shape vertical links. Pure layout on plain
// nodes and edges; src/model/plot.ts turns a model into them.

import { linkVertical } from 'd3-shape';
import { ConfigError } from '../errors.js';
import { attrs, esc, FONT_SIZE, svgDocument, textWidth } from './svg.js';

/** One box: a title line (e.g. 'lstm (LSTM)') and detail lines (shapes, parameter count). */
export interface DiagramNode {
  id: string;
  title: string;
  lines: string[];
  /** Colours the box: inputs grey, recurrent layers teal, dense layers orange. */
  kind: 'input' | 'recurrent' | 'dense' | 'other';
}

const STYLE: Record<DiagramNode['kind'], { fill: string; stroke: string }> = {
  input: { fill: '#f4f4f6', stroke: '#8f96a3' },
  recurrent: { fill: '#eef6f7', stroke: '#127a86' },
  dense: { fill: '#fdf1ea', stroke: '#d9622b' },
  other: { fill: '#f6f7f9', stroke: '#7d8796' },
};
const TITLE = 12,
  LINE = 15,
  GAP_X = 18,
  GAP_Y = 30;

/**
 * Draws nodes (in topological order) and edges [from id, to id] as a top-to-bottom diagram.
 * @example layerDiagram([{ id: 'a', title: 'input', lines: [], kind: 'input' }, { id: 'b', title: 'dense (Dense)', lines: [], kind: 'dense' }], [['a', 'b']])
 */
export function layerDiagram(
  nodes: readonly DiagramNode[],
  edges: readonly (readonly [string, string])[],
  options: { title?: string; kind?: string } = {},
): string {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const rank = nodes.map(() => 0);
  for (const [from, to] of edges) {
    const a = index.get(from),
      b = index.get(to);
    if (a === undefined || b === undefined)
      throw new ConfigError(`edge ${from} -> ${to} names a node that is not in the list`, 'layerDiagram');
    if (a >= b)
      throw new ConfigError(`edge ${from} -> ${to} points backwards; list nodes in topological order`, 'layerDiagram');
  }
  // Nodes come in topological order, so one pass over edges sorted by target settles the ranks.
  const sorted = [...edges].sort((e, f) => index.get(e[1])! - index.get(f[1])!);
  for (const [from, to] of sorted) rank[index.get(to)!] = Math.max(rank[index.get(to)!], rank[index.get(from)!] + 1);
  let boxW = 170;
  for (const n of nodes)
    boxW = Math.max(boxW, n.lines.reduce((m, l) => Math.max(m, textWidth(l)), textWidth(n.title, TITLE) * 1.05) + 24);
  const boxH = (n: DiagramNode) => 12 + TITLE + n.lines.length * LINE + 4;
  const ranks: number[][] = [];
  nodes.forEach((_, i) => {
    ranks[rank[i]] ??= [];
    ranks[rank[i]].push(i);
  });
  const widest = ranks.reduce((m, r) => Math.max(m, r.length), 1);
  const W = widest * boxW + (widest - 1) * GAP_X + 16;
  const pos: { x: number; y: number; h: number }[] = [];
  let y = options.title ? 30 : 8;
  for (const r of ranks) {
    const rowH = r.reduce((m, i) => Math.max(m, boxH(nodes[i])), 0);
    const rowW = r.length * boxW + (r.length - 1) * GAP_X;
    r.forEach((i, k) => {
      pos[i] = { x: (W - rowW) / 2 + k * (boxW + GAP_X), y, h: boxH(nodes[i]) };
    });
    y += rowH + GAP_Y;
  }
  const H = y - GAP_Y + 8;
  const link = linkVertical<unknown, [number, number]>()
    .source((d) => (d as { s: [number, number] }).s)
    .target((d) => (d as { t: [number, number] }).t);
  const body: string[] = [
    `<defs><marker id="{id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="#7d8796"/></marker></defs>`,
  ];
  for (const [from, to] of edges) {
    const a = pos[index.get(from)!],
      b = pos[index.get(to)!];
    const d = link({ s: [a.x + boxW / 2, a.y + a.h], t: [b.x + boxW / 2, b.y - 2] });
    body.push(
      `<path class="arrow"${attrs({ d: d ?? '', fill: 'none', stroke: '#7d8796', 'stroke-width': 1.5 })} marker-end="url(#{id}-arrow)"/>`,
    );
  }
  nodes.forEach((n, i) => {
    const p = pos[i],
      st = STYLE[n.kind];
    body.push(
      `<g class="lk-node lk-node-${n.kind}"><rect class="lk-node"${attrs({ x: p.x, y: p.y, width: boxW, height: p.h, rx: 7, fill: st.fill, stroke: st.stroke, 'stroke-width': 1.5 })}/>` +
        `<text${attrs({ x: p.x + boxW / 2, y: p.y + 8 + TITLE, 'text-anchor': 'middle', 'font-size': TITLE, 'font-weight': 600 })}>${esc(n.title)}</text>` +
        n.lines
          .map(
            (l, k) =>
              `<text${attrs({ x: p.x + boxW / 2, y: p.y + 8 + TITLE + (k + 1) * LINE, 'text-anchor': 'middle', 'font-size': FONT_SIZE, fill: '#4a5463' })}>${esc(l)}</text>`,
          )
          .join('') +
        '</g>',
    );
  });
  return svgDocument(
    {
      width: W,
      height: H,
      className: 'lk-diagram',
      ...(options.title ? { title: options.title, showTitle: true } : {}),
      ...(options.kind ? { kind: options.kind } : {}),
    },
    body,
  );
}
