// Finds test files and runs them with Node's own test runner, TypeScript loaded by tsx.
// Usage: node scripts/run-tests.mjs [dir-or-file ...]   (default: test/)
// LSTMKIT_TEST_FILTER=substring narrows the set of files.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(path, out) {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) collect(join(path, name), out);
  } else if (/\.test\.ts$/.test(path)) out.push(path);
  return out;
}
const roots = process.argv.slice(2);
const filter = process.env.LSTMKIT_TEST_FILTER ?? '';
const files = (roots.length ? roots : ['test']).flatMap((r) => collect(r, [])).filter((f) => f.includes(filter));
if (files.length === 0) {
  console.error(`run-tests: no *.test.ts files under ${roots.join(' ') || 'test'}`);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
