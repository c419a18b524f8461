// Loading the native format safely: every field of the topology is validated (version, dtype,
// shapes against sizes, layer class names against the registry), the weight buffer is checked
// against its recorded byte length and CRC-32, and each layer's weight shapes are compared with the
// file BEFORE anything is allocated. Every problem is a FormatError naming the field.

import { FormatError, LstmkitError } from '../errors.js';
import type { Layer } from '../layers/layer.js';
import { Sequential } from '../model/sequential.js';
import { Adam, type Optimizer, Sgd } from '../optim/optimizer.js';
import type { RngState } from '../rng.js';
import { sizeOf } from '../tensor.js';
import { FORMAT, FORMAT_VERSION, type ModelArtifacts, type WeightEntry } from './artifacts.js';
import { crc32 } from './crc32.js';
import { layerFactory, registeredLayers } from './registry.js';
import {
  expectArray,
  expectInt,
  expectObject,
  expectShape,
  expectString,
  isObject,
  type Json,
  parseJsonSafe,
  sanitizeJson,
} from './safe-json.js';

const MAX_LAYERS = 10_000;
const MAX_ENTRIES = 1_000_000;
/** Largest per-sample dimension accepted in a saved input shape. */
const MAX_DIM = 10_000_000;

/** Saved optimizer state, in the form Optimizer.setState() takes. */
export interface OptimizerState {
  className: string;
  config: Record<string, unknown>;
  iterations: number;
  slots: number[][][];
}

/** What a checkpoint restores: the model, the optimizer (when it can be rebuilt) and the epoch. */
export interface Restored {
  model: Sequential;
  /** The optimizer with its saved state: yours (options.optimizer) or one rebuilt from the file; null when none was saved. */
  optimizer: Optimizer | null;
  optimizerState: OptimizerState | null;
  /** The epoch the checkpoint was written after, or null for a plain save. */
  epoch: number | null;
}

export interface RestoreOptions {
  /** Receives the saved optimizer state (needed when the saved one used a learning-rate schedule). */
  optimizer?: Optimizer;
}

const OPTIMIZERS = new Map<string, (c: Record<string, unknown>) => Optimizer>([
  ['SGD', (c) => new Sgd(c)],
  ['Adam', (c) => new Adam(c)],
]);

/**
 * Rebuilds a model (and optimizer state, epoch) from native artifacts; throws FormatError for any
 * invalid, inconsistent or corrupted input.
 * @example const { model, epoch } = restoreArtifacts(await model0.save());
 */
