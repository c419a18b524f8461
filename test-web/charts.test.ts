// The charts' HTML in Chromium, script-free: responsiveChart shows its narrow rendering in a phone's
// column, the wide one on a desktop and in print; toggleableLineChart's checkboxes hide and show
// series through CSS :has().

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CHART_CSS, responsiveChart, toggleableLineChart } from '../src/index.ts';
import { launch, serveDir } from './harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'lstmkit-charts-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const x = Array.from({ length: 48 }, (_, i) => Date.UTC(2020, i, 1));
const chart = responsiveChart((width) =>
  toggleableLineChart(
    [
      { label: 'actual', x, y: x.map((_, i) => 100 + 10 * Math.sin(i / 2) + i) },
      { label: 'seasonal naive', x, y: x.map((_, i) => 100 + 10 * Math.sin((i - 12) / 2) + i) },
    ],
    { title: 'Sales', xScale: 'time', width, hidden: ['seasonal naive'] },
  ),
);
writeFileSync(
  join(dir, 'index.html'),
  `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><style>body{margin:16px}${CHART_CSS}</style></head><body>${chart}</body></html>`,
);

/** Width attribute of the visible chart SVG, and whether each series group of it is displayed. */
const VISIBLE = `(() => {
  const svg = [...document.querySelectorAll('svg.lk-chart')].find((s) => s.getBoundingClientRect().width > 0);
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const shown = (k) => getComputedStyle(svg.querySelector('.lk-s' + k)).display !== 'none';
  return { width: Number(svg.getAttribute('width')), scale, actual: shown(0), naive: shown(1) };
})()`;

interface Visible {
  width: number;
  scale: number;
  actual: boolean;
  naive: boolean;
}

test('responsive and toggleable charts work without a script, on a phone, a desktop and in print', async () => {
  const { url, server } = await serveDir(dir);
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(url);
    const phone = await page.evaluate<Visible>(VISIBLE);
    assert.equal(phone.width, 340);
    assert.ok(phone.scale > 0.99, `drawn at ${phone.scale} of its size, so its 11 px text stays 11 px`);
    assert.deepEqual([phone.actual, phone.naive], [true, false], 'the hidden series starts hidden');
    // Clicking a legend entry toggles its series (in the visible rendering).
    const labels = page.locator('.lk-narrow .lk-toggles label');
    await labels.nth(1).click();
    await labels.nth(0).click();
    const toggled = await page.evaluate<Visible>(VISIBLE);
    assert.deepEqual([toggled.actual, toggled.naive], [false, true]);
    await page.emulateMedia({ media: 'print' });
    assert.equal((await page.evaluate<Visible>(VISIBLE)).width, 720, 'print shows the wide rendering');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1280, height: 800 });
    assert.equal((await page.evaluate<Visible>(VISIBLE)).width, 720);
    await page.close();
  } finally {
    server.close();
    await browser.close();
  }
});
