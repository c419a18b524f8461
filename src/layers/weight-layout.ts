// Weight layouts of the recurrent layers and converters to and from PyTorch (torch.nn.LSTM/GRU/RNN, one layer, one direction).
// Keras: kernel (D,G·H), recurrentKernel (H,G·H), one bias (G·H), or (2,3H) for GRU with resetAfter.
// PyTorch: weight_ih (G·H,D), weight_hh (G·H,H), bias_ih and bias_hh (G·H). Gate blocks:
//   LSTM  Keras i,f,c,o = PyTorch i,f,g,o (same order; Keras' bias = bias_ih + bias_hh)
//   GRU   Keras z,r,h   ↔ PyTorch r,z,n (PyTorch's GRU is Keras' resetAfter = true, both biases kept)
//   RNN   one block (bias = bias_ih + bias_hh)

import { ConfigError, ShapeError } from '../errors.js';
import { type FloatArray, shapeString, Tensor } from '../tensor.js';

/** One PyTorch recurrent layer's state_dict entries (weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0). */
export interface TorchRnnWeights {
  weightIh: Tensor;
  weightHh: Tensor;
  biasIh: Tensor | null;
  biasHh: Tensor | null;
}

export type RecurrentKind = 'lstm' | 'gru' | 'simpleRnn';

const GATES: Record<RecurrentKind, number> = { lstm: 4, gru: 3, simpleRnn: 1 };
/** Keras gate block k comes from PyTorch gate block ORDER[kind][k]. */
const ORDER: Record<RecurrentKind, number[]> = { lstm: [0, 1, 2, 3], gru: [1, 0, 2], simpleRnn: [0] };

const like = (a: FloatArray, n: number): FloatArray =>
  a instanceof Float64Array ? new Float64Array(n) : new Float32Array(n);

/** Keras (K, G·H) from PyTorch (G·H, K): transpose and reorder the gate blocks. */
function toKerasMatrix(w: Tensor, kind: RecurrentKind, H: number, K: number): Tensor {
  const G = GATES[kind],
    out = like(w.data, K * G * H);
  ORDER[kind].forEach((src, k) => {
    for (let j = 0; j < H; j++) for (let i = 0; i < K; i++) out[i * G * H + k * H + j] = w.data[(src * H + j) * K + i];
  });
  return new Tensor(out, [K, G * H]);
}

/** PyTorch (G·H, K) from Keras (K, G·H). */
function toTorchMatrix(w: Tensor, kind: RecurrentKind, H: number, K: number): Tensor {
  const G = GATES[kind],
    out = like(w.data, K * G * H);
  ORDER[kind].forEach((src, k) => {
    for (let j = 0; j < H; j++) for (let i = 0; i < K; i++) out[(src * H + j) * K + i] = w.data[i * G * H + k * H + j];
  });
  return new Tensor(out, [G * H, K]);
}

/** Reorders a (G·H) bias vector between the two gate orders. */
function reorderBias(b: FloatArray, kind: RecurrentKind, H: number, toKeras: boolean): FloatArray {
  const out = like(b, b.length);
  ORDER[kind].forEach((src, k) => {
    for (let j = 0; j < H; j++) {
      if (toKeras) out[k * H + j] = b[src * H + j];
      else out[src * H + j] = b[k * H + j];
    }
  });
  return out;
}

function checkShape(t: Tensor, shape: number[], what: string, where: string): void {
  if (t.rank !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new ShapeError(`${what} must have shape ${shapeString(shape)}, got ${shapeString(t.shape)}`, where);
  }
}

/**
 * Keras-layout weights [kernel, recurrentKernel, bias?] for a PyTorch layer's weights. For a GRU the
 * result is for resetAfter true (bias (2,3H)); for LSTM and SimpleRNN the two biases are summed.
 * @example const [kernel, recurrentKernel, bias] = fromTorch('lstm', { weightIh, weightHh, biasIh, biasHh });
 */
