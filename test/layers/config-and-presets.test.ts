// Run-time config validation of every layer factory, and the keras3 / keras2 / tfjs presets checked
// against tfjs-layers in-process (tfjs' own defaults are the 'tfjs' preset).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import {
  additiveAttention,
  attention,
  averagePooling1d,
  bidirectional,
  ConfigError,
  concatenate,
  conv1d,
  dense,
  dropout,
  embedding,
  flatten,
  globalAveragePooling1d,
  gru,
  type Layer,
  lstm,
  masking,
  maxPooling1d,
  Rng,
  repeatVector,
  reshape,
  Sequential,
  simpleRnn,
  tensor,
  timeDistributed,
} from '../../src/index.js';
import { PRESET_DEFAULTS } from '../../src/layers/presets.js';
import { assertClose } from '../helpers/close.js';

const FACTORIES: [string, (extra: Record<string, unknown>) => unknown][] = [
  ['dense', (e) => dense({ units: 2, ...e })],
  ['lstm', (e) => lstm({ units: 2, ...e })],
  ['gru', (e) => gru({ units: 2, ...e })],
  ['simpleRnn', (e) => simpleRnn({ units: 2, ...e })],
  ['conv1d', (e) => conv1d({ filters: 2, kernelSize: 2, ...e })],
  ['embedding', (e) => embedding({ inputDim: 4, outputDim: 2, ...e })],
  ['masking', (e) => masking({ ...e })],
  ['dropout', (e) => dropout({ rate: 0.1, ...e })],
  ['maxPooling1d', (e) => maxPooling1d({ ...e })],
  ['averagePooling1d', (e) => averagePooling1d({ ...e })],
  ['globalAveragePooling1d', (e) => globalAveragePooling1d({ ...e })],
  ['flatten', (e) => flatten({ ...e })],
  ['reshape', (e) => reshape({ targetShape: [2], ...e })],
  ['repeatVector', (e) => repeatVector({ n: 2, ...e })],
  ['concatenate', (e) => concatenate({ ...e })],
  ['attention', (e) => attention({ ...e })],
  ['additiveAttention', (e) => additiveAttention({ ...e })],
  ['bidirectional', (e) => bidirectional(lstm({ units: 2 }), { ...e })],
  ['timeDistributed', (e) => timeDistributed(dense({ units: 2 }), { ...e })],
];

test('every layer factory refuses an unknown option with a ConfigError naming it and listing the accepted ones', () => {
  for (const [name, make] of FACTORIES) {
    assert.throws(
      () => make({ zeroOutput: true }),
      (e) =>
        e instanceof ConfigError && /unknown option 'zeroOutput'/.test(e.message) && /accepted: .*name/.test(e.message),
      name,
    );
    make({ name: `ok_${name}` }); // the accepted keys still work
  }
  assert.throws(() => lstm({ units: 2, return_sequences: true } as never), /did you mean 'returnSequences'/);
  assert.throws(() => lstm({ units: 2, useBias: 'yes' } as never), /useBias must be true or false/);
  assert.throws(() => dense(null as never), /expected a config object, got null/);
  assert.throws(
    () => lstm({ units: 2, preset: 'keras1' as never }),
    /unknown preset "keras1"; expected one of: 'keras3', 'keras2', 'tfjs'/,
  );
});

test("preset 'keras3' is the default: the same resolved config and initial weights as no preset", () => {
  const cfg = (l: Layer) => ({ ...l.getConfig(), name: null });
  for (const make of [lstm, gru, simpleRnn] as ((c: { units: number; preset?: 'keras3' }) => Layer)[]) {
    const a = make({ units: 3 }),
      b = make({ units: 3, preset: 'keras3' });
    assert.deepEqual(cfg(a), cfg(b));
    a.build([[4, 2]], new Rng(5));
    b.build([[4, 2]], new Rng(5));
    assert.deepEqual(Array.from(a.params()[2].value), Array.from(b.params()[2].value));
  }
  const c = lstm({ units: 3 }).getConfig();
  assert.equal(c.recurrentActivation, PRESET_DEFAULTS.keras3.recurrentActivation);
  assert.equal(c.unitForgetBias, true);
  assert.equal(gru({ units: 3 }).getConfig().resetAfter, true);
});

/** Builds our layer with tfjs' weights and compares predictions on random input. */
function sameAsTfjs(ours: Layer, theirs: tf.layers.Layer, label: string): void {
  tf.setBackend('cpu');
  const T = 5,
    D = 3;
  const tm = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: [T, D] }), theirs] });
  const model = new Sequential([ours]);
  model.build([[T, D]]);
  ours.setWeights(theirs.getWeights().map((w) => tensor(w.dataSync() as Float32Array, w.shape as number[])));
  const r = new Rng(3);
  const x = Float32Array.from({ length: 2 * T * D }, () => r.uniform(-2, 2));
  const want = (tm.predict(tf.tensor(x, [2, T, D])) as tf.Tensor).dataSync();
  assertClose(model.predictOutputs(tensor(x, [2, T, D]))[0].data, want, { rtol: 1e-5, atol: 1e-6 }, label);
}

test("preset 'tfjs' reproduces tfjs-layers' defaults (hard sigmoid 0.2x+0.5, no unit forget bias, GRU resetAfter false)", () => {
  const l = lstm({ units: 4, preset: 'tfjs' });
  assert.equal(l.getConfig().unitForgetBias, false);
  assert.deepEqual(l.getConfig().kernelInitializer, { name: 'glorotNormal' });
  sameAsTfjs(l, tf.layers.lstm({ units: 4 }), 'lstm tfjs');
  const g = gru({ units: 4, preset: 'tfjs', returnSequences: true });
  assert.equal(g.getConfig().resetAfter, false);
  sameAsTfjs(g, tf.layers.gru({ units: 4, returnSequences: true }), 'gru tfjs');
  // Fresh weights: tfjs' zero forget bias, where Keras 3 would put ones.
  const fresh = lstm({ units: 2, preset: 'tfjs' });
  fresh.build([[3, 1]], new Rng(1));
  assert.deepEqual(Array.from(fresh.params()[2].value), new Array(8).fill(0));
});

test("preset 'keras2' is Keras 2.0-2.3: hard sigmoid 0.2x+0.5 and GRU resetAfter false, with unit forget bias", () => {
  const l = lstm({ units: 4, preset: 'keras2' });
  assert.equal(l.getConfig().recurrentActivation, 'hardSigmoidTfjs');
  assert.equal(l.getConfig().unitForgetBias, true);
  // Same math as tfjs' LSTM with its hard sigmoid (only the initial forget bias differs).
  sameAsTfjs(l, tf.layers.lstm({ units: 4, unitForgetBias: true }), 'lstm keras2');
  const fresh = lstm({ units: 2, preset: 'keras2' });
  fresh.build([[3, 1]], new Rng(1));
  assert.deepEqual(Array.from(fresh.params()[2].value), [0, 0, 1, 1, 0, 0, 0, 0]);
  const g = gru({ units: 3, preset: 'keras2' });
  assert.equal(g.getConfig().resetAfter, false);
  sameAsTfjs(g, tf.layers.gru({ units: 3 }), 'gru keras2');
  // An explicit option wins over the preset.
  assert.equal(gru({ units: 3, preset: 'keras2', resetAfter: true }).getConfig().resetAfter, true);
  assert.equal(
    lstm({ units: 3, preset: 'keras2', recurrentActivation: 'sigmoid' }).getConfig().recurrentActivation,
    'sigmoid',
  );
});
