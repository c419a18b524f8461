// The forecast report's content: self-contained, the future fan after the history, the baselines'
// forecasts behind script-free checkboxes, coverage sentences equal to the numbers, the verdict box
// coloured by the verdict, one set of learning curves, every option used (and resolving them again
// reproduces the run's configuration), and a 500,000-point series drawn without error.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { configFromResolved, resolveForecastConfig } from '../../src/forecast/config.js';
import { type ForecastNumbers, forecast } from '../../src/forecast/forecast.js';
import { forecastReport } from '../../src/forecast/report.js';
import { forecastNumbers } from '../../src/forecast/report-data.js';
import { fanFigure, reportContext } from '../../src/forecast/report-sections.js';
import { forecastSummary } from '../../src/forecast/summary-text.js';
import { readCsvFile } from '../../src/node/csv-file.js';
import { outside } from '../charts/svg-checks.js';
import { syntheticResult } from '../helpers/forecast-result.js';

const table = readCsvFile('datasets/airline-passengers.csv', { dateColumns: ['Month'] });
const y = table.numeric.Passengers;
const dates = table.dates!.Month;
let r: ForecastNumbers;
let html: string;

before(async () => {
  r = forecastNumbers(await forecast(y, { dates, epochs: 12, repeats: 1, units: 8, seed: 3 }));
  html = forecastReport(y, r, { title: 'Passengers', dates, target: 'Passengers' });
});

/** The x coordinates (px) of the path data in an SVG group `<g class="lk-series ..." data-label="label">`. */
function groupXs(svg: string, label: string): number[] {
  const g = new RegExp(`<g class="lk-series lk-s\\d+" data-label="${label.replace(/[()×+]/g, '\\$&')}">(.*?)</g>`).exec(
    svg,
  );
  assert.ok(g, `a series '${label}' in the chart`);
  const xs: number[] = [];
  for (const d of g[1].matchAll(/ d="([^"]+)"/g))
    for (const m of d[1].matchAll(/[MLH]([-\d.]+)(?:,([-\d.]+))?/g)) xs.push(Number(m[1]));
  return xs;
}

