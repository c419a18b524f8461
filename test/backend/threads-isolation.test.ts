// setThreads in a browser page that is not cross-origin isolated: one ConfigError that says why and
// what to serve, instead of the browser's DataCloneError when the shared memory is posted to a worker.
// (test-web/import-map.test.ts checks the same in Chromium.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, setThreads, threadCount } from '../../src/index.js';

test('setThreads(2) on a page without cross-origin isolation throws a ConfigError naming the headers', async () => {
  const g = globalThis as { crossOriginIsolated?: boolean };
  g.crossOriginIsolated = false;
  try {
    await assert.rejects(
      () => setThreads(2),
      (e: unknown) =>
        e instanceof ConfigError &&
        /cross-origin isolated.*Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp/.test(
          e.message,
        ),
    );
    assert.equal(await setThreads(1), 1, 'one thread needs no isolation');
    assert.equal(threadCount(), 1);
  } finally {
    delete g.crossOriginIsolated;
  }
});
