// Per-layer ONNX export. Recurrent layers become ONNX LSTM/GRU/RNN: gate orders i,o,f,c (Keras i,f,c,o)
// and z,r,h (same as Keras); W (dirs,G·H,D), R (dirs,G·H,H), B (dirs,2·G·H) = [Wb, Rb];
// linear_before_reset = 1 for resetAfter GRUs. The ops read time-major input, so the graph
// transposes around them; Keras' goBackwards is a reversed input (outputs stay in processing order).

import { ConfigError } from '../errors.js';
import type { Activation } from '../kernels/activations.js';
import { conv1dGeometry } from '../kernels/conv1d.js';
import type { Layer } from '../layers/layer.js';
import {
  activationNode,
  attrFloats,
  attrInt,
  attrInts,
  attrStrings,
  type Graph,
  rnnActivation,
  USES_ALPHA,
  USES_BETA,
} from './onnx-graph.js';

interface RnnConfig {
  units: number;
  activation: Activation;
  recurrentActivation?: Activation;
  useBias: boolean;
  returnSequences: boolean;
  returnState: boolean;
  goBackwards: boolean;
  stateful?: boolean;
  resetAfter?: boolean;
}

/** Keras (K, G·H) -> ONNX (G·H, K) with gate blocks reordered: ONNX block k = Keras block order[k]. */
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

const GATES: Record<string, { G: number; order: number[]; op: string }> = {
  LSTM: { G: 4, order: [0, 3, 1, 2], op: 'LSTM' },
  GRU: { G: 3, order: [0, 1, 2], op: 'GRU' },
  SimpleRNN: { G: 1, order: [0], op: 'RNN' },
};

/** One direction's W, R, B (flattened) for a Keras-layout recurrent layer. */
function directionWeights(layer: Layer): { W: Float32Array; R: Float32Array; B: Float32Array | null; D: number } {
  const { G, order } = GATES[layer.className];
  const c = layer.getConfig() as unknown as RnnConfig;
  const H = c.units;
  const [Wp, Up, bp] = layer.params();
  const D = Wp.shape[0];
  let B: Float32Array | null = null;
  if (bp) {
    B = new Float32Array(2 * G * H);
    if (layer.className === 'GRU' && c.resetAfter) {
      B.set(reorder(bp.value.subarray(0, G * H), G, H, order), 0);
      B.set(reorder(bp.value.subarray(G * H), G, H, order), G * H);
    } else B.set(reorder(bp.value, G, H, order), 0);
  }
  return { W: toOnnxMatrix(Wp.value, D, G, H, order), R: toOnnxMatrix(Up.value, H, G, H, order), B, D };
}

