// Import of tfjs-layers / Keras models: model.json (as written by tfjs model.save() or by the
// tensorflowjs converter from Keras) plus its weight data. Layer configs are snake_case Keras configs;
// 'hard_sigmoid' means tfjs' and Keras 2's 0.2x+0.5 unless the file comes from Keras 3 (x/6+0.5).

import { FormatError } from '../errors.js';
import type { Activation } from '../kernels/activations.js';
import type { Layer } from '../layers/layer.js';
import { Sequential } from '../model/sequential.js';
import { tensor } from '../tensor.js';
import { guard } from './model-topology.js';
import { layerFactory } from './registry.js';
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

/** Options for loadTfjsModel. */
export interface TfjsImportOptions {
  /** Per-sample input shape to use when the file leaves dimensions open (null timesteps). */
  inputShape?: number[];
}

type Obj = { [key: string]: Json };
interface Ctx {
  /** True when 'hard_sigmoid' is Keras 3's x/6+0.5. */
  keras3: boolean;
  where: string;
}

const ACTIVATIONS: Record<string, Activation> = {
  linear: 'linear',
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  relu: 'relu',
  softmax: 'softmax',
  elu: 'elu',
  softplus: 'softplus',
  softsign: 'softsign',
};

function activation(v: Json | undefined, what: string, ctx: Ctx): Activation | undefined {
  if (v === undefined || v === null) return undefined;
  const name = typeof v === 'string' ? v : isObject(v) && typeof v.class_name === 'string' ? v.class_name : '';
  const snake = name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  if (snake === 'hard_sigmoid') return ctx.keras3 ? 'hardSigmoid' : 'hardSigmoidTfjs';
  const a = Object.hasOwn(ACTIVATIONS, snake) ? ACTIVATIONS[snake] : undefined;
  if (!a)
    throw new FormatError(
      `${what} '${name}' has no lstmkit equivalent; supported: ${[...Object.keys(ACTIVATIONS), 'hard_sigmoid'].join(', ')}`,
      ctx.where,
    );
  return a;
}

function bool(c: Obj, key: string): boolean | undefined {
  const v = c[key];
  return typeof v === 'boolean' ? v : undefined;
}
function num(c: Obj, key: string): number | undefined {
  const v = c[key];
  return typeof v === 'number' ? v : undefined;
}

/** Options that change the math and that lstmkit cannot honour. */
function refuse(c: Obj, className: string, ctx: Ctx): void {
  if (c.time_major === true) throw new FormatError(`${className} with time_major=true is not supported`, ctx.where);
  if (c.unroll === true) return; // unrolling changes speed, not results
}

function recurrentConfig(c: Obj, ctx: Ctx, withRecurrentActivation = true): Record<string, unknown> {
  const out: Record<string, unknown> = {
    units: c.units,
    activation: activation(c.activation, 'activation', ctx) ?? 'tanh',
    useBias: bool(c, 'use_bias') ?? true,
    returnSequences: bool(c, 'return_sequences') ?? false,
    returnState: bool(c, 'return_state') ?? false,
    goBackwards: bool(c, 'go_backwards') ?? false,
    stateful: bool(c, 'stateful') ?? false,
    dropout: num(c, 'dropout') ?? 0,
    recurrentDropout: num(c, 'recurrent_dropout') ?? 0,
  };
  // tfjs and Keras 2 default to hard_sigmoid; Keras 3 to sigmoid. The file always records it.
  if (withRecurrentActivation)
    out.recurrentActivation =
      activation(c.recurrent_activation, 'recurrent_activation', ctx) ?? (ctx.keras3 ? 'sigmoid' : 'hardSigmoidTfjs');
  return out;
}

/** Keras class name -> lstmkit config from the snake_case Keras config. */
const CONVERTERS: Record<string, (c: Obj, ctx: Ctx) => Record<string, unknown>> = {
  Dense: (c, ctx) => ({
    units: c.units,
    activation: activation(c.activation, 'activation', ctx) ?? 'linear',
    useBias: bool(c, 'use_bias') ?? true,
  }),
  LSTM: (c, ctx) => ({ ...recurrentConfig(c, ctx), unitForgetBias: bool(c, 'unit_forget_bias') ?? true }),
  GRU: (c, ctx) => ({ ...recurrentConfig(c, ctx), resetAfter: bool(c, 'reset_after') ?? ctx.keras3 }),
  SimpleRNN: (c, ctx) => recurrentConfig(c, ctx, false),
  Dropout: (c) => ({ rate: c.rate }),
};

/**
 * The Keras class names loadTfjsModel understands.
 * @example tfjsImportableLayers().includes('LSTM')  //=> true
 */
export function tfjsImportableLayers(): string[] {
  return Object.keys(CONVERTERS).sort();
}

/** Registers (or replaces) the converter for a Keras class name (used for layers added later). */
export function registerTfjsConverter(className: string, convert: (c: Obj, ctx: Ctx) => Record<string, unknown>): void {
  CONVERTERS[className] = convert;
}

