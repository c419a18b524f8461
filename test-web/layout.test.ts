// The playground's layout at a phone (390 px), a tablet (820 px) and a desktop (1280 px) width: after
// training, no element sticks out of its card, the page does not scroll sideways, no chart text is
// cut off at its SVG's edge or drawn under 11 px. Screenshots go to test-results/ (and to docs/images/
// with UPDATE_SCREENSHOTS=1).

import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { buildPlayground, launch, repo, serveDist } from './harness.ts';
import { layoutProblems } from './layout-check.ts';

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

for (const width of [390, 820, 1280]) {
  test(`at ${width} px nothing overflows its card, chart text is whole and at least 11 px`, async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize({ width, height: 900 });
    await page.goto(url);
    await page.selectOption('#dataset', 'airline');
    // The committed screenshots show the forecaster with its DEFAULTS (as lstmkit forecast runs it).
    if (!process.env.UPDATE_SCREENSHOTS) {
      await page.fill('#epochs', '12');
      await page.fill('#repeats', '1');
    }
    await page.click('#train');
    await page.waitForFunction(() => /^Done/.test(document.getElementById('status')!.textContent ?? ''), null, {
      timeout: 600_000,
    });
    await page.waitForFunction(() => document.querySelectorAll('#heatmaps svg.lk-chart').length === 6, null, {
      timeout: 60_000,
    });
    assert.deepEqual(await layoutProblems(page), []);
    // Turning the phone (or resizing the window) redraws the charts at the new width.
    const before = await page.$eval('#forecast-chart svg.lk-chart', (s) => s.getAttribute('width'));
    await page.setViewportSize({ width: width + 60, height: 900 });
    await page.waitForFunction(
      (w) => document.querySelector('#forecast-chart svg.lk-chart')?.getAttribute('width') !== w,
      before,
      { timeout: 60_000 },
    );
    assert.deepEqual(await layoutProblems(page), [], `after resizing to ${width + 60}`);
    await page.setViewportSize({ width, height: 900 });
    await page.waitForFunction(
      (w) => document.querySelector('#forecast-chart svg.lk-chart')?.getAttribute('width') === w,
      before,
      { timeout: 60_000 },
    );
    await page.screenshot({ path: join(shots, `playground-${width}.png`), fullPage: true });
    if (process.env.UPDATE_SCREENSHOTS && width !== 820)
      await page.screenshot({ path: join(repo, 'docs', 'images', `playground-${width}.png`), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });
}
