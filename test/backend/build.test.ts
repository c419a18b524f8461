// The committed kernels module (src/backend/wasm/generated/kernels.ts) is what scripts/build-wasm.mjs
// produces from assembly/*.ts today, so a fresh clone tests and ships the kernels in the sources.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

test('build-wasm --check: the generated kernels module is up to date with assembly/', () => {
  const r = spawnSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
});
