// The pieces of the M4 statistical benchmarks against R (fixtures/r-reference.json, made by
// fixtures/make-r-reference.R with R 4.2 and forecast 8.20): Nelder-Mead as optim, classical
// decomposition as decompose, the M4 seasonality test, ETS fits as ets/ses/holt, every benchmark's
// forecasts series by series, and automatic ETS's model choice.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, DataError } from '../../../src/errors.js';
import { autoEts, selectEts } from '../../../src/forecast/stats/auto-ets.js';
import { comb, holt, holtDamped, m4Benchmarks, naive2, ses, theta } from '../../../src/forecast/stats/benchmarks.js';
import { classicalDecomposition } from '../../../src/forecast/stats/decompose.js';
import { etsForecast, etsName, fitEts } from '../../../src/forecast/stats/ets-fit.js';
import { etsFilter, etsPointForecast } from '../../../src/forecast/stats/ets-model.js';
import { linearTrend } from '../../../src/forecast/stats/linear-trend.js';
import { localForecaster } from '../../../src/forecast/stats/local-model.js';
import { nelderMead } from '../../../src/forecast/stats/nelder-mead.js';
import { largestRootModulus } from '../../../src/forecast/stats/poly-roots.js';
import { seasonallyAdjusted } from '../../../src/forecast/stats/seasonal-adjustment.js';
import { seasonalityTest } from '../../../src/forecast/seasonality.js';
import { readCsvFile } from '../../../src/node/csv-file.js';
import { readWideFile } from '../../../src/node/wide-file.js';
import { assertClose } from '../../helpers/close.js';
import { R_REFERENCE } from './m4-helpers.js';

const airline = Float64Array.from(
  readCsvFile('datasets/airline-passengers.csv', { dateColumns: ['Month'] }).numeric.Passengers,
);
const hourly = readWideFile('datasets/m4/Hourly-train.csv.gz');
const weekly = readWideFile('datasets/m4/Weekly-train.csv.gz');
const series = async (id: string) => (await (id[0] === 'H' ? hourly : weekly)).find((s) => s.id === id)!.values;

