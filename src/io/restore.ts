// Loading the native format safely: every field of the topology is validated (version, dtype,
// shapes against sizes, layer class names against the registry), the weight buffer is checked
// against its recorded byte length and CRC-32, and each layer's weight shapes are compared with the
// file BEFORE anything is allocated. Every problem is a FormatError naming the field.

import { FormatError } from '../errors.js';
import type { Model } from '../model/model.js';
import { Adadelta } from '../optim/adadelta.js';
import { Adagrad } from '../optim/adagrad.js';
import { Adamax } from '../optim/adamax.js';
import { Adamw } from '../optim/adamw.js';
import { Nadam } from '../optim/nadam.js';
import { Adam, type Optimizer, Sgd } from '../optim/optimizer.js';
import { Rmsprop } from '../optim/rmsprop.js';
import type { RngState } from '../rng.js';
import { sizeOf } from '../tensor.js';
import { FORMAT, FORMAT_VERSION, type ModelArtifacts, type WeightEntry } from './artifacts.js';
import { crc32 } from './crc32.js';
import { buildModel, guard } from './model-topology.js';
import { setLayerRngStates } from './rng-states.js';
import {
  expectArray,
  expectInt,
  expectObject,
  expectShape,
  expectString,
  type Json,
  parseJsonSafe,
  sanitizeJson,
} from './safe-json.js';

const MAX_ENTRIES = 1_000_000;

/** Saved optimizer state, in the form Optimizer.setState() takes. */
export interface OptimizerState {
  className: string;
  config: Record<string, unknown>;
  iterations: number;
  /** Per trainable weight, its slot arrays (float32, read from the file). */
  slots: Float32Array[][];
}

/** What a checkpoint restores: the model, the optimizer (when it can be rebuilt) and the epoch. */
export interface Restored {
  model: Model;
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
  ['RMSprop', (c) => new Rmsprop(c)],
  ['Adagrad', (c) => new Adagrad(c)],
  ['Adadelta', (c) => new Adadelta(c)],
  ['Adamax', (c) => new Adamax(c)],
  ['Nadam', (c) => new Nadam(c)],
  ['AdamW', (c) => new Adamw(c)],
]);

/**
 * Rebuilds a model (and optimizer state, epoch) from native artifacts; throws FormatError for any
 * invalid, inconsistent or corrupted input.
 * @example const { model, epoch } = restoreArtifacts((await trained.save()).artifacts);
 */
export function restoreArtifacts(
  artifacts: ModelArtifacts,
  options: RestoreOptions = {},
  where = 'loadModel',
): Restored {
  if (typeof artifacts !== 'object' || artifacts === null)
    throw new FormatError('expected artifacts { topology, weights }', where);
  const bytes = (artifacts as { weights?: unknown }).weights;
  const raw = (artifacts as { topology?: unknown }).topology;
  if (!(bytes instanceof Uint8Array)) {
    topologyOf(raw, where);
    throw new FormatError('weights must be a Uint8Array', where);
  }
  return restoreFromReader(
    raw as object | string,
    bytes.length,
    (t, off) => t.set(bytes.subarray(off, off + t.length)),
    options,
    where,
  );
}

/** Copies `target.length` bytes of the weight data, starting at byte `offset`, into `target`. */
export type WeightReader = (target: Uint8Array, offset: number) => void;

function topologyOf(raw: unknown, where: string): { [key: string]: Json } {
  return expectObject(
    typeof raw === 'string' ? parseJsonSafe(raw, where) : sanitizeJson(raw, where),
    'topology',
    where,
  );
}

/**
 * restoreArtifacts() for weight data that is not in memory: the topology is validated first, then
 * the weights are read through `read` straight into the model's parameters (lstmkit/node reads them
 * from the file this way, so a load needs no second copy) and checked against the CRC-32.
 * @example restoreFromReader(topologyText, bytes.length, (t, off) => t.set(bytes.subarray(off, off + t.length)));
 */
