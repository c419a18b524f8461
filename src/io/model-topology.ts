// The model part of a native topology: Sequential (a layer list) and Functional (inputs, layers,
// nodes calling layers on tensor references, outputs). buildModel checks every layer's weights
// against the file's entries from declared shapes, before any weight is allocated.

import { ConfigError, FormatError, LstmkitError } from '../errors.js';
import type { Layer } from '../layers/layer.js';
import { GraphModel } from '../model/graph.js';
import type { Model } from '../model/model.js';
import { Sequential } from '../model/sequential.js';
import { applyLayer, input, type SymbolicTensor } from '../layers/symbolic.js';
import type { WeightEntry } from './artifacts.js';
import { declaredWeights, layerFactory, registeredLayers } from './registry.js';
import { expectArray, expectInt, expectObject, expectString, type Json } from './safe-json.js';
import { toConfigShape, VARIABLE_DIM } from '../tensor.js';

const MAX_LAYERS = 10_000;
/** Largest per-sample dimension accepted in a saved shape or layer config. */
const MAX_DIM = 10_000_000;
/** Largest number of values in one sample's input or output. */
const MAX_SAMPLE = 1 << 26;

export interface LayerEntry {
  className: string;
  config: Record<string, unknown>;
  trainable: boolean;
}
/** A tensor in a functional graph: model input i, or output k of node j. */
export type TensorRef = { input: number } | { node: number; output: number };
export interface ModelEntry {
  className: 'Sequential' | 'Functional';
  config: {
    name: string;
    /** Per-sample shapes; null for a size that varies. */
    inputShapes: (number | null)[][];
    outputShapes: (number | null)[][];
    layers: LayerEntry[];
    inputNames?: string[];
    nodes?: { layer: number; inputs: TensorRef[] }[];
    outputs?: TensorRef[];
  };
}

/** A JSON round trip: drops undefined, copies arrays, keeps only data. */
const plain = (c: Record<string, unknown>): Record<string, unknown> =>
  JSON.parse(JSON.stringify(c)) as Record<string, unknown>;

/** The model's topology entry (Sequential or Functional). */
export function describeModel(model: Model): ModelEntry {
  const layers = model.layers.map((l) => ({
    className: l.className,
    config: plain(l.getConfig()),
    trainable: l.trainable,
  }));
  if (model instanceof Sequential) {
    return {
      className: 'Sequential',
      config: {
        name: model.name,
        inputShapes: model.inputShapes()!.map(toConfigShape),
        outputShapes: [toConfigShape(model.outputShapes().at(-1)!)],
        layers,
      },
    };
  }
  if (model instanceof GraphModel) {
    const ref = (t: SymbolicTensor): TensorRef =>
      t.node ? { node: model.nodes.indexOf(t.node), output: t.outputIndex } : { input: model.inputs.indexOf(t) };
    return {
      className: 'Functional',
      config: {
        name: model.name,
        inputShapes: model.inputShapes().map(toConfigShape),
        outputShapes: model.outputs.map((t) => toConfigShape(t.shape)),
        layers,
        inputNames: model.inputs.map((t) => t.name),
        nodes: model.nodes.map((n) => ({ layer: model.layers.indexOf(n.layer), inputs: n.inputs.map(ref) })),
        outputs: model.outputs.map(ref),
      },
    };
  }
  throw new ConfigError(
    `saving supports Sequential and functional models; got ${(model as object).constructor.name}`,
    'save',
  );
}

/** Runs `f`; any error (ours or a TypeError from odd input) becomes a FormatError naming `what`. */
export function guard<T>(f: () => T, what: string, where: string): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof FormatError) throw e;
    const msg =
      e instanceof LstmkitError ? e.message : `${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}`;
    throw new FormatError(`invalid ${what}: ${msg}`, where);
  }
}

