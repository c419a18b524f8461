// End-to-end tests of the playground in a real browser (Chromium via playwright-core). Series go
// through lstmkit's forecaster: the page's forecast equals forecast() run in Node with the same
// options; the page stays responsive and reports each training; forecasters saved to IndexedDB or
// downloaded come back with the same forecast after a reload, and a folder written by lstmkit/node
// loads and forecasts. The memory and text demonstrations keep their own models. Screenshots go to
// test-results/.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { forecast, resolveForecastConfig, trainForecaster } from '../src/index.ts';
import { readCsvFile, saveForecaster } from '../src/node/index.ts';
import { assertClose } from '../test/helpers/close.ts';
import { buildPlayground, launch, repo, serveDist, startDevServer } from './harness.ts';

const shots = join(repo, 'test-results');
const airline = readCsvFile(join(repo, 'datasets/airline-passengers.csv'), { dateColumns: ['Month'] });
const y = airline.numeric.Passengers,
  dates = airline.dates!.Month;
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

/** The machine is shared and slow: browser waits are generous. */
const LONG = 600_000;

async function waitForStatus(page: Page, pattern: RegExp, timeout = LONG): Promise<void> {
  await page.waitForFunction(
    (src) => new RegExp(src).test(document.getElementById('status')!.textContent ?? ''),
    pattern.source,
    { timeout },
  );
}

/** The future values the page shows (full precision, from the table's data-future). */
const futureValues = (page: Page): Promise<number[]> =>
  page.$eval('#future table', (t) => JSON.parse(t.getAttribute('data-future') ?? '[]') as number[]);

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
  await page.click(selector, { timeout: 30_000 });
  return page.evaluate(() => (window as unknown as { latency: number }).latency);
}

