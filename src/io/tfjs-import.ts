// Import of tfjs-layers / Keras models: model.json (as written by tfjs model.save() or by the
// tensorflowjs converter from Keras 2 or 3) plus its weight data. The model is built by keras-model.ts
// (layer configs converted by tfjs-layers.ts), the weights are set by keras-weights.ts.

import { FormatError } from '../errors.js';
import type { Model } from '../model/model.js';
import { buildKerasModel, type KerasImportOptions } from './keras-model.js';
import { assignWeights, type NamedWeight } from './keras-weights.js';
import {
  expectArray,
  expectObject,
  expectShape,
  expectString,
  isObject,
  type Json,
  parseJsonSafe,
  sanitizeJson,
} from './safe-json.js';
import type { Obj, TfjsContext } from './tfjs-layers.js';

/** Options for loadTfjsModel (the shapes to use for open input dimensions, inferenceOnly). */
export type TfjsImportOptions = KerasImportOptions;

/** Weight bytes: a buffer, any typed-array view, or the shards in manifest order. */
export type WeightData = ArrayBuffer | ArrayBufferView | (ArrayBuffer | ArrayBufferView)[];

function weightBytes(weightData: WeightData, where: string): Uint8Array {
  const parts = Array.isArray(weightData) ? weightData : [weightData];
  const arrays = parts.map((p) => {
    if (p instanceof Uint8Array) return p;
    if (ArrayBuffer.isView(p)) return new Uint8Array(p.buffer, p.byteOffset, p.byteLength);
    if (p instanceof ArrayBuffer) return new Uint8Array(p);
    throw new FormatError(
      'weight data must be an ArrayBuffer, a Uint8Array or an array of them (shards in manifest order)',
      where,
    );
  });
  if (arrays.length === 1) return arrays[0];
  const out = new Uint8Array(arrays.reduce((s, a) => s + a.length, 0));
  let off = 0;
  for (const a of arrays) {
    out.set(a, off);
    off += a.length;
  }
  return out;
}

interface Spec {
  name: string;
  shape: number[];
  offset: number;
}

function readSpecs(json: Obj, where: string): Spec[] {
  let list: Json[];
  if (json.weightSpecs !== undefined) list = expectArray(json.weightSpecs, 'weightSpecs', where);
  else
    list = expectArray(json.weightsManifest, 'weightsManifest', where).flatMap((g, i) =>
      expectArray(expectObject(g, `weightsManifest[${i}]`, where).weights, `weightsManifest[${i}].weights`, where),
    );
  let offset = 0;
  return list.map((s, i) => {
    const o = expectObject(s, `weight spec ${i}`, where);
    const name = expectString(o.name, `weight spec ${i}.name`, where);
    if (o.quantization !== undefined)
      throw new FormatError(`weight '${name}' is quantized; re-export without quantization`, where);
    if (o.dtype !== undefined && o.dtype !== 'float32')
      throw new FormatError(
        `weight '${name}' has dtype ${JSON.stringify(o.dtype)}; only float32 weights can be imported`,
        where,
      );
    const shape = expectShape(o.shape, `weight '${name}'.shape`, where);
    const spec = { name, shape, offset };
    offset += shape.reduce((a, b) => a * b, 1) * 4;
    return spec;
  });
}

/** The Keras model config ({ class_name, config }) inside a model.json / artifacts object. */
function modelConfigOf(json: Obj, where: string): { cfg: Obj; keras3: boolean } {
  const topo = expectObject(json.modelTopology, 'modelTopology', where);
  const inner = isObject(topo.model_config) ? topo.model_config : topo;
  const version = typeof topo.keras_version === 'string' ? topo.keras_version : '';
  const generatedBy = typeof json.generatedBy === 'string' ? json.generatedBy : '';
  const keras3 = /^3\./.test(version) || /keras v?3\./i.test(generatedBy);
  return { cfg: expectObject(inner, 'model config', where), keras3 };
}

/**
 * Builds an lstmkit model from a tfjs-layers / Keras model.json (text or object; the form tfjs
 * writes to disk with weightsManifest, or the in-memory artifacts with weightSpecs) and its weight
 * data (one buffer or the shards in manifest order). Sequential and functional models, including the
 * tensorflowjs converter's output for Keras 3 (.h5 route: weights by name; .keras route: weights by
 * save path 'layers/lstm/cell/vars/0').
 * @example const model = loadTfjsModel(modelJson, weightData);
 */
export function loadTfjsModel(
  modelJson: string | object,
  weightData: WeightData,
  options: TfjsImportOptions = {},
): Model {
  const where = 'loadTfjsModel';
  const json = expectObject(
    typeof modelJson === 'string' ? parseJsonSafe(modelJson, where) : sanitizeJson(modelJson, where),
    'model.json',
    where,
  );
  const { cfg, keras3 } = modelConfigOf(json, where);
  const specs = readSpecs(json, where);
  const bytes = weightBytes(weightData, where);
  // Every weight must come from the file: a layer declaring more than it holds is refused before allocation.
  const described = specs.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0);
  if (bytes.length < described * 4)
    throw new FormatError(`weight data has ${bytes.length} bytes but the manifest describes ${described * 4}`, where);
  const ctx: TfjsContext = { keras3, where, inferenceOnly: options.inferenceOnly ?? false };
  const built = buildKerasModel(cfg, ctx, options, described);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const weights: NamedWeight[] = specs.map((s) => ({
    name: s.name,
    shape: s.shape,
    values: () => {
      const n = s.shape.reduce((a, b) => a * b, 1);
      const out = new Float32Array(n);
      for (let k = 0; k < n; k++) out[k] = view.getFloat32(s.offset + 4 * k, true);
      return out;
    },
  }));
  assignWeights(built, weights, where);
  return built.model;
}
