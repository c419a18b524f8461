// Import of tfjs-layers / Keras models: model.json (as written by tfjs model.save() or by the
// tensorflowjs converter from Keras) plus its weight data: Sequential and functional models, layer
// configs converted by tfjs-layers.ts, weights matched by name ('<layer>/.../kernel').

import { FormatError } from '../errors.js';
import type { Layer } from '../layers/layer.js';
import { GraphModel } from '../model/graph.js';
import type { Model } from '../model/model.js';
import { Sequential } from '../model/sequential.js';
import { input, type SymbolicTensor } from '../model/symbolic.js';
import { guard } from './model-topology.js';
import { declaredWeights, layerFactory } from './registry.js';
import { converterFor, type Obj, type TfjsContext, tfjsImportableLayers } from './tfjs-layers.js';
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
  /** The same for each input of a functional model, in InputLayer order. */
  inputShapes?: number[][];
}

/** At most this many layers (the call-order search is quadratic in the node count). */
const MAX_LAYERS = 10_000;

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
 * data (one buffer or the shards in manifest order). Sequential and functional models.
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
  const ctx: TfjsContext = { keras3, where };
  const className = expectString(cfg.class_name, 'model class_name', where);
  const mc = cfg.config;
  const specs = readSpecs(json, where);
  const bytes = weightBytes(weightData, where);
  // Every weight must come from the file: a layer declaring more than it holds is refused before allocation.
  const described = specs.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0);
  if (bytes.length < described * 4)
    throw new FormatError(`weight data has ${bytes.length} bytes but the manifest describes ${described * 4}`, where);
  const budget = { floats: described };
  let model: Model;
  if (className === 'Sequential') {
    const rawLayers = (
      Array.isArray(mc)
        ? mc
        : expectArray(expectObject(mc, 'Sequential config', where).layers, 'Sequential layers', where, MAX_LAYERS)
    ).map((l, i) => expectObject(l, `layer ${i}`, where));
    const inputShape = options.inputShape ?? inputShapeOf(rawLayers[0], where);
    const layers = rawLayers
      .filter((l) => l.class_name !== 'InputLayer')
      .map((l, i) => makeLayer(l, i, ctx, i === 0 ? inputShape : null));
    let shape = inputShape;
    for (const layer of layers) {
      spend(layer, [shape], budget, where);
      shape = guard(() => layer.computeOutputShapes([shape])[0], `layer '${layer.name}'`, where);
    }
    const name = isObject(mc) && typeof mc.name === 'string' ? mc.name : 'imported';
    model = guard(() => new Sequential(layers, { name }), 'model', where);
  } else if (className === 'Model' || className === 'Functional') {
    model = functional(expectObject(mc, 'model config', where), ctx, options, budget);
  } else
    throw new FormatError(
      `model class '${className}' cannot be imported; supported: Sequential, Model/Functional`,
      where,
    );
  setWeightsByName(model.layers, specs, bytes, where);
  return model;
}

function makeLayer(l: Obj, i: number, ctx: TfjsContext, inputShape: number[] | null): Layer {
  const where = ctx.where;
  const cls = expectString(l.class_name, `layer ${i} class_name`, where);
  const c = expectObject(l.config, `layer ${i} config`, where);
  const convert = converterFor(cls);
  const factory = layerFactory(cls);
  if (!convert || !factory)
    throw new FormatError(
      `layer ${i} has class '${cls}', which lstmkit cannot import; supported: ${tfjsImportableLayers().join(', ')}`,
      where,
    );
  const name = typeof c.name === 'string' ? c.name : typeof l.name === 'string' ? l.name : `${cls.toLowerCase()}_${i}`;
  const config = {
    ...guard(() => convert(c, ctx), `layer '${name}' (${cls})`, where),
    name,
    ...(inputShape ? { inputShape } : {}),
  };
  return guard(() => factory(config), `layer '${name}' (${cls})`, where);
}

