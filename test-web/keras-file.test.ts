// loadKerasModel in a real browser (Chromium via playwright-core): the core bundled by Vite (fflate and
// jsfive included) reads a .keras and a legacy .h5 fixture handed to it as browser File objects, and
// predicts what Keras printed into test/fixtures/keras3/cases.json.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { build } from 'vite';
import { launch, repo } from './harness.ts';

const fixtures = join(repo, 'test', 'fixtures', 'keras3');
let context: BrowserContext, close: () => Promise<void>, bundle: string;
const out = mkdtempSync(join(tmpdir(), 'lstmkit-keras-web-'));

before(async () => {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: out,
      emptyOutDir: true,
      lib: { entry: join(repo, 'src', 'index.ts'), name: 'lstmkit', formats: ['iife'], fileName: () => 'lstmkit.js' },
    },
  });
  bundle = readFileSync(join(out, 'lstmkit.js'), 'utf8');
  ({ context, close } = await launch());
});

after(async () => {
  await close?.();
  rmSync(out, { recursive: true, force: true });
});

test('loadKerasModel reads .keras and .h5 Files in the browser and matches Keras', async () => {
  const cases = JSON.parse(readFileSync(join(fixtures, 'cases.json'), 'utf8')).cases as {
    kind: string;
    inputs: { shape: number[]; data: number[] }[];
    outputs: { shape: number[]; data: number[] }[];
  }[];
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ content: bundle });
  for (const [kind, ext] of [
    ['encoder_decoder_lstm', 'keras'],
    ['embedding_mask_lstm', 'h5'],
  ]) {
    const c = cases.find((k) => k.kind === kind)!;
    const bytes = [...readFileSync(join(fixtures, 'models', `${kind}.${ext}`))];
    const got = await page.evaluate(
      async ({ bytes, name, inputs }) => {
        const lib = (globalThis as unknown as { lstmkit: typeof import('../src/index.js') }).lstmkit;
        const file = new File([new Uint8Array(bytes)], name);
        const model = await lib.loadKerasModel(file);
        const xs = inputs.map((a) => lib.tensor(Float32Array.from(a.data), a.shape));
        return model.predictOutputs(xs.length === 1 ? xs[0] : xs).map((t) => Array.from(t.data));
      },
      { bytes, name: `${kind}.${ext}`, inputs: c.inputs },
    );
    got.forEach((o, k) => {
      const want = c.outputs[k].data;
      assert.equal(o.length, want.length);
      const worst = Math.max(...o.map((v, i) => Math.abs(v - want[i])));
      assert.ok(worst <= 1e-5, `${kind}.${ext} output ${k}: max difference ${worst}`);
    });
  }
  assert.deepEqual(errors, []);
});