export function restoreArtifacts(
  artifacts: ModelArtifacts,
  options: RestoreOptions = {},
  where = 'loadModel',
): Restored {
  if (!isObject(artifacts as unknown) && typeof artifacts !== 'object')
    throw new FormatError('expected artifacts { topology, weights }', where);
  const raw = (artifacts as { topology?: unknown }).topology;
  const top = expectObject(
    typeof raw === 'string' ? parseJsonSafe(raw, where) : sanitizeJson(raw, where),
    'topology',
    where,
  );
  const bytes = (artifacts as { weights?: unknown }).weights;
  if (!(bytes instanceof Uint8Array)) throw new FormatError('weights must be a Uint8Array', where);

  if (top.format !== FORMAT)
    throw new FormatError(`not an lstmkit model: format is ${JSON.stringify(top.format)}, expected '${FORMAT}'`, where);
  if (top.formatVersion !== FORMAT_VERSION) {
    throw new FormatError(
      `unsupported formatVersion ${JSON.stringify(top.formatVersion)}; this lstmkit reads version ${FORMAT_VERSION}`,
      where,
    );
  }
  const w = expectObject(top.weights, 'weights', where);
  if (w.dtype !== 'float32')
    throw new FormatError(`weights.dtype must be 'float32', got ${JSON.stringify(w.dtype)}`, where);
  const byteLength = expectInt(w.byteLength, 'weights.byteLength', where);
  if (bytes.length !== byteLength) {
    throw new FormatError(
      `weight data has ${bytes.length} bytes but the topology records ${byteLength} (truncated or wrong file?)`,
      where,
    );
  }
  const sum = crc32(bytes);
  if (sum !== expectInt(w.crc32, 'weights.crc32', where, 0, 0xffffffff))
    throw new FormatError(
      `weight data checksum mismatch (CRC-32 ${sum}, expected ${w.crc32}): the file is corrupted`,
      where,
    );
  const entries = expectArray(w.entries, 'weights.entries', where, MAX_ENTRIES).map((e, i) => checkEntry(e, i, where));
  const floats = entries.reduce((s, e) => s + sizeOf(e.shape), 0);
  if (floats * 4 !== byteLength)
    throw new FormatError(
      `weights.entries describe ${floats * 4} bytes but weights.byteLength is ${byteLength}`,
      where,
    );
  const values = decodeFloat32(bytes);

  const m = expectObject(top.model, 'model', where);
  if (m.className !== 'Sequential')
    throw new FormatError(`model.className must be 'Sequential', got ${JSON.stringify(m.className)}`, where);
  const mc = expectObject(m.config, 'model.config', where);
  const name = expectString(mc.name, 'model.config.name', where);
  const inputShapes = expectArray(mc.inputShapes, 'model.config.inputShapes', where, 1).map((s, i) =>
    expectShape(s, `model.config.inputShapes[${i}]`, where, MAX_DIM),
  );
  if (inputShapes.length !== 1) throw new FormatError('a Sequential model has exactly one input shape', where);
  const outputShapes = expectArray(mc.outputShapes, 'model.config.outputShapes', where, 1).map((s, i) =>
    expectShape(s, `model.config.outputShapes[${i}]`, where, MAX_DIM),
  );
  const layers = expectArray(mc.layers, 'model.config.layers', where, MAX_LAYERS).map((l, i) => makeLayer(l, i, where));

  // Compare each layer's declared weights with the file before any weight is allocated.
  const modelEntries = entries.filter((e) => e.group === 'model');
  let shape = inputShapes[0],
    k = 0;
  for (const layer of layers) {
    const declared = guard(() => declaredShapes(layer, shape), `layer '${layer.name}'`, where);
    for (const d of declared) {
      const e = modelEntries[k++];
      if (!e || !sameShape(e.shape, d.shape) || e.name !== `${layer.name}/${d.name}`) {
        throw new FormatError(
          `layer '${layer.name}' needs weight ${d.name} of shape [${d.shape}] but the file has ${e ? `${e.name} [${e.shape}]` : 'no more weights'}`,
          where,
        );
      }
    }
    const outs = guard(() => layer.computeOutputShapes([shape]), `layer '${layer.name}'`, where);
    if (outs.length !== 1)
      throw new FormatError(`layer '${layer.name}' has ${outs.length} outputs; a Sequential layer has one`, where);
    shape = outs[0];
  }
  if (k !== modelEntries.length)
    throw new FormatError(`the file has ${modelEntries.length} model weights but the layers use ${k}`, where);
  if (!sameShape(shape, outputShapes[0] ?? []))
    throw new FormatError(
      `the layers produce per-sample output [${shape}] but the topology records [${outputShapes[0]}]`,
      where,
    );

  const model = guard(() => new Sequential(layers, { name }), 'model', where);
  if (!model.built) guard(() => model.build(inputShapes), 'model', where);
  let off = 0;
  for (const p of model.params()) {
    p.value.set(values.subarray(off, off + p.value.length));
    off += p.value.length;
  }

  const training = top.training === undefined ? null : expectObject(top.training, 'training', where);
  let epoch: number | null = null;
  if (training) {
    epoch = training.epoch === null ? null : expectInt(training.epoch, 'training.epoch', where);
    const rng = expectObject(training.rng, 'training.rng', where);
    guard(() => model.rng.setState(rng as unknown as RngState), 'training.rng', where);
  }
  const optimizerState =
    top.optimizer === undefined ? null : readOptimizer(top.optimizer, entries, values, off, model, where);
  let optimizer: Optimizer | null = options.optimizer ?? null;
  if (optimizerState) {
    if (!optimizer) {
      const make = OPTIMIZERS.get(optimizerState.className);
      const cfg = optimizerState.config;
      optimizer =
        make && typeof cfg.learningRate === 'number' ? guard(() => make(cfg), 'optimizer.config', where) : null;
    }
    const target = optimizer;
    if (target) guard(() => target.setState(optimizerState), 'optimizer state', where);
  }
  return { model, optimizer, optimizerState, epoch };
}