function inputShapeOf(layer: Obj | undefined, where: string): number[] {
  const c = layer && isObject(layer.config) ? layer.config : null;
  const batch = c ? (c.batch_input_shape ?? c.batch_shape) : undefined;
  if (!Array.isArray(batch))
    throw new FormatError('the first layer records no batch_input_shape; pass { inputShape }', where);
  const shape = batch.slice(1);
  if (shape.some((d) => typeof d !== 'number'))
    throw new FormatError(
      `input shape ${JSON.stringify(batch)} has open dimensions; pass { inputShape: [timesteps, features] } (or inputShapes for functional models)`,
      where,
    );
  return expectShape(shape, 'input shape', where, 10_000_000, 1);
}

/** [layerName, nodeIndex, tensorIndex] references of one call, from the tfjs/Keras 2 list form or the Keras 3 dict form. */
function callRefs(node: Json, where: string): [string, number, number][] {
  const refs: [string, number, number][] = [];
  const visit = (v: Json): void => {
    if (Array.isArray(v)) {
      if (v.length >= 3 && typeof v[0] === 'string' && typeof v[1] === 'number' && typeof v[2] === 'number')
        refs.push([v[0], v[1], v[2]]);
      else for (const x of v) visit(x);
    } else if (isObject(v)) {
      if (v.class_name === '__keras_tensor__' && isObject(v.config) && Array.isArray(v.config.keras_history))
        visit(v.config.keras_history);
      else if (Array.isArray(v.args)) {
        visit(v.args);
        // Keras 3 passes RNN initial states as a keyword argument; lstmkit takes them as extra inputs.
        if (isObject(v.kwargs) && Array.isArray(v.kwargs.initial_state)) visit(v.kwargs.initial_state);
      }
    }
  };
  visit(node);
  if (refs.length === 0)
    throw new FormatError(`cannot read an inbound node ${JSON.stringify(node).slice(0, 80)}`, where);
  return refs;
}

/** Charges a layer's declared weights (computed without allocating) to the file's budget. */
function spend(layer: Layer, shapes: number[][], budget: { floats: number }, where: string): void {
  if (layer.built) return;
  const need = guard(() => declaredWeights(layer, shapes), `layer '${layer.name}'`, where).reduce(
    (s, w) => s + w.shape.reduce((a, b) => a * b, 1),
    0,
  );
  budget.floats -= need;
  if (budget.floats < 0)
    throw new FormatError(`layer '${layer.name}' needs ${need} weights, more than the weight data still holds`, where);
}