test('airline: the forecaster trains in a worker with DEFAULTS, reports each training, stays responsive, pauses; Stop cancels', async () => {
  const { page, errors } = await openPage();
  await page.selectOption('#dataset', 'airline');
  // the form shows DEFAULTS: 'auto' fields empty
  assert.deepEqual(
    await page.$$eval('#lookback, #horizon, #units, #epochs, #batchSize, #learningRate, #repeats', (els) =>
      els.map((e) => (e as HTMLInputElement).value),
    ),
    ['', '', '32', '200', '', '0.003', '3'],
  );
  await page.click('#train');
  await waitForStatus(
    page,
    /^Training LSTM, evaluation model, member 1 of 3 \(training 1 of 15\): epoch ([3-9]|\d\d+)\//,
  );
  const t0 = Date.now();
  const pauseLatency = await clickLatency(page, '#pause');
  await page.waitForFunction(() => document.getElementById('pause')!.textContent === 'Resume', null, {
    timeout: 30_000,
  });
  const roundTrip = Date.now() - t0;
  const midStatus = await page.textContent('#status');
  const resumeLatency = await clickLatency(page, '#pause');
  console.log(
    `click latency: pause ${pauseLatency.toFixed(1)} ms, resume ${resumeLatency.toFixed(1)} ms, round trip through the driver ${roundTrip} ms`,
  );
  assert.ok(pauseLatency < 200 && resumeLatency < 200, `clicks handled in ${pauseLatency} and ${resumeLatency} ms`);
  assert.match(midStatus ?? '', /Paused/);
  await waitForStatus(page, /epoch (1\d|[2-9]\d|\d{3,})\//);
  const losses = await page.$eval(
    '#loss-chart',
    (el) => JSON.parse((el as HTMLElement).dataset.losses ?? '[]') as number[],
  );
  assert.ok(losses.length >= 10 && losses.every((l) => Number.isFinite(l) && l > 0), 'every epoch logged a loss');
  await page.click('#stop');
  await waitForStatus(page, /^Stopped: the forecast was cancelled/);
  assert.equal(await page.isDisabled('#train'), false);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the page's forecast is forecast() run in Node with the form's options; saved to IndexedDB and as a zip, it comes back after a reload", async () => {
  const { page, errors } = await openPage();
  await page.selectOption('#dataset', 'airline');
  await page.fill('#epochs', '10');
  await page.fill('#repeats', '1');
  await page.click('#train');
  await waitForStatus(page, /^Done: 7 models compared walk-forward; the next 12 values are below/);
  const shown = await futureValues(page);
  const r = await forecast(y, { dates, epochs: 10, repeats: 1 });
  console.log(
    `future: page ${shown.slice(0, 3).map((v) => v.toFixed(3))}, node ${r.future.values.slice(0, 3).map((v) => v.toFixed(3))}`,
  );
  assert.equal(shown.length, 12);
  assertClose(shown, r.future.values, { rtol: 1e-6 }, 'future');
  // the report's blocks: verdict coloured by it, the fan after the history, coverage, every model ranked
  const verdict = await page.getAttribute('#verdict .lk-verdict', 'data-verdict');
  assert.equal(verdict, r.models[0].overall.rmse <= Math.min(...r.models.map((m) => m.overall.rmse)) ? 'win' : 'lose');
  const fan = (await page.evaluate(`(() => {
    const host = document.getElementById('forecast-chart');
    const band = host.querySelector('g[data-label="80% interval (future)"] path').getBoundingClientRect();
    const actual = host.querySelector('g[data-label="actual"] path').getBoundingClientRect();
    return { band: { width: band.width, height: band.height, left: band.left }, actual: { right: actual.right } };
  })()`)) as { band: { width: number; height: number; left: number }; actual: { right: number } };
  assert.ok(fan.band.width > 5 && fan.band.height > 5 && fan.band.left >= fan.actual.right - 1, JSON.stringify(fan));
  const coverage = (await page.getAttribute('#metrics p[data-coverage]', 'data-coverage'))!.split(' ').map(Number);
  assert.deepEqual(coverage, r.intervals!.coverage);
  const ranking = (await page.textContent('#metrics table[data-ranking]')) ?? '';
  for (const m of r.models) assert.ok(ranking.includes(m.name), m.name);
  await page.waitForFunction(() => document.querySelectorAll('#heatmaps svg.lk-chart').length === 6, null, {
    timeout: LONG,
  });
  assert.equal(await page.locator('#diagram svg rect.lk-node').count(), 3);
  // the same HTML report as the CLI, offered as a download
  const [report] = await Promise.all([page.waitForEvent('download'), page.click('#download-report')]);
  assert.equal(report.suggestedFilename(), 'Passengers-report.html');
  await page.screenshot({ path: join(shots, 'playground-airline.png'), fullPage: true });

  await page.fill('#model-name', 'airline-e2e');
  await page.click('#save-idb');
  await waitForStatus(page, /^Saved 'airline-e2e' in this browser/, 60_000);
  const dir = mkdtempSync(join(tmpdir(), 'lstmkit-downloads-'));
  try {
    const [zip] = await Promise.all([page.waitForEvent('download'), page.click('#save-file')]);
    assert.equal(zip.suggestedFilename(), 'airline-e2e.zip');
    const zipPath = join(dir, 'airline-e2e.zip');
    await zip.saveAs(zipPath);
    await page.reload();
    await page.selectOption('#dataset', 'airline');
    await page.fill('#model-name', 'airline-e2e');
    await page.click('#load-idb');
    await waitForStatus(page, /^Loaded IndexedDB 'airline-e2e' and forecast Airline/);
    assert.deepEqual(await futureValues(page), shown, 'the forecaster from IndexedDB forecasts the same');
    // trained on every value, so scoring the same file warns
    assert.match((await page.textContent('#verdict')) ?? '', /were used to train this model/);
    await page.setInputFiles('#load-zip', zipPath);
    await waitForStatus(page, /^Loaded airline-e2e\.zip/);
    assert.deepEqual(await futureValues(page), shown, 'the downloaded folder forecasts the same');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('a forecaster folder written by lstmkit/node (a forecast --out folder) loads in the page and forecasts the chosen dataset', async () => {
  const { config } = resolveForecastConfig(y, { epochs: 4, repeats: 2, units: 8 }, { dates });
  const f = await trainForecaster(y.slice(0, 120), config, undefined, { dates });
  const dir = mkdtempSync(join(tmpdir(), 'lstmkit-folder-'));
  try {
    await saveForecaster(f, join(dir, 'run', 'model'), { target: 'Passengers', date: 'Month', features: [] });
    const { page, errors } = await openPage();
    await page.selectOption('#dataset', 'airline');
    await page.setInputFiles('#load-folder', join(dir, 'run'));
    await waitForStatus(page, /^Loaded folder run and forecast Airline/);
    const shown = await futureValues(page);
    const expected = f.predict(y, 12);
    assertClose(shown, expected, { rtol: 1e-6 }, 'future');
    assert.equal(shown.length, 12);
    // trained on the first 120 values; the page scores the last 29, which begin at 115: 5 overlap
    assert.match((await page.textContent('#verdict')) ?? '', /5 of the scored values were used to train this model/);
    const table = (await page.textContent('#metrics table')) ?? '';
    for (const name of ['LSTM ×2', 'persistence', 'seasonal naive (m=12)']) assert.ok(table.includes(name), name);
    await page.waitForFunction(() => document.querySelectorAll('#heatmaps svg.lk-chart').length === 6, null, {
      timeout: LONG,
    });
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('memory demonstration: a unit holds the first symbol until the end', async () => {
  const { page, errors } = await openPage();
  await page.selectOption('#dataset', 'memory');
  await page.click('#train');
  await waitForStatus(page, /^Done/);
  await page.waitForFunction(() => document.querySelectorAll('#heatmaps svg.lk-chart').length === 6, null, {
    timeout: LONG,
  });
  const note = (await page.textContent('#memory-note')) ?? '';
  console.log(note);
  const accuracy = (await page.textContent('#metrics')) ?? '';
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
  assert.ok(await page.isDisabled('#save-idb'), 'a demonstration is not a forecaster to save');
  await page.locator('#inside-card').screenshot({ path: join(shots, 'playground-memory-inside.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('text sample and pasted CSV: the demonstration trains its own model; the pasted series is forecast', async () => {
  const { page, errors } = await openPage();
  await page.selectOption('#dataset', 'text');
  await page.fill('#epochs', '3');
  await page.click('#train');
  await waitForStatus(page, /^Done after 3 epochs/);
  assert.match((await page.textContent('#forecast-chart')) ?? '', /Predicted next symbols/);
  await page.waitForFunction(() => document.querySelectorAll('#heatmaps svg.lk-chart').length === 6, null, {
    timeout: LONG,
  });
  await page.selectOption('#dataset', 'csv');
  const rows = Array.from({ length: 60 }, (_, i) => `${i},${(10 + 5 * Math.sin(i / 3) + i / 10).toFixed(3)}`);
  await page.fill('#csv', `t,value\n${rows.join('\n')}`);
  await page.fill('#epochs', '5');
  await page.fill('#repeats', '1');
  await page.click('#train');
  await waitForStatus(page, /^Done/);
  const table = (await page.textContent('#metrics table')) ?? '';
  for (const name of ['LSTM', 'persistence', 'drift', 'mean']) assert.ok(table.includes(name), name);
  // A bad setting is reported, not thrown; a bad option is the library's error
  await page.fill('#lookback', '0');
  await page.click('#train');
  assert.match((await page.textContent('#status')) ?? '', /Lookback.*not valid/);
  await page.fill('#lookback', '50');
  await page.click('#train');
  await page.waitForFunction(() => document.getElementById('status')!.classList.contains('error'), null, {
    timeout: LONG,
  });
  assert.match((await page.textContent('#status')) ?? '', /lookback/);
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
    await page.fill('#epochs', '3');
    await page.fill('#repeats', '1');
    await page.click('#train');
    await waitForStatus(page, /^Done/);
    assert.match((await page.textContent('#metrics table')) ?? '', /LSTM[\s\S]*persistence/);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await dev.close();
  }
});
