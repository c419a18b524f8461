// PyTorch weights onto lstmkit layers: nn.LSTM / nn.GRU / nn.RNN (weight_ih_l{k}, weight_hh_l{k},
// bias_ih_l{k}, bias_hh_l{k}, '_reverse' for the backward direction of a Bidirectional), nn.Linear
// (weight (out,in), bias), nn.Embedding (weight) and nn.Conv1d (weight (out,in,k)). Gate layouts are
// converted by fromTorch in src/layers/weight-layout.ts.

import { ConfigError, FormatError, ShapeError } from '../errors.js';
import type { Layer } from '../layers/layer.js';
import { fromTorch, type RecurrentKind } from '../layers/weight-layout.js';
import type { Model } from '../model/model.js';
import { shapeString, Tensor } from '../tensor.js';

/** A state_dict: names to tensors (readSafetensors gives one). */
export type StateDict = Map<string, Tensor> | Record<string, Tensor>;

/** Where a layer's weights are in the state_dict: the module prefix ('lstm'), and for stacked RNNs the layer index k. */
export type TorchSource = string | { prefix: string; index?: number };

function getter(state: StateDict, used: Set<string>, where: string) {
  const map = state instanceof Map ? state : new Map(Object.entries(state));
  return (key: string, required = true): Tensor | null => {
    const t = map.get(key);
    if (!t) {
      if (!required) return null;
      const near = [...map.keys()].filter((k) => k.split('.')[0] === key.split('.')[0]).slice(0, 8);
      throw new FormatError(`no '${key}' in the state_dict${near.length ? `; it has ${near.join(', ')}` : ''}`, where);
    }
    used.add(key);
    return t;
  };
}

const KINDS: Record<string, RecurrentKind> = { LSTM: 'lstm', GRU: 'gru', SimpleRNN: 'simpleRnn' };

function recurrentWeights(
  layer: Layer,
  get: ReturnType<typeof getter>,
  prefix: string,
  suffix: string,
  where: string,
): Tensor[] {
  const kind = KINDS[layer.className];
  const c = layer.getConfig() as {
    activation: string;
    recurrentActivation?: string;
    resetAfter?: boolean;
    useBias: boolean;
  };
  if (kind !== 'simpleRnn' && (c.activation !== 'tanh' || c.recurrentActivation !== 'sigmoid')) {
    throw new ConfigError(
      `layer '${layer.name}' uses activation '${c.activation}' / recurrentActivation '${c.recurrentActivation}'; PyTorch's ${layer.className} is tanh / sigmoid`,
      where,
    );
  }
  if (kind === 'gru' && !c.resetAfter)
    throw new ConfigError(`layer '${layer.name}' has resetAfter false; PyTorch's GRU is resetAfter true`, where);
  const biasIh = get(`${prefix}bias_ih_${suffix}`, c.useBias),
    biasHh = get(`${prefix}bias_hh_${suffix}`, c.useBias);
  return fromTorch(kind, {
    weightIh: get(`${prefix}weight_ih_${suffix}`)!,
    weightHh: get(`${prefix}weight_hh_${suffix}`)!,
    biasIh,
    biasHh,
  });
}

function transpose2(t: Tensor): Tensor {
  const [R, C] = t.shape;
  const out = new Float32Array(R * C);
  for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) out[j * R + i] = t.data[i * C + j];
  return new Tensor(out, [C, R]);
}

/**
 * Sets one layer's weights from a PyTorch state_dict; returns the keys it used.
 * @example setTorchWeights(model.layers[0], readSafetensors(bytes), { prefix: 'lstm', index: 0 });
 */
export function setTorchWeights(layer: Layer, state: StateDict, source: TorchSource): string[] {
  const where = `setTorchWeights('${layer.name}')`;
  const { prefix: p, index = 0 } = typeof source === 'string' ? { prefix: source } : source;
  const prefix = p === '' || p.endsWith('.') ? p : `${p}.`;
  const used = new Set<string>();
  const get = getter(state, used, where);
  const set = (l: Layer, ws: Tensor[]) => {
    try {
      l.setWeights(ws);
    } catch (e) {
      if (e instanceof ShapeError) throw new FormatError(`${e.message} (from PyTorch '${prefix}*')`, where);
      throw e;
    }
  };
  const cls = layer.className;
  if (KINDS[cls]) set(layer, recurrentWeights(layer, get, prefix, `l${index}`, where));
  else if (cls === 'Bidirectional') {
    const bi = layer as unknown as { forwardLayer: Layer; backwardLayer: Layer };
    set(bi.forwardLayer, recurrentWeights(bi.forwardLayer, get, prefix, `l${index}`, where));
    set(bi.backwardLayer, recurrentWeights(bi.backwardLayer, get, prefix, `l${index}_reverse`, where));
  } else if (cls === 'Dense') {
    const w = get(`${prefix}weight`)!;
    if (w.rank !== 2) throw new FormatError(`'${prefix}weight' must be (out, in), got ${shapeString(w.shape)}`, where);
    const b = get(`${prefix}bias`, layer.params().length > 1);
    set(layer, b ? [transpose2(w), b] : [transpose2(w)]);
  } else if (cls === 'Embedding') set(layer, [get(`${prefix}weight`)!]);
  else if (cls === 'Conv1D') {
    const w = get(`${prefix}weight`)!;
    if (w.rank !== 3)
      throw new FormatError(`'${prefix}weight' must be (out, in, kernel), got ${shapeString(w.shape)}`, where);
    const [O, I, K] = w.shape;
    const k = new Float32Array(O * I * K);
    for (let o = 0; o < O; o++)
      for (let i = 0; i < I; i++) for (let j = 0; j < K; j++) k[(j * I + i) * O + o] = w.data[(o * I + i) * K + j];
    const b = get(`${prefix}bias`, layer.params().length > 1);
    set(layer, b ? [new Tensor(k, [K, I, O]), b] : [new Tensor(k, [K, I, O])]);
  } else if (layer.params().length > 0) {
    throw new ConfigError(
      `layer '${layer.name}' (${cls}) has no PyTorch mapping; mapped: LSTM, GRU, SimpleRNN, Bidirectional, Dense, Embedding, Conv1D`,
      where,
    );
  }
  return [...used];
}

/**
 * Loads a PyTorch state_dict into a model: `mapping` names, for each lstmkit layer, its PyTorch
 * module (and layer index for stacked RNNs). Returns the state_dict keys nothing used.
 * @example loadTorchWeights(model, readSafetensors(bytes), { lstm: 'lstm', lstm_1: { prefix: 'lstm', index: 1 }, dense: 'fc' });
 */
export function loadTorchWeights(
  model: Model,
  state: StateDict,
  mapping: Record<string, TorchSource>,
): { unused: string[] } {
  const where = 'loadTorchWeights';
  const byName = new Map(model.layers.map((l) => [l.name, l]));
  const used = new Set<string>();
  for (const [name, source] of Object.entries(mapping)) {
    const layer = byName.get(name);
    if (!layer)
      throw new ConfigError(`the model has no layer '${name}'; its layers: ${[...byName.keys()].join(', ')}`, where);
    for (const k of setTorchWeights(layer, state, source)) used.add(k);
  }
  const keys = state instanceof Map ? [...state.keys()] : Object.keys(state);
  return { unused: keys.filter((k) => !used.has(k)) };
}
