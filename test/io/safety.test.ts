// Safe loading: every malformed, hostile or corrupted input is a FormatError (never a crash, a hang,
// a polluted prototype or a wrong-shaped model), including a seeded fuzz test over valid files.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gru } from '../../src/layers/gru.js';
import { concatenate } from '../../src/layers/merge.js';
import { model } from '../../src/model/graph.js';
import { input } from '../../src/layers/symbolic.js';
import {
  crc32,
  dense,
  FormatError,
  LstmkitError,
  loadModel,
  lstm,
  Rng,
  sequential,
  setRandomSeed,
  tensor,
} from '../../src/index.js';

async function valid(): Promise<{ topology: Record<string, unknown>; text: string; weights: Uint8Array }> {
  setRandomSeed(5);
  const m = sequential([
    lstm({ units: 3, inputShape: [4, 2], returnSequences: true }),
    gru({ units: 2 }),
    dense({ units: 2 }),
  ]);
  m.compile({ optimizer: 'adam', loss: 'mse' });
  await m.fit(tensor(new Float32Array(16), [2, 4, 2]), tensor(new Float32Array(4), [2, 2]), { epochs: 1 });
  const { artifacts } = await m.save();
  const text = JSON.stringify(artifacts.topology);
  return { topology: JSON.parse(text) as Record<string, unknown>, text, weights: artifacts.weights };
}

// biome-ignore lint/suspicious/noExplicitAny: the mutations reach into arbitrary saved JSON
type Mut = (t: Record<string, any>) => void;
async function rejects(mutate: Mut, pattern: RegExp, weights?: (w: Uint8Array) => Uint8Array): Promise<void> {
  const v = await valid();
  mutate(v.topology);
  await assert.rejects(
    loadModel({ topology: v.topology, weights: weights ? weights(v.weights) : v.weights }),
    (e: unknown) => {
      assert.ok(e instanceof FormatError, `expected FormatError, got ${String(e)}`);
      assert.match((e as Error).message, pattern);
      return true;
    },
  );
}

test('loadModel rejects wrong format, version and dtype', async () => {
  await rejects((t) => (t.format = 'keras'), /not an lstmkit model/);
  await rejects((t) => (t.formatVersion = 2), /unsupported formatVersion 2/);
  await rejects((t) => (t.weights.dtype = 'float16'), /dtype must be 'float32'/);
  await rejects((t) => delete t.model, /model must be an object/);
});

test('loadModel detects truncated and corrupted weight data', async () => {
  await rejects(
    () => {},
    /has 12 bytes but the topology records/,
    (w) => w.subarray(0, 12),
  );
  await rejects(
    () => {},
    /checksum mismatch/,
    (w) => {
      const c = w.slice();
      c[7] ^= 0x10;
      return c;
    },
  );
});

test('loadModel checks shapes against sizes and layers against the weights, before allocating', async () => {
  await rejects((t) => (t.weights.entries[0].shape = [2, 13]), /describe \d+ bytes but weights.byteLength/);
  await rejects((t) => (t.model.config.layers[1].config.units = 3), /needs weight gru\w*\/kernel of shape \[3,9\]/);
  // A huge layer is refused from its declared shapes, before any weight is allocated.
  await rejects(
    (t) => (t.model.config.layers[0].config.units = 5_000_000),
    /needs weight lstm\w*\/kernel of shape \[2,20000000\]/,
  );
  await rejects((t) => (t.model.config.layers[0].config.units = 1e12), /out of range/);
  await rejects((t) => (t.weights.entries[0].shape = [1e9, 1e9]), /must be an integer in \[0, 268435456\]/);
  await rejects(
    (t) => (t.model.config.outputShapes = [[3]]),
    /produce output shapes \[\[2\]\] but the topology records \[\[3\]\]/,
  );
  await rejects((t) => (t.model.config.layers[0].className = 'Evil'), /unknown layer class 'Evil'.*known: .*LSTM/);
  await rejects((t) => (t.model.config.layers[0].config.activation = 'gelu2'), /unknown activation "gelu2"/);
  await rejects((t) => (t.optimizer.slotsPerWeight = 2), /optimizer has \d+ slot arrays; expected 2/);
});

test('loadModel refuses prototype-pollution keys and leaves Object.prototype clean', async () => {
  const v = await valid();
  for (const inject of ['"__proto__":{"polluted":1},', '"constructor":{"prototype":{"polluted":1}},']) {
    const text = v.text.replace('"config":{', `"config":{${inject}`);
    await assert.rejects(loadModel({ topology: text, weights: v.weights }), /forbidden key/);
  }
  const obj = JSON.parse('{"__proto__": {"polluted": 1}}') as object; // an own key, as JSON.parse makes it
  await assert.rejects(
    loadModel({ topology: { ...v.topology, weights: obj }, weights: v.weights }),
    /forbidden key '__proto__'/,
  );
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  await assert.rejects(loadModel({ topology: '{"format": ', weights: v.weights }), /not valid JSON/);
  await assert.rejects(
    loadModel({ topology: `${'['.repeat(100000)}${']'.repeat(100000)}`, weights: v.weights }),
    FormatError,
  );
});

