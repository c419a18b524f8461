// --out never deletes what lstmkit did not write: a folder holding other files is refused (one line,
// exit 2) unless --force, which writes lstmkit's files beside them; a folder of lstmkit's own
// outputs is replaced without asking, crash-safely and without temporaries left behind.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const root = mkdtempSync(join(tmpdir(), 'lstmkit-out-'));
after(() => rmSync(root, { recursive: true, force: true }));

function cli(cwd: string, ...args: string[]) {
  // tsx is resolved here, since the command runs in another folder
  const r = spawnSync(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), join(process.cwd(), 'cli/main.ts'), ...args],
    {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.trim() };
}

const TRAIN = [
  'train',
  'shampoo.csv',
  '--target',
  'Sales',
  '--lookback',
  '3',
  '--epochs',
  '1',
  '--repeats',
  '2',
  '--json',
];
const SAVED = ['.lstmkit-output', 'forecaster.json', 'member-0', 'member-1'];

test("train --out . next to the user's CSV: refused without --force, and --force keeps the CSV", () => {
  const dir = join(root, 'project');
  mkdirSync(dir);
  copyFileSync('datasets/shampoo.csv', join(dir, 'shampoo.csv'));
  const csv = readFileSync(join(dir, 'shampoo.csv'), 'utf8');
  const refused = cli(dir, ...TRAIN, '--out', '.');
  assert.equal(refused.code, 2, refused.stderr);
  assert.equal(refused.stderr.split('\n').length, 1, refused.stderr);
  assert.match(
    refused.stderr,
    /^lstmkit: error: --out \. holds files lstmkit did not write \(shampoo\.csv\);.*--force/,
  );
  assert.deepEqual(readdirSync(dir), ['shampoo.csv']);

  const forced = cli(dir, ...TRAIN, '--out', '.', '--force');
  assert.equal(forced.code, 0, forced.stderr);
  assert.deepEqual(readdirSync(dir).sort(), [...SAVED, 'shampoo.csv'].sort());
  assert.equal(readFileSync(join(dir, 'shampoo.csv'), 'utf8'), csv);
  // Again with --force: the model files are replaced, the CSV stays, nothing temporary is left.
  const again = cli(dir, ...TRAIN, '--out', '.', '--force');
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(readdirSync(dir).sort(), [...SAVED, 'shampoo.csv'].sort());
  const p = cli(dir, 'predict', '.', 'shampoo.csv');
  assert.equal(p.code, 0, p.stderr);
});

test('an --out folder holding only lstmkit outputs is replaced without --force', () => {
  const dir = join(root, 'runs');
  mkdirSync(dir);
  copyFileSync('datasets/shampoo.csv', join(dir, 'shampoo.csv'));
  for (let k = 0; k < 2; k++) {
    const r = cli(dir, ...TRAIN, '--out', 'model');
    assert.equal(r.code, 0, r.stderr);
  }
  assert.deepEqual(readdirSync(join(dir, 'model')).sort(), SAVED);
});
