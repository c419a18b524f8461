// tune(): the search finds the known-best setting of a synthetic problem, never reads the test
// part, aggregates repeats as mean ± std, and resumes from a log without rerunning finished trials.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readTrialLog, tuneWithLog } from '../../src/node/tune-workers.js';
import { Rng } from '../../src/rng.js';
import { configKey, type TuneConfig } from '../../src/tune/space.js';
import { defaultBuilder, type TrialRecord, tuneSplit } from '../../src/tune/trial.js';
import { bestConfigJson, formatLeaderboard, leaderboard } from '../../src/tune/leaderboard.js';
import { tune } from '../../src/tune/tune.js';

/**
 * A seasonal AR at lag 4: y[t] = 0.9 y[t-4] + e[t]. Its lag-1..3 autocorrelations are 0, so a
 * lookback of 1 can do no better than the mean (RMSE ≈ std y ≈ 2.3 std e) while a lookback of 4
 * sees y[t-4] (RMSE ≈ std e); a rate of 1e-5 barely moves the weights in 25 epochs. The unique best
 * of lookback {1, 4} × learningRate {1e-5, 1e-2} is lookback 4 with rate 1e-2.
 */
function seasonalAr(n: number, seed: number): number[] {
  const rng = new Rng(seed);
  const y = [0, 1, -1, 0.5];
  for (let t = 4; t < n; t++) y.push(0.9 * y[t - 4] + 0.3 * rng.normal());
  return y;
}

const space = { lookback: [1, 4], learningRate: [1e-5, 1e-2], units: [8], epochs: [25], batchSize: [16] };
const opts = {
  space,
  strategy: 'grid' as const,
  repeats: 2,
  difference: false,
  test: 20,
  validation: 30,
  compareDefaults: false,
  earlyStopping: false as const,
};

test('tune() finds the known-best lookback and learning rate of a seasonal AR(4) (grid, 2 repeats)', async () => {
  const series = seasonalAr(160, 7);
  const r = await tune(defaultBuilder, series, opts);
  assert.equal(r.leaderboard.length, 4);
  assert.equal(r.records.length, 8);
  assert.equal(r.best.config.lookback, 4, formatLeaderboard(r));
  assert.equal(r.best.config.learningRate, 1e-2, formatLeaderboard(r));
  // unambiguous: the runner-up is clearly worse than the best even allowing for the spread of repeats
  const second = r.leaderboard[1];
  assert.ok(second.rmseMean > 1.3 * r.best.rmseMean, formatLeaderboard(r));
  // mean ± std are those of the two repeats
  const mine = r.records.filter((x) => x.key === r.best.key).map((x) => x.rmse);
  assert.equal(mine.length, 2);
  assert.ok(Math.abs(r.best.rmseMean - (mine[0] + mine[1]) / 2) < 1e-12);
  assert.ok(Math.abs(r.best.rmseStd - Math.abs(mine[0] - mine[1]) / Math.SQRT2) < 1e-12);
  const json = bestConfigJson(r);
  assert.equal(json.forecast.lookback, 4);
  assert.equal(json.forecast.test, 20);
  assert.match(formatLeaderboard(r), /val RMSE \(mean ± std\)/);
});

test('tune() never reads the test part: changing it changes no trial', async () => {
  const series = seasonalAr(120, 3);
  const other = [...series.slice(0, 100), ...series.slice(100).map((v) => v * 100 + 7)];
  const o = { ...opts, space: { ...space, lookback: [4], learningRate: [1e-2], epochs: [5] }, repeats: 1 };
  const a = await tune(defaultBuilder, series, o);
  const b = await tune(defaultBuilder, other, o);
  assert.equal(a.context.split.validationEnd, 100);
  assert.equal(a.best.rmseMean, b.best.rmseMean);
  assert.deepEqual(tuneSplit(120, { test: 20, validation: 30, horizon: 1 }).origins.slice(0, 2), [70, 71]);
});

