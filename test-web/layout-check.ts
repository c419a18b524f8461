// Layout problems of a page, as readable lines (shared by the playground's and the report's layout
// tests): the page scrolls sideways, an element sticks out of its container (a card, or the body),
// chart text is cut at its SVG's edge or drawn under 11 px. Elements inside a horizontal scroll box
// (`skip`) only need the box itself to fit.

import type { Page } from 'playwright-core';

/**
 * Plain JavaScript in a string: tsx would add helpers to a compiled function that the page does not
 * have. Arguments: the container selector and the selector of boxes whose contents are not checked.
 */
const LAYOUT_CHECK = `(([containers, skip]) => {
  const problems = [];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.getAttribute('class') ? '.' + el.getAttribute('class').split(' ')[0] : '');
  if (document.documentElement.scrollWidth > window.innerWidth + 1)
    problems.push('page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + window.innerWidth);
  for (const card of document.querySelectorAll(containers)) {
    const c = card.getBoundingClientRect();
    const cardName = card.querySelector('h2')?.textContent ?? name(card);
    for (const el of card.querySelectorAll('*')) {
      if (el.closest('svg') && el.tagName !== 'svg') continue; // SVG contents are checked below
      if (el.parentElement?.closest(skip)) continue; // inside a scroll box
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < c.left - 1 || r.right > c.right + 1)
        problems.push(cardName + ': ' + name(el) + ' spans ' + r.left.toFixed(0) + '..' + r.right.toFixed(0) + ' outside ' + c.left.toFixed(0) + '..' + c.right.toFixed(0));
    }
    for (const svg of card.querySelectorAll('svg')) {
      const vb = svg.viewBox.baseVal;
      const box = svg.getBoundingClientRect();
      if (!vb || vb.width === 0 || box.width === 0) continue; // hidden rendering or an icon without a viewBox
      const scale = box.width / vb.width;
      for (const t of svg.querySelectorAll('text')) {
        // The text's box in the SVG's user units, through any rotate/translate it carries.
        const m = svg.getScreenCTM().inverse().multiply(t.getScreenCTM());
        const r = t.getBBox();
        const pts = [[r.x, r.y], [r.x + r.width, r.y], [r.x, r.y + r.height], [r.x + r.width, r.y + r.height]].map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
        const xs = pts.map((p) => p.x), ys = pts.map((p) => p.y);
        const b = { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
        if (b.x < -1 || b.x + b.width > vb.width + 1 || b.y < -1 || b.y + b.height > vb.height + 1)
          problems.push(cardName + ": text '" + t.textContent + "' cut at the edge of its chart (" + b.x.toFixed(0) + '..' + (b.x + b.width).toFixed(0) + ' of ' + vb.width + ')');
        const size = parseFloat(getComputedStyle(t).fontSize) * scale;
        if (size < 10.9) problems.push(cardName + ": text '" + t.textContent + "' drawn at " + size.toFixed(1) + ' px');
      }
    }
  }
  return problems;
})`;

/** Every layout problem of the elements in `containers` (default: the playground's cards). */
export function layoutProblems(page: Page, containers = '.card', skip = 'pre'): Promise<string[]> {
  return page.evaluate(`${LAYOUT_CHECK}(${JSON.stringify([containers, skip])})`);
}