/** Loads or throws lstmkit's own error; a loaded model must have the recorded shapes. */
async function loadOrOwnError(topology: unknown, weights: Uint8Array): Promise<'ok' | 'error'> {
  try {
    const m = await loadModel({ topology: topology as object, weights });
    const t = (typeof topology === 'string' ? JSON.parse(topology) : topology) as {
      model: { config: { inputShapes: number[][]; outputShapes: number[][] } };
      weights: { entries: { shape: number[]; group: string }[] };
    };
    const entries = t.weights.entries.filter((e) => e.group === 'model');
    assert.deepEqual(
      m.params().map((p) => p.shape),
      entries.map((e) => e.shape),
      'weights have the recorded shapes',
    );
    const xs = t.model.config.inputShapes.map((s) => tensor(new Float32Array(s.reduce((a, b) => a * b, 1)), [1, ...s]));
    const ys = m.predictOutputs(xs.length === 1 ? xs[0] : xs);
    assert.deepEqual(
      ys.map((y) => y.shape),
      t.model.config.outputShapes.map((s) => [1, ...s]),
      'outputs have the recorded shapes',
    );
    return 'ok';
  } catch (e) {
    if (e instanceof LstmkitError) return 'error';
    throw e;
  }
}

async function validFunctional(): Promise<{ text: string; weights: Uint8Array }> {
  setRandomSeed(6);
  const a = input({ shape: [4, 2] }),
    b = input({ shape: [3, 2] });
  const shared = dense({ units: 3 });
  const merged = concatenate({ axis: 1 }).apply([shared.apply(a), shared.apply(b)]);
  const m = model({ inputs: [a, b], outputs: [lstm({ units: 2 }).apply(merged), shared.apply(b)] });
  const { artifacts } = await m.save();
  return { text: JSON.stringify(artifacts.topology), weights: artifacts.weights };
}

for (const kind of ['Sequential', 'functional'])
  test(`fuzz (${kind}): mutated topologies and weight files load correctly or throw LstmkitError (seeded)`, async () => {
    const v = kind === 'Sequential' ? await valid() : await validFunctional();
    const r = new Rng(2024);
    const counts = { ok: 0, error: 0 };
    const t0 = Date.now();
    const junk = [
      0,
      -1,
      1e300,
      3.5,
      'x',
      '',
      null,
      true,
      [],
      {},
      [1, 2],
      { name: 'zeros' },
      'LSTM',
      'Dense',
      [4, 2],
      2 ** 31,
    ];
    for (let iter = 0; iter < 400; iter++) {
      const kind = iter % 4;
      let topology: unknown = JSON.parse(v.text);
      let weights = v.weights;
      if (kind === 0) {
        // Byte-level text edits: overwrite, delete or duplicate a few characters.
        const chars = [...v.text];
        for (let k = 0, n = 1 + r.int(3); k < n; k++) {
          const i = r.int(chars.length);
          const op = r.int(3);
          if (op === 0) chars[i] = '{}[]":,0123456789-e.aZ'[r.int(23)];
          else if (op === 1) chars.splice(i, 1 + r.int(4));
          else chars.splice(i, 0, chars[r.int(chars.length)]);
        }
        topology = chars.join('');
      } else if (kind === 1) {
        // Structural edits: replace a random value anywhere in the tree with junk.
        const slots: [Record<string, unknown> | unknown[], string | number][] = [];
        const walk = (o: unknown): void => {
          if (o && typeof o === 'object')
            for (const k of Object.keys(o)) {
              slots.push([o as Record<string, unknown>, k]);
              walk((o as Record<string, unknown>)[k]);
            }
        };
        walk(topology);
        const [obj, key] = slots[r.int(slots.length)];
        (obj as Record<string | number, unknown>)[key] = junk[r.int(junk.length)];
      } else if (kind === 2) {
        // Weight bytes: flip, truncate or extend (the CRC catches these).
        const w = v.weights.slice();
        const op = r.int(3);
        if (op === 0) w[r.int(w.length)] ^= 1 << r.int(8);
        weights = op === 1 ? w.subarray(0, r.int(w.length)) : op === 2 ? new Uint8Array([...w, 1, 2, 3, 4]) : w;
      } else {
        // Weight bytes changed with a matching CRC: values change (NaN, Inf), the load must still be well-formed.
        const w = v.weights.slice();
        for (let k = 0; k < 4; k++) w[r.int(w.length)] = r.int(256);
        (topology as { weights: { crc32: number } }).weights.crc32 = crc32(w);
        weights = w;
      }
      counts[await loadOrOwnError(topology, weights)]++;
    }
    assert.ok(counts.ok > 50 && counts.error > 150, `both outcomes occur: ${JSON.stringify(counts)}`);
    assert.ok(Date.now() - t0 < 20000, 'no pathological slowness');
  });

test('loadModel refuses non-objects and model weights listed after optimizer slots', async () => {
  await assert.rejects(loadModel(null as never), /unknown load target|expected artifacts/);
  await assert.rejects(loadModel({ topology: null as never, weights: new Uint8Array(0) }), FormatError);
  await rejects(
    (t) => t.weights.entries.push(t.weights.entries.shift()),
    /every model weight before the optimizer slots/,
  );
});
