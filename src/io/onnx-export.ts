// ONNX export of Sequential models: LSTM/GRU/SimpleRNN as ONNX LSTM/GRU/RNN (gate orders i,o,f,c and
// z,r,h; W (dirs,G·H,D), R (dirs,G·H,H), B (dirs,2·G·H)), Dense as MatMul + Add + activation.
// Recurrent ops take time-major input, so the graph transposes around them. Opset 17, IR version 8.

import { ConfigError } from '../errors.js';
import type { Activation } from '../kernels/activations.js';
import type { Layer } from '../layers/layer.js';
import type { Model } from '../model/model.js';
import { Sequential } from '../model/sequential.js';
import { ATTR, DTYPE, encodeModelProto } from './onnx-proto.js';

export interface OnnxExportOptions {
  /** Graph input name. Default 'input'. */
  inputName?: string;
  /** Graph output name. Default 'output'. */
  outputName?: string;
}

type Attr = Record<string, unknown>;
const attrInt = (name: string, i: number): Attr => ({ name, type: ATTR.INT, i });
const attrInts = (name: string, ints: number[]): Attr => ({ name, type: ATTR.INTS, ints });
const attrFloat = (name: string, f: number): Attr => ({ name, type: ATTR.FLOAT, f });
const attrFloats = (name: string, floats: number[]): Attr => ({ name, type: ATTR.FLOATS, floats });
const attrStrings = (name: string, ss: string[]): Attr => ({
  name,
  type: ATTR.STRINGS,
  strings: ss.map((s) => new TextEncoder().encode(s)),
});

