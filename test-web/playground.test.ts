// End-to-end tests of the playground in a real browser (Chromium via playwright-core): train the
// airline model for a few epochs, check that the loss fell, that the page stayed responsive while
// the worker trained, that charts and heatmaps rendered, and that the memory demonstration shows a
// unit holding the first symbol. Screenshots go to test-results/.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { buildPlayground, launch, repo, serveDist, startDevServer } from './harness.ts';

const shots = join(repo, 'test-results');
let server: Server, url: string, context: BrowserContext, close: () => Promise<void>;

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

async function openPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  return { page, errors };
}

async function waitForStatus(page: Page, pattern: RegExp, timeout = 120_000): Promise<void> {
  await page.waitForFunction(
    (src) => new RegExp(src).test(document.getElementById('status')!.textContent ?? ''),
    pattern.source,
    { timeout },
  );
}

async function setField(page: Page, id: string, value: number): Promise<void> {
  await page.fill(`#${id}`, String(value));
}

/** Milliseconds from the browser's click event to the handler's visible effect (measured in the page). */
async function clickLatency(page: Page, selector: string): Promise<number> {
  await page.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    el.addEventListener(
      'click',
      (e) => {
        (window as unknown as { latency: number }).latency = performance.now() - e.timeStamp;
      },
      { once: true },
    );
  }, selector);
  await page.click(selector, { timeout: 5000 });
  return page.evaluate(() => (window as unknown as { latency: number }).latency);
}

