// The lstmkit CLI as a subprocess: bad input gives one line naming the problem and the fix, exit
// code 2, and leaves no files; a good run writes report.html, forecast.csv and the model.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const dir = mkdtempSync(join(tmpdir(), 'lstmkit-cli-'));

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.trim() };
}

function badInput(args: string[], pattern: RegExp): void {
  const r = cli(...args);
  assert.equal(r.code, 2, `exit code for ${args.join(' ')}: ${r.stderr}`);
  // progress lines may precede it; the error itself is one line, the last one
  const lines = r.stderr.split('\n');
  assert.equal(lines.filter((l) => l.startsWith('lstmkit:')).length, 1, `one error line: ${r.stderr}`);
  const last = lines[lines.length - 1];
  assert.match(last, /^lstmkit: error: /);
  assert.match(last, pattern);
  assert.equal(r.stdout, '');
}

function csv(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

test('missing file', () =>
  badInput(['forecast', join(dir, 'nope.csv'), '--target', 'y'], /file not found: .*nope\.csv; check the path/));

test('missing --target and unknown target column', () => {
  badInput(['forecast', 'datasets/shampoo.csv'], /--target is required; pass --target <column>/);
  badInput(
    ['forecast', 'datasets/shampoo.csv', '--target', 'Revenue'],
    /column 'Revenue' is not in .*the columns are: Month, Sales \(fix --target\)/,
  );
});

test('non-numeric target column', () => {
  const p = csv('text.csv', 'day,y\n1,a\n2,b\n3,c\n');
  badInput(
    ['forecast', p, '--target', 'y'],
    /column 'y' is not numeric \(data row 1: "a"\); choose a numeric --target column/,
  );
});

test('dates that do not parse', () => {
  const p = csv('dates.csv', 'when,y\n2020-01,1\n2020-13,2\n2020-03,3\n');
  badInput(
    ['forecast', p, '--target', 'y', '--date', 'when'],
    /--date column row 2, column 'when': "2020-13" does not fit the date form YYYY-MM/,
  );
});

test('series too short for lookback + horizon + test', () => {
  const p = csv('short.csv', `t,y\n${Array.from({ length: 15 }, (_, i) => `${i},${i * 2 + 1}`).join('\n')}\n`);
  badInput(
    ['forecast', p, '--target', 'y', '--lookback', '12', '--test', '5'],
    /the series has 15 values: test 5 leaves 10 for training, but lookback 12 \(--lookback\) \+ horizon 1 \(--horizon\) needs at least \d+/,
  );
});

test('unwritable output folder, and no half-written files after a failure', () => {
  const blocker = csv('blocker', 'not a folder');
  badInput(
    ['forecast', 'datasets/shampoo.csv', '--target', 'Sales', '--out', join(blocker, 'out')],
    /cannot write to .*blocker.*choose a writable folder/,
  );
  // a failure after the output folder was staged (log of a non-positive series) leaves nothing behind
  const zero = csv('zero.csv', `t,y\n${Array.from({ length: 40 }, (_, i) => `${i},${i % 5}`).join('\n')}\n`);
  const out = join(dir, 'out-zero');
  const before = readdirSync(dir).length;
  badInput(
    ['forecast', zero, '--target', 'y', '--log', '--epochs', '2', '--out', out],
    /power 'log' \(--power\) needs values > 0, but the training part has 0 at index 0; use power 'none'/,
  );
  assert.equal(existsSync(out), false);
  assert.equal(readdirSync(dir).length, before, `left behind: ${readdirSync(dir).join(', ')}`);
});

test('bad option values name the flag', () => {
  badInput(
    ['forecast', 'datasets/shampoo.csv', '--target', 'Sales', '--lookback', 'x'],
    /--lookback must be an integer >= 1, got "x"/,
  );
  badInput(
    ['forecast', 'datasets/shampoo.csv', '--target', 'Sales', '--strategy', 'magic'],
    /--strategy must be one of direct, recursive, encoder-decoder/,
  );
  badInput(
    ['forecast', 'datasets/shampoo.csv', '--target', 'Sales', '--bogus'],
    /unknown option --bogus for 'forecast'/,
  );
  badInput(
    ['forecast', 'datasets/shampoo.csv', '--target', 'Sales', '--learning-rate', '-1'],
    /--learning-rate must be a number in \(0, 10\], got "-1"/,
  );
  badInput(['frobnicate'], /unknown command 'frobnicate'/);
});

test('forecast --json --out writes report.html, forecast.csv and the model; predict and evaluate reuse it', () => {
  const out = join(dir, 'shampoo');
  const r = cli(
    'forecast',
    'datasets/shampoo.csv',
    '--target',
    'Sales',
    '--date',
    'Month',
    '--test',
    '12',
    '--lookback',
    '2',
    '--epochs',
    '30',
    '--horizon',
    '2',
    '--repeats',
    '1',
    '--json',
    '--out',
    out,
  );
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.models[0].name, 'LSTM');
  const persistence = j.models.find((m: { name: string }) => m.name === 'persistence');
  assert.equal(persistence.perHorizon.length, 2);
  assert.ok(j.models[0].overall.rmse > 0);
  assert.equal(j.future.values.length, 2);
  for (const f of [
    'report.html',
    'forecast.csv',
    'results.json',
    'model/member-0/model.json',
    'model/member-0/weights.bin',
    'model/forecaster.json',
  ])
    assert.ok(existsSync(join(out, f)), f);
  const fc = readFileSync(join(out, 'forecast.csv'), 'utf8').trim().split('\n');
  assert.equal(fc[0], 'time,forecast,lower_80,upper_80,lower_95,upper_95');
  assert.match(fc[1], /^4-01,/);
  assert.equal(fc.length, 3);
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  assert.match(html, /Diagnosis: /);
  assert.match(html, /interval \(future\)/);
  assert.ok(!/<script/i.test(html));

  const p = cli('predict', join(out, 'model'), 'datasets/shampoo.csv', '--json');
  assert.equal(p.code, 0, p.stderr);
  const pj = JSON.parse(p.stdout);
  assert.equal(pj.forecast.length, 2);
  assertNear(pj.forecast[0], j.future.values[0], 1e-3);
  const e = cli('evaluate', join(out, 'model'), 'datasets/shampoo.csv', '--test', '12', '--json');
  assert.equal(e.code, 0, e.stderr);
  const ej = JSON.parse(e.stdout);
  assert.equal(ej.forecasts, 11);
  assert.equal(ej.models[1].model, 'persistence');
});

