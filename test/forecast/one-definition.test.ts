// The one-definition rule of the forecaster, item by item of the issue that introduced it: every
// consumer (forecast, tune, train, the CLI) resolves the same configuration from the same rules,
// rules have one home in the source tree, library errors speak the API's words, verdicts rank every
// model that ran, and the diagnosis compares the loss with predicting the mean.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  autoBatchSize,
  DEFAULTS,
  DIFFERENCE_THRESHOLD,
  resolveForecastConfig,
  testSize,
  trendShare,
} from '../../src/forecast/config.js';
import { diagnose } from '../../src/forecast/diagnose.js';
import { detectShift } from '../../src/forecast/diagnostics.js';
import type { ForecastResult, ModelResult } from '../../src/forecast/forecast.js';
import { buildForecastModel } from '../../src/forecast/model.js';
import { forecastSummary, rankModels } from '../../src/forecast/summary-text.js';
import { tuneSplit } from '../../src/forecast/tune/trial.js';
import { tune } from '../../src/forecast/tune/tune.js';
import type { History } from '../../src/model/callbacks.js';

/** A line plus a sine: a straight line explains `share` of the variance (by construction, ≈). */
function trendy(n: number, slope: number): number[] {
  return Array.from({ length: n }, (_, t) => slope * t + 10 * Math.sin(t * 2.1));
}

test('the trend rule has one threshold: forecast and tune resolve the same choice (R² between 0.3 and 0.5)', async () => {
  const y = trendy(120, 0.25);
  const r2 = trendShare(y.slice(0, 96));
  assert.ok(r2 > DIFFERENCE_THRESHOLD && r2 < 0.5, `R² ${r2}`);
  // under the default window scaling the same test keeps the level out of the inputs
  const w = resolveForecastConfig(y, { season: 1 }).config;
  assert.equal(w.scaling, 'window');
  assert.equal(w.levelInput, false);
  assert.equal(w.difference, false);
  const o = { season: 1, units: 4, epochs: 1, repeats: 1, scaling: 'minMax' } as const;
  const f = resolveForecastConfig(y, o).config;
  assert.equal(f.difference, true);
  const t = await tune(y, { ...o, search: 'grid', space: { units: [4] } });
  assert.equal(t.context.base.difference, f.difference);
  assert.deepEqual(t.context.base, f);
});

test('dropout has one meaning: the builder gives every LSTM layer input dropout, no separate Dropout layer', () => {
  const m = buildForecastModel(
    { ...DEFAULTS, units: 4, layers: 2, dropout: 0.2, recurrentDropout: 0.1 },
    { lookback: 5, features: 1, outputs: 3 },
  );
  assert.deepEqual(
    m.layers.map((l) => l.className),
    ['LSTM', 'LSTM', 'Dense'],
  );
  const cfg = m.layers[0].getConfig() as { dropout: number; recurrentDropout: number };
  assert.equal(cfg.dropout, 0.2);
  assert.equal(cfg.recurrentDropout, 0.1);
});

test('each rule has one home in src/, cli/ and web/ (test size, lookback, differencing threshold, season, defaults)', () => {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) {
        if (n !== 'generated' && n !== 'dist' && n !== 'node_modules') walk(p);
      } else if (/\.ts$/.test(n)) files.push(p);
    }
  };
  for (const d of ['src', 'cli', 'web']) walk(d);
  const hits = (re: RegExp) => files.filter((f) => re.test(readFileSync(f, 'utf8')));
  assert.deepEqual(hits(/[<>] DIFFERENCE_THRESHOLD\b/), ['src/forecast/config.ts']);
  assert.deepEqual(hits(/trendShare\(/), ['src/forecast/config.ts']);
  // (model.fit's own Keras default, epochs 1, is not a forecasting default)
  assert.deepEqual(hits(/\b(epochs|units|learningRate) \?\? \d/), ['src/model/model.ts']);
  assert.deepEqual(hits(/Math\.round\([a-zA-Z.]+ \* (0\.2|options\.testFraction|o\.testFraction)\)/), [
    'src/forecast/config.ts',
  ]);
  assert.deepEqual(
    hits(/\bdetectSeason\(/).filter((f) => !/baselines\.ts$|season/.test(f)),
    [],
  );
  assert.equal(testSize(144, 12, 0.2), 29);
  assert.equal(autoBatchSize(100), 16);
  assert.equal(autoBatchSize(3000), 64);
});

test('library errors name options, never CLI flags', () => {
  const y = trendy(30, 1);
  assert.throws(
    () => resolveForecastConfig(y, { lookback: 25, test: 5, horizon: 1 }),
    (e: Error) => {
      assert.match(e.message, /lookback 25 \+ horizon 1 needs at least/);
      assert.doesNotMatch(e.message, /--/);
      return true;
    },
  );
  assert.throws(() => resolveForecastConfig(y, { units: 0 }), /units must be a positive integer, got 0/);
  assert.throws(() => resolveForecastConfig(y, { bogus: 1 } as never), /unknown option 'bogus'/);
});

