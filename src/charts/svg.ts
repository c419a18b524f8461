// The SVG text every chart shares: escaping, coordinates, the document frame (a responsive viewBox
// whose user units are CSS pixels at the chart's own width), deterministic ids and the palette.

import { ConfigError } from '../errors.js';

/** Body text size in px; charts are laid out so that drawn at their width no text is smaller. */
export const FONT_SIZE = 11;
/** Chart title size in px. */
export const TITLE_SIZE = 13;
/** Colours given to series without one (Tableau 10, colour-blind aware ordering). */
export const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
] as const;
export const INK = '#1d2430';
export const MUTED = '#5e6877';
export const GRID = '#e6e9ee';

/**
 * Escapes text for SVG/HTML content and attribute values.
 * @example esc('a<b & "c"') //=> 'a&lt;b &amp; &quot;c&quot;'
 */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A coordinate rounded to 0.1 px (keeps files small; sub-pixel detail is invisible). */
export const px = (v: number): number => Math.round(v * 10) / 10;

/** Estimated width in px of a text at a font size (sans-serif averages about 0.6 em per character). */
export function textWidth(s: string, size = FONT_SIZE): number {
  return s.length * size * 0.6;
}

/** Short stable id (FNV-1a of the content) so several charts on one page never share a clipPath id. */
export function contentId(content: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < content.length; i++) {
    h ^= content.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `lk${(h >>> 0).toString(36)}`;
}

/** Attributes from an object, skipping undefined values. */
export function attrs(a: Record<string, string | number | undefined>): string {
  let out = '';
  for (const [k, v] of Object.entries(a))
    if (v !== undefined) out += ` ${k}="${typeof v === 'number' ? px(v) : esc(v)}"`;
  return out;
}

export interface SvgFrame {
  width: number;
  height: number;
  /** Accessible name (the <title>); also the visible title when `showTitle`. */
  title?: string;
  showTitle?: boolean;
  className: string;
  /** Marks the document so tools can recognise their own files (e.g. 'plot-model'). */
  kind?: string;
}

/**
 * Wraps chart elements into a standalone SVG document: width/height in px and the same viewBox, so
 * it scales down with `max-width: 100%` and keeps its text size at its own width. The placeholder
 * `{id}` in the body is replaced by an id derived from the content.
 */
export function svgDocument(frame: SvgFrame, body: string[]): string {
  const { width: W, height: H } = frame;
  const inner = body.join('');
  const id = contentId(`${frame.className}|${frame.title ?? ''}|${W}x${H}|${inner}`);
  const title = frame.title
    ? `<title>${esc(frame.title)}</title>${frame.showTitle ? `<text x="8" y="17" font-size="${TITLE_SIZE}" font-weight="600" fill="${INK}">${esc(frame.title)}</text>` : ''}`
    : '';
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="lk-chart ${frame.className}" width="${px(W)}" height="${px(H)}" viewBox="0 0 ${px(W)} ${px(H)}" role="img"` +
    `${frame.kind ? ` data-lstmkit="${frame.kind}"` : ''} font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="${FONT_SIZE}" fill="${INK}" style="max-width:100%;height:auto">` +
    `<rect width="100%" height="100%" fill="#fff"/>${title}${inner.replaceAll('{id}', id)}</svg>`
  );
}

/** Throws a ConfigError unless the chart size is a pair of positive numbers large enough to draw in. */
export function checkSize(where: string, width: number, height: number): void {
  for (const [name, v, min] of [
    ['width', width, 120],
    ['height', height, 80],
  ] as const)
    if (!(Number.isFinite(v) && v >= min))
      throw new ConfigError(`${name} must be a number of pixels, at least ${min}; got ${v}`, where);
}
