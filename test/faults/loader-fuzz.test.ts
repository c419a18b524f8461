// A CI-sized seeded fuzz of model folders on disk (loader-fuzz.ts; npm run test:faults runs more):
// every mutated folder loads or is refused with lstmkit's own error, and Object.prototype stays clean.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fuzzLoaders } from './loader-fuzz.js';

const root = mkdtempSync(join(tmpdir(), 'lstmkit-fuzz-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('3,000 mutated model folders (text, trees, weights, forged journals, tfjs) load or throw LstmkitError', async () => {
  const r = await fuzzLoaders(root, 2024, 0, 3000);
  assert.deepEqual(r.untyped, [], 'untyped errors');
  assert.equal(r.polluted, false, 'Object.prototype was modified');
  assert.equal(r.tried, 3000);
  assert.ok(
    r.loaded > 100 && r.refused > 1500,
    `both outcomes occur: ${JSON.stringify({ ...r, untyped: r.untyped.length })}`,
  );
});