export function fromTorch(kind: RecurrentKind, w: TorchRnnWeights): Tensor[] {
  const where = `fromTorch('${kind}')`;
  const G = GATES[kind];
  if (!G)
    throw new ConfigError(
      `unknown layer kind ${JSON.stringify(kind)}; expected 'lstm', 'gru' or 'simpleRnn'`,
      'fromTorch',
    );
  if (w.weightIh.rank !== 2 || w.weightIh.shape[0] % G !== 0)
    throw new ShapeError(`weightIh must be (${G}·hidden, input), got ${shapeString(w.weightIh.shape)}`, where);
  const H = w.weightIh.shape[0] / G,
    D = w.weightIh.shape[1];
  checkShape(w.weightHh, [G * H, H], 'weightHh', where);
  if ((w.biasIh === null) !== (w.biasHh === null))
    throw new ShapeError('give both biasIh and biasHh, or neither (bias=False)', where);
  const out = [toKerasMatrix(w.weightIh, kind, H, D), toKerasMatrix(w.weightHh, kind, H, H)];
  if (w.biasIh && w.biasHh) {
    checkShape(w.biasIh, [G * H], 'biasIh', where);
    checkShape(w.biasHh, [G * H], 'biasHh', where);
    const bi = reorderBias(w.biasIh.data, kind, H, true),
      bh = reorderBias(w.biasHh.data, kind, H, true);
    if (kind === 'gru') {
      const b = like(bi, 2 * G * H);
      b.set(bi);
      b.set(bh, G * H);
      out.push(new Tensor(b, [2, G * H]));
    } else {
      for (let i = 0; i < bi.length; i++) bi[i] += bh[i];
      out.push(new Tensor(bi, [G * H]));
    }
  }
  return out;
}

/**
 * PyTorch-layout weights for Keras-layout [kernel, recurrentKernel, bias?]. LSTM and SimpleRNN put the
 * whole bias in biasIh (biasHh zeros); a GRU must use resetAfter true (bias (2,3H)), PyTorch's form.
 * @example const { weightIh, weightHh, biasIh, biasHh } = toTorch('gru', layer.getWeights());
 */
export function toTorch(kind: RecurrentKind, weights: Tensor[]): TorchRnnWeights {
  const where = `toTorch('${kind}')`;
  const G = GATES[kind];
  if (!G)
    throw new ConfigError(
      `unknown layer kind ${JSON.stringify(kind)}; expected 'lstm', 'gru' or 'simpleRnn'`,
      'toTorch',
    );
  const [kernel, rec, bias] = weights;
  if (!kernel || !rec || weights.length > 3)
    throw new ShapeError(`expected [kernel, recurrentKernel, bias?], got ${weights.length} arrays`, where);
  if (kernel.rank !== 2 || kernel.shape[1] % G !== 0)
    throw new ShapeError(`kernel must be (input, ${G}·units), got ${shapeString(kernel.shape)}`, where);
  const H = kernel.shape[1] / G,
    D = kernel.shape[0];
  checkShape(rec, [H, G * H], 'recurrentKernel', where);
  const out: TorchRnnWeights = {
    weightIh: toTorchMatrix(kernel, kind, H, D),
    weightHh: toTorchMatrix(rec, kind, H, H),
    biasIh: null,
    biasHh: null,
  };
  if (bias) {
    if (kind === 'gru') {
      if (bias.size !== 2 * G * H) {
        throw new ConfigError(
          `a GRU bias of shape ${shapeString(bias.shape)} is resetAfter false, which PyTorch's GRU cannot express; use resetAfter: true (bias (2, ${G * H}))`,
          where,
        );
      }
      out.biasIh = new Tensor(reorderBias(bias.data.subarray(0, G * H), kind, H, false), [G * H]);
      out.biasHh = new Tensor(reorderBias(bias.data.subarray(G * H), kind, H, false), [G * H]);
    } else {
      checkShape(bias, [G * H], 'bias', where);
      out.biasIh = new Tensor(reorderBias(bias.data, kind, H, false), [G * H]);
      out.biasHh = new Tensor(like(bias.data, G * H), [G * H]);
    }
  }
  return out;
}