function weightBytes(weightData: ArrayBuffer | Uint8Array | (ArrayBuffer | Uint8Array)[], where: string): Uint8Array {
  const parts = Array.isArray(weightData) ? weightData : [weightData];
  const arrays = parts.map((p) => {
    if (p instanceof Uint8Array) return p;
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

function inputShapeOf(layers: Obj[], options: TfjsImportOptions, where: string): number[] {
  if (options.inputShape) return options.inputShape;
  const first = expectObject(layers[0]?.config, 'first layer config', where);
  const batch = first.batch_input_shape ?? first.batch_shape;
  if (!Array.isArray(batch))
    throw new FormatError('the first layer records no batch_input_shape; pass { inputShape }', where);
  const shape = batch.slice(1);
  if (shape.some((d) => typeof d !== 'number'))
    throw new FormatError(
      `input shape ${JSON.stringify(batch)} has open dimensions; pass { inputShape: [timesteps, features] }`,
      where,
    );
  return expectShape(shape, 'input shape', where);
}

/**
 * Builds an lstmkit model from a tfjs-layers / Keras model.json (text or object; the form tfjs
 * writes to disk with weightsManifest, or the in-memory artifacts with weightSpecs) and its weight
 * data (one buffer or the shards in manifest order).
 * @example const model = loadTfjsModel(artifacts.modelTopology ? artifacts : modelJson, weightData);
 */
export function loadTfjsModel(
  modelJson: string | object,
  weightData: ArrayBuffer | Uint8Array | (ArrayBuffer | Uint8Array)[],
  options: TfjsImportOptions = {},
): Sequential {
  const where = 'loadTfjsModel';
  const json = expectObject(
    typeof modelJson === 'string' ? parseJsonSafe(modelJson, where) : sanitizeJson(modelJson, where),
    'model.json',
    where,
  );
  const { cfg, keras3 } = modelConfigOf(json, where);
  const ctx: Ctx = { keras3, where };
  const className = expectString(cfg.class_name, 'model class_name', where);
  if (className !== 'Sequential')
    throw new FormatError(`model class '${className}' cannot be imported yet; supported: Sequential`, where);
  const mc = cfg.config;
  const rawLayers = (
    Array.isArray(mc)
      ? mc
      : expectArray(expectObject(mc, 'Sequential config', where).layers, 'Sequential layers', where)
  ).map((l, i) => expectObject(l, `layer ${i}`, where));
  const inputShape = inputShapeOf(rawLayers, options, where);
  const layers: Layer[] = [];
  const kerasNames: string[] = [];
  for (const [i, l] of rawLayers.entries()) {
    const cls = expectString(l.class_name, `layer ${i} class_name`, where);
    const c = expectObject(l.config, `layer ${i} config`, where);
    if (cls === 'InputLayer') continue;
    const convert = Object.hasOwn(CONVERTERS, cls) ? CONVERTERS[cls] : undefined;
    const factory = layerFactory(cls);
    if (!convert || !factory)
      throw new FormatError(
        `layer ${i} has class '${cls}', which lstmkit cannot import; supported: ${tfjsImportableLayers().join(', ')}`,
        where,
      );
    refuse(c, cls, ctx);
    const name = typeof c.name === 'string' ? c.name : `${cls.toLowerCase()}_${i}`;
    const config = {
      ...guard(() => convert(c, ctx), `layer '${name}' (${cls})`, where),
      name,
      ...(layers.length === 0 ? { inputShape } : {}),
    };
    layers.push(guard(() => factory(config), `layer '${name}' (${cls})`, where));
    kerasNames.push(name);
  }
  const model = guard(
    () =>
      new Sequential(layers, {
        name: typeof (mc as Obj).name === 'string' ? ((mc as Obj).name as string) : 'imported',
      }),
    'model',
    where,
  );
  setWeightsByName(model.layers, kerasNames, readSpecs(json, where), weightBytes(weightData, where), where);
  return model;
}

const snake = (s: string): string => s.replace(/([A-Z])/g, '_$1').toLowerCase();

/** Assigns each layer's weights from the specs named '<layer>/.../<weight>' (Keras snake_case names). */
function setWeightsByName(layers: Layer[], names: string[], specs: Spec[], bytes: Uint8Array, where: string): void {
  const total = specs.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1) * 4, 0);
  if (bytes.length < total)
    throw new FormatError(`weight data has ${bytes.length} bytes but the manifest describes ${total}`, where);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const used = new Set<Spec>();
  layers.forEach((layer, i) => {
    const mine = specs.filter((s) => s.name.startsWith(`${names[i]}/`) && !used.has(s));
    const values = layer.params().map((p) => {
      const wname = snake(p.name.split('/').pop()!);
      const spec = mine.find((s) => s.name.replace(/:\d+$/, '').split('/').pop() === wname);
      if (!spec)
        throw new FormatError(`no weight '${names[i]}/.../${wname}' in the manifest for layer '${names[i]}'`, where);
      used.add(spec);
      const n = spec.shape.reduce((a, b) => a * b, 1);
      if (n !== p.value.length)
        throw new FormatError(
          `weight '${spec.name}' has shape [${spec.shape}] but layer '${names[i]}' needs [${p.shape}]`,
          where,
        );
      const out = new Float32Array(n);
      for (let k = 0; k < n; k++) out[k] = view.getFloat32(spec.offset + 4 * k, true);
      return tensor(out, p.shape);
    });
    if (values.length) guard(() => layer.setWeights(values), `weights of layer '${names[i]}'`, where);
  });
}
