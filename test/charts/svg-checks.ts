// Helpers for chart tests: read the texts of an SVG string with their estimated extents, and the
// font sizes used, so tests can check that nothing is drawn outside the picture or below 11 px.
import { textWidth } from '../../src/charts/svg.js';

export interface SvgText {
  x: number;
  y: number;
  from: number;
  to: number;
  text: string;
  size: number;
}

/** The root width and height of an SVG string. */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(svg);
  if (!m) throw new Error('no <svg width height>');
  return { width: Number(m[1]), height: Number(m[2]) };
}

/** Every unrotated <text> with its horizontal extent estimated from its anchor. */
export function texts(svg: string): SvgText[] {
  const out: SvgText[] = [];
  for (const m of svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)) {
    const a = m[1];
    if (a.includes('transform=')) continue;
    const num = (k: string) => Number(new RegExp(` ${k}="([-\\d.]+)"`).exec(a)?.[1] ?? 0);
    const size = num('font-size') || 11;
    const text = m[2].replace(/&[a-z]+;/g, '_');
    const w = textWidth(text, size);
    const anchor = / text-anchor="(\w+)"/.exec(a)?.[1] ?? 'start';
    const x = num('x');
    const from = anchor === 'middle' ? x - w / 2 : anchor === 'end' ? x - w : x;
    out.push({ x, y: num('y'), from, to: from + w, text, size });
  }
  return out;
}

/** Font sizes set anywhere in the SVG (attributes). */
export function fontSizes(svg: string): number[] {
  return [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
}

/** Texts that stick out of the picture (beyond a 1 px tolerance). */
export function outside(svg: string): SvgText[] {
  const { width, height } = svgSize(svg);
  return texts(svg).filter((t) => t.from < -1 || t.to > width + 1 || t.y > height + 1 || t.y < 0);
}