/** Collects nodes and initializers with unique names. */
class Graph {
  nodes: Record<string, unknown>[] = [];
  inits: Record<string, unknown>[] = [];
  private count = 0;
  fresh(base: string): string {
    return `${base}_${this.count++}`;
  }
  node(op: string, inputs: string[], attrs: Attr[] = [], outputs = 1, name = op): string[] {
    const outs = Array.from({ length: outputs }, () => this.fresh(name));
    this.nodes.push({ opType: op, name: this.fresh(`${name}_node`), input: inputs, output: outs, attribute: attrs });
    return outs;
  }
  floats(base: string, dims: number[], data: ArrayLike<number>): string {
    const name = this.fresh(base);
    const f = Float32Array.from(data);
    const raw = new Uint8Array(f.length * 4);
    const view = new DataView(raw.buffer);
    for (let i = 0; i < f.length; i++) view.setFloat32(i * 4, f[i], true);
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

/** ONNX RNN-op activation (name, alpha, beta) for an lstmkit activation, or null when none exists. */
function rnnActivation(a: Activation): [string, number, number] | null {
  switch (a) {
    case 'tanh':
      return ['Tanh', 0, 0];
    case 'sigmoid':
      return ['Sigmoid', 0, 0];
    case 'relu':
      return ['Relu', 0, 0];
    case 'hardSigmoidTfjs':
      return ['HardSigmoid', 0.2, 0.5];
    case 'hardSigmoid':
      return ['HardSigmoid', 1 / 6, 0.5];
    case 'linear':
      return ['Affine', 1, 0];
    case 'elu':
      return ['Elu', 1, 0];
    case 'softsign':
      return ['Softsign', 0, 0];
    case 'softplus':
      return ['Softplus', 0, 0];
    default:
      return null;
  }
}

const USES_ALPHA = new Set(['HardSigmoid', 'Affine', 'Elu']);
const USES_BETA = new Set(['HardSigmoid', 'Affine']);

/** Appends the elementwise activation node(s) for a Dense output. */
function activationNode(g: Graph, x: string, a: Activation, where: string): string {
  const simple: Partial<Record<Activation, string>> = {
    tanh: 'Tanh',
    sigmoid: 'Sigmoid',
    relu: 'Relu',
    softplus: 'Softplus',
    softsign: 'Softsign',
  };
  if (a === 'linear') return x;
  if (simple[a]) return g.node(simple[a]!, [x])[0];
  if (a === 'softmax') return g.node('Softmax', [x], [attrInt('axis', -1)])[0];
  if (a === 'elu') return g.node('Elu', [x], [attrFloat('alpha', 1)])[0];
  if (a === 'hardSigmoid' || a === 'hardSigmoidTfjs')
    return g.node(
      'HardSigmoid',
      [x],
      [attrFloat('alpha', a === 'hardSigmoid' ? 1 / 6 : 0.2), attrFloat('beta', 0.5)],
    )[0];
  throw new ConfigError(`activation '${a}' has no ONNX export`, where);
}

/** Keras (K, G·H) matrix -> ONNX (1, G·H, K) with gate blocks reordered: ONNX block k = Keras block order[k]. */
function toOnnxMatrix(w: ArrayLike<number>, K: number, G: number, H: number, order: number[]): Float32Array {
  const out = new Float32Array(G * H * K);
  order.forEach((src, k) => {
    for (let j = 0; j < H; j++) for (let i = 0; i < K; i++) out[(k * H + j) * K + i] = w[i * G * H + src * H + j];
  });
  return out;
}

function reorder(b: ArrayLike<number>, G: number, H: number, order: number[]): Float32Array {
  const out = new Float32Array(G * H);
  order.forEach((src, k) => {
    for (let j = 0; j < H; j++) out[k * H + j] = b[src * H + j];
  });
  return out;
}

function exportRecurrent(g: Graph, x: string, layer: Layer, where: string): string {
  const c = layer.getConfig() as {
    units: number;
    activation: Activation;
    recurrentActivation?: Activation;
    useBias: boolean;
    returnSequences: boolean;
    returnState: boolean;
    goBackwards: boolean;
    stateful?: boolean;
    resetAfter?: boolean;
  };
  if (c.stateful)
    throw new ConfigError(`layer '${layer.name}' is stateful; ONNX export writes stateless recurrent ops`, where);
  const kind = layer.className as 'LSTM' | 'GRU' | 'SimpleRNN';
  const G = kind === 'LSTM' ? 4 : kind === 'GRU' ? 3 : 1;
  const order = kind === 'LSTM' ? [0, 3, 1, 2] : kind === 'GRU' ? [0, 1, 2] : [0];
  const H = c.units;
  const [Wp, Up, bp] = layer.params();
  const D = Wp.shape[0];
  const W = g.floats(`${layer.name}_W`, [1, G * H, D], toOnnxMatrix(Wp.value, D, G, H, order));
  const R = g.floats(`${layer.name}_R`, [1, G * H, H], toOnnxMatrix(Up.value, H, G, H, order));
  let B = '';
  if (bp) {
    const bias = new Float32Array(2 * G * H);
    if (kind === 'GRU' && c.resetAfter) {
      bias.set(reorder(bp.value.subarray(0, G * H), G, H, order), 0);
      bias.set(reorder(bp.value.subarray(G * H), G, H, order), G * H);
    } else bias.set(reorder(bp.value, G, H, order), 0);
    B = g.floats(`${layer.name}_B`, [1, 2 * G * H], bias);
  }
  const acts = (
    kind === 'SimpleRNN'
      ? [c.activation]
      : kind === 'LSTM'
        ? [c.recurrentActivation!, c.activation, c.activation]
        : [c.recurrentActivation!, c.activation]
  ).map((a) => {
    const m = rnnActivation(a);
    if (!m)
      throw new ConfigError(
        `layer '${layer.name}': activation '${a}' has no ONNX ${kind === 'SimpleRNN' ? 'RNN' : kind} equivalent`,
        where,
      );
    return m;
  });
  const attrs = [
    attrInt('hidden_size', H),
    attrStrings(
      'activations',
      acts.map((a) => a[0]),
    ),
  ];
  // onnxruntime consumes alpha (beta) values in order, one per activation that takes one.
  const alphas = acts.filter((a) => USES_ALPHA.has(a[0])).map((a) => a[1]);
  const betas = acts.filter((a) => USES_BETA.has(a[0])).map((a) => a[2]);
  if (alphas.length) attrs.push(attrFloats('activation_alpha', alphas));
  if (betas.length) attrs.push(attrFloats('activation_beta', betas));
  if (kind === 'GRU') attrs.push(attrInt('linear_before_reset', c.resetAfter ? 1 : 0));
  // Time-major for the op; Keras' goBackwards reverses the input and keeps outputs in processing order.
  let xt = g.node('Transpose', [x], [attrInts('perm', [1, 0, 2])])[0];
  if (c.goBackwards)
    xt = g.node('Slice', [
      xt,
      g.int64s('start', [-1]),
      g.int64s('end', [-(2 ** 53)]),
      g.int64s('axes', [0]),
      g.int64s('step', [-1]),
    ])[0];
  const op = kind === 'SimpleRNN' ? 'RNN' : kind;
  const [Y, Yh] = g.node(op, B ? [xt, W, R, B] : [xt, W, R], attrs, 2, layer.name);
  if (c.returnSequences) {
    const y = g.node('Squeeze', [Y, g.int64s('axes', [1])])[0];
    return g.node('Transpose', [y], [attrInts('perm', [1, 0, 2])])[0];
  }
  return g.node('Squeeze', [Yh, g.int64s('axes', [0])])[0];
}

function exportLayer(g: Graph, x: string, layer: Layer, where: string): string {
  switch (layer.className) {
    case 'Dense': {
      const c = layer.getConfig() as { activation: Activation };
      const [W, b] = layer.params();
      let y = g.node('MatMul', [x, g.floats(`${layer.name}_kernel`, W.shape, W.value)])[0];
      if (b) y = g.node('Add', [y, g.floats(`${layer.name}_bias`, b.shape, b.value)])[0];
      return activationNode(g, y, c.activation, `${where}: layer '${layer.name}'`);
    }
    case 'LSTM':
    case 'GRU':
    case 'SimpleRNN':
      return exportRecurrent(g, x, layer, where);
    case 'Dropout':
      return x; // identity at inference
    default:
      throw new ConfigError(
        `layer '${layer.name}' (${layer.className}) has no ONNX export; exportable: ${onnxExportableLayers().join(', ')}`,
        where,
      );
  }
}

/**
 * The layer class names exportOnnx can write.
 * @example onnxExportableLayers().includes('LSTM')  //=> true
 */
export function onnxExportableLayers(): string[] {
  return ['Dense', 'Dropout', 'GRU', 'LSTM', 'SimpleRNN'];
}

/**
 * The model as ONNX bytes (opset 17), runnable in onnxruntime: input [batch, ...inputShape] float32.
 * @example const bytes = exportOnnx(model); // writeFileSync('model.onnx', bytes) in Node
 */
export function exportOnnx(model: Model, options: OnnxExportOptions = {}): Uint8Array {
  const where = 'exportOnnx';
  if (!(model instanceof Sequential)) throw new ConfigError('exportOnnx supports Sequential models', where);
  if (!model.built)
    throw new ConfigError('the model is not built yet: give the first layer an inputShape or fit it first', where);
  const g = new Graph();
  const inputName = options.inputName ?? 'input',
    outputName = options.outputName ?? 'output';
  let x = inputName;
  for (const layer of model.layers) x = exportLayer(g, x, layer, where);
  g.nodes.push({ opType: 'Identity', name: 'output_identity', input: [x], output: [outputName], attribute: [] });
  const valueInfo = (name: string, shape: number[]) => ({
    name,
    type: {
      tensorType: {
        elemType: DTYPE.FLOAT,
        shape: { dim: [{ dimParam: 'batch' }, ...shape.map((d) => ({ dimValue: d }))] },
      },
    },
  });
  const outShape = model.outputShapes().at(-1)!;
  return encodeModelProto({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'lstmkit',
    producerVersion: '0.1.0',
    graph: {
      name: model.name,
      node: g.nodes,
      initializer: g.inits,
      input: [valueInfo(inputName, model.inputShapes()![0])],
      output: [valueInfo(outputName, outShape)],
    },
  });
}