test('the report is one self-contained page: no script, no external resource', () => {
  assert.match(html, /^<!doctype html>/);
  assert.doesNotMatch(html, /<script|<link|<iframe|@import|\burl\(\s*['"]?https?:/i);
  assert.doesNotMatch(html, /\s(src|href)="(https?:)?\/\//i);
  for (const id of ['future', 'test', 'residuals', 'components', 'training', 'data', 'options'])
    assert.match(html, new RegExp(`<section id="${id}">`));
});

test('every chart text fits its picture in the narrow (340 px) and wide (720 px) renderings', () => {
  const svgs = [...html.matchAll(/<svg xmlns[^>]*? width="(340|720)"[\s\S]*?<\/svg>/g)];
  assert.ok(svgs.length >= 2 * 10, `${svgs.length} renderings`);
  for (const [svg] of svgs) assert.deepEqual(outside(svg), [], svg.slice(0, 200));
});

test('the future fan (80% and 95%) starts after the last history value, with the LSTM forecast', () => {
  const svg = fanFigure(reportContext(y, r, { dates }), 720);
  const history = groupXs(svg, 'actual');
  const lastHistory = Math.max(...history);
  for (const label of ['80% interval (future)', '95% interval (future)']) {
    const band = groupXs(svg, label);
    assert.ok(band.length >= 2 * 12, `${label} has a point per future step on each side`);
    assert.ok(
      Math.min(...band) > lastHistory,
      `${label} starts at ${Math.min(...band)} after the history's end ${lastHistory}`,
    );
  }
  assert.ok(
    Math.min(...groupXs(svg, 'LSTM, next 12')) >= lastHistory - 0.1,
    'the forecast line starts at the last value',
  );
  assert.match(html, /<table class="lk-table" data-future="\[[-\d.,e]+\]">/);
  const shown = JSON.parse(/data-future="([^"]+)"/.exec(html)![1]);
  assert.deepEqual(shown, r.future.values);
});

test("the baselines' futures are behind checkboxes that work without a script; only the recommended one starts ticked", () => {
  const s = forecastSummary(r);
  const fan = fanFigure(reportContext(y, r, { dates }), 720);
  const id = /<figure class="lk-figure" id="(lk\w+)">/.exec(fan)![1];
  for (const m of r.models.slice(1)) {
    const chunk = fan.split('<label>').find((c) => c.includes(`${m.name}</label>`));
    const label = new RegExp(`^<input type="checkbox" id="${id}-(\\d+)"( checked)?>`).exec(chunk ?? '');
    assert.ok(label, `a checkbox for ${m.name}`);
    assert.equal(
      !!label[2],
      !s.lstmWins && s.best.name === m.name,
      `${m.name} starts ${label[2] ? 'shown' : 'hidden'}`,
    );
    assert.ok(
      fan.includes(`#${id}:has(#${id}-${label[1]}:not(:checked)) .lk-s${label[1]}{display:none}`),
      'a CSS rule hides it',
    );
  }
});

test('the coverage sentence states the numbers of the interval report', () => {
  const p = /<p data-coverage="([^"]*)">(.*?)<\/p>/.exec(html)!;
  const found = [...p[2].matchAll(/the (\d+)% interval covered (\d+)% \((\d+) of (\d+)\)/g)];
  const iv = r.intervals!;
  assert.equal(found.length, iv.levels.length);
  const total = r.origins.length * r.config.horizon;
  found.forEach((m, i) => {
    assert.equal(Number(m[1]), Math.round(iv.levels[i] * 100));
    assert.equal(Number(m[2]), Math.round(iv.coverage[i] * 100));
    assert.equal(Number(m[3]), Math.round(iv.coverage[i] * total));
    assert.equal(Number(m[4]), total);
  });
  assert.deepEqual(p[1].split(' ').map(Number), iv.coverage);
  assert.match(html, new RegExp(`calibrated on the ${r.config.calibration} values before the test part`));
});

test("the verdict box is green when the LSTM wins and red when a baseline beats it; sentences are the presenter's", () => {
  const box = (x: ForecastNumbers) => /<div class="lk-verdict (win|lose)"/.exec(forecastReport(y, x, { dates }))![1];
  const scaled = (k: number): ForecastNumbers => ({
    ...r,
    models: r.models.map((m, i) => (i === 0 ? { ...m, overall: { ...m.overall, rmse: m.overall.rmse * k } } : m)),
  });
  assert.equal(box(scaled(0)), 'win');
  assert.equal(box(scaled(100)), 'lose');
  assert.equal(box(r), forecastSummary(r).lstmWins ? 'win' : 'lose');
  const s = forecastSummary(r);
  const text = html.replace(/&#39;|&apos;/g, "'");
  for (const sentence of [s.verdict, ...s.warnings, ...s.decisions, s.futureNote])
    assert.ok(
      text.includes(
        sentence.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'),
      ),
      sentence,
    );
});

test('learning curves are drawn once (one chart, a narrow and a wide rendering) with the kept epoch', () => {
  const training = /<section id="training">([\s\S]*?)<\/section>/.exec(html)![1];
  assert.equal((training.match(/class="lk-responsive"/g) ?? []).length, 1);
  assert.equal((html.match(/<title>Learning curves/g) ?? []).length, 2);
  assert.match(training, new RegExp(`weights kept: epoch ${r.future.epochs[0]}<`));
});

test('the options table lists every option, and its JSON resolves to the same configuration', () => {
  const options = /<section id="options">([\s\S]*?)<\/section>/.exec(html)![1];
  const explicit = configFromResolved(r.config);
  for (const k of Object.keys(explicit)) assert.match(options, new RegExp(`<tr><td>${k}</td>`));
  const json = JSON.parse(/<pre class="lk-config">([^<]*)<\/pre>/.exec(options)![1].replace(/&quot;/g, '"'));
  assert.deepEqual(json, explicit);
  const again = resolveForecastConfig(y.slice(0, r.testStart), json, { dates: dates.slice(0, r.testStart) });
  assert.deepEqual({ ...again.config, test: r.config.test, calibration: r.config.calibration }, r.config);
});

test('the trend/season section follows the season: decomposed with one, a plain series chart without', () => {
  assert.match(html, /<section id="components"><h2>Trend and season<\/h2>/);
  assert.match(html, /multiplicative, by the season of 12/);
  const flat = syntheticResult(y, { horizon: 3, test: 24, calibration: 24, seasons: [] });
  const page = forecastReport(y, flat, { idPrefix: 'a-' });
  assert.match(page, /<section id="a-components"><h2>The series<\/h2>/);
  assert.match(page, /No season was found/);
});

test('a 500,000-point hourly series draws the whole report without error, its fan after the history', () => {
  const n = 500_000,
    t0 = Date.UTC(1970, 0, 1);
  const series = Array.from(
    { length: n },
    (_, t) =>
      100 +
      t / 5000 +
      10 * Math.sin((2 * Math.PI * t) / 24) +
      3 * Math.sin((2 * Math.PI * t) / 168) +
      Math.sin(t * 7.7),
  );
  const hours = series.map((_, t) => t0 + t * 3_600_000);
  const big = syntheticResult(series, { horizon: 24, test: 480, calibration: 480, seasons: [24, 168] });
  const page = forecastReport(series, big, { dates: hours, title: 'hourly' });
  assert.ok(page.length < 3_000_000, `${page.length} characters`);
  assert.match(page, /The last 288 of 500000 values/);
  assert.match(page, /additive, by the season of 168/);
  const svg = fanFigure(reportContext(series, big, { dates: hours }), 720);
  assert.ok(Math.min(...groupXs(svg, '80% interval (future)')) > Math.max(...groupXs(svg, 'actual')));
});
