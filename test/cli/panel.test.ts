// lstmkit forecast on many series and lstmkit merge, as subprocesses: outputs, the per-series error
// column, exit codes (0 even when some series are skipped; 2 with one line for bad usage or when no
// series can be forecast).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { BAD_PANEL_EXPECTED, badPanelCsv } from '../forecast/panel/bad-panel.js';

const dir = mkdtempSync(join(tmpdir(), 'lstmkit-cli-panel-'));

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.trim() };
}

function usageError(args: string[], pattern: RegExp): void {
  const r = cli(...args);
  assert.equal(r.code, 2, r.stderr);
  const lines = r.stderr.split('\n');
  assert.equal(lines.filter((l) => l.startsWith('lstmkit:')).length, 1, r.stderr);
  assert.match(lines[lines.length - 1], pattern);
}

// the 24 shortest M4 Weekly series (80 values; the last 13 of each are its test part), gzipped
const weekly = join(dir, 'weekly.csv.gz');
const lines = gunzipSync(readFileSync('datasets/m4/Weekly-train.csv.gz')).toString('utf8').trim().split('\n');
const cells = (l: string) => l.split(',').filter((c) => c !== '""' && c !== '').length;
const shortest = lines
  .slice(1)
  .map((l, i) => ({ l, i, n: cells(l) }))
  .sort((a, b) => a.n - b.n || a.i - b.i)
  .slice(0, 24)
  .sort((a, b) => a.i - b.i);
writeFileSync(weekly, gzipSync(`${[lines[0], ...shortest.map((x) => x.l)].join('\n')}\n`));
const firstId = JSON.parse(shortest[0].l.split(',')[0]) as string;

test('a wide .gz file: summary table, forecast.csv, results.json and report.html; then shards merged', () => {
  const out = join(dir, 'weekly');
  const common = [
    '--wide',
    '--horizon',
    '13',
    '--season',
    '1',
    '--models',
    'Naive2,SES,Theta',
    '--future-model',
    'SES',
  ];
  const r = cli('forecast', weekly, ...common, '--out', out);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /series: 24; scored by every model: 24; skipped: 0/);
  assert.match(
    r.stdout,
    /future: SES \(\* above\), chosen by the futureModel option; 24 series forecast, 13 steps each/,
  );
  const csv = readFileSync(join(out, 'forecast.csv'), 'utf8').trim().split('\n');
  assert.equal(csv[0], 'id,step,time,model,forecast,lower_80,upper_80,lower_95,upper_95');
  assert.equal(csv.length, 1 + 24 * 13);
  assert.equal(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).series.length, 24);
  const shards = [0, 1].map((i) => join(dir, `weekly-${i}`));
  for (const [i, d] of shards.entries())
    assert.equal(cli('forecast', weekly, ...common, '--shard', `${i}/2`, '--out', d).code, 0);
  const m = cli('merge', ...shards, '--out', join(dir, 'merged'));
  assert.equal(m.code, 0, m.stderr);
  assert.match(m.stdout, /^merged 2 outputs \(shards 0, 1 of 2\)/);
  const merged = readFileSync(join(dir, 'merged', 'forecast.csv'), 'utf8')
    .trim()
    .split('\n');
  assert.deepEqual(merged.slice(1).sort(), csv.slice(1).sort());
});

test('a long file with bad series: exit 0, one line each in the error column, the others forecast', () => {
  const file = join(dir, 'bad.csv');
  writeFileSync(file, badPanelCsv());
  const out = join(dir, 'bad');
  const r = cli(
    'forecast',
    file,
    '--id',
    'id',
    '--date',
    'time',
    '--target',
    'y',
    '--horizon',
    '6',
    '--season',
    '1',
    '--models',
    'Naive2,SES',
    '--out',
    out,
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /skipped: 7;/);
  assert.match(r.stdout, /^skipped: dup: two rows have the same time/m);
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).series as {
    id: string;
    error?: string;
  }[];
  for (const [id, pattern] of Object.entries(BAD_PANEL_EXPECTED)) {
    const x = results.find((s) => s.id === id)!;
    if (pattern) assert.match(x.error ?? '', pattern, id);
    else assert.equal(x.error, undefined, id);
  }
  assert.match(readFileSync(join(out, 'forecast.csv'), 'utf8'), /^"a,""quoted"" id",1,2021-01-03 12:00,(Naive2|SES),/m);
});

test('bad usage of the panel flags, and a panel with nothing to forecast, exit 2 with one line', () => {
  usageError(['forecast', weekly, '--wide', '--shard', '2/2'], /--shard must be i\/N with N >= 1 and 0 <= i < N/);
  usageError(
    ['forecast', weekly, '--wide', '--dropout', '0.2'],
    /--dropout applies to one series; a panel run .* takes --horizon, --season, --levels/,
  );
  usageError(
    ['forecast', weekly, '--wide', '--horizon', '13', '--season', '1', '--models', 'Naive2', '--future-model', 'ETS'],
    /futureModel "ETS" is not among the models \(Naive2\)/,
  );
  usageError(
    ['forecast', 'datasets/airline-passengers.csv', '--target', 'Passengers', '--shard', '0/2'],
    /--shard applies to many series; pass --id <column>/,
  );
  assert.match(firstId, /^W\d+$/);
  usageError(
    ['forecast', weekly, '--wide', '--horizon', '900', '--season', '1', '--models', 'Naive2'],
    /none of the 24 series could be scored \(24 skipped, 0 failed in some model\); e\.g\. '\w+': too short/,
  );
});

test("an --out folder holding a user's file: refused without --force; with it the file stays beside the outputs", () => {
  const out = join(dir, 'shared-folder');
  mkdirSync(out);
  writeFileSync(join(out, 'notes.txt'), 'mine\n');
  const args = [
    'forecast',
    weekly,
    '--wide',
    '--horizon',
    '13',
    '--season',
    '1',
    '--models',
    'Naive2,SES',
    '--out',
    out,
  ];
  usageError(args, /holds files lstmkit did not write \(notes\.txt\).*--force/);
  assert.deepEqual(readdirSync(out), ['notes.txt']);
  const r = cli(...args, '--force');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(readFileSync(join(out, 'notes.txt'), 'utf8'), 'mine\n');
  assert.equal(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).series.length, 24);
  // a second run replaces lstmkit's files, keeps the user's, and leaves no stage behind
  assert.equal(cli(...args, '--force').code, 0);
  assert.deepEqual(
    readdirSync(out)
      .filter((f) => !f.startsWith('.lstmkit-output'))
      .sort(),
    ['forecast.csv', 'notes.txt', 'pages.json', 'report.html', 'results.json'],
  );
  const target = join(dir, 'merge-target');
  mkdirSync(target);
  writeFileSync(join(target, 'keep.csv'), 'a,b\n');
  usageError(['merge', out, '--out', target], /holds files lstmkit did not write \(keep\.csv\)/);
  const m = cli('merge', out, '--out', target, '--force');
  assert.equal(m.code, 0, m.stderr);
  assert.equal(readFileSync(join(target, 'keep.csv'), 'utf8'), 'a,b\n');
});
