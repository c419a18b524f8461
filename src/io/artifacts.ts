// lstmkit's native model format, version 1: a JSON topology plus one little-endian float32 weight
// buffer. The topology records every weight's name and shape, the buffer's byte length and CRC-32,
// and optionally the optimizer state (its slot arrays follow the model weights in the same buffer)
// and the training state of a checkpoint (epoch, shuffling RNG state).

import { StateError } from '../errors.js';
import type { Model } from '../model/model.js';
import type { RngState } from '../rng.js';
import { crc32 } from './crc32.js';
import { describeModel, type ModelEntry } from './model-topology.js';
import { layerRngStates } from './rng-states.js';

export const FORMAT = 'lstmkit';
export const FORMAT_VERSION = 1;

/** One weight array in the buffer, in order: model weights first, then optimizer slots. */
export interface WeightEntry {
  name: string;
  shape: number[];
  group: 'model' | 'optimizer';
}

/** The JSON part of a saved model. */
export interface ModelTopology {
  format: typeof FORMAT;
  formatVersion: typeof FORMAT_VERSION;
  generatedBy: string;
  model: ModelEntry;
  weights: { dtype: 'float32'; byteLength: number; crc32: number; entries: WeightEntry[] };
  optimizer?: { className: string; config: Record<string, unknown>; iterations: number; slotsPerWeight: number };
  training?: { epoch: number | null; rng: RngState; layerRngs?: Record<string, RngState> };
}

/** A saved model in memory: the topology (an object or its JSON text) and the weight bytes. */
export interface ModelArtifacts {
  topology: object | string;
  weights: Uint8Array;
}

export interface SaveOptions {
  /** Include the optimizer state (slot arrays, iterations) when the model is compiled. Default true. */
  includeOptimizer?: boolean;
  /** The epoch just finished (checkpoints record it so training can resume at epoch + 1). */
  epoch?: number;
}

/**
 * Serializes a built model to in-memory artifacts (works everywhere; the handlers write these).
 * @example const { topology, weights } = modelToArtifacts(model);
 */
export function modelToArtifacts(
  model: Model,
  options: SaveOptions = {},
): { topology: ModelTopology; weights: Uint8Array } {
  const where = 'save';
  if (!model.built)
    throw new StateError(
      'the model is not built yet: give the first layer an inputShape, call model.build(), or fit it before saving',
      where,
    );
  const description = describeModel(model);
  const entries: WeightEntry[] = [];
  const arrays: ArrayLike<number>[] = [];
  for (const p of model.params()) {
    entries.push({ name: p.name, shape: [...p.shape], group: 'model' });
    arrays.push(p.value);
  }
  let optimizer: ModelTopology['optimizer'];
  const opt = model.optimizer;
  if (opt && (options.includeOptimizer ?? true)) {
    const state = opt.getState();
    const trainable = model.params().filter((p) => p.trainable);
    const slotsPerWeight = state.slots[0]?.length ?? 0;
    state.slots.forEach((slots, i) => {
      slots.forEach((s, k) => {
        entries.push({ name: `${trainable[i].name}/slot${k}`, shape: [...trainable[i].shape], group: 'optimizer' });
        arrays.push(s);
      });
    });
    optimizer = {
      className: opt.className,
      config: optimizerConfig(opt.getConfig()),
      iterations: state.iterations,
      slotsPerWeight,
    };
  }
  const total = arrays.reduce((s, a) => s + a.length, 0);
  const weights = new Uint8Array(total * 4);
  const view = new DataView(weights.buffer);
  let off = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++, off += 4) view.setFloat32(off, a[i], true);
  const topology: ModelTopology = {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    generatedBy: 'lstmkit',
    model: description,
    weights: { dtype: 'float32', byteLength: weights.length, crc32: crc32(weights), entries },
    ...(optimizer ? { optimizer } : {}),
    training: { epoch: options.epoch ?? null, rng: model.rng.getState(), layerRngs: layerRngStates(model) },
  };
  return { topology, weights };
}

/** A JSON round trip: drops undefined, copies arrays, keeps only data. */
function plain(config: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
}

/** Optimizer config with a schedule replaced by null (a function cannot be stored). */
function optimizerConfig(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    if (typeof v === 'function') out[k] = null;
    else if (v !== undefined) out[k] = v;
  }
  return plain(out);
}
