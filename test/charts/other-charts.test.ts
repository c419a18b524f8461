// barChart, histogramChart, acfChart, heatmapChart, toggles and the responsive pair: counts and sizes
// checked against the data, colour scales at their ends, no text under 11 px or outside the picture.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  acfChart,
  autocorrelations,
  barChart,
  heatmapChart,
  histogramChart,
  responsiveChart,
  Rng,
  toggleableLineChart,
} from '../../src/index.js';
import { fontSizes, outside, svgSize, texts } from './svg-checks.js';

const attr = (el: string, k: string) => Number(new RegExp(` ${k}="([-\\d.]+)"`).exec(el)![1]);

test('barChart draws one bar per (category, series) with heights proportional to the values', () => {
  const svg = barChart(
    ['t+1', 't+2', 't+3'],
    [
      { label: 'LSTM', values: [10, 20, 5] },
      { label: 'persistence', values: [12, 18, 30] },
    ],
    { title: 'RMSE by horizon step', yLabel: 'RMSE', width: 340 },
  );
  const bars = [...svg.matchAll(/<rect x[^>]*>(?=<title>)/g)].map((m) => m[0]);
  assert.equal(bars.length, 6);
  const h = bars.map((b) => attr(b, 'height'));
  assert.ok(Math.abs(h[1] / h[0] - 2) < 0.02, `20 is twice 10: ${h[1]} vs ${h[0]}`);
  assert.ok(Math.abs(h[5] / h[2] - 6) < 0.05, `30 is six times 5: ${h[5]} vs ${h[2]}`);
  assert.deepEqual(outside(svg), []);
  assert.ok(Math.min(...fontSizes(svg)) >= 11);
  assert.throws(
    () => barChart(['a'], [{ label: 'x', values: [1, 2] }]),
    /series 0 \('x'\) has 2 values for 1 categories/,
  );
});

test('histogramChart counts every value once (500,000 values) and overlays the normal density', () => {
  const rng = new Rng(3);
  const values = Float64Array.from({ length: 500_000 }, () => rng.uniform() + rng.uniform());
  const svg = histogramChart(values, { title: 'residuals', normal: true });
  const counts = [...svg.matchAll(/<title>[-\d.e]+ to [-\d.e]+: (\d+)<\/title>/g)].map((m) => Number(m[1]));
  assert.equal(
    counts.reduce((a, b) => a + b, 0),
    500_000,
  );
  assert.ok(svg.includes('stroke-dasharray="4 2"'), 'normal curve');
  assert.ok(svg.length < 20_000);
  assert.throws(() => histogramChart([Number.NaN]), /at least one finite value/);
});

test('acfChart draws lags 1..K as stems and the ±1.96/√n band at the right height', () => {
  const rng = new Rng(5);
  const noise = Array.from({ length: 400 }, () => rng.uniform() - 0.5);
  const acf = Array.from(autocorrelations(noise, 20));
  const svg = acfChart(acf, { sampleSize: noise.length, title: 'ACF' });
  const stems = /<path d="((?:M[\d.]+,[\d.]+V[\d.]+)+)"/.exec(svg)![1].match(/M/g)!.length;
  assert.equal(stems, 20);
  // The band spans ±1.96/√400 = ±0.098: its top and bottom sit symmetric around the zero line.
  const band = /<path d="M([\d.]+),([\d.]+)L[\d.]+,[\d.]+L[\d.]+,([\d.]+)/.exec(svg)!;
  const stemZero = Number(/M[\d.]+,([\d.]+)V/.exec(svg)![1]);
  const upper = Number(band[2]),
    lower = Number(band[3]);
  assert.ok(Math.abs(stemZero - upper - (lower - stemZero)) < 0.3, `${upper} ${stemZero} ${lower}`);
  assert.throws(() => acfChart(acf, { sampleSize: 1 }), /sampleSize must be the series length/);
});

test('heatmapChart: one cell per value, colours at the scale ends, a colour legend, labels inside', () => {
  const values = Array.from({ length: 16 }, (_, r) => Array.from({ length: 12 }, (_, c) => ((r + c) % 11) / 10));
  values[0][0] = 0;
  values[0][1] = 1;
  const cols = Array.from({ length: 12 }, (_, c) => `1959-${String(c + 1).padStart(2, '0')}`);
  for (const width of [320, 640]) {
    const svg = heatmapChart({ values, scale: 'unit', title: 'forget gate f', columnLabels: cols, width });
    assert.equal((svg.match(/<rect class="cell"/g) ?? []).length, 16 * 12);
    const fills = [...svg.matchAll(/<rect class="cell"[^>]* fill="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(fills[0], 'rgb(255, 255, 255)');
    assert.equal(fills[1], 'rgb(18, 122, 134)');
    assert.ok(svg.includes('<linearGradient') && /lk-color-legend/.test(svg));
    assert.ok(svgSize(svg).width <= width + 0.5, `${svgSize(svg).width} fits ${width}`);
    assert.deepEqual(outside(svg), [], `width ${width}`);
    assert.ok(
      texts(svg).some((t) => t.text === '1959-01'),
      'first column label drawn',
    );
    assert.ok(Math.min(...fontSizes(svg)) >= 11);
  }
  const signed = heatmapChart({ values: [[-2, 0, 2]], scale: 'signed' });
  const f = [...signed.matchAll(/<rect class="cell"[^>]* fill="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(f, ['rgb(47, 109, 181)', 'rgb(255, 255, 255)', 'rgb(210, 74, 43)']);
  assert.throws(() => heatmapChart({ values: [[1, 2], [3]], scale: 'unit' }), /row 1 has 1 values but row 0 has 2/);
});

test('toggleableLineChart: a checkbox per series (hidden ones unticked) and a :has() rule per series', () => {
  const html = toggleableLineChart(
    [
      { label: 'actual', x: [1, 2, 3], y: [1, 2, 3] },
      { label: 'seasonal naive', x: [1, 2, 3], y: [1, 1, 2] },
    ],
    { title: 'History', hidden: ['seasonal naive'] },
  );
  const id = /<figure class="lk-figure" id="(\w+)">/.exec(html)![1];
  assert.ok(html.includes(`<input type="checkbox" id="${id}-0" checked>`));
  assert.ok(html.includes(`<input type="checkbox" id="${id}-1">`));
  assert.ok(html.includes(`#${id}:has(#${id}-1:not(:checked)) .lk-s1{display:none}`));
  assert.ok(html.includes('class="lk-series lk-s1"'));
  assert.ok(!/class="lk-legend/.test(html), 'the checkboxes replace the SVG legend');
});

test('responsiveChart renders the chart at the narrow and the wide width', () => {
  const html = responsiveChart((width) => barChart(['a'], [{ label: 'x', values: [1] }], { width }));
  const widths = [...html.matchAll(/<svg[^>]* width="([\d.]+)"/g)].map((m) => Number(m[1]));
  assert.deepEqual(widths, [340, 720]);
  assert.ok(html.startsWith('<div class="lk-responsive"><div class="lk-narrow">'));
});
