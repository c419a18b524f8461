// The layer registry used by every loader: Keras class name -> factory from the resolved config
// (the object getConfig() returns). Loaders reject class names that are not registered here.
// Resolved configs write "unset" as null (batchSize, seed); factories pass such keys as absent.

import { ConfigError } from '../errors.js';
import { AdditiveAttention, Attention } from '../layers/attention.js';
import { Bidirectional } from '../layers/bidirectional.js';
import { Conv1d } from '../layers/conv1d.js';
import { Conv2d } from '../layers/conv2d.js';
import { Dense } from '../layers/dense.js';
import { Dropout } from '../layers/dropout.js';
import { Embedding } from '../layers/embedding.js';
import { Flatten } from '../layers/flatten.js';
import { Gru } from '../layers/gru.js';
import type { Layer } from '../layers/layer.js';
import { Lstm } from '../layers/lstm.js';
import { Masking } from '../layers/masking.js';
import { Add, Concatenate } from '../layers/merge.js';
import { AveragePooling1d, GlobalAveragePooling1d, GlobalMaxPooling1d, MaxPooling1d } from '../layers/pooling.js';
import { AveragePooling2d, GlobalAveragePooling2d, MaxPooling2d } from '../layers/pooling2d.js';
import { RepeatVector } from '../layers/repeat-vector.js';
import { Reshape } from '../layers/reshape.js';
import { SimpleRnn } from '../layers/simple-rnn.js';
import { TimeDistributed } from '../layers/time-distributed.js';

/** Builds a layer from its config (as returned by getConfig()). */
export type LayerFactory = (config: Record<string, unknown>) => Layer;

/** The config without null-valued keys (null means "unset" in resolved configs). */
function noNulls(c: Record<string, unknown>): never {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== null)) as never;
}

/** The wrapped layer of a wrapper's config: { className, config }. */
function inner(c: Record<string, unknown>): Layer {
  const spec = c.layer as { className?: unknown; config?: unknown } | undefined;
  if (
    !spec ||
    typeof spec !== 'object' ||
    typeof spec.className !== 'string' ||
    !spec.config ||
    typeof spec.config !== 'object'
  ) {
    throw new ConfigError('a wrapper config needs layer: { className, config }', 'registry');
  }
  const make = layerFactory(spec.className);
  if (!make) throw new ConfigError(`unknown wrapped layer class '${spec.className}'`, 'registry');
  return make(spec.config as Record<string, unknown>);
}

/** A wrapper's own base options: name, inputShape (a wrapper may be a model's first layer), trainable. */
function wrapperBase(c: Record<string, unknown>): { name?: string; inputShape?: number[]; trainable?: boolean } {
  return {
    ...(typeof c.name === 'string' ? { name: c.name } : {}),
    ...(Array.isArray(c.inputShape) ? { inputShape: c.inputShape as number[] } : {}),
    ...(typeof c.trainable === 'boolean' ? { trainable: c.trainable } : {}),
  };
}

const LAYERS = new Map<string, LayerFactory>([
  ['Dense', (c) => new Dense(noNulls(c))],
  ['LSTM', (c) => new Lstm(noNulls(c))],
  ['GRU', (c) => new Gru(noNulls(c))],
  ['SimpleRNN', (c) => new SimpleRnn(noNulls(c))],
  ['Dropout', (c) => new Dropout(noNulls(c))],
  ['Bidirectional', (c) => new Bidirectional(inner(c), { ...wrapperBase(c), mergeMode: c.mergeMode as never })],
  ['TimeDistributed', (c) => new TimeDistributed(inner(c), wrapperBase(c))],
  ['Conv1D', (c) => new Conv1d(noNulls(c))],
  ['MaxPooling1D', (c) => new MaxPooling1d(noNulls(c))],
  ['AveragePooling1D', (c) => new AveragePooling1d(noNulls(c))],
  ['GlobalMaxPooling1D', (c) => new GlobalMaxPooling1d(noNulls(c))],
  ['GlobalAveragePooling1D', (c) => new GlobalAveragePooling1d(noNulls(c))],
  ['Flatten', (c) => new Flatten(noNulls(c))],
  ['Reshape', (c) => new Reshape(noNulls(c))],
  ['RepeatVector', (c) => new RepeatVector(noNulls(c))],
  ['Embedding', (c) => new Embedding(noNulls(c))],
  ['Masking', (c) => new Masking(noNulls(c))],
  ['Concatenate', (c) => new Concatenate(noNulls(c))],
  ['Add', (c) => new Add(noNulls(c))],
  ['Attention', (c) => new Attention(noNulls(c))],
  ['AdditiveAttention', (c) => new AdditiveAttention(noNulls(c))],
  ['Conv2D', (c) => new Conv2d(noNulls(c))],
  ['MaxPooling2D', (c) => new MaxPooling2d(noNulls(c))],
  ['AveragePooling2D', (c) => new AveragePooling2d(noNulls(c))],
  ['GlobalAveragePooling2D', (c) => new GlobalAveragePooling2d(noNulls(c))],
]);

/**
 * Registers a layer class for loading (built-in layers are registered already).
 * @example registerLayer('MyLayer', (config) => new MyLayer(config));
 */
export function registerLayer(className: string, factory: LayerFactory): void {
  if (typeof className !== 'string' || className === '' || typeof factory !== 'function') {
    throw new ConfigError('registerLayer needs a class name and a factory function', 'registerLayer');
  }
  LAYERS.set(className, factory);
}

/** The factory for `className`, or undefined when it is unknown. */
export function layerFactory(className: string): LayerFactory | undefined {
  return LAYERS.get(className);
}

/**
 * The registered layer class names, sorted.
 * @example registeredLayers().includes('LSTM')  //=> true
 */
export function registeredLayers(): string[] {
  return [...LAYERS.keys()].sort();
}

/**
 * The weights `layer` would declare for these input shapes, as full names ('lstm/kernel') and
 * shapes, computed without allocating anything (wrappers ask their inner layers).
 */
export function declaredWeights(layer: Layer, inputShapes: number[][]): { name: string; shape: number[] }[] {
  if (layer instanceof Bidirectional)
    return [
      ...declaredWeights(layer.forwardLayer, inputShapes.slice(0, 1)),
      ...declaredWeights(layer.backwardLayer, inputShapes.slice(0, 1)),
    ];
  if (layer instanceof TimeDistributed) {
    if (inputShapes[0].length < 2)
      throw new ConfigError(`TimeDistributed needs [timesteps, ...] input, got [${inputShapes[0]}]`, layer.name);
    return declaredWeights(layer.layer, [inputShapes[0].slice(1)]);
  }
  const l = layer as unknown as { specs: { name: string; shape: number[] }[]; declare(s: number[][]): void };
  l.specs = [];
  l.declare(inputShapes);
  const out = l.specs.map((s) => ({ name: `${layer.name}/${s.name}`, shape: [...s.shape] }));
  l.specs = [];
  return out;
}
