// End-to-end: forecast() on the airline passengers data with its defaults, asserting real numbers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forecast } from '../../src/forecast/forecast.js';
import { trainNeural } from '../../src/forecast/neural.js';
import { forecastReport, metricsTable } from '../../src/forecast/report.js';
import { readCsvFile } from '../../src/node/csv-file.js';
import { assertClose } from '../helpers/close.js';

const y = readCsvFile('datasets/airline-passengers.csv', { dateColumns: ['Month'] }).numeric.Passengers;

test('forecast() on airline passengers: LSTM beats persistence, baselines match hand-computed values', async () => {
  const r = await forecast(y, { test: 24, seed: 42 });
  const rmse = (name: string) => r.models.find((m) => m.name === name)!.overall.mean.rmse;
  // Hand-computed from the last 24 months: sqrt(mean((y[t] - y[t-1])²)) and sqrt(mean((y[t] - y[t-12])²)).
  assertClose(rmse('persistence'), 51.781994940326506, { rtol: 1e-12 });
  assertClose(rmse('seasonal naive (m=12)'), 49.98666488841466, { rtol: 1e-12 });
  assert.equal(r.season, 12);
  assert.equal(r.lookback, 12);
  assert.equal(r.difference, true);
  const lstm = r.models[0].overall.mean.rmse;
  assert.ok(lstm < 30, `LSTM test RMSE ${lstm} (measured 23.29 with seed 42)`);
  assert.ok(r.skill > 0.4, `skill ${r.skill}`);
  assert.deepEqual(r.warnings, []);
  assert.match(r.verdict, /linear model is enough|beats/);
  // conformal intervals: 95% wider than 80%, the next value inside both
  assert.equal(r.future.values.length, 1);
  assert.ok(r.intervals.widths[1][0] >= r.intervals.widths[0][0]);
  assert.ok(r.future.lower[1][0] < r.future.values[0] && r.future.values[0] < r.future.upper[1][0]);
  assert.ok(r.future.values[0] > 380 && r.future.values[0] < 480, `next month ${r.future.values[0]}`);
  const html = forecastReport(y, r, { title: 'airline' });
  assert.equal((html.match(/<svg /g) ?? []).length, 4); // history, learning curves, residuals, diagnosis
  assert.match(html, /Training diagnosis/);
  assert.match(metricsTable(r), /persistence\s+44\.208\s+51\.782/);
});

test('forecast() warns when the LSTM does not beat persistence or tracks the truth one step late', async () => {
  // a random walk: nothing beats persistence, and a model of the level repeats the last value
  let v = 100;
  const walk = Array.from({ length: 80 }, (_, t) => (v += Math.sin(t * 12.9898) * 3));
  const r = await forecast(walk, { test: 20, lookback: 3, epochs: 20, mlp: false, difference: false, seed: 1 });
  assert.ok(
    r.warnings.some((w) => /does not beat persistence|shifted by one step/.test(w)),
    r.warnings.join('; '),
  );
});

test('recursive and encoder-decoder strategies forecast 3 steps; same seed, same numbers', async () => {
  for (const strategy of ['recursive', 'encoder-decoder'] as const) {
    const a = await trainNeural(y.slice(0, 120), {
      kind: 'lstm',
      lookback: 12,
      horizon: 3,
      strategy,
      difference: true,
      epochs: 15,
      units: 8,
      seed: 3,
    });
    const b = await trainNeural(y.slice(0, 120), {
      kind: 'lstm',
      lookback: 12,
      horizon: 3,
      strategy,
      difference: true,
      epochs: 15,
      units: 8,
      seed: 3,
    });
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
  const f = await trainNeural(y.slice(0, 120), {
    kind: 'lstm',
    lookback: 6,
    horizon: 1,
    covariates: cov,
    epochs: 5,
    units: 4,
  });
  assert.deepEqual(f.spec.covariateRange, { lo: [0], hi: [1] });
  assert.equal(f.predictAt(y, [130], cov)[0].length, 1);
  assert.throws(() => f.predictAt(y, [130]), /covariate/);
});

test('patience stops training early on the validation loss; dropout trains', async () => {
  const f = await trainNeural(y.slice(0, 120), {
    kind: 'lstm',
    lookback: 12,
    horizon: 1,
    difference: true,
    epochs: 300,
    units: 8,
    patience: 3,
    learningRate: 0.01,
    seed: 2,
  });
  assert.ok(f.history.epoch.length < 300, `stopped after ${f.history.epoch.length} epochs`);
  const d = await trainNeural(y.slice(0, 120), {
    kind: 'lstm',
    lookback: 12,
    horizon: 1,
    difference: true,
    epochs: 5,
    units: 8,
    dropout: 0.2,
    seed: 2,
  });
  assert.ok(Number.isFinite(d.predictAt(y, [130])[0][0]));
});
