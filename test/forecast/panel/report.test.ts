// The panel report: one self-contained page with the summary, the problems and a page per shown
// series (the worst first), ids escaped, paging without a network.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forecastPanel } from '../../../src/forecast/panel/forecast-panel.js';
import { panelReport } from '../../../src/forecast/panel/report.js';
import { panelSummaryLines } from '../../../src/forecast/panel/summary-text.js';

const wave = (n: number, shift: number) =>
  Float64Array.from({ length: n }, (_, t) => 100 + shift + 10 * Math.sin(t / 2 + shift) + t / 4);

test('panelReport shows the worst and best series one by one, escaping ids', async () => {
  const series = [
    ...Array.from({ length: 6 }, (_, i) => ({ id: `s${i}`, values: wave(60, i) })),
    { id: '<b>"x"</b>', values: wave(60, 9) },
    { id: 'short', values: wave(5, 0) },
  ];
  const r = await forecastPanel({ series }, { horizon: 6, season: 1, models: ['Naive2', 'SES'], pages: 2 });
  assert.equal(r.pages.length, 4);
  assert.deepEqual(
    r.pages.map((p) => p.group),
    ['worst', 'worst', 'best', 'best'],
  );
  const smape = (id: string) =>
    (r.results!.find((x) => x.id === id)!.models![r.summary.chosen] as { smape: number }).smape;
  assert.ok(smape(r.pages[0].id) >= smape(r.pages[1].id) && smape(r.pages[2].id) <= smape(r.pages[3].id));
  const html = panelReport({ ...r, title: 'test <panel>' });
  assert.ok(!html.includes('<b>"x"</b>'), 'ids are escaped');
  assert.equal((html.match(/<section class="page"/g) ?? []).length, 4);
  assert.match(html, /<title>test &lt;panel&gt;<\/title>/);
  assert.match(html, /8 series: 7 scored by every model, 1 skipped/);
  assert.match(html, /<b>short<\/b> skipped: too short: 5 values/);
  assert.ok(!/https?:\/\//.test(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')), 'no network');
  const lines = panelSummaryLines(r);
  assert.match(
    lines.find((l) => l.startsWith('interval coverage'))!,
    /^interval coverage on the test parts: 80% nominal -> [\d.]+%, 95% nominal -> [\d.]+%$/,
  );
});