function makeLayer(l: Json, i: number, where: string): Layer {
  const at = `model.config.layers[${i}]`;
  const o = expectObject(l, at, where);
  const className = expectString(o.className, `${at}.className`, where);
  const factory = layerFactory(className);
  if (!factory)
    throw new FormatError(
      `unknown layer class '${className}' at ${at}; known: ${registeredLayers().join(', ')}`,
      where,
    );
  const config = expectObject(o.config, `${at}.config`, where);
  const big = JSON.stringify(config).match(/-?\d{8,}(\.\d+)?(e\+?\d+)?/i);
  if (big && Math.abs(Number(big[0])) > MAX_DIM)
    throw new FormatError(`${at}.config holds ${big[0]}, out of range for a layer setting`, where);
  // Forbidden keys were rejected already, so layers get ordinary objects back.
  const args = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
  const layer = guard(() => factory(args), `${at} (${className})`, where);
  if (o.trainable !== undefined) {
    if (typeof o.trainable !== 'boolean') throw new FormatError(`${at}.trainable must be a boolean`, where);
    layer.trainable = o.trainable;
  }
  return layer;
}

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => Object.is(d, b[i]));

/** Checks the next declared weights of `layer` against the file's entries, from position k; returns the new k. */
function checkWeights(layer: Layer, shapes: number[][], entries: WeightEntry[], k: number, where: string): number {
  const declared = guard(() => declaredWeights(layer, shapes), `layer '${layer.name}'`, where);
  for (const d of declared) {
    const e = entries[k++];
    if (!e || !sameShape(e.shape, d.shape) || e.name !== d.name) {
      throw new FormatError(
        `layer '${layer.name}' needs weight ${d.name} of shape [${d.shape}] but the file has ${e ? `${e.name} [${e.shape}]` : 'no more weights'}`,
        where,
      );
    }
  }
  return k;
}

