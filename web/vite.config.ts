// Vite config for the browser playground: root is web/, `lstmkit` resolves to the package source
// (no package build needed), and the repo root is served so ../src and ../datasets can be imported.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repo = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: { alias: { lstmkit: fileURLToPath(new URL('../src/index.ts', import.meta.url)) } },
  server: { fs: { allow: [repo] } },
  worker: { format: 'es' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
