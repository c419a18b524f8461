// Saved forecasters as folders (the format of src/forecast/saved.ts): forecaster.json plus one
// model folder per ensemble member (member-<r>/model.json, member-<r>/weights.bin). The CLI's
// `train` and `forecast --out` and the library write the same thing; `predict`, `evaluate` and
// loadForecaster read it.

import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { FormatError } from '../errors.js';
import {
  checkForecasterSpec,
  type DataSource,
  FORECASTER_SPEC_FILE,
  forecasterArtifacts,
  forecasterFileMap,
  forecasterFromParts,
  memberFolder,
} from '../forecast/saved.js';
import type { NeuralForecaster } from '../forecast/neural.js';
import { parseJsonSafe } from '../io/safe-json.js';
import type { Model } from '../model/model.js';
import { readOutputText } from './commit.js';
import { loadModel } from './model-files.js';
import { type OutputFolderOptions, writeFolder } from './output-folder.js';

/** Largest forecaster.json read (bytes). */
const MAX_SPEC_BYTES = 1 << 20;

/** The files of a saved forecaster, by path inside its folder. */
export function forecasterFiles(f: NeuralForecaster, data: DataSource | null = null): Map<string, string | Uint8Array> {
  return forecasterFileMap(forecasterArtifacts(f, data));
}

/**
 * Saves a trained forecaster to a folder (replacing an earlier saved forecaster there as one step).
 * @example await saveForecaster(result.finalModel, 'out/airline-model');
 */
export async function saveForecaster(
  f: NeuralForecaster,
  dir: string,
  data: DataSource | null = null,
  options: OutputFolderOptions = {},
): Promise<string> {
  return writeFolder(dir, forecasterFiles(f, data), options);
}

/** Where the forecaster is: `dir` itself, or its model/ subfolder (a `forecast --out` folder). */
async function forecasterDir(dir: string): Promise<string> {
  const isFile = (p: string) =>
    stat(p).then(
      (s) => s.isFile(),
      () => false,
    );
  if (await isFile(join(dir, FORECASTER_SPEC_FILE))) return dir;
  if (await isFile(join(dir, 'model', FORECASTER_SPEC_FILE))) return join(dir, 'model');
  throw new FormatError(
    `no ${FORECASTER_SPEC_FILE} in ${dir} (nor in ${join(dir, 'model')}); pass a folder written by 'lstmkit train' or 'lstmkit forecast --out', or by saveForecaster`,
    'loadForecaster',
  );
}

/**
 * Loads a forecaster saved to a folder (or the model/ subfolder of a `forecast --out` folder),
 * with the data source the CLI recorded.
 * @example const { forecaster } = await loadForecaster('out/airline'); forecaster.predict(series, 12);
 */
export async function loadForecaster(
  dir: string,
): Promise<{ forecaster: NeuralForecaster; data: DataSource | null; path: string }> {
  const path = resolve(await forecasterDir(dir));
  const file = join(path, FORECASTER_SPEC_FILE);
  // regular files only, size checked first, a crash-interrupted replacement finished (commit.ts)
  const text = readOutputText(path, FORECASTER_SPEC_FILE, { where: file, maxBytes: MAX_SPEC_BYTES });
  const spec = checkForecasterSpec(parseJsonSafe(text, file), file);
  const models: Model[] = [];
  for (let r = 0; r < spec.members; r++) models.push(await loadModel(join(path, memberFolder(r))));
  return { forecaster: forecasterFromParts(spec, models), data: spec.data, path };
}