/** Rebuilds the model from its topology entry, checking it against the weight entries first. */
export function buildModel(m: Json, entries: WeightEntry[], where: string): Model {
  const o = expectObject(m, 'model', where);
  if (o.className !== 'Sequential' && o.className !== 'Functional')
    throw new FormatError(
      `model.className must be 'Sequential' or 'Functional', got ${JSON.stringify(o.className)}`,
      where,
    );
  const mc = expectObject(o.config, 'model.config', where);
  const name = expectString(mc.name, 'model.config.name', where);
  // Per-sample shapes: positive dimensions (null: a size that varies), each at most MAX_DIM, at most
  // MAX_SAMPLE values a sample.
  const shapesOf = (v: Json | undefined, what: string) =>
    expectArray(v, what, where, 64).map((s, i) => {
      const shape = expectArray(s, `${what}[${i}]`, where, 8).map((d, j) =>
        d === null ? VARIABLE_DIM : expectInt(d, `${what}[${i}][${j}]`, where, 1, MAX_DIM),
      );
      if (shape.filter((d) => !Number.isNaN(d)).reduce((a, b) => a * b, 1) > MAX_SAMPLE)
        throw new FormatError(`${what}[${i}] = [${shape}] holds more than ${MAX_SAMPLE} values a sample`, where);
      return shape;
    });
  const inputShapes = shapesOf(mc.inputShapes, 'model.config.inputShapes');
  const outputShapes = shapesOf(mc.outputShapes, 'model.config.outputShapes');
  const layers = expectArray(mc.layers, 'model.config.layers', where, MAX_LAYERS).map((l, i) => makeLayer(l, i, where));
  const modelEntries = entries.filter((e) => e.group === 'model');
  let k = 0;
  let model: Model;
  let produced: number[][];
  if (o.className === 'Sequential') {
    if (inputShapes.length !== 1) throw new FormatError('a Sequential model has exactly one input shape', where);
    let shape = inputShapes[0];
    for (const layer of layers) {
      k = checkWeights(layer, [shape], modelEntries, k, where);
      const outs = guard(() => layer.computeOutputShapes([shape]), `layer '${layer.name}'`, where);
      if (outs.length !== 1)
        throw new FormatError(`layer '${layer.name}' has ${outs.length} outputs; a Sequential layer has one`, where);
      shape = outs[0];
    }
    produced = [shape];
    if (k !== modelEntries.length)
      throw new FormatError(`the file has ${modelEntries.length} model weights but the layers use ${k}`, where);
    const seq = guard(() => new Sequential(layers, { name }), 'model', where);
    if (!seq.built) guard(() => seq.build(inputShapes), 'model', where);
    model = seq;
  } else {
    const names = expectArray(mc.inputNames, 'model.config.inputNames', where, inputShapes.length).map((s, i) =>
      expectString(s, `model.config.inputNames[${i}]`, where),
    );
    if (names.length !== inputShapes.length)
      throw new FormatError('model.config.inputNames and inputShapes differ in length', where);
    const nodes = expectArray(mc.nodes, 'model.config.nodes', where, MAX_LAYERS * 4).map((n, j) => {
      const no = expectObject(n, `model.config.nodes[${j}]`, where);
      return {
        layer: expectInt(no.layer, `model.config.nodes[${j}].layer`, where, 0, layers.length - 1),
        inputs: expectArray(no.inputs, `model.config.nodes[${j}].inputs`, where, 64),
      };
    });
    // Shapes first (nothing allocated): every reference must point backwards, every layer's weights must match.
    const nodeShapes: number[][][] = [];
    const seen = new Set<number>();
    const resolveShape = (r: Json, j: number, what: string): number[] => {
      const ro = expectObject(r, what, where);
      if (ro.input !== undefined)
        return inputShapes[expectInt(ro.input, `${what}.input`, where, 0, inputShapes.length - 1)];
      const src = expectInt(ro.node, `${what}.node`, where, 0, j - 1);
      return nodeShapes[src][expectInt(ro.output, `${what}.output`, where, 0, nodeShapes[src].length - 1)];
    };
    nodes.forEach((n, j) => {
      const shapes = n.inputs.map((r, i) => resolveShape(r, j, `model.config.nodes[${j}].inputs[${i}]`));
      const layer = layers[n.layer];
      if (!seen.has(n.layer)) {
        if (seen.size !== n.layer)
          throw new FormatError(
            `model.config.layers must be listed in order of first use; node ${j} uses layer ${n.layer} first`,
            where,
          );
        seen.add(n.layer);
        k = checkWeights(layer, shapes, modelEntries, k, where);
      }
      nodeShapes.push(guard(() => layer.computeOutputShapes(shapes), `layer '${layer.name}'`, where));
    });
    if (seen.size !== layers.length)
      throw new FormatError(`${layers.length - seen.size} of model.config.layers are never called by a node`, where);
    if (k !== modelEntries.length)
      throw new FormatError(`the file has ${modelEntries.length} model weights but the layers use ${k}`, where);
    const outRefs = expectArray(mc.outputs, 'model.config.outputs', where, 64);
    produced = outRefs.map((r, i) => resolveShape(r, nodes.length, `model.config.outputs[${i}]`));
    // Now build for real.
    const inputs = inputShapes.map((shape, i) =>
      guard(() => input({ shape: toConfigShape(shape), name: names[i] }), `model input ${i}`, where),
    );
    const outs: SymbolicTensor[][] = [];
    const resolve = (r: Json): SymbolicTensor => {
      const ro = r as { input?: number; node?: number; output?: number };
      return ro.input !== undefined ? inputs[ro.input] : outs[ro.node!][ro.output!];
    };
    nodes.forEach((n) => {
      const res = guard(
        () => applyLayer(layers[n.layer], n.inputs.map(resolve)),
        `layer '${layers[n.layer].name}'`,
        where,
      );
      outs.push(Array.isArray(res) ? res : [res]);
    });
    model = guard(() => new GraphModel({ inputs, outputs: outRefs.map(resolve), name }), 'model', where);
  }
  if (produced.length !== outputShapes.length || produced.some((s, i) => !sameShape(s, outputShapes[i]))) {
    throw new FormatError(
      `the layers produce output shapes ${JSON.stringify(produced)} but the topology records ${JSON.stringify(outputShapes)}`,
      where,
    );
  }
  return model;
}
