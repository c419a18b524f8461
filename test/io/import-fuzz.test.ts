// Seeded fuzz of the foreign-format readers: mutated tfjs model.json / weights and mutated
// safetensors files either load or throw lstmkit's own error (never a crash, a hang or a huge allocation).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { LstmkitError, loadTfjsModel, readSafetensors, Rng, tensor, writeSafetensors } from '../../src/index.js';
import { mutateTree } from '../helpers/mutate.js';

function mutateText(text: string, r: Rng): string {
  const chars = [...text];
  for (let k = 0, n = 1 + r.int(3); k < n; k++) {
    const i = r.int(chars.length);
    const op = r.int(3);
    if (op === 0) chars[i] = '{}[]":,0123456789-e.aZ'[r.int(23)];
    else if (op === 1) chars.splice(i, 1 + r.int(4));
    else chars.splice(i, 0, chars[r.int(chars.length)]);
  }
  return chars.join('');
}

async function ownErrorsOnly(f: () => unknown | Promise<unknown>): Promise<'ok' | 'error'> {
  try {
    await f();
    return 'ok';
  } catch (e) {
    if (e instanceof LstmkitError) return 'error';
    throw e;
  }
}

test('fuzz: mutated tfjs model.json and weights load or throw LstmkitError (seeded)', async () => {
  tf.setBackend('cpu');
  const m = tf.sequential();
  m.add(tf.layers.lstm({ units: 3, inputShape: [4, 2], returnSequences: true }));
  m.add(tf.layers.gru({ units: 2 }));
  m.add(tf.layers.dense({ units: 2 }));
  let art: tf.io.ModelArtifacts | null = null;
  await m.save(
    tf.io.withSaveHandler(async (a) => {
      art = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const text = JSON.stringify({ modelTopology: art!.modelTopology, weightSpecs: art!.weightSpecs });
  const weights = new Uint8Array(art!.weightData as ArrayBuffer);
  const r = new Rng(77);
  const counts = { ok: 0, error: 0 };
  for (let iter = 0; iter < 300; iter++) {
    const kind = iter % 3;
    const json = kind === 0 ? mutateText(text, r) : (JSON.parse(text) as object);
    if (kind === 1) mutateTree(json, r);
    const w = kind === 2 ? weights.subarray(0, r.int(weights.length)) : weights;
    counts[
      await ownErrorsOnly(() => {
        const model = loadTfjsModel(json, w);
        const xs = model.inputShapes()!.map((s) => tensor(new Float32Array(s.reduce((a, b) => a * b, 1)), [1, ...s]));
        model.predictOutputs(xs.length === 1 ? xs[0] : xs);
      })
    ]++;
  }
  assert.ok(counts.ok > 20 && counts.error > 100, JSON.stringify(counts));
});

test('fuzz: mutated safetensors files read or throw LstmkitError (seeded)', async () => {
  const good = writeSafetensors(
    {
      'a.weight': tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
      'a.bias': tensor(Float64Array.of(1, 2), [2], 'float64'),
    },
    { format: 'pt' },
  );
  const r = new Rng(78);
  const counts = { ok: 0, error: 0 };
  for (let iter = 0; iter < 400; iter++) {
    const b = good.slice();
    const op = iter % 3;
    if (op === 0) for (let k = 0; k < 3; k++) b[r.int(b.length)] = r.int(256);
    const bytes =
      op === 1
        ? b.subarray(0, r.int(b.length))
        : op === 2
          ? new TextEncoder().encode(mutateText(new TextDecoder().decode(b), r))
          : b;
    counts[await ownErrorsOnly(() => readSafetensors(bytes))]++;
  }
  assert.ok(counts.error > 100, JSON.stringify(counts));
});
