// Hostile model folders (hostile.ts) loaded in a child process with a timeout: each is refused
// with lstmkit's own error naming the file (or loads, for the harmless ones), nothing blocks, and
// no giant file is read (the child's peak memory stays flat).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runHostile } from './harness.js';
import { HOSTILE_CASES } from './hostile.js';

const root = mkdtempSync(join(tmpdir(), 'lstmkit-hostile-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('hostile folders: FIFOs, /dev/zero, symlinks out, sparse giants, folders as files, endless shard lists', {
  skip: process.platform === 'win32',
}, () => {
  const results = runHostile(root, 60_000);
  assert.equal(results.length, HOSTILE_CASES.length);
  for (const [i, r] of results.entries()) {
    const c = HOSTILE_CASES[i];
    assert.notEqual(r.outcome, 'hang', `${c.name}: blocked`);
    assert.notEqual(r.outcome, 'untyped', `${c.name}: untyped error ${r.message}`);
    assert.equal(r.outcome, c.loads ? 'ok' : 'error', `${c.name}: ${r.message}`);
    if (c.names) assert.ok(r.message.includes(c.names), `${c.name}: the message should name ${c.names}: ${r.message}`);
    assert.ok(r.rssMB < 64, `${c.name}: peak memory grew by ${r.rssMB} MB`);
  }
});
