// The saved forecaster's files, defined once in the core: forecasterFileMap is what lstmkit/node
// writes, and artifactsFromFiles reads a folder's files as a browser's folder picker lists them
// (below a top folder or a `forecast --out` folder's model/), giving the same forecasts.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { resolveForecastConfig } from '../../src/forecast/config.js';
import { trainForecaster } from '../../src/forecast/neural.js';
import {
  artifactsFromFiles,
  forecasterArtifacts,
  forecasterFileMap,
  loadForecaster,
  memberFolder,
} from '../../src/forecast/saved.js';
import { readCsvFile } from '../../src/node/csv-file.js';
import { forecasterFiles, saveForecaster } from '../../src/node/forecaster-files.js';
import { FormatError } from '../../src/errors.js';

const y = readCsvFile('datasets/airline-passengers.csv', { dateColumns: ['Month'] }).numeric.Passengers;

function walk(dir: string, root = dir, out = new Map<string, Uint8Array>()): Map<string, Uint8Array> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, root, out);
    else out.set(relative(root, p), new Uint8Array(readFileSync(p)));
  }
  return out;
}

test('a folder written by lstmkit/node, picked as a browser lists it, loads with the same forecasts', async () => {
  const { config } = resolveForecastConfig(y, { epochs: 3, repeats: 2, units: 4 });
  const f = await trainForecaster(y.slice(0, 120), config);
  const map = forecasterFileMap(forecasterArtifacts(f));
  assert.deepEqual(
    [...map.keys()],
    ['member-0/model.json', 'member-0/weights.bin', 'member-1/model.json', 'member-1/weights.bin', 'forecaster.json'],
  );
  assert.deepEqual(forecasterFiles(f), map, 'lstmkit/node writes exactly these files');
  assert.equal(memberFolder(1), 'member-1');
  const dir = mkdtempSync(join(tmpdir(), 'lstmkit-saved-'));
  try {
    await saveForecaster(f, join(dir, 'run', 'model'));
    // a folder picker gives paths below the picked folder's name: run/model/member-0/model.json ...
    const picked = new Map([...walk(dir)].map(([p, v]) => [p.replace(/\\/g, '/'), v] as const));
    picked.set('run/notes.txt', new TextEncoder().encode('not part of it'));
    const g = await loadForecaster(artifactsFromFiles(picked));
    assert.deepEqual(g.predictAt(y, [120, 130]), f.predictAt(y, [120, 130]));
    picked.delete('run/model/member-1/weights.bin');
    assert.throws(
      () => artifactsFromFiles(picked),
      (e: Error) =>
        e instanceof FormatError &&
        /lists 2 member\(s\) but run\/model\/member-1\/weights\.bin is missing/.test(e.message),
    );
    assert.throws(
      () => artifactsFromFiles(new Map([['a/model.json', '{}']])),
      (e: Error) => e instanceof FormatError && /no forecaster\.json among the 1 file/.test(e.message),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
