// The package as a user gets it: `npm pack` of the built tree, unpacked into an empty folder.
// 1. Contents: LICENSE, CHANGELOG, the browser build; no source maps.
// 2. A strict TypeScript consumer written as the README documents compiles against the tarball's
//    types (no cast to read a prediction) and runs in Node.
// 3. A page with an import map and no bundler loads dist/browser/lstmkit.js from the unpacked
//    package, trains the README model in Chromium, gets the one clear error from setThreads on a page
//    that is not cross-origin isolated, and fetches protobufjs only when it exports ONNX.
// 4. The same script bundled by Vite from the unpacked package (`import ... from 'lstmkit'`) runs too.
// Needs `npm run build` first (CI runs it before the browser tests).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'vite';
import { launch, repo, serveDir } from './harness.ts';

const work = mkdtempSync(join(tmpdir(), 'lstmkit-pack-'));
const site = join(work, 'site');
let tarball = '';
let packed: { size: number; unpackedSize: number; files: { path: string }[] };

/** Newest modification time under a folder (for the "is the build current?" check). */
function newest(dir: string): number {
  let t = 0;
  for (const f of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (f.isFile()) t = Math.max(t, statSync(join(f.parentPath, f.name)).mtimeMs);
  return t;
}

before(() => {
  const browserBuild = join(repo, 'dist', 'browser', 'lstmkit.js');
  assert.ok(
    (statSync(browserBuild, { throwIfNoEntry: false })?.mtimeMs ?? 0) >= newest(join(repo, 'src')),
    'dist/ is missing or older than src/: run `npm run build` first',
  );
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: repo, encoding: 'utf8' });
  [packed] = JSON.parse(out) as (typeof packed & { filename: string })[];
  tarball = join(work, (packed as unknown as { filename: string }).filename);
  const pkg = join(site, 'node_modules', 'lstmkit');
  mkdirSync(pkg, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', pkg, '--strip-components=1']);
  // The package's own dependencies (and TypeScript's libs) come from the repository's node_modules.
  for (const name of readdirSync(join(repo, 'node_modules')))
    if (name !== 'lstmkit' && !name.startsWith('.'))
      symlinkSync(join(repo, 'node_modules', name), join(site, 'node_modules', name));
});

after(() => rmSync(work, { recursive: true, force: true }));

test('the tarball holds LICENSE, CHANGELOG and the browser build, and no source maps', () => {
  const files = packed.files.map((f) => f.path);
  console.log(
    `tarball ${(packed.size / 1024).toFixed(0)} kB, unpacked ${(packed.unpackedSize / 1024).toFixed(0)} kB, ${files.length} files`,
  );
  for (const f of [
    'LICENSE',
    'CHANGELOG.md',
    'README.md',
    'dist/browser/lstmkit.js',
    'dist/src/index.d.ts',
    'dist/cli/main.js',
  ])
    assert.ok(files.includes(f), `${f} is in the package`);
  assert.deepEqual(
    files.filter((f) => f.endsWith('.map')),
    [],
  );
  assert.deepEqual(
    files.filter((f) => f.startsWith('dist/') && !/^dist\/(src|cli|browser)\//.test(f)),
    [],
    'no tests, benchmarks or examples',
  );
});

test('a strict TypeScript consumer of the README API compiles against the tarball and runs', () => {
  const dir = join(site, 'consumer');
  mkdirSync(dir, { recursive: true });
  for (const f of ['readme-example.ts', 'tsconfig.json'])
    writeFileSync(join(dir, f), execFileSync('cat', [join(repo, 'test-web', 'consumer', f)]));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
  execFileSync(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], {
    encoding: 'utf8',
  });
  const out = execFileSync(process.execPath, [join(dir, 'out', 'readme-example.js')], { encoding: 'utf8', cwd: dir });
  const r = JSON.parse(out.trim()) as { next: number; diagramBytes: number };
  console.log(`README model in Node from the tarball: predict([70, 80, 90]) = ${r.next.toFixed(2)}`);
  assert.ok(Math.abs(r.next - 100) < 4, `prediction ${r.next}`);
  assert.ok(r.diagramBytes > 500);
});

