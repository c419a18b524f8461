// saveModel's folder rules: a folder holding other files is refused unless { overwrite: true }, and
// then only model.json and weights.bin change; stale temporaries of killed runs are removed by the
// next save; a replacement in progress by another live process is not disturbed.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { StateError } from '../../src/errors.js';
import { crc32 } from '../../src/io/crc32.js';
import { modelToArtifacts } from '../../src/io/artifacts.js';
import { loadModel, saveModel } from '../../src/node/model-files.js';
import { readOutputText, recoverFolder } from '../../src/node/commit.js';
import { foreignEntries } from '../../src/node/own-files.js';
import { versionModel } from '../faults/versions.js';

const root = mkdtempSync(join(tmpdir(), 'lstmkit-folder-'));
after(() => rmSync(root, { recursive: true, force: true }));

const weightsCrc = async (dir: string) => crc32(modelToArtifacts(await loadModel(dir)).weights);

test('saveModel refuses a folder holding files lstmkit did not write, and with overwrite replaces only its own', async () => {
  const dir = join(root, 'with-data');
  mkdirSync(dir);
  writeFileSync(join(dir, 'data.csv'), 'y\n1\n2\n');
  await assert.rejects(saveModel(versionModel(1), dir), (e: unknown) => {
    assert.ok(e instanceof StateError);
    assert.match((e as Error).message, /holds files that lstmkit did not write \(data\.csv\).*overwrite: true/);
    return true;
  });
  assert.deepEqual(readdirSync(dir), ['data.csv'], 'a refused save writes nothing');
  await saveModel(versionModel(1), dir, { overwrite: true });
  await saveModel(versionModel(2), dir, { overwrite: true });
  assert.deepEqual(readdirSync(dir).sort(), ['data.csv', 'model.json', 'weights.bin']);
  assert.equal(readFileSync(join(dir, 'data.csv'), 'utf8'), 'y\n1\n2\n');
  assert.equal(await weightsCrc(dir), crc32(modelToArtifacts(versionModel(2)).weights));
  // A folder holding only lstmkit's outputs (a saved model, CLI files) is replaced without asking.
  const own = join(root, 'own');
  await saveModel(versionModel(3), own);
  writeFileSync(join(own, 'forecaster.json'), '{}');
  assert.deepEqual(foreignEntries(own), []);
  await saveModel(versionModel(4), own);
  assert.equal(await weightsCrc(own), crc32(modelToArtifacts(versionModel(4)).weights));
});

test('the next save removes the temporaries of killed runs, but not those of a live process', async () => {
  const dir = join(root, 'stale');
  await saveModel(versionModel(1), dir);
  const dead = ['.lstmkit-stage-999991-0a', '.lstmkit-stage-999992-0b', '.lstmkit-commit.json.tmp-999993-0c'];
  mkdirSync(join(dir, dead[0]));
  writeFileSync(join(dir, dead[0], 'weights.bin'), 'partial');
  mkdirSync(join(dir, dead[1]));
  writeFileSync(join(dir, dead[2]), '{"stage"');
  const live = `.lstmkit-stage-${process.ppid}-0d`;
  mkdirSync(join(dir, live));
  await saveModel(versionModel(2), dir);
  assert.deepEqual(readdirSync(dir).sort(), [live, 'model.json', 'weights.bin']);
  // A journal whose owner is alive means another process is mid-replacement: the save waits its turn.
  writeFileSync(join(dir, '.lstmkit-commit.json'), JSON.stringify({ stage: live, files: ['weights.bin'] }));
  await assert.rejects(saveModel(versionModel(3), dir), /being written by another lstmkit process/);
  assert.equal(await weightsCrc(dir), crc32(modelToArtifacts(versionModel(2)).weights));
});

test('saveModel to a path that is a file, or into a folder where model.json is a folder, fails before writing', async () => {
  const file = join(root, 'a-file');
  writeFileSync(file, 'x');
  await assert.rejects(saveModel(versionModel(1), file), /a-file is a file; a model is saved to a folder/);
  await assert.rejects(
    saveModel(versionModel(1), join(file, 'sub')),
    (e: unknown) => e instanceof StateError && /cannot write the model to .*ENOTDIR/.test((e as Error).message),
  );
  const dir = join(root, 'dir-json');
  mkdirSync(join(dir, 'model.json'), { recursive: true });
  await assert.rejects(
    saveModel(versionModel(1), dir, { overwrite: true }),
    /is a folder; lstmkit would have to replace it/,
  );
  assert.deepEqual(readdirSync(dir), ['model.json'], 'no stage left behind');
});

test('recovering an output folder also finishes and cleans its model/ subfolder', async () => {
  const out = join(root, 'out-sub');
  await saveModel(versionModel(1), join(out, 'model'));
  mkdirSync(join(out, 'model', '.lstmkit-stage-999994-aa'));
  writeFileSync(join(out, 'model', '.lstmkit-commit.json.tmp-999995-bb'), '{');
  recoverFolder(out, 'test');
  assert.deepEqual(readdirSync(join(out, 'model')).sort(), ['model.json', 'weights.bin']);
});

test('readOutputText reads the committed version of an output file, and only a regular file', () => {
  const out = join(root, 'out-read');
  mkdirSync(join(out, 'model', '.lstmkit-stage-999996-cc'), { recursive: true });
  writeFileSync(join(out, 'model', 'forecaster.json'), '{"v":1}');
  writeFileSync(join(out, 'model', '.lstmkit-stage-999996-cc', 'forecaster.json'), '{"v":2}');
  const read = () => readOutputText(join(out, 'model'), 'forecaster.json', { where: 'test', maxBytes: 1 << 10 });
  assert.equal(read(), '{"v":1}', 'an uncommitted stage is not read');
  writeFileSync(
    join(out, 'model', '.lstmkit-commit.json'),
    JSON.stringify({ stage: '.lstmkit-stage-999996-cc', files: ['forecaster.json'] }),
  );
  assert.equal(read(), '{"v":2}', 'a committed one is');
  rmSync(join(out, 'model'), { recursive: true });
  mkdirSync(join(out, 'model', 'forecaster.json'), { recursive: true });
  assert.throws(read, /forecaster\.json: is a folder; expected a regular file/);
});

test('a folder loads into a float64 backend too (weights decoded through the chunked path)', async () => {
  const { referenceBackend, setBackend, getBackend } = await import('../../src/backend/backend.js');
  const dir = join(root, 'f64');
  const m = versionModel(5);
  await saveModel(m, dir);
  const expected = m.getWeights().flatMap((t) => Array.from(t.data));
  const previous = getBackend();
  setBackend(referenceBackend('float64'));
  try {
    const loaded = await loadModel(dir);
    assert.ok(loaded.params()[0].value instanceof Float64Array);
    assert.deepEqual(
      loaded.getWeights().flatMap((t) => Array.from(t.data)),
      expected,
    );
  } finally {
    setBackend(previous);
  }
});
