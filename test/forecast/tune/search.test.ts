// tune(): the search finds the known-best setting of a synthetic problem, never reads the test
// part, scores a configuration as the forecaster does (median of members), recommends the defaults
// unless a searched configuration reliably wins, resumes from a log, and a trial is exactly
// forecast()'s training (identical weights).

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveForecastConfig } from '../../../src/forecast/config.js';
import { forecast } from '../../../src/forecast/forecast.js';
import {
  bestConfigJson,
  formatLeaderboard,
  type LeaderboardRow,
  leaderboard,
  recommend,
} from '../../../src/forecast/tune/leaderboard.js';
import { type TrialRecord, trainTrial, tuneConfigOf, tuneSplit } from '../../../src/forecast/tune/trial.js';
import { tune } from '../../../src/forecast/tune/tune.js';
import { readTrialLog, tuneWithLog } from '../../../src/node/tune-workers.js';
import { Rng } from '../../../src/rng.js';

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
const base = { horizon: 1, season: 1, difference: false, test: 20, calibration: 30, repeats: 2, patience: 0 } as const;
const opts = { ...base, space, search: 'grid' as const, compareDefaults: false };

test('tune() finds the known-best lookback and learning rate of a seasonal AR(4) (grid, 2 members)', async () => {
  const series = seasonalAr(160, 7);
  const r = await tune(series, opts);
  assert.equal(r.leaderboard.length, 4);
  assert.equal(r.records.length, 8);
  assert.equal(r.best.config.lookback, 4, formatLeaderboard(r.leaderboard));
  assert.equal(r.best.config.learningRate, 1e-2, formatLeaderboard(r.leaderboard));
  assert.ok(r.leaderboard[1].rmse > 1.3 * r.best.rmse, formatLeaderboard(r.leaderboard));
  // a row's members: mean ± std of their own RMSEs; the row's score is the median ensemble's
  const mine = r.records.filter((x) => x.key === r.best.key).map((x) => x.rmse);
  assert.equal(mine.length, 2);
  assert.ok(Math.abs(r.best.memberRmseMean - (mine[0] + mine[1]) / 2) < 1e-12);
  assert.ok(Math.abs(r.best.memberRmseStd - Math.abs(mine[0] - mine[1]) / Math.SQRT2) < 1e-12);
  const json = bestConfigJson(r.context, r.leaderboard);
  assert.equal(json.recommendation, 'searched');
  assert.equal(json.config.lookback, 4);
  assert.equal(json.config.test, 20);
  assert.equal(json.config.calibration, 30);
});

test('tune() never reads the test part: changing it changes no trial', async () => {
  const series = seasonalAr(120, 3);
  const other = [...series.slice(0, 100), ...series.slice(100).map((v) => v * 100 + 7)];
  const o = { ...opts, space: { ...space, lookback: [4], learningRate: [1e-2], epochs: [5] }, repeats: 1 };
  const a = await tune(series, o);
  const b = await tune(other, o);
  assert.equal(a.context.split.validationEnd, 100);
  assert.equal(a.best.rmse, b.best.rmse);
  assert.deepEqual(tuneSplit(120, a.context.base).origins.slice(0, 2), [70, 71]);
});

test('recommend(): the defaults unless the best searched row wins by more than two standard errors', () => {
  const row = (rmse: number, std: number, reference: boolean): LeaderboardRow => ({
    key: String(rmse),
    config: {} as LeaderboardRow['config'],
    reference,
    members: 3,
    rmse,
    memberRmseMean: rmse,
    memberRmseStd: std,
    epochsMean: 10,
    verdict: 'good fit',
  });
  assert.equal(recommend([row(10, 1, true), row(11, 1, false)]).choice, 'defaults');
  assert.match(recommend([row(10, 1, true), row(11, 1, false)]).reason, /no searched configuration beats the defaults/);
  // 0.5 better but the members spread by 1: noise
  assert.equal(recommend([row(9.5, 1, false), row(10, 1, true)]).choice, 'defaults');
  assert.match(recommend([row(9.5, 1, false), row(10, 1, true)]).reason, /not a reliable win/);
  assert.equal(recommend([row(8, 0.2, false), row(10, 0.2, true)]).choice, 'searched');
});

