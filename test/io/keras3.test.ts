// Keras 3 models as they really come: the fixtures of test/fixtures/keras3 (made by make_fixtures.py
// with Keras 3.15.1) loaded from the .keras file, the legacy .h5 file and both tensorflowjs converter
// routes, must predict what Keras printed into cases.json within 1e-5.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadKerasModel, type Model, tensor } from '../../src/index.js';
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
