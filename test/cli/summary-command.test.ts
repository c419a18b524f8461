// `lstmkit summary <model-dir>` as a subprocess: prints the summary table, writes the plotModel
// diagram beside the folder, replaces only a diagram it wrote, and reports bad input in one line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { dense, lstm, saveModel, sequential, setRandomSeed } from '../../src/node/index.js';

const dir = mkdtempSync(join(tmpdir(), 'lstmkit-summary-'));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.trim() };
}

test('lstmkit summary prints the table and writes the diagram; it replaces only its own SVG', async () => {
  setRandomSeed(1);
  const m = sequential([lstm({ units: 16, inputShape: [12, 1] }), dense({ units: 1 })], { name: 'airline' });
  await saveModel(m, join(dir, 'model'));
  const r = cli('summary', join(dir, 'model'));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /LSTM[\s\S]*\(None, 16\)[\s\S]*1,152[\s\S]*Total params: 1,169/);
  assert.match(r.stdout, /diagram: .*model\.svg/);
  const svg = readFileSync(join(dir, 'model.svg'), 'utf8');
  assert.ok(svg.startsWith('<svg') && svg.includes('data-lstmkit="plot-model"'));
  assert.equal((svg.match(/<rect class="lk-node"/g) ?? []).length, 3);
  assert.ok(svg.includes('(None, 12, 1) → (None, 16)') && svg.includes('1,152 params'));
  assert.equal(cli('summary', join(dir, 'model')).code, 0, 'rewrites its own diagram');

  const foreign = join(dir, 'notes.svg');
  writeFileSync(foreign, '<svg>my drawing</svg>');
  const refused = cli('summary', join(dir, 'model'), '--svg', foreign);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /^lstmkit: error: .*notes\.svg exists and is not a diagram written by lstmkit/);
  assert.equal(readFileSync(foreign, 'utf8'), '<svg>my drawing</svg>');
});

test('lstmkit summary on a folder without a model says so in one line (exit 2)', () => {
  const r = cli('summary', join(dir, 'nothing-here'));
  assert.equal(r.code, 2);
  assert.equal(r.stderr.split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /^lstmkit: error: /);
});
