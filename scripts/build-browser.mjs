// Builds the browser entry for pages without a bundler: dist/browser/lstmkit.js, one ES module with
// every dependency inside (papaparse is CommonJS, so it cannot be imported bare from a page), plus a
// chunk with protobufjs that only `await exportOnnx()` loads. Use it with an import map:
//   <script type="importmap">{ "imports": { "lstmkit": "/node_modules/lstmkit/dist/browser/lstmkit.js" } }</script>
import { rmSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const repo = new URL('..', import.meta.url).pathname;
const outdir = join(repo, 'dist', 'browser');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { lstmkit: join(repo, 'src', 'index.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'eof',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
const files = readdirSync(outdir, { recursive: true }).filter((f) => f.endsWith('.js'));
for (const f of files) console.log(`dist/browser/${f}  ${(statSync(join(outdir, f)).size / 1024).toFixed(1)} kB`);
