// End-to-end: forecast() on the airline passengers data with its defaults, asserting real numbers;
// strategies, covariates, early stopping and saved forecasters through the one definition.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveForecastConfig } from '../../src/forecast/config.js';
import { forecast } from '../../src/forecast/forecast.js';
import { forecastReport, metricsTable } from '../../src/forecast/report.js';
import { forecasterArtifacts, restoreForecaster, trainingOverlap } from '../../src/forecast/saved.js';
import { forecastSummary } from '../../src/forecast/summary-text.js';
import { trainForecaster } from '../../src/forecast/neural.js';
import { readCsvFile } from '../../src/node/csv-file.js';
import { assertClose } from '../helpers/close.js';

const table = readCsvFile('datasets/airline-passengers.csv', { dateColumns: ['Month'] });
const y = table.numeric.Passengers;
const dates = table.dates!.Month;

test('forecast() on airline passengers: 12 months ahead, baselines match hand-computed values, the future comes from all 144 values', async () => {
  const r = await forecast(y, { dates, epochs: 60, repeats: 2, seed: 42 });
  assert.equal(r.config.horizon, 12);
  assert.equal(r.config.season, 12);
  assert.equal(r.config.lookback, 12);
  // the defaults: the global LSTM's normalization (log, level-free windows), a trend so no level input
  assert.equal(r.config.scaling, 'window');
  assert.equal(r.config.power, 'log');
  assert.equal(r.config.levelInput, false);
  assert.equal(r.config.difference, false);
  assert.equal(r.config.test, 29);
  assert.equal(r.config.calibration, 29);
  assert.equal(r.testStart, 115);
  assert.equal(r.calibrationStart, 86);
  assert.equal(r.origins.length, 18);
  const rmse = (name: string) => r.models.find((m) => m.name === name)!.overall.rmse;
  // hand-computed: persistence forecasts y[o-1] for every step of origin o (origins 115..132, steps 0..11)
  let se = 0,
    k = 0;
  for (let o = 115; o <= 132; o++) for (let h = 0; h < 12; h++, k++) se += (y[o + h] - y[o - 1]) ** 2;
  assertClose(rmse('persistence'), Math.sqrt(se / k), { rtol: 1e-12 });
  se = 0;
  k = 0;
  for (let o = 115; o <= 132; o++) for (let h = 0; h < 12; h++, k++) se += (y[o + h] - y[o + h - 12]) ** 2;
  assertClose(rmse('seasonal naive (m=12)'), Math.sqrt(se / k), { rtol: 1e-12 });
  const lstm = r.models[0].overall.rmse;
  assert.ok(lstm < 60, `LSTM test RMSE ${lstm}`);
  assert.ok(lstm < rmse('persistence'), 'the LSTM beats persistence');
  // the future: 12 values from the final model trained on all 144 values, inside 95% intervals
  assert.equal(r.future.values.length, 12);
  assert.equal(r.finalModel.fitted.training.length, 144);
  assert.equal(r.evaluationModel.fitted.training.length, 115);
  assert.deepEqual(r.future.epochs, r.evaluationModel.fitted.epochsKept);
  assert.ok(
    r.future.values.every((v) => v > 350 && v < 800),
    `next year ${r.future.values}`,
  );
  for (let h = 0; h < 12; h++) {
    assert.ok(r.future.lower[1][h] < r.future.lower[0][h] && r.future.upper[0][h] < r.future.upper[1][h]);
    assert.ok(r.future.lower[0][h] < r.future.values[h] && r.future.values[h] < r.future.upper[0][h]);
  }
  // intervals: widths grow with the step; coverage on the test part is reported per level
  const w = r.intervals!.test.widths[0];
  assert.ok(w[11] >= w[0]);
  assert.equal(r.intervals!.coverage.length, 2);
  assert.ok(r.intervals!.coverage.every((c) => c >= 0 && c <= 1));
  const s = forecastSummary(r);
  assert.equal(s.ranking.length, r.models.length);
  assert.equal(s.best.name, s.ranking[0].name);
  assert.ok(s.decisions.some((d) => /^season 12: /.test(d)));
  assert.ok(s.decisions.some((d) => /^power log: every value is > 0/.test(d)));
  assert.ok(s.decisions.some((d) => /^levelInput false: a straight line explains \d+%/.test(d)));
  const html = forecastReport(y, r, { title: 'airline', dates });
  assert.match(html, /80% interval \(future\)/);
  assert.match(html, /class="lk-verdict (win|lose)"/);
  // one chart of learning curves, rendered narrow and wide (test/forecast/report-page.test.ts)
  assert.equal((html.match(/<title>Learning curves/g) ?? []).length, 2, 'learning curves drawn once');
  assert.match(metricsTable(r), /^horizon\s+model\s+MAE/);
});

