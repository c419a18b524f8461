// The browser targets with minimal stand-ins for the globals they use: IndexedDB (one object store,
// put/get in transactions) and downloads (document.createElement('a'), URL.createObjectURL, Blob).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dense, loadModel, lstm, type Sequential, sequential, setRandomSeed, tensor } from '../../src/index.js';
import { assertClose } from '../helpers/close.js';

type Req = {
  result: unknown;
  error: unknown;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
  onupgradeneeded?: (() => void) | null;
};

/** An in-memory IndexedDB with the calls lstmkit makes; values are structured-cloned like the real one. */
function fakeIndexedDb() {
  const stores = new Map<string, Map<string, unknown>>();
  const later = (f: () => void) => setTimeout(f, 0);
  const db = {
    objectStoreNames: { contains: (n: string) => stores.has(n) },
    createObjectStore: (n: string) => stores.set(n, new Map()),
    close() {},
    transaction(name: string) {
      const tx = { oncomplete: null as (() => void) | null, onerror: null, onabort: null, error: null };
      const store = stores.get(name)!;
      const request = (f: () => unknown): Req => {
        const r: Req = { result: undefined, error: null, onsuccess: null, onerror: null };
        later(() => {
          r.result = f();
          r.onsuccess?.();
          tx.oncomplete?.();
        });
        return r;
      };
      return {
        ...tx,
        get oncomplete() {
          return tx.oncomplete;
        },
        set oncomplete(f) {
          tx.oncomplete = f;
        },
        objectStore: () => ({
          put: (v: unknown, k: string) => request(() => store.set(k, structuredClone(v))),
          get: (k: string) => request(() => structuredClone(store.get(k))),
        }),
      };
    },
  };
  return {
    stores,
    open() {
      const r: Req = { result: db, error: null, onsuccess: null, onerror: null, onupgradeneeded: null };
      later(() => {
        if (!stores.size) r.onupgradeneeded?.();
        r.onsuccess?.();
      });
      return r;
    },
  };
}

function smallModel(): Sequential {
  setRandomSeed(4);
  return sequential([lstm({ units: 3, inputShape: [4, 2] }), dense({ units: 1 })]);
}

test("model.save('indexeddb://name') and loadModel('indexeddb://name') round-trip", async () => {
  const g = globalThis as { indexedDB?: unknown };
  g.indexedDB = fakeIndexedDb();
  try {
    const m = smallModel();
    const { location } = await m.save('indexeddb://forecaster');
    assert.equal(location, 'indexeddb://forecaster');
    const copy = (await loadModel('indexeddb://forecaster')) as Sequential;
    const x = tensor(
      Float32Array.from({ length: 16 }, (_, i) => Math.sin(i)),
      [2, 4, 2],
    );
    assertClose(copy.predict(x).data, m.predict(x).data, { atol: 0 }, 'predictions');
    await assert.rejects(loadModel('indexeddb://missing'), /no model named 'missing' in IndexedDB/);
  } finally {
    delete g.indexedDB;
  }
});

test("model.save('downloads://name') offers name.json and name.weights.bin that load back", async () => {
  const clicked: { file: string; blob: Blob }[] = [];
  const urls = new Map<string, Blob>();
  const g = globalThis as unknown as { document?: unknown; URL: typeof URL };
  const realCreate = URL.createObjectURL;
  g.document = {
    createElement: () => {
      const a = { href: '', download: '', click: () => clicked.push({ file: a.download, blob: urls.get(a.href)! }) };
      return a;
    },
  };
  URL.createObjectURL = (b: Blob) => {
    const u = `blob:${urls.size}`;
    urls.set(u, b);
    return u;
  };
  try {
    const m = smallModel();
    await m.save('downloads://my-model');
    assert.deepEqual(
      clicked.map((c) => c.file),
      ['my-model.json', 'my-model.weights.bin'],
    );
    const topology = await clicked[0].blob.text();
    const weights = new Uint8Array(await clicked[1].blob.arrayBuffer());
    const copy = (await loadModel({ topology, weights })) as Sequential;
    const x = tensor(
      Float32Array.from({ length: 8 }, (_, i) => i / 8),
      [1, 4, 2],
    );
    assertClose(copy.predict(x).data, m.predict(x).data, { atol: 0 }, 'predictions');
  } finally {
    delete g.document;
    URL.createObjectURL = realCreate;
  }
});
