// Looking inside an LSTM: gate activations and states, step by step, for one input sequence.
// Runs the layer's own kernel (current backend, the layer's weights) on a batch of one and reads the
// workspace: z (T,1,4H) gates i,f,g,o in processing order, c and h (T+1,1,H) with block 0 the initial state.

import { getBackend } from './backend/backend.js';
import { ConfigError, ShapeError, StateError } from './errors.js';
import type { Layer } from './layers/layer.js';
import { asBackendTensor } from './layers/layer.js';
import { Lstm } from './layers/lstm.js';
import { shapeString, type Tensor, type TensorLike, tensor } from './tensor.js';

/** Per-step, per-unit values of one LSTM layer over one sequence; rows are processing steps. */
export interface LstmInspection {
  layer: string;
  units: number;
  /** Input time index of each processing step (reversed when the layer goes backwards). */
  time: number[];
  /** (T, D) the layer's input at each step. */
  input: number[][];
  /** (T, H) i = recAct(x·W_i + h·U_i + b_i). */
  inputGate: number[][];
  /** (T, H) f, the share of the previous cell state kept. */
  forgetGate: number[][];
  /** (T, H) g = act(x·W_c + h·U_c + b_c), the candidate written into the cell. */
  cellInput: number[][];
  /** (T, H) o, the share of act(c) exposed as h. */
  outputGate: number[][];
  /** (T, H) c after each step. */
  cell: number[][];
  /** (T, H) h after each step (the layer's output sequence). */
  hidden: number[][];
}

/** Minimal view of a model: its layers in order (a Sequential model is one). */
export interface LayerStack {
  readonly layers: Layer[];
}

function asSequence(x: TensorLike, D: number, where: string): Tensor {
  let t = tensor(x);
  if (t.rank === 3 && t.shape[0] === 1) t = t.reshape([t.shape[1], t.shape[2]]);
  if (t.rank !== 2 || t.shape[1] !== D) {
    throw new ShapeError(
      `expected one sequence of shape [timesteps, ${D}] (or [1, timesteps, ${D}]), got ${shapeString(t.shape)}`,
      where,
    );
  }
  return asBackendTensor(t.reshape([1, t.shape[0], D]));
}

function rows(a: ArrayLike<number>, T: number, stride: number, offset: number, n: number): number[][] {
  return Array.from({ length: T }, (_, s) => Array.from({ length: n }, (_, j) => a[s * stride + offset + j]));
}

/**
 * Gate activations and states of an LSTM layer for one sequence that is that layer's own input
 * (T, D), starting from zero state.
 * @example
 * const layer = lstm({ units: 2, inputShape: [3, 1] });
 * sequential([layer]);
 * const r = inspectLstmLayer(layer, [[1], [0], [0]]);
 * r.forgetGate[2][0]; // share of unit 0's cell kept at step 2
 */
export function inspectLstmLayer(layer: Lstm, x: TensorLike): LstmInspection {
  const where = `inspectLstmLayer('${layer?.name}')`;
  if (!(layer instanceof Lstm))
    throw new ConfigError(
      `expected an LSTM layer, got ${(layer as Layer | undefined)?.className ?? typeof layer}`,
      where,
    );
  if (!layer.built) throw new StateError(`layer '${layer.name}' is not built yet: build or fit its model first`, where);
  const [W, U, b] = layer.params();
  const H = layer.units,
    D = W.shape[0];
  const xs = asSequence(x, D, where);
  const T = xs.shape[1];
  const be = getBackend();
  const ws = be.lstmWorkspace(1, T, D, H);
  const y = be.alloc(H);
  const c = layer.config;
  const o = {
    activation: c.activation,
    recurrentActivation: c.recurrentActivation,
    goBackwards: c.goBackwards,
    returnSequences: false,
  };
  be.lstmForward({
    y,
    hT: null,
    cT: null,
    ws,
    x: xs.data,
    W: W.value,
    U: U.value,
    b: b ? b.value : null,
    h0: null,
    c0: null,
    mask: null,
    options: o,
  });
  const G = 4 * H;
  return {
    layer: layer.name,
    units: H,
    time: Array.from({ length: T }, (_, s) => (c.goBackwards ? T - 1 - s : s)),
    input: rows(ws.xs, T, D, 0, D),
    inputGate: rows(ws.z, T, G, 0, H),
    forgetGate: rows(ws.z, T, G, H, H),
    cellInput: rows(ws.z, T, G, 2 * H, H),
    outputGate: rows(ws.z, T, G, 3 * H, H),
    cell: rows(ws.c, T, H, H, H),
    hidden: rows(ws.h, T, H, H, H),
  };
}

/**
 * Gate activations and states of the LSTM layer at `layer` (index or name) of a stack of layers,
 * for one model input sequence x (T, D): the layers before it run first (inference mode).
 * @example
 * const model = sequential([lstm({ units: 4, inputShape: [5, 1], returnSequences: true }), dense({ units: 1 })]);
 * const r = inspectLstm(model, 0, [[1], [0], [0], [0], [0]]);
 * r.cell.length; //=> 5
 */
export function inspectLstm(model: LayerStack, layer: number | string, x: TensorLike): LstmInspection {
  const where = 'inspectLstm';
  const layers = model?.layers;
  if (!Array.isArray(layers))
    throw new ConfigError('expected a model with a layers array (e.g. a Sequential model)', where);
  const index = typeof layer === 'number' ? layer : layers.findIndex((l) => l.name === layer);
  if (!Number.isInteger(index) || index < 0 || index >= layers.length) {
    throw new ConfigError(
      `no layer ${JSON.stringify(layer)}; the model has ${layers.length} layers: ${layers.map((l) => l.name).join(', ')}`,
      where,
    );
  }
  const target = layers[index];
  if (!(target instanceof Lstm)) {
    const lstms = layers.filter((l) => l instanceof Lstm).map((l) => `'${l.name}'`);
    throw new ConfigError(
      `layer '${target.name}' is a ${target.className}, not an LSTM; LSTM layers here: ${lstms.join(', ') || 'none'}`,
      where,
    );
  }
  if (!layers[0].built) throw new StateError('the model is not built yet: build or fit it first', where);
  const first = layers[0].inputShape!;
  let h = asSequence(x, first[first.length - 1], where);
  let mask: Tensor | null = null;
  for (const l of layers.slice(0, index)) {
    const out = l.call([h], { training: false, mask })[0];
    mask = l.computeMask([h], mask);
    h = out;
  }
  if (mask) throw new ConfigError(`layer '${target.name}' receives a mask; inspect an unmasked sequence`, where);
  return inspectLstmLayer(target, h);
}
