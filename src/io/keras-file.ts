// loadKerasModel: the files Keras itself saves, read without Python, in Node and in browsers.
// `.keras` (Keras 3 model.save('m.keras')): a zip (unzipped with fflate) of config.json (the model
// config), metadata.json (keras_version) and model.weights.h5 (weights by save path). Legacy `.h5`
// (Keras 2 or 3 model.save('m.h5')): HDF5 with a model_config attribute and model_weights/<layer>
// groups listing weight_names. The model is built by keras-model.ts, weights set by keras-weights.ts.

import { unzipSync } from 'fflate';
import { FormatError } from '../errors.js';
import type { Model } from '../model/model.js';
import { isHdf5, openHdf5 } from './hdf5.js';
import { buildKerasModel, type KerasImportOptions } from './keras-model.js';
import { assignWeights, type NamedWeight } from './keras-weights.js';
import { expectObject, parseJsonSafe } from './safe-json.js';
import type { Obj } from './tfjs-layers.js';

/** Bytes of a Keras file: a buffer, any typed-array view, or a browser File / Blob. */
export type KerasSource = ArrayBuffer | ArrayBufferView | Blob;

/** Largest member of a .keras zip that is read (config.json, metadata.json, model.weights.h5). */
const MAX_MEMBER_BYTES = 2 ** 31 - 1;
const MAX_JSON_BYTES = 64 * 2 ** 20;

/**
 * Loads a Keras model file: `.keras` (Keras 3) or legacy `.h5` (Keras 2 or 3), from bytes or a
 * browser File. Every layer lstmkit has is mapped with the same code as loadTfjsModel; a layer or an
 * option it cannot map is a FormatError naming the layer and the option.
 * @example const model = await loadKerasModel(await file.arrayBuffer()); model.predictOutputs(x);
 */
export async function loadKerasModel(source: KerasSource, options: KerasImportOptions = {}): Promise<Model> {
  const where = 'loadKerasModel';
  if (typeof Blob !== 'undefined' && source instanceof Blob)
    return loadKerasBytes(new Uint8Array(await source.arrayBuffer()), options, where);
  return loadKerasBytes(toBytes(source, where), options, where);
}

function toBytes(source: unknown, where: string): Uint8Array {
  if (source instanceof Uint8Array) return source;
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  throw new FormatError('expected the file as an ArrayBuffer, a Uint8Array or a File/Blob', where);
}

/**
 * The synchronous form of loadKerasModel for bytes already in memory.
 * @example const model = loadKerasBytes(new Uint8Array(buffer));
 */
export function loadKerasBytes(bytes: Uint8Array, options: KerasImportOptions = {}, where = 'loadKerasModel'): Model {
  if (isHdf5(bytes)) return loadH5(bytes, options, where);
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return loadZip(bytes, options, where);
  throw new FormatError('not a Keras file: expected a .keras zip or an HDF5 .h5 file', where);
}

function loadZip(bytes: Uint8Array, options: KerasImportOptions, where: string): Model {
  const wanted = new Set(['config.json', 'metadata.json', 'model.weights.h5']);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!wanted.has(f.name)) return false;
        const limit = f.name.endsWith('.json') ? MAX_JSON_BYTES : MAX_MEMBER_BYTES;
        if (f.originalSize > limit) throw new FormatError(`${f.name} is ${f.originalSize} bytes, over ${limit}`, where);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof FormatError) throw e;
    throw new FormatError(`cannot unzip the .keras file (${(e as Error).message})`, where);
  }
  for (const name of ['config.json', 'model.weights.h5'])
    if (!files[name]) throw new FormatError(`the .keras zip has no ${name}`, where);
  const text = (name: string) => new TextDecoder().decode(files[name]);
  const cfg = expectObject(parseJsonSafe(text('config.json'), where), 'config.json', where);
  const meta = files['metadata.json']
    ? expectObject(parseJsonSafe(text('metadata.json'), where), 'metadata.json', where)
    : {};
  const version = typeof meta.keras_version === 'string' ? meta.keras_version : '3';
  const h5 = openHdf5(files['model.weights.h5'], where);
  const weights = h5.keys('')?.includes('layers') ? h5.datasets('layers') : [];
  return build(cfg, version, weights, options, where);
}

function loadH5(bytes: Uint8Array, options: KerasImportOptions, where: string): Model {
  const h5 = openHdf5(bytes, where);
  const attrs = h5.attrs('');
  if (typeof attrs.model_config !== 'string')
    throw new FormatError(
      'the .h5 file has no model_config: it holds weights only (save_weights); save the model with model.save()',
      where,
    );
  const cfg = expectObject(parseJsonSafe(attrs.model_config, where), 'model_config', where);
  const version = typeof attrs.keras_version === 'string' ? attrs.keras_version : '2';
  const weights: NamedWeight[] = [];
  for (const layer of h5.keys('model_weights') ?? []) {
    const names = h5.attrs(`model_weights/${layer}`).weight_names;
    if (!Array.isArray(names)) continue;
    const byPath = new Map(h5.datasets(`model_weights/${layer}`).map((w) => [w.name, w]));
    for (const n of names) {
      const w = byPath.get(`model_weights/${layer}/${String(n)}`);
      if (!w) throw new FormatError(`weight '${String(n)}' of layer '${layer}' is missing from model_weights`, where);
      weights.push({ ...w, name: String(n).replace(/:\d+$/, '') });
    }
  }
  return build(cfg, version, weights, options, where);
}

function build(cfg: Obj, version: string, weights: NamedWeight[], options: KerasImportOptions, where: string): Model {
  const ctx = { keras3: /^3\./.test(version), where, inferenceOnly: options.inferenceOnly ?? false };
  const floats = weights.reduce((s, w) => s + w.shape.reduce((a, b) => a * b, 1), 0);
  const built = buildKerasModel(cfg, ctx, options, floats);
  assignWeights(built, weights, where);
  return built.model;
}
