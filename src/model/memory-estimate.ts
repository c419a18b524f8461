// The memory a recurrent forecaster (a stack of LSTM/GRU/SimpleRNN layers and a dense head) needs to
// train, computed from its config before anything is built, so a caller can refuse `units: 100000`
// with the number instead of running until memory is gone. Workspaces are sized by the kernels' own
// workspace functions (with a counting allocator), so the estimate follows the kernels.

import { ConfigError } from '../errors.js';
import { gruWorkspace } from '../kernels/gru.js';
import { lstmWorkspace } from '../kernels/lstm.js';
import { simpleRnnWorkspace } from '../kernels/simple-rnn.js';
import type { Optimizer } from '../optim/optimizer.js';
import { getOptimizer } from '../optim/registry.js';
import type { FloatArray } from '../tensor.js';

/** A recurrent stack with a dense head, as the forecasting workflow builds it. */
export interface MemoryEstimateConfig {
  /** Recurrent cell. Default 'lstm'. */
  cell?: 'lstm' | 'gru' | 'simpleRnn';
  /** Units of each recurrent layer. */
  units: number;
  /** Recurrent layers stacked. Default 1. */
  layers?: number;
  /** Timesteps per sample (the lookback). */
  timesteps: number;
  /** Features per step. Default 1. */
  features?: number;
  /** Outputs of the dense head (the horizon). Default 1. */
  outputs?: number;
  /** Training batch size. Default 32. */
  batchSize?: number;
  /** Training samples held as tensors (0: the data is not counted). Default 0. */
  samples?: number;
  /** The optimizer, by name or object; its slot arrays count. Default 'adam'. */
  optimizer?: string | Optimizer;
}

/** Bytes by part, and their total. */
export interface MemoryEstimate {
  params: number;
  bytes: number;
  parts: { weights: number; gradients: number; optimizer: number; activations: number; data: number };
}

const BYTES = 4; // float32

function positive(v: unknown, what: string, where: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0)
    throw new ConfigError(`${what} must be a positive integer, got ${JSON.stringify(v)}`, where);
  return v;
}

/** Floats a kernel workspace takes, counted by calling its workspace function with a counting allocator. */
function workspaceFloats(cell: 'lstm' | 'gru' | 'simpleRnn', B: number, T: number, D: number, H: number): number {
  let n = 0;
  const none = new Float32Array(0);
  const count = (k: number): FloatArray => {
    n += k;
    return none;
  };
  if (cell === 'lstm') lstmWorkspace(count, B, T, D, H);
  else if (cell === 'gru') gruWorkspace(count, B, T, D, H);
  else simpleRnnWorkspace(count, B, T, D, H);
  return n;
}

/**
 * The memory needed to train the model described by `config`: weights, their gradients, optimizer
 * slots, per-layer workspaces and outputs for one batch, and (with `samples`) the training tensors.
 * @example formatBytes(estimateTrainingMemory({ units: 100000, timesteps: 12 }).bytes)  //=> '1.1 TB'
 */
export function estimateTrainingMemory(config: MemoryEstimateConfig): MemoryEstimate {
  const where = 'estimateTrainingMemory';
  const cell = config.cell ?? 'lstm';
  if (!['lstm', 'gru', 'simpleRnn'].includes(cell))
    throw new ConfigError(`cell must be 'lstm', 'gru' or 'simpleRnn', got ${JSON.stringify(cell)}`, where);
  const H = positive(config.units, 'units', where);
  const L = positive(config.layers ?? 1, 'layers', where);
  const T = positive(config.timesteps, 'timesteps', where);
  const D0 = positive(config.features ?? 1, 'features', where);
  const K = positive(config.outputs ?? 1, 'outputs', where);
  const B = positive(config.batchSize ?? 32, 'batchSize', where);
  const N = config.samples ?? 0;
  if (!Number.isInteger(N) || N < 0) throw new ConfigError(`samples must be an integer >= 0, got ${N}`, where);
  const slots = getOptimizer(config.optimizer ?? 'adam', where).slotsPerWeight;
  const gates = cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
  const biasRows = cell === 'gru' ? 2 : 1; // GRU's Keras 3 default resetAfter keeps two bias rows
  let params = 0,
    activations = 0;
  for (let l = 0; l < L; l++) {
    const D = l === 0 ? D0 : H;
    const last = l === L - 1;
    params += gates * H * (D + H + biasRows);
    activations += workspaceFloats(cell, B, T, D, H);
    activations += 2 * gates * H * H; // the WebAssembly backend's packed copies of the recurrent kernel
    activations += (last ? B * H : B * T * H) + B * T * D; // the layer's output and its input gradient
  }
  params += H * K + K;
  activations += 3 * B * K + B * H; // dense output, output gradient, loss gradient; dense input gradient
  const data = (N + B) * (T * D0 + K); // the training tensors and one gathered batch
  const parts = {
    weights: params * BYTES,
    gradients: params * BYTES,
    optimizer: params * slots * BYTES,
    activations: activations * BYTES,
    data: data * BYTES,
  };
  return { params, bytes: Object.values(parts).reduce((s, b) => s + b, 0), parts };
}

/**
 * A byte count for people: '1.5 GB', '320 MB', '12 kB' (powers of 1000).
 * @example formatBytes(3.2e11)  //=> '320 GB'
 */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let v = bytes,
    u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return u === 0 ? `${v} bytes` : `${v >= 100 ? Math.round(v) : Number(v.toPrecision(2))} ${units[u]}`;
}

/**
 * Throws a ConfigError, with the estimate, when training `config` would need more than
 * `limitBytes`; returns the estimate otherwise. Call it before building the model.
 * @example checkTrainingMemory({ units: 100000, timesteps: 12 }, 8e9)  // throws: ... needs about 1.1 TB (weights 160 GB, ...)
 */
export function checkTrainingMemory(config: MemoryEstimateConfig, limitBytes: number): MemoryEstimate {
  const e = estimateTrainingMemory(config);
  if (e.bytes > limitBytes) {
    const p = e.parts;
    throw new ConfigError(
      `training ${config.layers ?? 1} ${config.cell ?? 'lstm'} layer(s) of ${config.units} units needs about ${formatBytes(e.bytes)} (weights ${formatBytes(p.weights)}, gradients ${formatBytes(p.gradients)}, optimizer ${formatBytes(p.optimizer)}, activations ${formatBytes(p.activations)}, data ${formatBytes(p.data)}), more than the ${formatBytes(limitBytes)} allowed; use fewer units or layers, a shorter lookback or a smaller batch`,
      'checkTrainingMemory',
    );
  }
  return e;
}
