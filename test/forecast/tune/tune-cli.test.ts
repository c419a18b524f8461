// The CLI: `lstmkit tune` writes the leaderboard, diagnosis.html and best.json (a ForecastConfig with
// the recommendation); a rerun resumes from trials.jsonl; `lstmkit forecast --config best.json`
// retrains the recommended configuration and reproduces its validation score.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const run = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { encoding: 'utf8' });

test('lstmkit tune writes leaderboard, diagnosis and best.json; forecast --config reproduces the validation score', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lstmkit-tune-cli-'));
  try {
    const args = [
      'tune',
      'datasets/shampoo.csv',
      '--target',
      'Sales',
      '--trials',
      '2',
      '--repeats',
      '1',
      '--epochs',
      '20',
      '--units',
      '4,8',
      '--layers',
      '1',
      '--workers',
      '1',
      '--out',
      dir,
    ];
    const t = run(args);
    assert.equal(t.status, 0, t.stderr);
    assert.match(t.stdout, /val RMSE\s+members \(mean ± std\)/);
    assert.match(t.stdout, /^defaults\s+32\s/m);
    assert.match(
      t.stdout,
      /train \[0, 22\), validation \[22, 29\) \(walk-forward, \d+ origins\), test \[29, 36\) not used/,
    );
    assert.match(t.stdout, /^recommendation: (keep the defaults|use the best searched configuration): /m);
    const best = JSON.parse(readFileSync(join(dir, 'best.json'), 'utf8'));
    assert.equal(best.lstmkit, 'tune');
    assert.equal(best.config.test, 7);
    assert.equal(best.config.epochs, 20);
    assert.ok(best.recommendation === 'defaults' ? best.config.units === 32 : [4, 8].includes(best.config.units));
    assert.match(t.stdout, /retrained once: diagnosis: (good fit|underfit|overfit|unstable)\n {2}evidence: /);
    const html = readFileSync(join(dir, 'diagnosis.html'), 'utf8');
    assert.equal((html.match(/<svg/g) ?? []).length, 3, 'learning curves, gradient norms, LR finder');
    const again = run(args);
    assert.match(again.stdout, /3 trial members \(3 from the log\)/, again.stdout);
    const f = run([
      'forecast',
      'datasets/shampoo.csv',
      '--target',
      'Sales',
      '--config',
      join(dir, 'best.json'),
      '--no-mlp',
      '--json',
    ]);
    assert.equal(f.status, 0, f.stderr);
    const r = JSON.parse(f.stdout);
    assert.equal(r.config.lookback, best.config.lookback);
    assert.equal(r.length - r.testStart, 7);
    assert.ok(
      Math.abs(r.intervals.calibrationRmse - best.validation.rmse) < 1e-9,
      `${r.intervals.calibrationRmse} vs ${best.validation.rmse}`,
    );
    const bad = run([
      'forecast',
      'datasets/shampoo.csv',
      '--target',
      'Sales',
      '--config',
      join(dir, 'leaderboard.txt'),
    ]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /is not JSON/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