export function restoreFromReader(
  topology: object | string,
  byteLength: number,
  read: WeightReader,
  options: RestoreOptions = {},
  where = 'loadModel',
): Restored {
  const top = topologyOf(topology, where);
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
  const recorded = expectInt(w.byteLength, 'weights.byteLength', where);
  if (byteLength !== recorded) {
    throw new FormatError(
      `weight data has ${byteLength} bytes but the topology records ${recorded} (truncated or wrong file?)`,
      where,
    );
  }
  const expectedCrc = expectInt(w.crc32, 'weights.crc32', where, 0, 0xffffffff);
  const entries = expectArray(w.entries, 'weights.entries', where, MAX_ENTRIES).map((e, i) => checkEntry(e, i, where));
  const firstSlot = entries.findIndex((e) => e.group === 'optimizer');
  if (firstSlot >= 0 && entries.slice(firstSlot).some((e) => e.group === 'model'))
    throw new FormatError('weights.entries must list every model weight before the optimizer slots', where);
  const floats = entries.reduce((s, e) => s + sizeOf(e.shape), 0);
  if (floats * 4 !== byteLength)
    throw new FormatError(
      `weights.entries describe ${floats * 4} bytes but weights.byteLength is ${byteLength}`,
      where,
    );
  const data = new WeightStream(read);

  const model = buildModel(top.model, entries, where);
  for (const p of model.params()) data.fill(p.value);

  const training = top.training === undefined ? null : expectObject(top.training, 'training', where);
  let epoch: number | null = null;
  if (training) {
    epoch = training.epoch === null ? null : expectInt(training.epoch, 'training.epoch', where);
    const rng = expectObject(training.rng, 'training.rng', where);
    guard(() => model.rng.setState(rng as unknown as RngState), 'training.rng', where);
    if (training.layerRngs !== undefined) {
      const states = expectObject(training.layerRngs, 'training.layerRngs', where);
      guard(() => setLayerRngStates(model, states as unknown as Record<string, RngState>), 'training.layerRngs', where);
    }
  }
  const optimizerState = top.optimizer === undefined ? null : readOptimizer(top.optimizer, entries, data, model, where);
  data.skip(byteLength - data.offset); // slots of an optimizer that was not restored still count in the CRC
  if (data.crc() !== expectedCrc)
    throw new FormatError(
      `weight data checksum mismatch (CRC-32 ${data.crc()}, expected ${expectedCrc}): the file is corrupted`,
      where,
    );
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

function readOptimizer(
  o: Json,
  entries: WeightEntry[],
  data: WeightStream,
  model: Model,
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
  const slots: Float32Array[][] = [];
  let j = 0;
  for (let i = 0; slotEntries.length && i < trainable.length; i++) {
    const s: Float32Array[] = [];
    for (let k = 0; k < per; k++, j++) {
      if (!sameShape(slotEntries[j].shape, trainable[i].shape))
        throw new FormatError(
          `optimizer slot ${slotEntries[j].name} has shape [${slotEntries[j].shape}], expected [${trainable[i].shape}]`,
          where,
        );
      const slot = new Float32Array(trainable[i].value.length);
      data.fill(slot);
      s.push(slot);
    }
    slots.push(s);
  }
  return { className, config: { ...config }, iterations, slots };
}

const LITTLE_ENDIAN = new Uint8Array(Float32Array.of(1).buffer)[3] === 0x3f;

/** The weight data read in order into float arrays, with its running CRC-32. */
class WeightStream {
  offset = 0;
  private sum = crc32(new Uint8Array(0));
  private chunk: Uint8Array | null = null;
  constructor(private readonly read: WeightReader) {}
  /** Fills `out` with the next out.length float32 values. */
  fill(out: Float32Array | Float64Array): void {
    if (out instanceof Float32Array && LITTLE_ENDIAN) {
      const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
      this.read(bytes, this.offset);
      this.sum = crc32(bytes, this.sum);
      this.offset += bytes.length;
      return;
    }
    const chunk = (this.chunk ??= new Uint8Array(1 << 16));
    const view = new DataView(chunk.buffer);
    for (let i = 0; i < out.length; ) {
      const n = Math.min(chunk.length / 4, out.length - i);
      const part = chunk.subarray(0, n * 4);
      this.read(part, this.offset);
      this.sum = crc32(part, this.sum);
      this.offset += part.length;
      for (let k = 0; k < n; k++) out[i + k] = view.getFloat32(k * 4, true);
      i += n;
    }
  }
  /** Reads and checksums `bytes` more bytes without keeping them. */
  skip(bytes: number): void {
    const chunk = (this.chunk ??= new Uint8Array(1 << 16));
    for (let left = bytes; left > 0; ) {
      const part = chunk.subarray(0, Math.min(chunk.length, left));
      this.read(part, this.offset);
      this.sum = crc32(part, this.sum);
      this.offset += part.length;
      left -= part.length;
    }
  }
  crc(): number {
    return this.sum;
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
