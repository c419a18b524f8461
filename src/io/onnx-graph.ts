// A small ONNX graph builder (nodes, initializers, unique names, typed attributes) and the mapping
// of lstmkit activations to ONNX ops and to the activation names of ONNX's recurrent ops.

import { ConfigError } from '../errors.js';
import type { Activation } from '../kernels/activations.js';
import { ATTR, DTYPE } from './onnx-proto.js';

export type Attr = Record<string, unknown>;
export const attrInt = (name: string, i: number): Attr => ({ name, type: ATTR.INT, i });
export const attrInts = (name: string, ints: number[]): Attr => ({ name, type: ATTR.INTS, ints });
export const attrFloat = (name: string, f: number): Attr => ({ name, type: ATTR.FLOAT, f });
export const attrFloats = (name: string, floats: number[]): Attr => ({ name, type: ATTR.FLOATS, floats });
export const attrString = (name: string, s: string): Attr => ({
  name,
  type: ATTR.STRING,
  s: new TextEncoder().encode(s),
});
export const attrStrings = (name: string, ss: string[]): Attr => ({
  name,
  type: ATTR.STRINGS,
  strings: ss.map((s) => new TextEncoder().encode(s)),
});

/** Collects nodes and initializers with unique names. */
export class Graph {
  nodes: Record<string, unknown>[] = [];
  inits: Record<string, unknown>[] = [];
  private count = 0;
  fresh(base: string): string {
    return `${base}_${this.count++}`;
  }
  /** Adds a node; returns its output names. */
  node(op: string, inputs: string[], attrs: Attr[] = [], outputs = 1, name = op): string[] {
    const outs = Array.from({ length: outputs }, () => this.fresh(name));
    this.nodes.push({ opType: op, name: this.fresh(`${name}_node`), input: inputs, output: outs, attribute: attrs });
    return outs;
  }
  /** One-output node. */
  op(op: string, inputs: string[], attrs: Attr[] = []): string {
    return this.node(op, inputs, attrs)[0];
  }
  floats(base: string, dims: number[], data: ArrayLike<number>): string {
    const name = this.fresh(base);
    const raw = new Uint8Array(data.length * 4);
    const view = new DataView(raw.buffer);
    for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i], true);
    this.inits.push({ name, dims, dataType: DTYPE.FLOAT, rawData: raw });
    return name;
  }
  int64s(base: string, values: number[]): string {
    const name = this.fresh(base);
    const raw = new Uint8Array(values.length * 8);
    const view = new DataView(raw.buffer);
    for (let i = 0; i < values.length; i++) view.setBigInt64(i * 8, BigInt(values[i]), true);
    this.inits.push({ name, dims: [values.length], dataType: DTYPE.INT64, rawData: raw });
    return name;
  }
}

/** ONNX recurrent-op activation (name, alpha, beta) for an lstmkit activation, or null when none exists. */
export function rnnActivation(a: Activation): [string, number, number] | null {
  const table: Partial<Record<Activation, [string, number, number]>> = {
    tanh: ['Tanh', 0, 0],
    sigmoid: ['Sigmoid', 0, 0],
    relu: ['Relu', 0, 0],
    hardSigmoidTfjs: ['HardSigmoid', 0.2, 0.5],
    hardSigmoid: ['HardSigmoid', 1 / 6, 0.5],
    linear: ['Affine', 1, 0],
    elu: ['Elu', 1, 0],
    softsign: ['Softsign', 0, 0],
    softplus: ['Softplus', 0, 0],
  };
  return table[a] ?? null;
}

/** Which recurrent-op activations take alpha / beta (onnxruntime consumes them in order, one per such activation). */
export const USES_ALPHA = new Set(['HardSigmoid', 'Affine', 'Elu']);
export const USES_BETA = new Set(['HardSigmoid', 'Affine']);

/** Appends the elementwise activation node for `a` (none for linear). */
export function activationNode(g: Graph, x: string, a: Activation, where: string): string {
  const simple: Partial<Record<Activation, string>> = {
    tanh: 'Tanh',
    sigmoid: 'Sigmoid',
    relu: 'Relu',
    softplus: 'Softplus',
    softsign: 'Softsign',
  };
  if (a === 'linear') return x;
  if (simple[a]) return g.op(simple[a]!, [x]);
  if (a === 'softmax') return g.op('Softmax', [x], [attrInt('axis', -1)]);
  if (a === 'elu') return g.op('Elu', [x], [attrFloat('alpha', 1)]);
  if (a === 'hardSigmoid' || a === 'hardSigmoidTfjs')
    return g.op('HardSigmoid', [x], [attrFloat('alpha', a === 'hardSigmoid' ? 1 / 6 : 0.2), attrFloat('beta', 0.5)]);
  throw new ConfigError(`activation '${a}' has no ONNX export`, where);
}
