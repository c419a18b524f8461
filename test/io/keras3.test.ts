// Keras 3 models as they really come: the fixtures of test/fixtures/keras3 (made by make_fixtures.py
// with Keras 3.15.1) loaded from the .keras file, the legacy .h5 file and both tensorflowjs converter
// routes, must predict what Keras printed into cases.json within 1e-5.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FormatError, loadKerasModel, type Model, tensor } from '../../src/index.js';
import { loadKerasModelFile, loadTfjsModelFromDir } from '../../src/node/index.js';

const DIR = join(import.meta.dirname, '../fixtures/keras3');
interface Arr {
  shape: number[];
  data: number[];
}
interface Case {
  kind: string;
  inputs: Arr[];
  outputs: Arr[];
}
const fixture = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8')) as { keras_version: string; cases: Case[] };

const ROUTES: Record<string, (kind: string) => Promise<Model>> = {
  keras: (kind) => loadKerasModelFile(join(DIR, 'models', `${kind}.keras`)),
  h5: (kind) => loadKerasModel(readFileSync(join(DIR, 'models', `${kind}.h5`))),
  'tfjs (h5 route)': (kind) => loadTfjsModelFromDir(join(DIR, 'tfjs', kind, 'h5')),
  'tfjs (.keras route)': (kind) => loadTfjsModelFromDir(join(DIR, 'tfjs', kind, 'keras')),
};

/** Largest |ours − Keras| over every output of a case. */
async function maxDiff(model: Model, c: Case): Promise<number> {
  const xs = c.inputs.map((a) => tensor(Float32Array.from(a.data), a.shape));
  const outs = model.predictOutputs(xs.length === 1 ? xs[0] : xs);
  assert.equal(outs.length, c.outputs.length, `${c.kind}: output count`);
  let worst = 0;
  outs.forEach((o, k) => {
    assert.deepEqual(o.shape, c.outputs[k].shape, `${c.kind}: output ${k} shape`);
    for (let i = 0; i < o.size; i++) worst = Math.max(worst, Math.abs(o.data[i] - c.outputs[k].data[i]));
  });
  return worst;
}

test(`every Keras ${fixture.keras_version} fixture imports through .keras, .h5 and both converter routes and matches Keras to 1e-5`, async () => {
  assert.ok(fixture.cases.length >= 31, `${fixture.cases.length} model kinds`);
  const failures: string[] = [];
  const rows: string[] = [];
  for (const c of fixture.cases) {
    const cells: string[] = [];
    for (const [route, load] of Object.entries(ROUTES)) {
      try {
        const d = await maxDiff(await load(c.kind), c);
        cells.push(d.toExponential(1));
        if (!(d <= 1e-5)) failures.push(`${c.kind} via ${route}: max difference ${d}`);
      } catch (e) {
        cells.push('error');
        failures.push(`${c.kind} via ${route}: ${(e as Error).message}`);
      }
    }
    rows.push(`| ${c.kind} | ${cells.join(' | ')} |`);
  }
  if (process.env.LSTMKIT_KERAS3_TABLE) console.log(rows.join('\n'));
  assert.deepEqual(failures, []);
});

test('files with options lstmkit cannot reproduce are refused, naming the layer and the option', async () => {
  const refused: [string, RegExp][] = [
    ['refuse_channels_first', /layer 'conv1d[_0-9]*' \(Conv1D\).*data_format 'channels_first' is not supported/],
    ['refuse_gelu', /layer 'lstm[_0-9]*' \(LSTM\).*activation 'gelu' has no lstmkit equivalent/],
    ['refuse_regularizer', /layer 'lstm[_0-9]*' \(LSTM\).*option 'kernel_regularizer'.*inferenceOnly/],
  ];
  for (const [kind, message] of refused) {
    for (const [route, load] of [
      ['keras', () => loadKerasModelFile(join(DIR, 'models', `${kind}.keras`))],
      ['h5', () => loadKerasModel(readFileSync(join(DIR, 'models', `${kind}.h5`)))],
      ['tfjs', () => loadTfjsModelFromDir(join(DIR, 'tfjs', kind, 'keras'))],
    ] as const)
      await assert.rejects(load(), (e) => e instanceof FormatError && message.test(e.message), `${kind} via ${route}`);
  }
  // Regularizers change training only: { inferenceOnly: true } imports the model for prediction.
  const m = await loadKerasModelFile(join(DIR, 'models', 'refuse_regularizer.keras'), { inferenceOnly: true });
  assert.equal(m.layers[0].className, 'LSTM');
});

test('every weighted layer of an imported .keras model has exactly one vars group named after it in model.weights.h5', async () => {
  // Every .keras fixture: the path lstmkit derives for each layer holds a vars group named after that layer.
  const { unzipSync } = await import('fflate');
  const { openHdf5 } = await import('../../src/io/hdf5.js');
  let checked = 0;
  for (const c of fixture.cases) {
    const zip = unzipSync(new Uint8Array(readFileSync(join(DIR, 'models', `${c.kind}.keras`))));
    const h5 = openHdf5(zip['model.weights.h5'], 'test');
    for (const layer of (await ROUTES.keras(c.kind)).layers) {
      if (layer.params().length === 0) continue;
      const paths = h5.keys('layers')!.filter((k) => h5.attrs(`layers/${k}/vars`).name === layer.name);
      assert.equal(paths.length, 1, `${c.kind}: layer ${layer.name} has one save path`);
      checked++;
    }
  }
  assert.ok(checked > 60, `${checked} layers checked`);
});

test('loadKerasModel reads a browser File/Blob and refuses what is not a Keras model file', async () => {
  const bytes = readFileSync(join(DIR, 'models', 'lstm.keras'));
  const c = fixture.cases.find((k) => k.kind === 'lstm')!;
  const model = await loadKerasModel(new Blob([bytes]));
  assert.ok((await maxDiff(model, c)) <= 1e-5);
  await assert.rejects(loadKerasModel(new Uint8Array([1, 2, 3, 4, 5])), /not a Keras file/);
  await assert.rejects(loadKerasModel(bytes.subarray(0, 2000)), (e) => e instanceof FormatError);
  await assert.rejects(loadKerasModel('model.keras' as never), /ArrayBuffer, a Uint8Array or a File/);
  const h5 = readFileSync(join(DIR, 'models', 'lstm.h5'));
  await assert.rejects(loadKerasModel(h5.subarray(0, 1000)), (e) => e instanceof FormatError);
  await assert.rejects(loadKerasModelFile(join(DIR, 'models')), /not a regular file/);
});
