// writeFolder: a set of output files (a forecast's report and its model/member-<r>/ folders) written
// crash-safely beside anything else; a folder of other files refused unless overwrite; readers of a
// member folder resolve a replacement that a crash left half-moved, through the journal two levels up.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ConfigError } from '../../src/errors.js';
import { modelToArtifacts } from '../../src/io/artifacts.js';
import { crc32 } from '../../src/io/crc32.js';
import { loadModel } from '../../src/node/model-files.js';
import { checkOutputFolder, OUTPUT_MARKER, writeFolder } from '../../src/node/output-folder.js';
import { versionModel } from '../faults/versions.js';

const root = mkdtempSync(join(tmpdir(), 'lstmkit-outfolder-'));
after(() => rmSync(root, { recursive: true, force: true }));

function forecastFiles(version: number): Map<string, string | Uint8Array> {
  const a = modelToArtifacts(versionModel(version));
  return new Map<string, string | Uint8Array>([
    ['report.html', `<p>${version}</p>`],
    ['model/forecaster.json', `{"version":${version}}`],
    ['model/member-0/model.json', JSON.stringify(a.topology)],
    ['model/member-0/weights.bin', a.weights],
  ]);
}
const weightsCrc = (v: number) => crc32(modelToArtifacts(versionModel(v)).weights);

test('writeFolder writes nested output files with the marker, and replaces them the next time', async () => {
  const out = join(root, 'out');
  await writeFolder(out, forecastFiles(1));
  await writeFolder(out, forecastFiles(2));
  assert.deepEqual(readdirSync(out).sort(), [OUTPUT_MARKER, 'model', 'report.html']);
  assert.equal(readFileSync(join(out, 'report.html'), 'utf8'), '<p>2</p>');
  assert.equal(crc32(modelToArtifacts(await loadModel(join(out, 'model', 'member-0'))).weights), weightsCrc(2));
});

test('a folder of other files is refused unless overwrite, which keeps them; names lstmkit does not write are refused', async () => {
  const dir = join(root, 'user');
  mkdirSync(dir);
  writeFileSync(join(dir, 'data.csv'), 'y\n1\n');
  await assert.rejects(
    checkOutputFolder(dir),
    (e: unknown) =>
      e instanceof ConfigError && /holds files lstmkit did not write \(data\.csv\)/.test((e as Error).message),
  );
  await assert.rejects(writeFolder(dir, forecastFiles(1)), /holds files lstmkit did not write/);
  assert.deepEqual(readdirSync(dir), ['data.csv']);
  await writeFolder(dir, forecastFiles(1), { overwrite: true });
  assert.equal(readFileSync(join(dir, 'data.csv'), 'utf8'), 'y\n1\n');
  await assert.rejects(
    writeFolder(join(root, 'x'), new Map([['../escape.txt', 'x']])),
    /is not among the files lstmkit writes/,
  );
  await assert.rejects(
    writeFolder(join(root, 'x'), new Map([['notes.txt', 'x']])),
    /is not among the files lstmkit writes/,
  );
});

test('a member folder reads the new model while a committed replacement is half moved', async () => {
  const out = join(root, 'half');
  await writeFolder(out, forecastFiles(1));
  // The state a kill leaves after the commit point: the journal in out/, weights.bin already moved.
  const stage = '.lstmkit-stage-999997-dd';
  for (const [name, data] of forecastFiles(2)) {
    mkdirSync(join(out, stage, name, '..'), { recursive: true });
    writeFileSync(join(out, stage, name), data);
  }
  writeFileSync(
    join(out, '.lstmkit-commit.json'),
    JSON.stringify({ stage, files: [...forecastFiles(2).keys()].sort() }),
  );
  renameSync(join(out, stage, 'model/member-0/weights.bin'), join(out, 'model/member-0/weights.bin'));
  assert.equal(crc32(modelToArtifacts(await loadModel(join(out, 'model', 'member-0'))).weights), weightsCrc(2));
  await writeFolder(out, forecastFiles(3));
  assert.deepEqual(readdirSync(out).sort(), [OUTPUT_MARKER, 'model', 'report.html']);
  assert.equal(crc32(modelToArtifacts(await loadModel(join(out, 'model', 'member-0'))).weights), weightsCrc(3));
});
