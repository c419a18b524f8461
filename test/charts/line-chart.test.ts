// lineChart: standalone SVG with paths per series, clipping, markers, legend wrapping, escaping, no
// text under 11 px or outside the picture, and per-pixel downsampling that keeps every extreme.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { drawBand, drawIndices } from '../../src/charts/downsample.js';
import { type ChartSeries, lineChart } from '../../src/index.js';
import { fontSizes, outside, svgSize, texts } from './svg-checks.js';

const air = [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170];
const months = air.map((_, i) => Date.UTC(1949, i, 1));

function forecastSeries(): ChartSeries[] {
  const fx = [months.at(-1)!, Date.UTC(1950, 8, 1), Date.UTC(1950, 9, 1), Date.UTC(1950, 10, 1)];
  const f = [170, 160, 145, 130];
  return [
    {
      label: '95% interval',
      kind: 'band',
      x: fx,
      y: f.map((v, h) => v - 9 * h),
      y2: f.map((v, h) => v + 9 * h),
      opacity: 0.15,
    },
    {
      label: '80% interval',
      kind: 'band',
      x: fx,
      y: f.map((v, h) => v - 6 * h),
      y2: f.map((v, h) => v + 6 * h),
      opacity: 0.3,
    },
    { label: 'actual', x: months, y: air, color: '#222' },
    { label: 'LSTM forecast', x: fx, y: f, dashed: true },
    { label: 'seasonal naive forecast', x: fx, y: [170, 158, 133, 114] },
  ];
}

test('lineChart draws one path per line, one per band, markers, a clipPath, and escapes labels', () => {
  const svg = lineChart([...forecastSeries(), { label: 'a<b', x: [months[0]], y: [Number.NaN] }], {
    title: 'History & forecast',
    xScale: 'time',
    markers: [
      { x: months[12], label: 'test' },
      { x: months.at(-1)!, label: 'forecast start' },
    ],
  });
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  assert.equal((svg.match(/class="band"/g) ?? []).length, 2);
  assert.equal((svg.match(/class="line"/g) ?? []).length, 3, 'the all-NaN series draws nothing');
  assert.equal((svg.match(/class="lk-marker"/g) ?? []).length, 2);
  const clip = /<clipPath id="(lk\w+-clip)">/.exec(svg);
  assert.ok(clip);
  assert.ok(svg.includes(`clip-path="url(#${clip[1]})"`));
  assert.ok(svg.includes('a&lt;b') && svg.includes('History &amp; forecast'));
  assert.ok(!svg.includes('NaN') && !svg.includes('{id}'));
  assert.ok(
    texts(svg).some((t) => t.text === '1950'),
    'calendar tick label',
  );
});

test('at 340 px the legend wraps, marker labels do not overlap, and no text is below 11 px or outside', () => {
  for (const width of [340, 720]) {
    const svg = lineChart(forecastSeries(), {
      title: 'Airline passengers',
      xScale: 'time',
      width,
      yLabel: 'passengers',
      markers: [
        { x: months[16], label: 'test' },
        { x: months.at(-1)!, label: 'forecast start' },
      ],
    });
    assert.equal(svgSize(svg).width, width);
    assert.ok(Math.min(...fontSizes(svg)) >= 11, `font sizes ${fontSizes(svg)}`);
    assert.deepEqual(outside(svg), [], `width ${width}`);
    const legendRows = new Set(
      texts(svg)
        .filter((t) => /interval|actual|forecast$/.test(t.text))
        .map((t) => t.y),
    );
    assert.equal(legendRows.size > 1, width === 340, `legend rows at ${width}: ${[...legendRows]}`);
    const markers = texts(svg).filter((t) => t.text === 'test' || t.text === 'forecast start');
    assert.equal(markers.length, 2);
    const [a, b] = markers;
    assert.ok(a.y !== b.y || a.to + 4 < b.from || b.to + 4 < a.from, 'marker labels apart');
  }
});