test('the default horizon is one season and the lookback never becomes a long season', () => {
  const monthly = Array.from({ length: 144 }, (_, t) => 100 + t + 20 * Math.sin((2 * Math.PI * t) / 12));
  const m = resolveForecastConfig(monthly, { season: 12 }).config;
  assert.deepEqual([m.horizon, m.lookback], [12, 12]);
  const daily = Array.from({ length: 3650 }, (_, t) => 10 + 5 * Math.sin((2 * Math.PI * t) / 365.25));
  const d = resolveForecastConfig(daily, { season: 365 }).config;
  assert.equal(d.horizon, 1, 'no short season and no dates: one step');
  assert.equal(d.lookback, 12);
  assert.deepEqual(d.seasonalFeatures, [365]);
  assert.equal(resolveForecastConfig(monthly, { season: 1 }).config.horizon, 1);
  // the validation part of tune is forecast's calibration part
  const split = tuneSplit(144, m);
  assert.deepEqual([split.trainEnd, split.validationEnd], [86, 115]);
});

function model(name: string, kind: ModelResult['kind'], rmse: number): ModelResult {
  const s = { mae: rmse, rmse, mape: 1, smape: 1, mase: 1 };
  return { name, kind, perHorizon: [s], overall: s, memberSpread: null, predictions: [], future: [] };
}

function fakeResult(models: ModelResult[], loss: number[], meanLoss: number, skill: number): ForecastResult {
  const history: History = {
    epoch: loss.map((_, i) => i),
    history: { loss },
    params: { epochs: loss.length, steps: 1, samples: 1 },
  };
  return {
    models,
    history,
    meanLoss,
    skill,
    shift: null,
    intervals: null,
    decisions: [],
    config: { ...DEFAULTS, horizon: 1, test: 10, calibration: 0 },
    calibrationStart: 90,
    origins: [90],
    future: { values: [1], lower: [], upper: [], trainedOn: 100, epochs: [5] },
  } as unknown as ForecastResult;
}

test('the verdict ranks every model that ran and recommends the best, without contradictory advice', () => {
  const loss = Array.from({ length: 30 }, (_, i) => 1 / (i + 1) + 0.1);
  // the plain mean is best: recommend it (not the linear AR)
  const a = forecastSummary(
    fakeResult(
      [
        model('LSTM', 'lstm', 5),
        model('MLP', 'mlp', 6),
        model('persistence', 'baseline', 7),
        model('mean', 'baseline', 3),
        model('linear AR(12)', 'baseline', 4),
      ],
      loss,
      10,
      0.3,
    ),
  );
  assert.equal(a.best.name, 'mean');
  assert.match(a.verdict, /^Use mean: it beats the LSTM/);
  assert.ok(!a.advice.some((x) => /keep this setup/.test(x)), a.advice.join('; '));
  // an MLP worse than persistence is never recommended
  const b = forecastSummary(
    fakeResult([model('LSTM', 'lstm', 9), model('MLP', 'mlp', 8), model('persistence', 'baseline', 5)], loss, 10, -0.8),
  );
  assert.equal(b.best.name, 'persistence');
  assert.ok(b.warnings.some((w) => /does not beat persistence/.test(w)));
  assert.ok(!b.advice.some((x) => /keep this setup/.test(x)));
  // the LSTM wins with a good fit: keep the setup
  const c = forecastSummary(fakeResult([model('LSTM', 'lstm', 2), model('persistence', 'baseline', 5)], loss, 10, 0.6));
  assert.equal(c.lstmWins, true);
  assert.deepEqual(c.advice, ['keep this setup']);
  assert.deepEqual(
    rankModels([model('a', 'baseline', Number.NaN), model('b', 'baseline', 2)]).map((m) => m.name),
    ['b', 'a'],
  );
});

test('the persistence-trap warning needs a positive correlation with the previous value above the one with the target', () => {
  // the case from the issue: both correlations negative (-0.078 with the target, -0.239 with the previous value)
  const actual = [1, 3, 2, 5, 4, 6, 5, 7],
    predicted = [2.9, 1.2, 4.8, 2.1, 5.9, 4.2, 6.8, 5.1];
  const s = detectShift(actual, predicted, 0);
  assert.ok(s.lag1 > s.lag0 || s.lag1 <= 0);
  const neg = detectShift([1, 2, 3, 4, 5], [5, 4, 3, 2, 1], 0);
  assert.ok(neg.lag1 < 0 && neg.shifted === false);
  assert.equal(detectShift([1, 3, 2, 5, 4], [0, 1, 3, 2, 5], 0).shifted, true);
});

test('the diagnosis calls a loss no better than predicting the mean underfit, even when it is smooth', () => {
  const loss = Array.from({ length: 40 }, (_, i) => 0.5 + 0.1 / (i + 1));
  assert.equal(
    diagnose({ epoch: loss.map((_, i) => i), history: { loss }, params: { epochs: 40, steps: 1, samples: 1 } }).verdict,
    'good fit',
  );
  const d = diagnose(
    { epoch: loss.map((_, i) => i), history: { loss }, params: { epochs: 40, steps: 1, samples: 1 } },
    { baselineLoss: 0.52 },
  );
  assert.equal(d.verdict, 'underfit');
  assert.match(d.evidence[0], /that of a trivial predictor/);
});

test('docs/forecasting.md shows the defaults table generated from DEFAULTS (npm run docs:defaults)', async () => {
  const { DEFAULTS_TABLE_MARKERS, defaultsTable } = await import('../../src/forecast/defaults-table.js');
  const doc = readFileSync('docs/forecasting.md', 'utf8');
  const [start, end] = DEFAULTS_TABLE_MARKERS;
  assert.equal(doc.slice(doc.indexOf(start) + start.length, doc.indexOf(end)).trim(), defaultsTable());
  assert.match(defaultsTable(), /\| `units` \| `--units` \| `32` \|/);
});