/** The README model, trained in the page; the result lands in window.result. */
const SCRIPT = `import { dense, exportOnnx, getBackend, lstm, ready, sequential, setRandomSeed, setThreads, splitSequence, tensor } from 'lstmkit';
await ready();
setRandomSeed(1);
const { x, y } = splitSequence([10, 20, 30, 40, 50, 60, 70, 80, 90], 3);
const model = sequential([lstm({ units: 50, activation: 'relu', inputShape: [3, 1] }), dense({ units: 1 })]);
model.compile({ optimizer: 'adam', loss: 'mse' });
await model.fit(tensor(x).reshape([x.length, 3, 1]), tensor(y), { epochs: 200, verbose: 0 });
const next = model.predict(tensor([[[70], [80], [90]]])).to2d()[0][0];
let threads = '';
try { await setThreads(2); } catch (e) { threads = e.name + ': ' + e.message; }
window.beforeOnnx = performance.getEntriesByType('resource').map((r) => r.name);
const onnx = await exportOnnx(model);
window.result = { next, backend: getBackend().name, threads, onnxBytes: onnx.length, isolated: crossOriginIsolated };
document.getElementById('out').textContent = JSON.stringify(window.result);`;

const page = (head: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>lstmkit in a page</title><link rel="icon" href="data:,">
${head}</head><body><pre id="out">running</pre>${body}</body></html>`;

interface PageResult {
  next: number;
  backend: string;
  threads: string;
  onnxBytes: number;
  isolated: boolean;
}

/** Serves `root`, opens index.html in Chromium, waits for the result; also the requests made. */
async function runPage(
  root: string,
): Promise<{ r: PageResult; beforeOnnx: string[]; requests: string[]; url: string }> {
  const { url, server } = await serveDir(root);
  const browser = await launch();
  try {
    const p = await browser.context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    p.on('request', (r) => requests.push(r.url()));
    await p.goto(url);
    await p.waitForFunction(() => (window as unknown as { result?: object }).result, null, { timeout: 60_000 });
    const r = await p.evaluate(() => (window as unknown as { result: PageResult }).result);
    const beforeOnnx = await p.evaluate(() => (window as unknown as { beforeOnnx: string[] }).beforeOnnx);
    assert.deepEqual(errors, []);
    return { r, beforeOnnx, requests, url };
  } finally {
    server.close();
    await browser.close();
  }
}

function checkResult(r: PageResult, how: string): void {
  console.log(`README model in Chromium (${r.backend}), ${how}: predict([70, 80, 90]) = ${r.next.toFixed(2)}`);
  assert.ok(Math.abs(r.next - 100) < 4, `prediction ${r.next}`);
  assert.match(r.backend, /wasm/);
  assert.equal(r.isolated, false);
  assert.match(
    r.threads,
    /^ConfigError: setThreads: 2 threads need a cross-origin isolated page .*Cross-Origin-Embedder-Policy: require-corp/,
  );
  assert.ok(r.onnxBytes > 1000);
}

test('a page with an import map and no bundler trains the README model in Chromium', async () => {
  const importMap =
    '<script type="importmap">{ "imports": { "lstmkit": "./node_modules/lstmkit/dist/browser/lstmkit.js" } }</script>';
  writeFileSync(join(site, 'index.html'), page(importMap, `<script type="module">${SCRIPT}</script>`));
  const { r, beforeOnnx, requests, url } = await runPage(site);
  checkResult(r, 'import map, no bundler');
  assert.ok(
    requests.every((u) => u.startsWith(url)),
    'everything is served locally',
  );
  const protobufChunk = (u: string) => /chunks\/light-/.test(u);
  assert.ok(!beforeOnnx.some(protobufChunk), 'protobufjs is not fetched before exportOnnx');
  assert.ok(requests.some(protobufChunk), 'exportOnnx fetches the protobufjs chunk');
});

test('the same script bundled by Vite from the unpacked package trains the README model', async () => {
  const app = join(site, 'vite-app');
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, 'index.html'), page('', '<script type="module" src="./main.js"></script>'));
  writeFileSync(join(app, 'main.js'), SCRIPT);
  await build({ root: app, logLevel: 'error', build: { outDir: 'dist', target: 'es2022' } });
  checkResult((await runPage(join(app, 'dist'))).r, 'bundled by Vite');
});
