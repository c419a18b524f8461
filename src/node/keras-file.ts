// Loading Keras' own model files (.keras, legacy .h5) from a path: a bounded read of a regular file,
// then the core's loadKerasModel.

import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { StateError } from '../errors.js';
import { loadKerasModel } from '../io/keras-file.js';
import type { KerasImportOptions } from '../io/keras-model.js';
import type { Model } from '../model/model.js';

/** Largest Keras file read (2 GiB). */
const MAX_KERAS_FILE_BYTES = 2 ** 31 - 1;

/**
 * Loads a `.keras` or `.h5` file saved by Keras (2 or 3) from a path.
 * @example const model = await loadKerasModelFile('model.keras');
 */
export async function loadKerasModelFile(path: string, options: KerasImportOptions = {}): Promise<Model> {
  const where = 'loadKerasModelFile';
  const full = resolve(path);
  const info = await stat(full).catch(() => null);
  if (!info) throw new StateError(`no file at ${full}`, where);
  if (!info.isFile()) throw new StateError(`${full} is not a regular file`, where);
  if (info.size > MAX_KERAS_FILE_BYTES) throw new StateError(`${full} is ${info.size} bytes, over 2 GiB`, where);
  return loadKerasModel(await readFile(full), options);
}