test("a tune trial is forecast()'s calibration training: identical weights, dropout included; best.json round-trips", async () => {
  const series = seasonalAr(120, 11);
  const o = { ...base, lookback: 4, units: 6, epochs: 8, dropout: 0.2, recurrentDropout: 0.1, repeats: 1, seed: 5 };
  const { config } = resolveForecastConfig(series, o);
  const r = await tune(series, { ...o, space: { units: [6] }, search: 'grid' });
  const ctx = r.context;
  const { member } = await trainTrial(ctx, { key: 'x', config: tuneConfigOf(config), member: 0, reference: true });
  const f = await forecast(series, { ...bestConfigJson(ctx, r.leaderboard).config, mlp: false });
  const cal = f.calibrationModel!.fitted.members[0].getWeights().map((w) => Array.from(w.data));
  assert.deepEqual(
    member.model.getWeights().map((w) => Array.from(w.data)),
    cal,
  );
  // forecast --config best.json reproduces the tuned validation score
  assert.ok(
    Math.abs(f.intervals!.calibrationRmse - r.leaderboard[0].rmse) < 1e-9,
    `${f.intervals!.calibrationRmse} vs ${r.leaderboard[0].rmse}`,
  );
  assert.equal(bestConfigJson(ctx, r.leaderboard).config.dropout, 0.2);
});

test('resume: tune() skips jobs already in `previous` and the log; tuneWithLog appends only new trials', async () => {
  const series = seasonalAr(100, 5);
  const o = {
    ...opts,
    repeats: 1,
    calibration: 20,
    space: { lookback: [2, 4, 3, 5], learningRate: [1e-2], units: [4], epochs: [3], batchSize: [32] },
  };
  const ran: TrialRecord[] = [];
  const first = await tune(series, { ...o, onTrial: (r) => ran.push(r) });
  assert.equal(ran.length, 4);
  const again: TrialRecord[] = [];
  const second = await tune(series, { ...o, previous: ran.slice(0, 3), onTrial: (r) => again.push(r) });
  assert.equal(second.skipped, 3);
  assert.equal(again.length, 1);
  assert.equal(again[0].key, ran[3].key);
  assert.deepEqual(
    leaderboard(second.context, second.records).map((x) => x.rmse),
    leaderboard(first.context, first.records).map((x) => x.rmse),
  );

  const dir = mkdtempSync(join(tmpdir(), 'lstmkit-tune-'));
  try {
    const logFile = join(dir, 'trials.jsonl');
    const stop = new AbortController();
    const stopped = await tuneWithLog(series, {
      ...o,
      logFile,
      workers: 0,
      signal: stop.signal,
      onTrial: () => stop.abort(),
    });
    assert.equal(stopped.pending, 3);
    assert.equal(readTrialLog(logFile).records.length, 1);
    const fresh: TrialRecord[] = [];
    const partial = await tuneWithLog(series, { ...o, logFile, workers: 0, onTrial: (r) => fresh.push(r) });
    assert.equal(partial.skipped, 1);
    assert.equal(fresh.length, 3);
    assert.equal(readTrialLog(logFile).records.length, 4, readFileSync(logFile, 'utf8'));
    // on worker threads, the same numbers as in this thread
    const threads = await tuneWithLog(series, { ...o, logFile: join(dir, 'w.jsonl'), workers: 2 });
    assert.deepEqual(
      threads.leaderboard.map((x) => [x.key, x.rmse]),
      partial.leaderboard.map((x) => [x.key, x.rmse]),
    );
    // a log of other data is refused
    await assert.rejects(
      tuneWithLog(
        series.map((v) => v + 1),
        { ...o, logFile, workers: 0 },
      ),
      /written for other data or options/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
