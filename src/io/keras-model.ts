// A Keras model config ({ class_name, config }) -> an lstmkit model, shared by loadTfjsModel (tfjs and
// converter model.json) and loadKerasModel (.keras and .h5 files). Sequential and functional models in
// the tfjs / Keras 2 node form (nested lists) and the Keras 3 forms (flat [name, 0, 0] triples,
// { args, kwargs } nodes with __keras_tensor__ / keras_history). Also returns each layer's Keras 3 save
// path ('layers/lstm_1'), which names its weights in model.weights.h5.

import { FormatError } from '../errors.js';
import type { Layer } from '../layers/layer.js';
import { GraphModel } from '../model/graph.js';
import type { Model } from '../model/model.js';
import { Sequential } from '../model/sequential.js';
import { input, type SymbolicTensor } from '../layers/symbolic.js';
import { guard } from './model-topology.js';
import { declaredWeights, layerFactory } from './registry.js';
import { expectArray, expectObject, expectShape, expectString, isObject, type Json } from './safe-json.js';
import { convertLayerConfig, type Obj, type TfjsContext, tfjsImportableLayers } from './tfjs-layers.js';

/** Options shared by the Keras importers. */
export interface KerasImportOptions {
  /** Per-sample input shape to use when the file leaves dimensions open (null timesteps). */
  inputShape?: number[];
  /** The same for each input of a functional model, in InputLayer order. */
  inputShapes?: number[][];
  /**
   * Import layers whose regularizers, constraints or attention dropout lstmkit does not have (they
   * change training, not predictions). Default false: such files are refused.
   */
  inferenceOnly?: boolean;
}

/** At most this many layers (the call-order search is quadratic in the node count). */
const MAX_LAYERS = 10_000;

export interface BuiltModel {
  model: Model;
  /** Layer name -> its Keras 3 save path ('layers/<snake_case class>[_n]'). */
  savePaths: Map<string, string>;
}