function concatArrays(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/**
 * The ONNX recurrent node over x (B,T,D) with optional initial states (B,H); returns
 * [Y (T,dirs,B,H), Y_h (dirs,B,H), Y_c (dirs,B,H) for LSTM].
 */
function recurrentNode(g: Graph, xs: string[], layers: Layer[], where: string): string[] {
  const layer = layers[0];
  const x = xs[0];
  const c = layer.getConfig() as unknown as RnnConfig;
  if (c.stateful)
    throw new ConfigError(`layer '${layer.name}' is stateful; ONNX export writes stateless recurrent ops`, where);
  if (c.returnState && layers.length > 1)
    throw new ConfigError(
      `layer '${layer.name}' returns its states inside Bidirectional; ONNX export supports the merged output only`,
      where,
    );
  const { G, op } = GATES[layer.className];
  const H = c.units;
  const dirs = layers.map(directionWeights);
  const D = dirs[0].D,
    n = layers.length;
  const W = g.floats(`${layer.name}_W`, [n, G * H, D], concatArrays(dirs.map((d) => d.W)));
  const R = g.floats(`${layer.name}_R`, [n, G * H, H], concatArrays(dirs.map((d) => d.R)));
  const B = dirs[0].B ? g.floats(`${layer.name}_B`, [n, 2 * G * H], concatArrays(dirs.map((d) => d.B!))) : '';
  const kind = layer.className;
  const one = (
    kind === 'SimpleRNN'
      ? [c.activation]
      : kind === 'LSTM'
        ? [c.recurrentActivation!, c.activation, c.activation]
        : [c.recurrentActivation!, c.activation]
  ).map((a) => {
    const m = rnnActivation(a);
    if (!m) throw new ConfigError(`layer '${layer.name}': activation '${a}' has no ONNX ${op} equivalent`, where);
    return m;
  });
  const acts = n === 2 ? [...one, ...one] : one;
  const attrs = [
    attrInt('hidden_size', H),
    attrStrings(
      'activations',
      acts.map((a) => a[0]),
    ),
  ];
  const alphas = acts.filter((a) => USES_ALPHA.has(a[0])).map((a) => a[1]);
  const betas = acts.filter((a) => USES_BETA.has(a[0])).map((a) => a[2]);
  if (alphas.length) attrs.push(attrFloats('activation_alpha', alphas));
  if (betas.length) attrs.push(attrFloats('activation_beta', betas));
  if (kind === 'GRU') attrs.push(attrInt('linear_before_reset', c.resetAfter ? 1 : 0));
  if (n === 2) attrs.push({ name: 'direction', type: 3, s: new TextEncoder().encode('bidirectional') });
  let xt = g.op('Transpose', [x], [attrInts('perm', [1, 0, 2])]);
  if (c.goBackwards)
    xt = g.op('Slice', [
      xt,
      g.int64s('start', [-1]),
      g.int64s('end', [-(2 ** 53)]),
      g.int64s('axes', [0]),
      g.int64s('step', [-1]),
    ]);
  // Inputs X, W, R, B, sequence_lens, initial_h, initial_c ('' skips an optional one).
  const inputs = [xt, W, R, B, '', ...xs.slice(1).map((s) => g.op('Unsqueeze', [s, g.int64s('axes', [0])]))];
  while (inputs[inputs.length - 1] === '') inputs.pop();
  return g.node(op, inputs, attrs, kind === 'LSTM' ? 3 : 2, layer.name);
}

/** LSTM / GRU / SimpleRNN, called as [x, initial states...]; returns [y] or [y, final states...] (returnState). */
export function exportRecurrent(g: Graph, xs: string[], layer: Layer, where: string): string[] {
  const [Y, ...states] = recurrentNode(g, xs, [layer], where);
  const c = layer.getConfig() as unknown as RnnConfig;
  const last = (s: string) => g.op('Squeeze', [s, g.int64s('axes', [0])]);
  const y = c.returnSequences
    ? g.op('Transpose', [g.op('Squeeze', [Y, g.int64s('axes', [1])])], [attrInts('perm', [1, 0, 2])])
    : last(states[0]);
  return c.returnState ? [y, ...states.map(last)] : [y];
}

/** Bidirectional: one ONNX op with direction 'bidirectional' (its reverse half is time-aligned, as Keras'). */
export function exportBidirectional(g: Graph, x: string, layer: Layer, where: string): string {
  const bi = layer as unknown as { forwardLayer: Layer; backwardLayer: Layer; mergeMode: string | null };
  const fc = bi.forwardLayer.getConfig() as unknown as RnnConfig;
  if (fc.goBackwards)
    throw new ConfigError(
      `layer '${layer.name}' wraps a goBackwards layer; ONNX export needs the forward layer first`,
      where,
    );
  if (bi.mergeMode === null)
    throw new ConfigError(
      `layer '${layer.name}' has mergeMode null (two outputs); ONNX export needs a merged output`,
      where,
    );
  // ONNX's reverse direction reads the original order reversed, as Keras' backward layer does; the
  // forward layer's goBackwards (false) keeps the shared input unreversed.
  if (!(bi.backwardLayer.getConfig() as unknown as RnnConfig).goBackwards)
    throw new ConfigError(`layer '${bi.backwardLayer.name}' must run backwards inside Bidirectional`, where);
  const [Y, Yh] = recurrentNode(g, [x], [bi.forwardLayer, bi.backwardLayer], where);
  // Y (T,2,B,H) -> (B,T,2,H); Y_h (2,B,H) -> (B,2,H); then merge along the direction axis.
  const seq = fc.returnSequences;
  const t = seq
    ? g.op('Transpose', [Y], [attrInts('perm', [2, 0, 1, 3])])
    : g.op('Transpose', [Yh], [attrInts('perm', [1, 0, 2])]);
  const axis = seq ? 2 : 1;
  switch (bi.mergeMode) {
    case 'concat':
      return g.op('Reshape', [t, g.int64s('shape', seq ? [0, 0, -1] : [0, -1])]);
    case 'sum':
      return g.op('ReduceSum', [t, g.int64s('axes', [axis])], [attrInt('keepdims', 0)]);
    case 'ave':
      return g.op('ReduceMean', [t], [attrInts('axes', [axis]), attrInt('keepdims', 0)]);
    case 'mul':
      return g.op('ReduceProd', [t], [attrInts('axes', [axis]), attrInt('keepdims', 0)]);
    default:
      throw new ConfigError(`layer '${layer.name}': mergeMode '${bi.mergeMode}' has no ONNX export`, where);
  }
}

/** Conv1D: (B,T,C) -> Conv on (B,C,T) with explicit pads from the layer's geometry -> (B,To,O). */
export function exportConv1d(g: Graph, x: string, layer: Layer, inShape: number[], where: string): string {
  const c = layer.getConfig() as {
    kernelSize: number;
    strides: number;
    dilationRate: number;
    padding: 'valid' | 'same' | 'causal';
    activation: Activation;
    filters: number;
    groups?: number;
  };
  const [Wp, bp] = layer.params();
  const [K, C, O] = Wp.shape; // C = input channels per group
  const w = new Float32Array(O * C * K);
  for (let k = 0; k < K; k++)
    for (let i = 0; i < C; i++) for (let o = 0; o < O; o++) w[(o * C + i) * K + k] = Wp.value[(k * C + i) * O + o];
  const T = inShape[0];
  const { To, padLeft } = conv1dGeometry(T, K, c.strides, c.dilationRate, c.padding);
  const padRight = Math.max(0, (To - 1) * c.strides + c.dilationRate * (K - 1) + 1 - T - padLeft);
  const inputs = [g.op('Transpose', [x], [attrInts('perm', [0, 2, 1])]), g.floats(`${layer.name}_W`, [O, C, K], w)];
  if (bp) inputs.push(g.floats(`${layer.name}_B`, [O], bp.value));
  const y = g.op('Conv', inputs, [
    attrInts('kernel_shape', [K]),
    attrInts('strides', [c.strides]),
    attrInts('dilations', [c.dilationRate]),
    attrInts('pads', [padLeft, padRight]),
    attrInt('group', c.groups ?? 1),
  ]);
  return activationNode(
    g,
    g.op('Transpose', [y], [attrInts('perm', [0, 2, 1])]),
    c.activation,
    `${where}: layer '${layer.name}'`,
  );
}

/** MaxPooling1D / AveragePooling1D (Keras' 'same' averages exclude the padding, as count_include_pad = 0). */
export function exportPool1d(g: Graph, x: string, layer: Layer, inShape: number[]): string {
  const c = layer.getConfig() as { poolSize: number; strides: number; padding: 'valid' | 'same' };
  const T = inShape[0];
  const { To, padLeft } = conv1dGeometry(T, c.poolSize, c.strides, 1, c.padding);
  const padRight = Math.max(0, (To - 1) * c.strides + c.poolSize - T - padLeft);
  const attrs = [
    attrInts('kernel_shape', [c.poolSize]),
    attrInts('strides', [c.strides]),
    attrInts('pads', [padLeft, padRight]),
  ];
  const op = layer.className === 'MaxPooling1D' ? 'MaxPool' : 'AveragePool';
  if (op === 'AveragePool') attrs.push(attrInt('count_include_pad', 0));
  const y = g.op(op, [g.op('Transpose', [x], [attrInts('perm', [0, 2, 1])])], attrs);
  return g.op('Transpose', [y], [attrInts('perm', [0, 2, 1])]);
}

/**
 * Attention (dot: scale·q·kᵀ) and AdditiveAttention (Σ_d scale_d·tanh(q_d + k_d)) on [query, value, key?]:
 * scores, −1e9 above the diagonal when causal, Softmax over keys, then weights·value. Returns
 * [output] or [output, weights] with returnAttentionScores.
 */
export function exportAttention(g: Graph, xs: string[], shapes: number[][], layer: Layer): string[] {
  const c = layer.getConfig() as {
    useScale: boolean;
    useCausalMask: boolean;
    returnAttentionScores: boolean;
    scoreMode?: 'dot' | 'concat';
  };
  const [q, v, k = v] = xs;
  const [Tq, D] = shapes[0],
    Tv = shapes[1][0];
  const scale = c.useScale ? layer.params()[0] : null;
  let S: string;
  if (layer.className === 'Attention' && c.scoreMode === 'concat') {
    // w·Σ_d tanh(scale·(q_d + k_d)), scale and w scalars.
    let sum = g.op('Add', [
      g.op('Unsqueeze', [q, g.int64s('axes', [2])]),
      g.op('Unsqueeze', [k, g.int64s('axes', [1])]),
    ]);
    if (scale) sum = g.op('Mul', [sum, g.floats(`${layer.name}_scale`, [], scale.value)]);
    const w = layer.params()[scale ? 1 : 0];
    S = g.op('Mul', [
      g.op('ReduceSum', [g.op('Tanh', [sum]), g.int64s('axes', [3])], [attrInt('keepdims', 0)]),
      g.floats(`${layer.name}_concat_weight`, [], w.value),
    ]);
  } else if (layer.className === 'Attention') {
    S = g.op('MatMul', [q, g.op('Transpose', [k], [attrInts('perm', [0, 2, 1])])]);
    if (scale) S = g.op('Mul', [S, g.floats(`${layer.name}_scale`, [], scale.value)]);
  } else {
    const th = g.op('Tanh', [
      g.op('Add', [g.op('Unsqueeze', [q, g.int64s('axes', [2])]), g.op('Unsqueeze', [k, g.int64s('axes', [1])])]),
    ]);
    S = scale
      ? g.op('Squeeze', [
          g.op('MatMul', [th, g.floats(`${layer.name}_scale`, [D, 1], scale.value)]),
          g.int64s('axes', [3]),
        ])
      : g.op('ReduceSum', [th, g.int64s('axes', [3])], [attrInt('keepdims', 0)]);
  }
  if (c.useCausalMask) {
    const mask = new Float32Array(Tq * Tv);
    for (let i = 0; i < Tq; i++) for (let j = i + 1; j < Tv; j++) mask[i * Tv + j] = -1e9;
    S = g.op('Add', [S, g.floats(`${layer.name}_causal`, [Tq, Tv], mask)]);
  }
  const A = g.op('Softmax', [S], [attrInt('axis', -1)]);
  const out = g.op('MatMul', [A, v]);
  return c.returnAttentionScores ? [out, A] : [out];
}