function checkEntry(e: Json, i: number, where: string): WeightEntry {
  const o = expectObject(e, `weights.entries[${i}]`, where);
  const shape = expectShape(o.shape, `weights.entries[${i}].shape`, where);
  if (sizeOf(shape) > 1 << 28)
    throw new FormatError(`weights.entries[${i}] has ${sizeOf(shape)} values, more than the limit ${1 << 28}`, where);
  if (o.group !== 'model' && o.group !== 'optimizer')
    throw new FormatError(
      `weights.entries[${i}].group must be 'model' or 'optimizer', got ${JSON.stringify(o.group)}`,
      where,
    );
  return { name: expectString(o.name, `weights.entries[${i}].name`, where), shape, group: o.group };
}

function makeLayer(l: Json, i: number, where: string): Layer {
  const o = expectObject(l, `model.config.layers[${i}]`, where);
  const className = expectString(o.className, `model.config.layers[${i}].className`, where);
  const factory = layerFactory(className);
  if (!factory)
    throw new FormatError(
      `unknown layer class '${className}' at model.config.layers[${i}]; known: ${registeredLayers().join(', ')}`,
      where,
    );
  const config = expectObject(o.config, `model.config.layers[${i}].config`, where);
  for (const [key, v] of Object.entries(config)) {
    if (typeof v === 'number' && Math.abs(v) > MAX_DIM)
      throw new FormatError(`model.config.layers[${i}].config.${key} = ${v} is out of range`, where);
  }
  // Resolved configs use null for "unset" (e.g. batchSize); constructors take that as an absent key.
  // Forbidden keys are rejected already, so layers get ordinary objects back.
  const args = JSON.parse(
    JSON.stringify(Object.fromEntries(Object.entries(config).filter(([, v]) => v !== null))),
  ) as Record<string, unknown>;
  const layer = guard(() => factory(args), `model.config.layers[${i}] (${className})`, where);
  if (o.trainable !== undefined) {
    if (typeof o.trainable !== 'boolean')
      throw new FormatError(`model.config.layers[${i}].trainable must be a boolean`, where);
    layer.trainable = o.trainable;
  }
  return layer;
}

/** The weights a layer would declare for this input shape, without allocating them. */
function declaredShapes(layer: Layer, inputShape: number[]): { name: string; shape: number[] }[] {
  const l = layer as unknown as { specs: { name: string; shape: number[] }[]; declare(s: number[][]): void };
  l.specs = [];
  l.declare([inputShape]);
  const out = l.specs.map((s) => ({ name: s.name, shape: [...s.shape] }));
  l.specs = [];
  return out;
}

function readOptimizer(
  o: Json,
  entries: WeightEntry[],
  values: Float32Array,
  start: number,
  model: Sequential,
  where: string,
): OptimizerState {
  const opt = expectObject(o, 'optimizer', where);
  const className = expectString(opt.className, 'optimizer.className', where);
  const config = expectObject(opt.config, 'optimizer.config', where);
  const iterations = expectInt(opt.iterations, 'optimizer.iterations', where);
  const per = expectInt(opt.slotsPerWeight, 'optimizer.slotsPerWeight', where, 0, 16);
  const slotEntries = entries.filter((e) => e.group === 'optimizer');
  const trainable = model.params().filter((p) => p.trainable);
  if (slotEntries.length !== 0 && slotEntries.length !== per * trainable.length) {
    throw new FormatError(
      `optimizer has ${slotEntries.length} slot arrays; expected ${per} for each of ${trainable.length} trainable weights`,
      where,
    );
  }
  const slots: number[][][] = [];
  let off = start,
    j = 0;
  for (let i = 0; slotEntries.length && i < trainable.length; i++) {
    const s: number[][] = [];
    for (let k = 0; k < per; k++, j++) {
      if (!sameShape(slotEntries[j].shape, trainable[i].shape))
        throw new FormatError(
          `optimizer slot ${slotEntries[j].name} has shape [${slotEntries[j].shape}], expected [${trainable[i].shape}]`,
          where,
        );
      const n = trainable[i].value.length;
      s.push(Array.from(values.subarray(off, off + n)));
      off += n;
    }
    slots.push(s);
  }
  return { className, config: { ...config }, iterations, slots };
}

function decodeFloat32(bytes: Uint8Array): Float32Array {
  const out = new Float32Array(bytes.length / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
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