/** Keras' naming.to_snake_case for class names ('SimpleRNN' -> 'simple_rnn', 'Conv1D' -> 'conv1d'). */
export function kerasSnakeCase(name: string): string {
  return name
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** Keras 3's container naming: each class's first layer is 'lstm', its next ones 'lstm_1', 'lstm_2', ... */
function savePathNamer(): (className: string) => string {
  const used = new Map<string, number>();
  return (className) => {
    const base = kerasSnakeCase(className);
    const n = used.get(base);
    used.set(base, n === undefined ? 0 : n + 1);
    return `layers/${n === undefined ? base : `${base}_${n + 1}`}`;
  };
}

/** Builds the model of a Keras model config; weights are not set. `floats` is the file's weight count. */
export function buildKerasModel(cfg: Obj, ctx: TfjsContext, options: KerasImportOptions, floats: number): BuiltModel {
  const where = ctx.where;
  const className = expectString(cfg.class_name, 'model class_name', where);
  const budget = { floats };
  const savePaths = new Map<string, string>();
  const mc = cfg.config;
  if (className === 'Sequential') return { model: sequential(mc, ctx, options, budget, savePaths), savePaths };
  if (className === 'Model' || className === 'Functional')
    return { model: functional(expectObject(mc, 'model config', where), ctx, options, budget, savePaths), savePaths };
  throw new FormatError(
    `model class '${className}' cannot be imported; supported: Sequential, Model/Functional`,
    where,
  );
}

function sequential(
  mc: Json | undefined,
  ctx: TfjsContext,
  options: KerasImportOptions,
  budget: { floats: number },
  savePaths: Map<string, string>,
): Sequential {
  const where = ctx.where;
  const rawLayers = (
    Array.isArray(mc)
      ? mc
      : expectArray(expectObject(mc, 'Sequential config', where).layers, 'Sequential layers', where, MAX_LAYERS)
  ).map((l, i) => expectObject(l, `layer ${i}`, where));
  const inputShape = options.inputShape ?? inputShapeOf(rawLayers[0], where);
  const nextPath = savePathNamer();
  const layers = rawLayers
    .filter((l) => l.class_name !== 'InputLayer')
    .map((l, i) => makeLayer(l, i, ctx, i === 0 ? inputShape : null));
  let shape = inputShape;
  for (const layer of layers) {
    savePaths.set(layer.name, nextPath(layer.className));
    spend(layer, [shape], budget, where);
    shape = guard(() => layer.computeOutputShapes([shape])[0], `layer '${layer.name}'`, where);
  }
  const name = isObject(mc) && typeof mc.name === 'string' ? mc.name : 'imported';
  return guard(() => new Sequential(layers, { name }), 'model', where);
}

function makeLayer(l: Obj, i: number, ctx: TfjsContext, inputShape: number[] | null): Layer {
  const where = ctx.where;
  const cls = expectString(l.class_name, `layer ${i} class_name`, where);
  const c = expectObject(l.config, `layer ${i} config`, where);
  const factory = layerFactory(cls);
  const name = typeof c.name === 'string' ? c.name : typeof l.name === 'string' ? l.name : `${cls.toLowerCase()}_${i}`;
  if (!factory || !tfjsImportableLayers().includes(cls))
    throw new FormatError(
      `layer '${name}' has class '${cls}', which lstmkit cannot import; supported: ${tfjsImportableLayers().join(', ')}`,
      where,
    );
  const config = {
    ...guard(() => convertLayerConfig(cls, c, ctx, name), `layer '${name}' (${cls})`, where),
    name,
    ...(inputShape ? { inputShape } : {}),
  };
  return guard(() => factory(config), `layer '${name}' (${cls})`, where);
}

/** The per-sample input shape a layer config records (InputLayer or a first layer's batch_input_shape). */
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

type Ref = [string, number, number];
const isTriple = (v: Json): v is [string, number, number] =>
  Array.isArray(v) && v.length >= 3 && typeof v[0] === 'string' && typeof v[1] === 'number' && typeof v[2] === 'number';

/** Tensor references in any node form; `kwargs.mask` refs go to `masks` (Keras 3 passes explicit masks). */
function callRefs(node: Json, where: string, masks: Ref[] = []): Ref[] {
  const refs: Ref[] = [];
  const visit = (v: Json, out: Ref[]): void => {
    if (isTriple(v)) out.push([v[0], v[1], v[2]]);
    else if (Array.isArray(v)) for (const x of v) visit(x, out);
    else if (isObject(v)) {
      if (v.class_name === '__keras_tensor__' && isObject(v.config) && Array.isArray(v.config.keras_history))
        visit(v.config.keras_history, out);
      else if (Array.isArray(v.args)) {
        visit(v.args, out);
        // Keras 3 passes RNN initial states as a keyword argument; lstmkit takes them as extra inputs.
        if (isObject(v.kwargs) && Array.isArray(v.kwargs.initial_state)) visit(v.kwargs.initial_state, out);
        if (isObject(v.kwargs) && v.kwargs.mask !== undefined && v.kwargs.mask !== null) visit(v.kwargs.mask, masks);
      }
    }
  };
  visit(node, refs);
  if (refs.length === 0)
    throw new FormatError(`cannot read an inbound node ${JSON.stringify(node).slice(0, 80)}`, where);
  return refs;
}

/** One reference or a list of them: Keras 3 writes a single input/output as a flat [name, 0, 0]. */
function refList(v: Json | undefined, what: string, where: string): Json[] {
  const list = expectArray(v, what, where);
  return isTriple(list) ? [list] : list;
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

/**
 * Keras 3 records the masks of Embedding(mask_zero) and Masking as operations whose result the next
 * layer gets as `mask`: NotEqual(ids, 0), and Any(NotEqual(x, mask_value), axis=-1). lstmkit's
 * Embedding and Masking emit those same masks themselves, so the operations are dropped; any other
 * explicit mask is refused.
 */
type MaskOp = { kind: 'NotEqual'; ref: Ref; value: number } | { kind: 'Any'; of: string };
const MASK_OPS = new Set(['NotEqual', 'Any']);

function maskOp(l: Obj, cls: string, name: string, where: string): MaskOp {
  const nodes = expectArray(l.inbound_nodes, `layer '${name}' inbound_nodes`, where, 64);
  const node = nodes.length === 1 && isObject(nodes[0]) ? nodes[0] : null;
  const args = node && Array.isArray(node.args) ? node.args : null;
  const c = isObject(l.config) ? l.config : {};
  if (cls === 'NotEqual' && args?.length === 2 && typeof args[1] === 'number')
    return { kind: 'NotEqual', ref: callRefs(args[0], where)[0], value: args[1] };
  if (cls === 'Any' && args?.length === 1 && (c.axis === undefined || c.axis === -1) && c.keepdims !== true)
    return { kind: 'Any', of: callRefs(args[0], where)[0][0] };
  throw new FormatError(
    `operation '${name}' (${cls}) is supported only as the mask of Embedding(mask_zero=True) or Masking`,
    where,
  );
}

function functional(
  mc: Obj,
  ctx: TfjsContext,
  options: KerasImportOptions,
  budget: { floats: number },
  savePaths: Map<string, string>,
): GraphModel {
  const where = ctx.where;
  const raw = expectArray(mc.layers, 'model layers', where, MAX_LAYERS).map((l, i) =>
    expectObject(l, `layer ${i}`, where),
  );
  const outputsOf = new Map<string, SymbolicTensor[]>(); // `${layer}:${node}` -> outputs
  const inputs: SymbolicTensor[] = [];
  const pending: { layer: Layer; name: string; node: number; refs: Ref[]; masks: Ref[] }[] = [];
  const maskOps = new Map<string, MaskOp>();
  const maskZeroInputs = new Set<string>(); // `${layer}:${node}:${tensor}` of ids fed to Embedding(mask_zero)
  const maskingInputs = new Map<string, number>(); // the same for Masking inputs -> mask_value
  const nextPath = savePathNamer();
  let inputIndex = 0;
  raw.forEach((l, i) => {
    const c = expectObject(l.config, `layer ${i} config`, where);
    const name = typeof c.name === 'string' ? c.name : expectString(l.name, `layer ${i} name`, where);
    if (l.class_name === 'InputLayer') {
      nextPath('InputLayer');
      const given = options.inputShapes?.[inputIndex++];
      const shape = given ?? inputShapeOf(l, where);
      const t = guard(() => input({ shape, name }), `input '${name}'`, where);
      inputs.push(t);
      outputsOf.set(`${name}:0`, [t]);
      return;
    }
    if (typeof l.class_name === 'string' && MASK_OPS.has(l.class_name)) {
      maskOps.set(name, maskOp(l, l.class_name, name, where));
      return;
    }
    const layer = makeLayer(l, i, ctx, null);
    savePaths.set(layer.name, nextPath(layer.className));
    expectArray(l.inbound_nodes, `layer '${name}' inbound_nodes`, where, 64).forEach((n, k) => {
      const masks: Ref[] = [];
      const refs = callRefs(n, where, masks);
      if (l.class_name === 'Embedding' && c.mask_zero === true) maskZeroInputs.add(refs[0].join(':'));
      if (l.class_name === 'Masking')
        maskingInputs.set(refs[0].join(':'), typeof c.mask_value === 'number' ? c.mask_value : 0);
      pending.push({ layer, name, node: k, refs, masks });
    });
  });
  const implicit = (m: string): boolean => {
    const op = maskOps.get(m);
    if (op?.kind === 'NotEqual') return op.value === 0 && maskZeroInputs.has(op.ref.join(':'));
    const inner = op ? maskOps.get(op.of) : undefined;
    return inner?.kind === 'NotEqual' && maskingInputs.get(inner.ref.join(':')) === inner.value;
  };
  for (const p of pending)
    for (const [m] of p.masks)
      if (!implicit(m))
        throw new FormatError(
          `layer '${p.name}' is called with an explicit mask from '${m}'; only the masks of Embedding(mask_zero=True) and Masking are supported`,
          where,
        );
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
  const ins = refList(mc.input_layers, 'input_layers', where).map((r, i) => ref(r, `input_layers[${i}]`));
  const outs = refList(mc.output_layers, 'output_layers', where).map((r, i) => ref(r, `output_layers[${i}]`));
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
