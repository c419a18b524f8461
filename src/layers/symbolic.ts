// Symbolic tensors and graph nodes for functional models (Keras' KerasTensor and Node): input()
// makes a placeholder, layer.apply() records a node and returns the node's symbolic outputs.

import { ConfigError } from '../errors.js';
import type { Layer } from './layer.js';
import { globalRng } from '../rng.js';
import { fromConfigShape, shapeString } from '../tensor.js';

/** One call of a layer in a graph: its symbolic inputs and outputs. */
export interface GraphNode {
  readonly id: number;
  readonly layer: Layer;
  readonly inputs: SymbolicTensor[];
  readonly outputs: SymbolicTensor[];
  /** Which call of the layer this is (0 for the first), as in Keras' "lstm[1][0]". */
  readonly callIndex: number;
}

let nextId = 0;
const inputCounter = { n: 0 };
const callCounts = new WeakMap<Layer, number>();

/** A placeholder for a batch of tensors with this per-sample shape, produced by `node` (null for an input). */
export class SymbolicTensor {
  readonly id = nextId++;
  readonly shape: number[];
  constructor(
    shape: readonly number[],
    readonly node: GraphNode | null,
    readonly outputIndex: number,
    readonly name: string,
  ) {
    this.shape = [...shape];
  }
  /** Keras' "producer[call][output]" label used in summaries. */
  get label(): string {
    return this.node ? `${this.node.layer.name}[${this.node.callIndex}][${this.outputIndex}]` : `${this.name}[0][0]`;
  }
}

export interface InputConfig {
  /** Per-sample shape (no batch axis), e.g. [timesteps, features]; null for a size that varies, e.g. [null, features]. */
  shape: (number | null)[];
  name?: string;
}

/**
 * A symbolic model input with a per-sample shape.
 * @example const x = input({ shape: [10, 1] });
 */
export function input(config: InputConfig): SymbolicTensor {
  const where = 'input()';
  if (!config || !Array.isArray(config.shape) || config.shape.length === 0) {
    throw new ConfigError(
      `input needs { shape: [...] } with the per-sample shape (no batch axis), got ${JSON.stringify(config)}`,
      where,
    );
  }
  for (const d of config.shape) {
    if (d !== null && (!Number.isInteger(d) || d <= 0))
      throw new ConfigError(
        `shape must be positive integers, or null for a size that varies, got ${shapeString(config.shape)}`,
        where,
      );
  }
  const n = inputCounter.n++;
  return new SymbolicTensor(
    fromConfigShape(config.shape),
    null,
    0,
    config.name ?? (n === 0 ? 'input_layer' : `input_layer_${n}`),
  );
}

/** Records a call of `layer` on symbolic inputs (building it on first use); returns its outputs. */
export function applyLayer(layer: Layer, inputs: SymbolicTensor | SymbolicTensor[]): SymbolicTensor | SymbolicTensor[] {
  const where = `${layer.name}.apply`;
  const list = Array.isArray(inputs) ? inputs : [inputs];
  if (list.length === 0 || list.some((t) => !(t instanceof SymbolicTensor))) {
    throw new ConfigError(
      'apply() takes symbolic tensors from input() or another layer.apply(); to run a layer on data use a model',
      where,
    );
  }
  const shapes = list.map((t) => t.shape);
  if (!layer.built) layer.build(shapes, globalRng());
  const outShapes = layer.computeOutputShapes(shapes);
  const callIndex = callCounts.get(layer) ?? 0;
  callCounts.set(layer, callIndex + 1);
  const outputs: SymbolicTensor[] = [];
  const node: GraphNode = { id: nextId++, layer, inputs: list, outputs, callIndex };
  outShapes.forEach((s, k) => {
    outputs.push(new SymbolicTensor(s, node, k, `${layer.name}/out${k}`));
  });
  return outputs.length === 1 ? outputs[0] : outputs;
}