test('airline: trains in a worker, stays responsive, pauses, stops, draws loss, forecast, metrics and heatmaps', async () => {
  const { page, errors } = await openPage();
  await page.selectOption('#dataset', 'airline');
  await setField(page, 'epochs', 2000);
  await page.click('#train');
  await waitForStatus(page, /Epoch ([3-9]|\d\d+)\//);
  // The page answers clicks while the worker trains: pause, then resume, each handled quickly.
  const t0 = Date.now();
  const pauseLatency = await clickLatency(page, '#pause');
  await page.waitForFunction(() => document.getElementById('pause')!.textContent === 'Resume', null, { timeout: 2000 });
  const roundTrip = Date.now() - t0;
  const midStatus = await page.textContent('#status');
  const resumeLatency = await clickLatency(page, '#pause');
  console.log(
    `click latency: pause ${pauseLatency.toFixed(1)} ms, resume ${resumeLatency.toFixed(1)} ms, round trip through the driver ${roundTrip} ms`,
  );
  assert.ok(pauseLatency < 200 && resumeLatency < 200, `clicks handled in ${pauseLatency} and ${resumeLatency} ms`);
  assert.match(midStatus ?? '', /Paused/);
  // Stop after at least 40 epochs: the worker ends fit() through its abort signal and still reports.
  await waitForStatus(page, /Epoch (4\d|[5-9]\d|\d{3,})\//);
  await page.click('#stop');
  await waitForStatus(page, /^Stopped after \d+ epochs/);
  const losses = await page.$eval(
    '#loss-chart',
    (el) => JSON.parse((el as HTMLElement).dataset.losses ?? '[]') as number[],
  );
  console.log(
    `airline loss: epoch 1 ${losses[0].toPrecision(4)} -> epoch ${losses.length} ${losses.at(-1)!.toPrecision(4)}`,
  );
  assert.ok(losses.length >= 40 && losses.length < 2000, `stopped after ${losses.length} epochs`);
  assert.ok(
    losses.every((l) => Number.isFinite(l) && l > 0),
    'every epoch logged a real loss',
  );
  assert.ok(losses.at(-1)! < losses[0] / 3, `loss fell from ${losses[0]} to ${losses.at(-1)}`);
  // Charts: non-empty SVG paths in the loss and forecast charts, a metrics table with baselines.
  const pathCount = (sel: string) =>
    page.$$eval(`${sel} svg path.line`, (ps) => ps.filter((p) => (p.getAttribute('d') ?? '').length > 20).length);
  assert.ok((await pathCount('#loss-chart')) >= 2, 'loss chart has training and validation lines');
  assert.ok((await pathCount('#forecast-chart')) >= 2, 'forecast chart has actual and forecast lines');
  assert.equal(await page.locator('#forecast-chart svg path.band').count(), 1, 'interval band drawn');
  const table = await page.textContent('#metrics table');
  assert.match(
    table ?? '',
    /LSTM[\s\S]*persistence[\s\S]*seasonal naive \(m=12\)[\s\S]*drift[\s\S]*mean[\s\S]*linear AR\(12\)/,
  );
  // Look inside: six heatmaps with one cell per (step, unit).
  await page.waitForFunction(() => document.querySelectorAll('#heatmaps svg').length === 6, null, { timeout: 10_000 });
  const cells = await page.$$eval('#heatmaps svg', (svgs) => svgs.map((s) => s.querySelectorAll('rect.cell').length));
  assert.deepEqual(cells, [12, 12 * 16, 12 * 16, 12 * 16, 12 * 16, 12 * 16]);
  assert.match((await page.textContent('#summary')) ?? '', /LSTM[\s\S]*Total params: 1,169/);
  assert.equal(await page.locator('#diagram svg rect.lk-node').count(), 3);
  assert.equal(await page.locator('#heatmaps svg .lk-color-legend').count(), 6, 'every heatmap has a colour legend');
  await page.screenshot({ path: join(shots, 'playground-airline.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('memory demonstration: a unit holds the first symbol until the end', async () => {
  const { page, errors } = await openPage();
  await page.selectOption('#dataset', 'memory');
  await page.click('#train');
  await page.waitForFunction(() => /^Done/.test(document.getElementById('status')!.textContent ?? ''), null, {
    timeout: 120_000,
  });
  await page.waitForFunction(() => document.querySelectorAll('#heatmaps svg').length === 6, null, { timeout: 10_000 });
  const note = (await page.textContent('#memory-note')) ?? '';
  console.log(note);
  const accuracy = (await page.textContent('#metrics')) ?? '';
  console.log(accuracy);
  assert.match(accuracy, /at the last step 100\.0%/);
  const m =
    /Unit (\d+) holds the first symbol: its cell state is (.*) after "3 0 1 2 3" and (.*) after "4 0 1 2 4" \(smallest gap ([\d.]+)/.exec(
      note,
    );
  assert.ok(m, note);
  assert.ok(Number(m[4]) > 0.3, `the cell states for the two first symbols stay apart at every step (gap ${m[4]})`);
  assert.equal(
    await page.locator('#heatmaps .hl-box').count(),
    5,
    'the holding unit is outlined in the gate and state maps',
  );
  await page.locator('#inside-card').screenshot({ path: join(shots, 'playground-memory-inside.png') });
  await page.selectOption('#probe', '1');
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, 'playground-memory.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('save and load: IndexedDB and downloaded files restore the same model (same test metrics)', async () => {
  const { page, errors } = await openPage();
  await page.selectOption('#dataset', 'airline');
  await setField(page, 'epochs', 5);
  await page.click('#train');
  await page.waitForFunction(() => /^Done/.test(document.getElementById('status')!.textContent ?? ''), null, {
    timeout: 60_000,
  });
  const metrics = await page.textContent('#metrics table');
  await page.fill('#model-name', 'airline-e2e');
  await page.click('#save-idb');
  await page.waitForFunction(
    () => /^Saved 'airline-e2e'/.test(document.getElementById('status')!.textContent ?? ''),
    null,
    { timeout: 10_000 },
  );
  const dir = mkdtempSync(join(tmpdir(), 'lstmkit-downloads-'));
  const files: string[] = [];
  const done = new Promise<void>((resolve) => {
    page.on('download', async (d) => {
      const path = join(dir, d.suggestedFilename());
      await d.saveAs(path);
      files.push(path);
      if (files.length === 2) resolve();
    });
  });
  await page.click('#save-file');
  await done;
  files.sort();
  assert.deepEqual(
    files.map((f) => f.slice(dir.length + 1)),
    ['airline-e2e.json', 'airline-e2e.weights.bin'],
  );
  await page.close();

  const second = await openPage();
  await second.page.selectOption('#dataset', 'airline');
  await second.page.fill('#model-name', 'airline-e2e');
  await second.page.click('#load-idb');
  await second.page.waitForFunction(
    () => /^Loaded IndexedDB/.test(document.getElementById('status')!.textContent ?? ''),
    null,
    { timeout: 10_000 },
  );
  assert.equal(await second.page.textContent('#metrics table'), metrics);
  await second.page.setInputFiles('#load-files', files);
  await second.page.waitForFunction(
    () => /^Loaded airline-e2e\.json/.test(document.getElementById('status')!.textContent ?? ''),
    null,
    { timeout: 10_000 },
  );
  assert.equal(await second.page.textContent('#metrics table'), metrics);
  await second.page.waitForFunction(() => document.querySelectorAll('#heatmaps svg').length === 6, null, {
    timeout: 10_000,
  });
  assert.deepEqual([...errors, ...second.errors], []);
  await second.page.close();
  rmSync(dir, { recursive: true, force: true });
});

test('text sample and pasted CSV: train, report and look inside', async () => {
  const { page, errors } = await openPage();
  await page.selectOption('#dataset', 'text');
  await setField(page, 'epochs', 3);
  await page.click('#train');
  await page.waitForFunction(() => /^Done/.test(document.getElementById('status')!.textContent ?? ''), null, {
    timeout: 60_000,
  });
  assert.match((await page.textContent('#forecast-chart')) ?? '', /Predicted next symbols/);
  await page.waitForFunction(() => document.querySelectorAll('#heatmaps svg').length === 6, null, { timeout: 10_000 });
  await page.selectOption('#dataset', 'csv');
  const rows = Array.from({ length: 60 }, (_, i) => `${i},${(10 + 5 * Math.sin(i / 3) + i / 10).toFixed(3)}`);
  await page.fill('#csv', `t,value\n${rows.join('\n')}`);
  await setField(page, 'epochs', 5);
  await page.click('#train');
  await page.waitForFunction(() => /^Done/.test(document.getElementById('status')!.textContent ?? ''), null, {
    timeout: 60_000,
  });
  assert.match((await page.textContent('#metrics table')) ?? '', /LSTM[\s\S]*persistence[\s\S]*drift[\s\S]*mean/);
  // A bad setting is reported, not thrown.
  await page.fill('#lookback', '0');
  await page.click('#train');
  assert.match((await page.textContent('#status')) ?? '', /Lookback.*not valid/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the dev server (npm run web) serves the page, the module worker and the embedded datasets', async () => {
  const dev = await startDevServer();
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(dev.url);
    await page.selectOption('#dataset', 'shampoo');
    await setField(page, 'epochs', 3);
    await page.click('#train');
    await waitForStatus(page, /^Done after 3 epochs/, 60_000);
    assert.match((await page.textContent('#metrics table')) ?? '', /LSTM[\s\S]*persistence/);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await dev.close();
  }
});
