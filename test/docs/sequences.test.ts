// Every `ts` block of docs/sequences.md runs as written ('lstmkit' resolves to the sources) and prints
// exactly the `text` block that follows it, so the guide cannot drift from the code.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const doc = readFileSync(join(root, 'docs/sequences.md'), 'utf8');
const blocks = [...doc.matchAll(/```ts\n([\s\S]*?)```\n+```text\n([\s\S]*?)```/g)].map((m) => ({
  code: m[1],
  expected: m[2].trimEnd(),
}));
const dir = mkdtempSync(join(tmpdir(), 'lstmkit-docs-'));
const index = pathToFileURL(join(root, 'src/index.ts')).href;

function run(code: string, k: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const file = join(dir, `snippet-${k}.mts`);
  writeFileSync(file, code.replaceAll("from 'lstmkit'", `from '${index}'`));
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', file], { cwd: root });
    let stdout = '',
      stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (c) => resolve({ code: c, stdout, stderr }));
  });
}

test('docs/sequences.md: every snippet runs and prints what the guide shows', async () => {
  assert.ok(blocks.length >= 7, `found ${blocks.length} snippets with output`);
  const results = await Promise.all(blocks.map((b, k) => run(b.code, k)));
  results.forEach((r, k) => {
    assert.equal(r.code, 0, `snippet ${k + 1} failed:\n${blocks[k].code}\n${r.stderr}`);
    assert.equal(r.stdout.trimEnd(), blocks[k].expected, `snippet ${k + 1} output`);
  });
});
