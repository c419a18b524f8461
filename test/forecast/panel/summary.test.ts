// The panel summary against independent computations: m4Scores on the same forecasts (M4 Hourly
// series, so Naive2's seasonality test and MASE's m = 24 are exercised), ranks and wins by hand, and
// the intervals against calibratedWidths on errors divided by each series' scale.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { calibratedWidths } from '../../../src/forecast/conformal.js';
import { m4Scores } from '../../../src/forecast/m4.js';
import { maseScale } from '../../../src/forecast/metrics.js';
import { forecastPanel } from '../../../src/forecast/panel/forecast-panel.js';
import { minimumLength, resolvePanelSetup } from '../../../src/forecast/panel/options.js';
import type { SeriesResult } from '../../../src/forecast/panel/records.js';
import { summarizePanel } from '../../../src/forecast/panel/summary.js';
import { panelSummaryTable } from '../../../src/forecast/panel/summary-text.js';
import { m4Benchmarks } from '../../../src/forecast/stats/benchmarks.js';
import { readWideFile } from '../../../src/node/wide-file.js';

const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test('summary sMAPE, MASE and OWA equal m4Scores on the same forecasts (30 M4 Hourly series, m = 24)', async () => {
  const series = (await readWideFile('datasets/m4/Hourly-train.csv.gz')).slice(0, 30);
  const H = 48,
    m = 24;
  const names = ['Naive', 'sNaive', 'Naive2', 'SES', 'Theta'];
  const r = await forecastPanel({ series }, { horizon: H, season: m, models: names });
  const train = series.map((s) => s.values.subarray(0, s.values.length - H));
  const test = series.map((s) => s.values.subarray(s.values.length - H));
  const forecasts: Record<string, number[][]> = {};
  for (const b of m4Benchmarks({ season: m }))
    if (names.includes(b.name)) forecasts[b.name] = train.map((x) => b.predict(x, H));
  const want = m4Scores({ train, test, forecasts, season: m });
  for (const name of names) {
    const got = r.summary.models.find((x) => x.name === name)!;
    close(got.smape, want[name].smape);
    close(got.mase, want[name].mase);
    close(got.owa, want[name].owa);
  }
  assert.deepEqual(
    r.summary.models.map((x) => x.name),
    [...names].sort((a, b) => want[a].owa - want[b].owa),
  );
  assert.equal(r.summary.chosen, r.summary.models[0].name);
  const s0 = r.results![0];
  assert.equal(s0.scale, maseScale(train[0], m));
  assert.match(panelSummaryTable(r.summary).split('\n')[1], /^ {3}1 {2}\w+ \*/);
});

const score = (smape: number, mase: number, errors: number[], calibration: number[]) => ({
  smape,
  mase,
  errors,
  calibration,
});

test('ranks, wins and OWA by hand; a series some model failed on is left out of every mean', async () => {
  const results: SeriesResult[] = [
    {
      id: 'a',
      length: 20,
      scale: 1,
      models: { A: score(10, 1, [1], [1]), B: score(20, 2, [2], [-1]), Naive2: score(20, 4, [3], [2]) },
    },
    {
      id: 'b',
      length: 20,
      scale: 2,
      models: { A: score(30, 3, [-2], [4]), B: score(10, 1, [1], [-2]), Naive2: score(40, 2, [2], [0]) },
    },
    {
      id: 'c',
      length: 20,
      scale: 1,
      models: { A: { error: 'boom' }, B: score(5, 5, [9], [9]), Naive2: score(5, 5, [9], [9]) },
    },
    { id: 'd', length: 3, error: 'too short' },
  ];
  const setup = { models: ['A', 'B', 'Naive2'], futureModel: 'best', levels: [0.5], pages: 1, horizon: 1 };
  const { summary: s, pageRecords } = await summarizePanel(() => results, setup);
  assert.deepEqual([s.series, s.scored, s.skipped, s.partial], [4, 2, 1, 1]);
  const A = s.models.find((x) => x.name === 'A')!,
    B = s.models.find((x) => x.name === 'B')!;
  // means over a and b: A sMAPE 20, MASE 2; B 15, 1.5; Naive2 30, 3
  assert.deepEqual([A.smape, A.mase, B.smape, B.mase], [20, 2, 15, 1.5]);
  close(A.owa, 0.5 * (20 / 30 + 2 / 3));
  close(B.owa, 0.5 * (15 / 30 + 1.5 / 3));
  assert.deepEqual(
    s.models.map((x) => [x.name, x.rank]),
    [
      ['B', 1],
      ['A', 2],
      ['Naive2', 3],
    ],
  );
  // ranks by sMAPE: a: A 1, B 2.5, Naive2 2.5; b: B 1, A 2, Naive2 3
  assert.deepEqual([A.meanRank, B.meanRank, A.wins, B.wins, A.failed], [1.5, 1.75, 1, 1, 1]);
  assert.equal(s.chosen, 'B');
  // B's intervals, over every series B forecast (a, b and c): calibration errors / scale [-1, -1, 9]
  // give the level-0.5 width 1 (the 2nd smallest score of 3, times the step's scale 11/3)
  const cal = calibratedWidths([[-1 / 1, -2 / 2, 9 / 1]], [0.5]).widths;
  close(cal[0][0], 1);
  assert.deepEqual(s.intervals.testWidths, cal);
  // test errors / scale [2, 0.5, 9]: one of three within 1
  assert.deepEqual(s.intervals.coverage, [1 / 3]);
  assert.equal(s.intervals.series, 3);
  // pages: B's worst is 'c' (sMAPE 5 is lowest... worst is the highest sMAPE: a with 20)
  assert.deepEqual(s.pages, { worst: ['a'], best: ['c'] });
  assert.deepEqual(
    pageRecords.map((x) => x.id),
    ['a', 'c'],
  );
});

test('the minimum length and the auto season/horizon of panels with and without dates', () => {
  assert.equal(minimumLength(48, 24), 145);
  assert.equal(minimumLength(13, 1), 40);
  const noise = (t: number) => (Math.sin(t * 12.9898) * 43758.5453) % 1;
  const hourly = Array.from({ length: 500 }, (_, t) => 10 + 5 * Math.sin((2 * Math.PI * t) / 24) + noise(t));
  const setup = resolvePanelSetup({ series: [{ id: 'a', values: Float64Array.from(hourly) }] }, { models: ['SES'] });
  assert.equal(setup.season, 24);
  assert.equal(setup.horizon, 24);
  assert.deepEqual(setup.models, ['SES', 'Naive2']);
  assert.match(setup.decisions[0].why, /no dates; the shortest season found in 1 of 1 sampled series/);
  assert.throws(
    () => resolvePanelSetup({ series: [] }, { futureModel: 'Theta', models: ['SES'] }),
    /futureModel "Theta" is not among the models \(SES, Naive2\)/,
  );
  assert.throws(
    () => resolvePanelSetup({ series: [] }, { models: ['XGBoost'] }),
    /unknown model "XGBoost"; expected some of: LSTM, Naive/,
  );
});