test("train saves a forecaster that predict reads, with forecast's defaults; evaluate on its own training data warns", () => {
  const out = join(dir, 'trained');
  const t = cli(
    'train',
    'datasets/airline-passengers.csv',
    '--target',
    'Passengers',
    '--lookback',
    '12',
    '--difference',
    'yes',
    '--epochs',
    '5',
    '--out',
    out,
    '--json',
  );
  assert.equal(t.code, 0, t.stderr);
  assert.ok(Number.isFinite(JSON.parse(t.stdout).loss));
  const p = cli('predict', out, 'datasets/airline-passengers.csv');
  assert.equal(p.code, 0, p.stderr);
  // 12 steps: the airline's season is the default horizon, as in forecast
  assert.match(p.stdout, /^(t\+\d+\t\d+\.\d{4}\n){12}$/);
  const saved = JSON.parse(readFileSync(join(out, 'forecaster.json'), 'utf8'));
  assert.equal(saved.config.units, 32);
  assert.equal(saved.config.learningRate, 0.003);
  assert.equal(saved.config.repeats, 3);
  assert.equal(saved.training.length, 144);
  const e = cli('evaluate', out, 'datasets/airline-passengers.csv', '--test', '24');
  assert.equal(e.code, 0, e.stderr);
  assert.match(e.stdout, /^warning: 24 of the scored values were used to train this model/);
});

function assertNear(a: number, b: number, tol: number): void {
  assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);
}

test('covariates: a numeric and a one-hot categorical feature, with missing cells interpolated', () => {
  const rows = Array.from({ length: 60 }, (_, t) => {
    const promo = t % 7 === 0 ? 'yes' : 'no';
    const y = t === 10 ? 'NA' : String(100 + t + (promo === 'yes' ? 20 : 0));
    return `2020-01-${String((t % 28) + 1).padStart(2, '0')},${y},${(t % 5) / 5},${promo}`;
  });
  // dates are not increasing (day of month wraps): --date would be rejected, so it is left out here
  const p = csv('cov.csv', `day,sales,price,promo\n${rows.join('\n')}\n`);
  const r = cli(
    'forecast',
    p,
    '--target',
    'sales',
    '--features',
    'price,promo',
    '--categorical',
    'promo',
    '--lookback',
    '7',
    '--test',
    '10',
    '--epochs',
    '5',
    '--no-mlp',
    '--json',
  );
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.length, 60);
  assert.ok(Number.isFinite(j.models[0].overall.rmse));
  badInput(
    ['forecast', p, '--target', 'sales', '--date', 'day'],
    /dates in 'day' are not increasing at data row 29; sort the file by date/,
  );
  badInput(['forecast', p, '--target', 'sales', '--missing', 'error'], /row 11 of 'sales' or its features is missing/);
});
