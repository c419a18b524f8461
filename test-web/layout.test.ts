// The playground's layout at a phone (390 px), a tablet (820 px) and a desktop (1280 px) width: after
// training, no element sticks out of its card, the page does not scroll sideways, no chart text is
// cut off at its SVG's edge or drawn under 11 px. Screenshots go to test-results/ (and to docs/images/
// with UPDATE_SCREENSHOTS=1).

import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { buildPlayground, launch, repo, serveDist } from './harness.ts';

let server: Server, url: string, context: BrowserContext, close: () => Promise<void>;
const shots = join(repo, 'test-results');

before(async () => {
  mkdirSync(shots, { recursive: true });
  await buildPlayground();
  ({ server, url } = await serveDist());
  ({ context, close } = await launch());
});

after(async () => {
  await close?.();
  server?.close();
});

/**
 * Every layout problem on the page, as readable lines. Plain JavaScript in a string: tsx would add
 * helpers to a compiled function that the page does not have.
 */
const LAYOUT_CHECK = `(() => {
  const problems = [];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.getAttribute('class') ? '.' + el.getAttribute('class').split(' ')[0] : '');
  if (document.documentElement.scrollWidth > window.innerWidth + 1)
    problems.push('page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + window.innerWidth);
  for (const card of document.querySelectorAll('.card')) {
    const c = card.getBoundingClientRect();
    const cardName = card.querySelector('h2')?.textContent ?? name(card);
    for (const el of card.querySelectorAll('*')) {
      if (el.closest('svg') && el.tagName !== 'svg') continue; // SVG contents are checked below
      if (el.parentElement?.closest('pre')) continue; // inside a scroll box
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < c.left - 1 || r.right > c.right + 1)
        problems.push(cardName + ': ' + name(el) + ' spans ' + r.left.toFixed(0) + '..' + r.right.toFixed(0) + ' outside ' + c.left.toFixed(0) + '..' + c.right.toFixed(0));
    }
    for (const svg of card.querySelectorAll('svg')) {
      const vb = svg.viewBox.baseVal;
      const scale = svg.getBoundingClientRect().width / vb.width;
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
})()`;

const layoutProblems = (page: Page): Promise<string[]> => page.evaluate(LAYOUT_CHECK);

for (const width of [390, 820, 1280]) {
  test(`at ${width} px nothing overflows its card, chart text is whole and at least 11 px`, async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize({ width, height: 900 });
    await page.goto(url);
    await page.selectOption('#dataset', 'airline');
    // The committed screenshots show a fully trained model (the dataset's default 60 epochs).
    await page.fill('#epochs', process.env.UPDATE_SCREENSHOTS ? '60' : '12');
    await page.click('#train');
    await page.waitForFunction(() => /^Done/.test(document.getElementById('status')!.textContent ?? ''), null, {
      timeout: 60_000,
    });
    await page.waitForFunction(() => document.querySelectorAll('#heatmaps svg').length === 6, null, {
      timeout: 10_000,
    });
    assert.deepEqual(await layoutProblems(page), []);
    // Turning the phone (or resizing the window) redraws the charts at the new width.
    const before = await page.$eval('#forecast-chart svg', (s) => s.getAttribute('width'));
    await page.setViewportSize({ width: width + 60, height: 900 });
    await page.waitForFunction(
      (w) => document.querySelector('#forecast-chart svg')?.getAttribute('width') !== w,
      before,
    );
    assert.deepEqual(await layoutProblems(page), [], `after resizing to ${width + 60}`);
    await page.setViewportSize({ width, height: 900 });
    await page.waitForFunction(
      (w) => document.querySelector('#forecast-chart svg')?.getAttribute('width') === w,
      before,
    );
    await page.screenshot({ path: join(shots, `playground-${width}.png`), fullPage: true });
    if (process.env.UPDATE_SCREENSHOTS && width !== 820)
      await page.screenshot({ path: join(repo, 'docs', 'images', `playground-${width}.png`), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });
}
