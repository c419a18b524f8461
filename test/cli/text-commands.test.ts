// `lstmkit train-text` then `lstmkit generate` as subprocesses: the saved folder has the model and
// vocab.json, generation is seeded and draws from the vocabulary; a bad vocab.json (not JSON, null, the
// wrong shape) and other bad input give one error line and exit code 2.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const dir = mkdtempSync(join(tmpdir(), 'lstmkit-text-'));

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.trim() };
}

function badInput(args: string[], pattern: RegExp): void {
  const r = cli(...args);
  assert.equal(r.code, 2, `exit code for ${args.join(' ')}: ${r.stderr}`);
  const lines = r.stderr.split('\n');
  assert.equal(lines.length, 1, `one line: ${r.stderr}`);
  assert.match(lines[0], /^lstmkit: error: /);
  assert.match(lines[0], pattern);
  assert.equal(r.stdout, '');
}

test('train-text saves a model with vocab.json; generate continues the seed text with its characters', () => {
  const file = join(dir, 'abc.txt');
  writeFileSync(file, 'the cat sat on the mat. '.repeat(80));
  const out = join(dir, 'model');
  const t = cli(
    'train-text',
    file,
    '--out',
    out,
    '--units',
    '16',
    '--layers',
    '1',
    '--seq-length',
    '24',
    '--epochs',
    '8',
    '--batch-size',
    '8',
    '--learning-rate',
    '0.02',
    '--json',
  );
  assert.equal(t.code, 0, t.stderr);
  const j = JSON.parse(t.stdout);
  assert.equal(j.vocabulary, 11);
  assert.ok(j.valLoss < j.unigramLoss - 1, `held-out ${j.valLoss} vs unigram ${j.unigramLoss}`);
  assert.ok(existsSync(join(out, 'model.json')) && existsSync(join(out, 'vocab.json')));
  const sample = ['generate', out, '--seed-text', 'the c', '--length', '40', '--temperature', '0.3', '--top-k', '3'];
  const g = cli(...sample, '--seed', '2');
  assert.equal(g.code, 0, g.stderr);
  assert.match(g.stdout, /^the c[a-z. ]{40}\n$/);
  assert.match(g.stdout, /at /, `learned words: ${g.stdout}`);
  assert.equal(cli(...sample, '--seed', '2').stdout, g.stdout, 'same seed, same text');

  const vocab = join(out, 'vocab.json'),
    good = readFileSync(vocab, 'utf8');
  for (const [content, pattern] of [
    ['{"tokens": [', /vocab\.json is not JSON \(.*\); write a JSON array of the characters/],
    ['null', /vocab\.json: the vocabulary has no token list; expected an array of the tokens in id order.*got null/],
    ['{"chars": "abc"}', /no token list/],
    ['["a", 3]', /token 1 is 3; tokens are non-empty strings/],
  ] as const) {
    writeFileSync(vocab, content);
    badInput(['generate', out, '--seed-text', 'the'], pattern);
  }
  writeFileSync(vocab, JSON.stringify(['a', 'b']));
  badInput(
    ['generate', out, '--seed-text', 'ab'],
    /the model predicts 11 values per step but the vocabulary has 2 tokens|reads \[null, 11\]/,
  );
  writeFileSync(vocab, good);
  badInput(['generate', out, '--seed-text', 'xyz'], /"x", which is not in the model's vocabulary/);
  badInput(
    ['generate', out, '--seed-text', 'the', '--temperature', '0'],
    /--temperature must be a number in \(0, 100\]/,
  );
});

test('train-text: missing file, missing --out, a text too short for one sequence', () => {
  badInput(
    ['train-text', join(dir, 'none.txt'), '--out', join(dir, 'x')],
    /none\.txt: no such file; pass the text file to train on/,
  );
  const f = join(dir, 'short.txt');
  writeFileSync(f, 'hello');
  badInput(['train-text', f], /--out is required/);
  badInput(
    ['train-text', f, '--out', join(dir, 'short')],
    /the text has 5 characters, too few for one training sequence of --seq-length 100/,
  );
  assert.ok(!existsSync(join(dir, 'short')), 'nothing written');
});
