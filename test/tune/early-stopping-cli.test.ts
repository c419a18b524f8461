// bestWeights (early stopping that keeps the best epoch), defaultBuilder, and the CLI:
// `lstmkit tune` writes best.json and leaderboard.txt that `lstmkit forecast --config` reuses.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readTunedConfig } from '../../cli/tune.js';
import { dense } from '../../src/layers/dense.js';
import { sequential } from '../../src/model/sequential.js';
import { adam } from '../../src/optim/optimizer.js';
import { Rng, setRandomSeed } from '../../src/rng.js';
import { bestWeights, defaultBuilder } from '../../src/tune/trial.js';

test('bestWeights stops after `patience` epochs without a better val_loss and restores the best epoch', async () => {
  setRandomSeed(2);
  const rng = new Rng(1);
  // a high rate on a tiny noisy problem: val_loss bounces, so the best epoch is not the last
  const x = Array.from({ length: 24 }, () => [rng.normal(), rng.normal()]);
  const y = x.map(([a]) => [a + rng.normal()]);
  const model = sequential([dense({ units: 16, activation: 'relu', inputShape: [2] }), dense({ units: 1 })]);
  model.compile({ optimizer: adam({ learningRate: 0.05 }), loss: 'mse' });
  const snapshots: number[][] = [];
  const snap = { onEpochEnd: () => void snapshots.push(model.params().flatMap((p) => Array.from(p.value))) };
  const es = bestWeights(model, 3);
  const vx = x.slice(0, 8).map(([a, b]) => [b, a]);
  const h = await model.fit(x, y, {
    epochs: 200,
    batchSize: 8,
    validationData: [vx, y.slice(0, 8)],
    callbacks: [snap, es],
  });
  const val = h.history['val_loss'];
  const best = val.indexOf(Math.min(...val));
  assert.equal(es.best, best);
  assert.equal(val.length, best + 4, 'stops 3 epochs after the best');
  assert.deepEqual(
    model.params().flatMap((p) => Array.from(p.value)),
    snapshots[best],
  );
});

test('defaultBuilder stacks LSTMs with a Dropout after each when dropout > 0, and a Dense head', () => {
  const c = {
    units: 4,
    layers: 2,
    lookback: 5,
    learningRate: 0.01,
    batchSize: 8,
    dropout: 0.2,
    epochs: 1,
    difference: 0,
  };
  const m = defaultBuilder(c, { lookback: 5, features: 1, outputs: 3 });
  assert.deepEqual(
    m.layers.map((l) => l.constructor.name),
    ['Lstm', 'Dropout', 'Lstm', 'Dropout', 'Dense'],
  );
  assert.equal(
    defaultBuilder({ ...c, dropout: 0, layers: 1 }, { lookback: 5, features: 1, outputs: 1 }).layers.length,
    2,
  );
});

test('lstmkit tune writes leaderboard and best.json; lstmkit forecast --config reuses it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lstmkit-tune-cli-'));
  try {
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { encoding: 'utf8' });
    const t = run([
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
      '--workers',
      '1',
      '--out',
      dir,
    ]);
    assert.equal(t.status, 0, t.stderr);
    assert.match(t.stdout, /val RMSE \(mean ± std\)/);
    assert.match(t.stdout, /defaults {2}16/);
    assert.match(t.stdout, /validation \[22, 29\) \(walk-forward, 7 origins\), test \[29, 36\) not used/);
    const best = readTunedConfig(join(dir, 'best.json'));
    assert.equal(best.test, 7);
    assert.ok([4, 8].includes(best.units));
    assert.match(readFileSync(join(dir, 'leaderboard.txt'), 'utf8'), /best configuration: /);
    // the best configuration retrained with gradient norms: verdict, evidence, LR finder; curves in diagnosis.html
    assert.match(
      t.stdout,
      /retrained once \(seed 42\): diagnosis: (good fit|underfit|overfit|unstable)\n {2}evidence: /,
    );
    assert.match(t.stdout, /learning-rate finder on the best configuration: suggested /);
    const html = readFileSync(join(dir, 'diagnosis.html'), 'utf8');
    assert.equal((html.match(/<svg/g) ?? []).length, 3, 'learning curves, gradient norms, LR finder');
    const again = run([
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
      '--workers',
      '1',
      '--out',
      dir,
    ]);
    assert.match(again.stdout, /trials \(3 from the log\)/, again.stdout);
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
    assert.equal(r.lookback, best.lookback);
    assert.equal(r.length - r.trainEnd, 7);
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
