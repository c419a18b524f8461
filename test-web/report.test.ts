// The forecast report (the HTML lstmkit forecast --out writes) in Chromium at a phone's (390 px) and
// a desktop's (1280 px) width: nothing sticks out of the page (wide tables scroll in their own box),
// chart text is whole and at least 11 px, the future fan is visible after the history, a baseline's
// checkbox shows and hides its forecast without a script, and print shows the wide charts.
// Screenshots go to test-results/ (and to docs/images/ with UPDATE_SCREENSHOTS=1).

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { forecast, forecastReport } from '../src/index.ts';
import { readCsvFile } from '../src/node/index.ts';
import { launch, repo, serveDir } from './harness.ts';
import { layoutProblems } from './layout-check.ts';

const shots = join(repo, 'test-results');
const dir = mkdtempSync(join(tmpdir(), 'lstmkit-report-'));
let server: Server, url: string, context: BrowserContext, close: () => Promise<void>;

before(async () => {
  mkdirSync(shots, { recursive: true });
  const table = readCsvFile(join(repo, 'datasets/airline-passengers.csv'), { dateColumns: ['Month'] });
  const y = table.numeric.Passengers,
    dates = table.dates!.Month;
  // the committed screenshots show what `npm start` writes (DEFAULTS, 3 members); tests run a small one
  const r = await forecast(y, { dates, ...(process.env.UPDATE_SCREENSHOTS ? {} : { epochs: 20, repeats: 1 }) });
  writeFileSync(
    join(dir, 'index.html'),
    forecastReport(y, r, { title: 'Passengers: lstmkit forecast', target: 'Passengers', dates }),
  );
  ({ server, url } = await serveDir(dir));
  ({ context, close } = await launch());
});

after(async () => {
  await close?.();
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Fan {
  band: { left: number; right: number; width: number; height: number };
  actualRight: number;
  viewport: number;
}

/** Boxes of the visible rendering's 80% future band and history line, in page pixels. */
const FAN = `(() => {
  const figure = [...document.querySelectorAll('#future .lk-figure')].find((f) => f.getBoundingClientRect().width > 0);
  const band = figure.querySelector('g[data-label="80% interval (future)"] path').getBoundingClientRect();
  const actual = figure.querySelector('g[data-label="actual"] path').getBoundingClientRect();
  return { band: { left: band.left, right: band.right, width: band.width, height: band.height }, actualRight: actual.right, viewport: window.innerWidth };
})()`;

/** Whether the visible fan chart displays the series labelled `label`. */
const shownSeries = (page: Page, label: string): Promise<boolean> =>
  page.evaluate(`(() => {
    const figure = [...document.querySelectorAll('#future .lk-figure')].find((f) => f.getBoundingClientRect().width > 0);
    return getComputedStyle(figure.querySelector('g[data-label=${JSON.stringify(label)}]')).display !== 'none';
  })()`);

for (const width of [390, 1280]) {
  test(`the report at ${width} px: nothing overflows, chart text whole and >= 11 px, the future fan visible, toggles work without a script`, async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (req) => {
      if (!req.url().startsWith(url)) errors.push(`fetched ${req.url()}`);
    });
    await page.setViewportSize({ width, height: 900 });
    await page.goto(url);
    assert.deepEqual(await layoutProblems(page, 'body', '.lk-scroll, pre'), []);
    const fan = (await page.evaluate(FAN)) as Fan;
    assert.ok(fan.band.width > 10 && fan.band.height > 10, `the fan has a visible area: ${JSON.stringify(fan.band)}`);
    assert.ok(
      fan.band.left >= fan.actualRight - 1,
      `the fan (from ${fan.band.left}) is after the history (to ${fan.actualRight})`,
    );
    assert.ok(fan.band.right <= fan.viewport, 'the fan is inside the page');
    // a baseline starts hidden; its checkbox shows it and hides it again
    assert.equal(await shownSeries(page, 'persistence'), false);
    const box = page.locator('#future .lk-figure:visible label', { hasText: 'persistence' });
    await box.click();
    assert.equal(await shownSeries(page, 'persistence'), true);
    await box.click();
    assert.equal(await shownSeries(page, 'persistence'), false);
    await page.screenshot({ path: join(shots, `report-${width}.png`), fullPage: true });
    if (process.env.UPDATE_SCREENSHOTS)
      await page.screenshot({ path: join(repo, 'docs', 'images', `report-${width}.png`), fullPage: true });
    // print shows the wide renderings, whatever the screen
    await page.emulateMedia({ media: 'print' });
    const printed = await page.$$eval('#future svg.lk-chart', (svgs) =>
      svgs.filter((s) => s.getBoundingClientRect().width > 0).map((s) => s.getAttribute('width')),
    );
    assert.deepEqual(printed, ['720']);
    assert.deepEqual(errors, []);
    await page.close();
  });
}
