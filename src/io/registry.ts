// The layer registry used by every loader: Keras class name -> factory from the resolved config
// (the object getConfig() returns). Loaders reject class names that are not registered here.

import { ConfigError } from '../errors.js';
import { Dense } from '../layers/dense.js';
import { Dropout } from '../layers/dropout.js';
import { Gru } from '../layers/gru.js';
import type { Layer } from '../layers/layer.js';
import { Lstm } from '../layers/lstm.js';
import { SimpleRnn } from '../layers/simple-rnn.js';

/** Builds a layer from its config (as returned by getConfig()). */
export type LayerFactory = (config: Record<string, unknown>) => Layer;

const LAYERS = new Map<string, LayerFactory>([
  ['Dense', (c) => new Dense(c as never)],
  ['LSTM', (c) => new Lstm(c as never)],
  ['GRU', (c) => new Gru(c as never)],
  ['SimpleRNN', (c) => new SimpleRnn(c as never)],
  ['Dropout', (c) => new Dropout(c as never)],
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