function functional(mc: Obj, ctx: TfjsContext, options: TfjsImportOptions, budget: { floats: number }): GraphModel {
  const where = ctx.where;
  const raw = expectArray(mc.layers, 'model layers', where, MAX_LAYERS).map((l, i) =>
    expectObject(l, `layer ${i}`, where),
  );
  const outputsOf = new Map<string, SymbolicTensor[]>(); // `${layer}:${node}` -> outputs
  const inputs: SymbolicTensor[] = [];
  const pending: { layer: Layer; name: string; node: number; refs: [string, number, number][] }[] = [];
  let inputIndex = 0;
  raw.forEach((l, i) => {
    const c = expectObject(l.config, `layer ${i} config`, where);
    const name = typeof c.name === 'string' ? c.name : expectString(l.name, `layer ${i} name`, where);
    if (l.class_name === 'InputLayer') {
      const given = options.inputShapes?.[inputIndex++];
      const shape = given ?? inputShapeOf(l, where);
      const t = guard(() => input({ shape, name }), `input '${name}'`, where);
      inputs.push(t);
      outputsOf.set(`${name}:0`, [t]);
      return;
    }
    const layer = makeLayer(l, i, ctx, null);
    expectArray(l.inbound_nodes, `layer '${name}' inbound_nodes`, where, 64).forEach((n, k) => {
      pending.push({ layer, name, node: k, refs: callRefs(n, where) });
    });
  });
  // Apply calls as their inputs become available (the file lists layers, not a call order).
  while (pending.length) {
    const ready = pending.findIndex((p) => p.refs.every(([l, n]) => outputsOf.has(`${l}:${n}`)));
    if (ready < 0)
      throw new FormatError(
        `the graph references layers that never produce ${pending.map((p) => p.name).join(', ')}'s inputs (missing or cyclic)`,
        where,
      );
    const [p] = pending.splice(ready, 1);
    const ins = p.refs.map(([l, n, t]) => {
      const outs = outputsOf.get(`${l}:${n}`)!;
      if (!outs[t]) throw new FormatError(`layer '${l}' call ${n} has no output ${t}`, where);
      return outs[t];
    });
    spend(
      p.layer,
      ins.map((t) => t.shape),
      budget,
      where,
    );
    const res = guard(
      () => p.layer.apply<SymbolicTensor | SymbolicTensor[]>(ins.length === 1 ? ins[0] : ins),
      `layer '${p.name}'`,
      where,
    );
    outputsOf.set(`${p.name}:${p.node}`, Array.isArray(res) ? res : [res]);
  }
  const ref = (r: Json, what: string): SymbolicTensor => {
    const [l, n, t] = callRefs(r, where)[0];
    const outs = outputsOf.get(`${l}:${n}`);
    if (!outs?.[t])
      throw new FormatError(`${what} refers to ${l}[${n}][${t}], which the graph does not produce`, where);
    return outs[t];
  };
  const ins = expectArray(mc.input_layers, 'input_layers', where).map((r, i) => ref(r, `input_layers[${i}]`));
  const outs = expectArray(mc.output_layers, 'output_layers', where).map((r, i) => ref(r, `output_layers[${i}]`));
  if (ins.length !== inputs.length)
    throw new FormatError(
      `input_layers lists ${ins.length} inputs but the model has ${inputs.length} InputLayers`,
      where,
    );
  return guard(
    () => new GraphModel({ inputs: ins, outputs: outs, name: typeof mc.name === 'string' ? mc.name : 'imported' }),
    'model',
    where,
  );
}

const snake = (s: string): string => s.replace(/([A-Z])/g, '_$1').toLowerCase();
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Assigns every weight from the spec named '<layer>/.../<weight>' (Keras snake_case weight names;
 * for wrappers the inner layer's name may sit between; Bidirectional's halves say forward/backward).
 */
function setWeightsByName(layers: Layer[], specs: Spec[], bytes: Uint8Array, where: string): void {
  const total = specs.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1) * 4, 0);
  if (bytes.length < total)
    throw new FormatError(`weight data has ${bytes.length} bytes but the manifest describes ${total}`, where);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const used = new Set<Spec>();
  const last = (s: Spec) => s.name.replace(/:\d+$/, '').split('/').pop();
  for (const layer of layers) {
    const inLayer = new RegExp(`(^|/)${escapeRegExp(layer.name)}(/|$)`);
    const mine = specs.filter((s) => inLayer.test(s.name));
    for (const p of layer.params()) {
      const [owner] = p.name.split('/');
      const wname = snake(p.name.split('/').pop()!);
      let cands = mine.filter((s) => !used.has(s) && last(s) === wname);
      if (layer.className === 'Bidirectional')
        cands = cands.filter((s) => /\/backward/.test(s.name) === owner.startsWith('backward_'));
      const spec = cands[0];
      if (!spec)
        throw new FormatError(
          `no weight '${layer.name}/.../${wname}' in the manifest for layer '${layer.name}'`,
          where,
        );
      used.add(spec);
      const n = spec.shape.reduce((a, b) => a * b, 1);
      if (n !== p.value.length)
        throw new FormatError(
          `weight '${spec.name}' has shape [${spec.shape}] but layer '${layer.name}' needs [${p.shape}]`,
          where,
        );
      for (let k = 0; k < n; k++) p.value[k] = view.getFloat32(spec.offset + 4 * k, true);
    }
  }
}
