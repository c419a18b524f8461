// protobufjs is loaded only when a model is exported: importing lstmkit leaves it unloaded (checked in
// a fresh Node process through the CommonJS module cache, where Node records it once imported).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

const script = `
import { createRequire } from 'node:module';
const cache = createRequire(import.meta.url).cache;
const loaded = () => Object.keys(cache).some((k) => k.includes('protobufjs'));
const { dense, exportOnnx, sequential } = await import('./src/index.ts');
const before = loaded();
const bytes = await exportOnnx(sequential([dense({ units: 2, inputShape: [3] })]));
console.log(JSON.stringify({ before, after: loaded(), bytes: bytes.length }));
`;

test('importing lstmkit does not load protobufjs; exportOnnx() loads it on first use', () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  const r = JSON.parse(out.trim().split('\n').at(-1)!) as { before: boolean; after: boolean; bytes: number };
  assert.equal(r.before, false);
  assert.equal(r.after, true);
  assert.ok(r.bytes > 50, `an ONNX model of ${r.bytes} bytes`);
});