test('nelderMead follows R optim(method = "Nelder-Mead") on Rosenbrock, evaluation for evaluation', () => {
  const rosen = (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
  const r = nelderMead(rosen, [-1.2, 1]);
  const ref = R_REFERENCE.optimRosenbrock;
  assert.equal(r.evaluations, ref.count);
  assertClose(r.x, ref.par, { rtol: 1e-12 }, 'par');
  assertClose(r.value, ref.value, { rtol: 1e-9 }, 'value');
  const q = nelderMead((x) => (x[0] - 1) ** 2 + (x[1] + 2) ** 2, [0, 0]);
  assertClose(q.x, [1, -2], { atol: 1e-3 }, 'TSDoc example');
  assert.throws(() => nelderMead(() => Number.NaN, [1]), DataError);
  assert.throws(() => nelderMead((x) => x[0], []), ConfigError);
});

test("classicalDecomposition gives R decompose()'s multiplicative figure on the airline series", () => {
  assertClose(
    classicalDecomposition(airline, 12, 'multiplicative').figure,
    R_REFERENCE.airlineFigure,
    { rtol: 1e-12 },
    'figure',
  );
  assertClose(classicalDecomposition([1, 3, 1, 3, 1, 3], 2, 'multiplicative').figure, [0.5, 1.5], { rtol: 1e-12 });
  const add = classicalDecomposition([1, 3, 1, 3, 1, 3], 2, 'additive').figure;
  assertClose(add, [-1, 1], { atol: 1e-12 });
  assert.throws(() => classicalDecomposition([1, 2, 3], 2, 'additive'), /2 seasons/);
});

test("seasonalityTest marks the same 413 of 414 M4 Hourly series seasonal as the organisers' R code", async () => {
  const marked = (await hourly).filter((s) => seasonalityTest(s.values, 24)).map((s) => s.id);
  assert.deepEqual(marked, R_REFERENCE.hourlySeasonal);
  const sine = Array.from({ length: 96 }, (_, t) => 10 + Math.sin((2 * Math.PI * t) / 12));
  assert.equal(seasonalityTest(sine, 12), true);
  assert.equal(seasonalityTest(sine.slice(0, 35), 12), false, 'fewer than 3 seasons');
  assert.equal(seasonalityTest(sine, 1), false);
});

test("fitEts(A,N,N, criterion mse) finds R ses()'s parameters and MSE on M4 W1", async () => {
  const fit = fitEts(
    await series('W1'),
    { error: 'A', trend: 'N', season: 'N', damped: false, period: 1 },
    { criterion: 'mse' },
  );
  assertClose([fit.params.alpha, fit.state.length], [R_REFERENCE.sesW1.par[0], 1], { rtol: 1e-9 }, 'alpha');
  assertClose(fit.mse, R_REFERENCE.sesW1.mse, { rtol: 1e-12 }, 'mse');
  const line = fitEts([3, 5, 4, 6, 5, 7, 6, 8, 7, 9, 8, 10], {
    error: 'A',
    trend: 'A',
    season: 'N',
    damped: false,
    period: 1,
  });
  assert.equal(etsName(line.spec), 'A,A,N');
  assertClose(etsForecast(line, 2), [9.967, 10.5], { rtol: 1e-3 }, 'TSDoc example');
  const ramp = Array.from({ length: 12 }, (_, t) => t + 1);
  assertClose(etsForecast(fitEts(ramp, line.spec), 1), [13], { rtol: 1e-6 });
  assert.throws(() => fitEts([1, 2, 3], line.spec), /needs at least 9 values/);
  assert.throws(() => fitEts([1, -2, 3, 4, 5, 6, 7, 8], { ...line.spec, error: 'M', trend: 'N' }), /positive/);
});

test('every M4 benchmark forecasts each reference series as R does (4 Hourly, 4 Weekly)', async () => {
  for (const [id, expected] of Object.entries(R_REFERENCE.benchmarks as Record<string, Record<string, number[]>>)) {
    const y = await series(id);
    const season = id[0] === 'H' ? 24 : 1;
    const horizon = id[0] === 'H' ? 48 : 13;
    for (const model of m4Benchmarks({ season }).slice(2)) {
      assertClose(model.predict(y, horizon), expected[model.name], { rtol: 1e-7 }, `${id} ${model.name}`);
    }
  }
});

test("autoEts chooses R ets()'s model, parameters and AICc, and forecasts as R (airline, W1, W100, H200)", async () => {
  const cases: [string, Float64Array, number][] = [
    ['airline', airline, 12],
    ['W1', await series('W1'), 1],
    ['W100', await series('W100'), 1],
    ['H200', await series('H200'), 24],
  ];
  for (const [name, y, season] of cases) {
    const ref = R_REFERENCE.autoEts[name];
    const fit = selectEts(y, season);
    assert.ok(fit);
    assert.equal(`ETS(${etsName(fit.spec)})`, ref.method, name);
    assertClose(fit.aicc, ref.aicc, { rtol: 1e-8 }, `${name} aicc`);
    const p = fit.params;
    const mine = [
      p.alpha,
      fit.spec.trend !== 'N' ? p.beta : 0,
      fit.spec.season !== 'N' ? p.gamma : 0,
      fit.spec.damped ? p.phi : 0,
    ];
    assertClose(mine, ref.par, { rtol: 1e-6, atol: 1e-9 }, `${name} parameters`);
    // R's forecast(): point forecasts, or the class-3 mean for M error and season (airline), 2m + 1 ahead
    assertClose(etsForecast(fit, ref.mean.length), ref.mean, { rtol: 1e-7 }, `${name} forecasts`);
  }
  const f = autoEts({ season: 12 }).predict(airline, 12);
  assert.equal(f.length, 12);
  assert.ok(f.every((v) => v > 300 && v < 700));
  assert.deepEqual(autoEts().predict([5, 5, 5, 5, 5, 5, 5, 5, 5, 5], 2), [5, 5], 'a constant series');
  assert.equal(selectEts(Float64Array.from({ length: 40 }, (_, t) => 10 + t))?.spec.trend, 'A');
  assert.throws(() => autoEts({ season: 0 }), ConfigError);
});

test('the ETS recursions and point forecasts as in the TSDoc examples', () => {
  const spec = { error: 'A', trend: 'A', season: 'N', damped: false, period: 1 } as const;
  assert.deepEqual(etsPointForecast(new Float64Array([10, 1]), spec, 1, 3), [11, 12, 13]);
  // damped: 10 + (φ + φ² + ... + φ^h)·1
  assertClose(etsPointForecast([10, 1], { ...spec, damped: true }, 0.5, 3), [10.5, 10.75, 10.875], { rtol: 1e-15 });
  // seasonal (additive): the forecast h steps ahead reuses the season m − h steps back
  const seas = { error: 'A', trend: 'N', season: 'A', damped: false, period: 3 } as const;
  assert.deepEqual(etsPointForecast([10, 3, 2, 1], seas, 1, 4), [11, 12, 13, 11]);
  const r = etsFilter([1, 2, 3], { ...spec, trend: 'N' }, { alpha: 1, beta: 0, gamma: 0, phi: 1 }, [1]);
  assert.deepEqual(Array.from(r.state), [3]);
  assertClose(r.amse[0], (0 + 1 + 1) / 3, { rtol: 1e-15 }, 'one-step MSE');
});

test('largestRootModulus and linearTrend', () => {
  assertClose(largestRootModulus([1, 0, -4]), 2, { rtol: 1e-10 });
  assertClose(largestRootModulus([1, -6, 11, -6]), 3, { rtol: 1e-10 }, '(x-1)(x-2)(x-3)');
  assertClose(largestRootModulus([1, 0, 0, 0, 0.0625]), 0.5, { rtol: 1e-10 }, 'x⁴ + 1/16');
  assert.deepEqual(linearTrend([3, 5, 7]), { intercept: 1, slope: 2 });
  assert.throws(() => linearTrend([1]), DataError);
});

test('localForecaster estimates on the history it is given; predict after fit estimates once', () => {
  let estimates = 0;
  const f = localForecaster('last', (y) => {
    estimates++;
    return (h) => new Array(h).fill(y[y.length - 1]);
  });
  f.fit([1, 2]);
  assert.deepEqual(f.predict([1, 2], 2), [2, 2]);
  assert.equal(estimates, 1);
  assert.deepEqual(f.predict([1, 2, 7], 1), [7]);
  assert.equal(estimates, 2);
  assert.throws(() => f.predict([1, Number.NaN], 1), /value 1 is NaN/);
  assert.throws(() => f.predict([], 1), DataError);
  assert.throws(() => f.predict([1], 0), ConfigError);
});

test('seasonallyAdjusted and the benchmark factories as in their TSDoc examples', () => {
  const last = seasonallyAdjusted((y) => (h) => new Array(h).fill(y[y.length - 1]), 2);
  const alternating = Float64Array.from({ length: 40 }, (_, t) => (t % 2 ? 3 : 1));
  assertClose(last(alternating)(3), [1, 3, 1], { rtol: 1e-12 });
  assert.deepEqual(naive2().predict([1, 2, 5], 2), [5, 5]);
  const line = Array.from({ length: 10 }, (_, t) => t + 1);
  assertClose(holt().predict(line, 2), [11, 12], { rtol: 1e-3 });
  assertClose(theta().predict(line, 2), [10.5, 11], { rtol: 1e-4 });
  assertClose(holtDamped().predict(line, 2), [10.89, 11.76], { rtol: 1e-3 });
  assertClose(ses().predict([3, 5, 4, 6, 5, 7, 6, 8], 1), [7.228], { rtol: 1e-3 });
  assertClose(comb().predict(line, 1), [(ses().predict(line, 1)[0] + 11 + 10.89) / 3], { rtol: 1e-3 });
  assert.deepEqual(
    m4Benchmarks({ season: 24 }).map((b) => b.name),
    ['Naive', 'sNaive', 'Naive2', 'SES', 'Holt', 'Damped', 'Theta', 'Com'],
  );
  assert.throws(() => naive2({ season: 0 }), ConfigError);
});