test('resume: tune() skips jobs already in `previous` and the log; tuneWithLog appends only new trials', async () => {
  const series = seasonalAr(100, 5);
  const o = {
    ...opts,
    space: { lookback: [2, 4], learningRate: [1e-2], units: [4], epochs: [3], batchSize: [32] },
    validation: 20,
  };
  const ran: TrialRecord[] = [];
  const first = await tune(defaultBuilder, series, { ...o, onTrial: (r) => ran.push(r) });
  assert.equal(ran.length, 4);
  const again: TrialRecord[] = [];
  const second = await tune(defaultBuilder, series, { ...o, previous: ran.slice(0, 3), onTrial: (r) => again.push(r) });
  assert.equal(second.skipped, 3);
  assert.equal(again.length, 1);
  assert.equal(again[0].key, ran[3].key);
  assert.deepEqual(
    leaderboard(second.records).map((x) => x.rmseMean),
    leaderboard(first.records).map((x) => x.rmseMean),
  );

  const dir = mkdtempSync(join(tmpdir(), 'lstmkit-tune-'));
  try {
    const logFile = join(dir, 'trials.jsonl');
    // stop after the first finished trial, as Ctrl-C does: one trial in the log, three pending
    const stop = new AbortController();
    const stopped = await tuneWithLog(defaultBuilder, series, {
      ...o,
      logFile,
      workers: 0,
      signal: stop.signal,
      onTrial: () => stop.abort(),
    });
    assert.equal(stopped.pending, 3);
    assert.equal(readTrialLog(logFile).records.length, 1);
    const fresh: TrialRecord[] = [];
    const partial = await tuneWithLog(defaultBuilder, series, {
      ...o,
      logFile,
      workers: 0,
      onTrial: (r) => fresh.push(r),
    });
    assert.equal(partial.skipped, 1);
    assert.equal(fresh.length, 3);
    assert.equal(readTrialLog(logFile).records.length, 4, readFileSync(logFile, 'utf8'));
    const resumed = await tuneWithLog(defaultBuilder, series, {
      ...o,
      logFile,
      workers: 0,
      onTrial: () => assert.fail('a finished trial ran again'),
    });
    assert.equal(resumed.skipped, 4);
    assert.equal(readTrialLog(logFile).records.length, 4);
    // a different series is refused instead of mixing logs
    await assert.rejects(
      tuneWithLog(
        defaultBuilder,
        series.map((v) => v + 1),
        { ...o, logFile, workers: 0 },
      ),
      /other data or options/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('workerRunner: trials on 2 worker threads give the same records as in this thread; a stopped run resumes from its log', async () => {
  const series = seasonalAr(100, 11);
  const o = {
    ...opts,
    space: { lookback: [2, 4], learningRate: [1e-2], units: [4], epochs: [3], batchSize: [32] },
    validation: 20,
    repeats: 2,
  };
  const dir = mkdtempSync(join(tmpdir(), 'lstmkit-tune-'));
  try {
    const logFile = join(dir, 'trials.jsonl');
    const stop = new AbortController();
    let n = 0;
    const stopped = await tuneWithLog(defaultBuilder, series, {
      ...o,
      logFile,
      workers: 2,
      signal: stop.signal,
      onTrial: () => void (++n === 2 && stop.abort()),
    });
    assert.ok(stopped.pending >= 1 && stopped.pending <= 2, `pending ${stopped.pending}`);
    const done = readTrialLog(logFile).records.length;
    const fresh: TrialRecord[] = [];
    const resumed = await tuneWithLog(defaultBuilder, series, {
      ...o,
      logFile,
      workers: 2,
      onTrial: (r) => fresh.push(r),
    });
    assert.equal(resumed.skipped, done);
    assert.equal(fresh.length, 4 - done);
    assert.equal(resumed.pending, 0);
    const inline = await tune(defaultBuilder, series, o);
    const byId = (rs: TrialRecord[]) => Object.fromEntries(rs.map((r) => [`${r.key}#${r.repeat}`, r.rmse]));
    assert.deepEqual(byId(resumed.records), byId(inline.records));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runTrial and tune() reject bad input with clear errors', async () => {
  const base: TuneConfig = {
    difference: 0,
    units: 4,
    layers: 1,
    lookback: 50,
    learningRate: 0.01,
    batchSize: 8,
    dropout: 0,
    epochs: 1,
  };
  const series = seasonalAr(60, 1);
  await assert.rejects(
    tune(defaultBuilder, series, { space: { lookback: [50] }, strategy: 'grid', test: 10, validation: 10 }),
    /lookback 50 leaves fewer than 4 training windows/,
  );
  await assert.rejects(tune(defaultBuilder, [1, 2, Number.NaN], {}), /non-finite value/);
  assert.throws(() => tuneSplit(20, { test: 10, validation: 8, horizon: 1 }), /leaves 2 training values/);
  assert.equal(configKey(base).split(' ').length, 8);
});