test('a fixed yDomain clips the data to the plot area and sets the ticks', () => {
  const svg = lineChart([{ label: 'y', x: [0, 1, 2], y: [0, 5, 0.5] }], { yDomain: [0, 1] });
  const labels = texts(svg).map((t) => t.text);
  assert.ok(labels.includes('1.0') && !labels.includes('5'), labels.join(','));
});

test('log y axes skip non-positive values and label powers of ten', () => {
  const loss = Array.from({ length: 50 }, (_, i) => 0.5 * Math.exp(-i / 8));
  const svg = lineChart([{ label: 'loss', x: loss.map((_, i) => i + 1), y: [0, ...loss.slice(1)] }], { yScale: 'log' });
  const labels = texts(svg).map((t) => t.text);
  for (const l of ['0.001', '0.01', '0.1', '1']) assert.ok(labels.includes(l), labels.join(','));
  assert.ok(!svg.includes('NaN') && !svg.includes('Infinity'));
});

test('a 500,000-point series draws, stays small and keeps its extremes', () => {
  const n = 500_000;
  const x = Float64Array.from({ length: n }, (_, i) => Date.UTC(2000, 0, 1) + i * 3_600_000);
  const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 500));
  y[123_457] = 7; // one spike
  y[400_001] = -3;
  const svg = lineChart([{ label: 'hourly', x, y }], { xScale: 'time', width: 860 });
  assert.ok(svg.length < 120_000, `${svg.length} characters`);
  const d = /<path d="([^"]+)"[^>]*class="line"/.exec(svg)![1];
  const ys = [...d.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));
  assert.ok(ys.length <= 4 * 860, `${ys.length} points drawn`);
  const top = Math.min(...ys),
    bottom = Math.max(...ys);
  // The spike is the highest point and the dip the lowest: both survive downsampling.
  const labels = texts(svg).filter((t) => t.x < 60 && /^[−\d]/.test(t.text));
  assert.ok(labels.length >= 3);
  assert.ok(bottom - top > 100, `drawn from y=${top} to y=${bottom}`);
  const idx = drawIndices(x, y, (v) => ((v - x[0]) / (x[n - 1] - x[0])) * 800).flat();
  assert.ok(idx.includes(123_457) && idx.includes(400_001));
});

test('drawIndices and drawBand keep first/min/max/last per pixel column and split at gaps', () => {
  const x = [0, 0.1, 0.2, 0.3, 1, 1.1, 2, 3];
  const y = [5, 1, 9, 4, 2, Number.NaN, 3, 3];
  assert.deepEqual(
    drawIndices(x, y, (v) => v),
    [
      [0, 1, 2, 3, 4],
      [6, 7],
    ],
  );
  const b = drawBand([0, 0.5, 1, 1.5], [1, 0, 2, 3], [4, 6, 5, 5], (v) => v);
  assert.deepEqual(b, [{ x: [0, 1], lo: [0, 2], hi: [6, 5] }]);
});

test('lineChart names the series whose arrays do not match', () => {
  assert.throws(
    () => lineChart([{ label: 'bad', x: [1, 2], y: [1] }]),
    /series 0 \('bad'\).*x has 2 values but y has 1/,
  );
  assert.throws(() => lineChart([{ label: 'band', kind: 'band', x: [1, 2], y: [1, 2] }]), /needs y2/);
});

test('the same input gives the same SVG; different charts get different clip ids', () => {
  const a = lineChart(forecastSeries(), { xScale: 'time' });
  assert.equal(a, lineChart(forecastSeries(), { xScale: 'time' }));
  const b = lineChart(forecastSeries().slice(2), { xScale: 'time' });
  const id = (s: string) => /<clipPath id="(\w+)-clip"/.exec(s)![1];
  assert.notEqual(id(a), id(b));
});

test('chart sizes must be positive numbers of pixels', () => {
  assert.throws(
    () => lineChart([], { width: -5 }),
    /lineChart: width must be a number of pixels, at least 120; got -5/,
  );
  assert.throws(() => lineChart([], { height: Number.NaN }), /height must be a number of pixels/);
});