test('the saved forecaster restores bit-identical forecasts and knows its training span', async () => {
  const { config } = resolveForecastConfig(y, { epochs: 5, repeats: 2, units: 8 }, { dates });
  const f = await trainForecaster(y.slice(0, 120), config, undefined, { dates });
  const a = forecasterArtifacts(f);
  // the spec goes through JSON as it does on disk
  const g = await restoreForecaster({ spec: JSON.parse(JSON.stringify(a.spec)), members: a.members });
  assert.deepEqual(g.predictAt(y, [120, 130]), f.predictAt(y, [120, 130]));
  // scoring from 100 on the same file overlaps 20 training values; from 120 on, none
  assert.equal(trainingOverlap(g.fitted.training, y, 100, dates).overlap, 20);
  assert.equal(trainingOverlap(g.fitted.training, y, 120, dates).overlap, 0);
  // without dates the training values are recognised by their hash
  assert.equal(trainingOverlap(g.fitted.training, y, 110).overlap, 10);
  assert.equal(
    trainingOverlap(
      g.fitted.training,
      y.map((v) => v + 1),
      110,
    ).overlap,
    0,
  );
});

test('recursive and encoder-decoder strategies forecast 3 steps; same seed, same numbers', async () => {
  for (const strategy of ['recursive', 'encoder-decoder'] as const) {
    const { config } = resolveForecastConfig(y, {
      horizon: 3,
      strategy,
      epochs: 15,
      units: 8,
      repeats: 1,
      seed: 3,
      difference: true,
    });
    const a = await trainForecaster(y.slice(0, 120), config);
    const b = await trainForecaster(y.slice(0, 120), config);
    const pa = a.predictAt(y, [120, 130]),
      pb = b.predictAt(y, [120, 130]);
    assert.equal(pa[0].length, 3);
    assert.ok(
      pa.flat().every((v) => v > 250 && v < 700),
      `${strategy}: ${pa}`,
    );
    assert.deepEqual(pa, pb);
  }
});

test('covariates enter the LSTM input and must be passed to predictAt', async () => {
  const cov = y.map((_, t) => [t % 12 === 6 ? 1 : 0]);
  const { config } = resolveForecastConfig(y, { lookback: 6, horizon: 1, epochs: 5, units: 4, repeats: 1 });
  const f = await trainForecaster(y.slice(0, 120), config, cov);
  assert.deepEqual(f.fitted.inputs.covariateRange, { lo: [0], hi: [1] });
  assert.equal(f.predictAt(y, [130], 1, cov)[0].length, 1);
  assert.throws(() => f.predictAt(y, [130]), /covariate/);
});

test('patience stops training early on the holdout and keeps the best epoch; dropout trains', async () => {
  const { config } = resolveForecastConfig(y, {
    horizon: 1,
    epochs: 300,
    units: 8,
    patience: 3,
    learningRate: 0.01,
    seed: 2,
    repeats: 1,
    difference: true,
  });
  const f = await trainForecaster(y.slice(0, 120), config);
  const h = f.fitted.histories[0];
  const val = h.history['val_loss'];
  assert.ok(h.epoch.length < 300, `stopped after ${h.epoch.length} epochs`);
  assert.equal(f.fitted.epochsKept[0], val.indexOf(Math.min(...val)) + 1);
  const d = await trainForecaster(y.slice(0, 120), { ...config, epochs: 5, dropout: 0.2, recurrentDropout: 0.1 });
  assert.ok(Number.isFinite(d.predictAt(y, [130])[0][0]));
});

test('evaluateForecaster scores a trained forecaster beside the baselines and warns on its training values', async () => {
  const { evaluateForecaster } = await import('../../src/forecast/evaluate.js');
  const { walkForwardForecasts, scoreWalkForward, testOrigins } = await import('../../src/forecast/walk-forward.js');
  const { config } = resolveForecastConfig(y, { epochs: 3, repeats: 1, units: 4 }, { dates });
  const f = await trainForecaster(y.slice(0, 120), config, undefined, { dates });
  const e = await evaluateForecaster(f, y, { test: 24, dates });
  assert.equal(e.warning, null);
  assert.equal(e.models[0].name, f.name);
  assert.deepEqual(
    e.models.map((m) => m.kind),
    ['lstm', ...e.models.slice(1).map(() => 'baseline')],
  );
  const o = testOrigins(144, 24, 12);
  assert.equal(e.models[0].overall.rmse, scoreWalkForward(y, o, walkForwardForecasts(y, f, o, 12), 120, 12).overall.rmse);
  const onTraining = await evaluateForecaster(f, y, { test: 30, dates });
  assert.match(onTraining.warning ?? '', /^6 of the scored values were used to train this model/);
  await assert.rejects(evaluateForecaster(f, y, { test: 140 }), /leave the 12 values the forecaster needs/);
});
