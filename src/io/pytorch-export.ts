// lstmkit layers -> a PyTorch state_dict (the inverse of pytorch.ts), e.g. for writeSafetensors and
// torch's load_state_dict: LSTM/GRU/SimpleRNN -> weight_ih_l{k} ... (bias in bias_ih, bias_hh zero
// for LSTM and RNN; GRU needs resetAfter), '_reverse' for Bidirectional, Dense -> Linear, Conv1D,
// Embedding. Gate layouts by toTorch in src/layers/weight-layout.ts.

import { ConfigError } from '../errors.js';
import type { Layer } from '../layers/layer.js';
import { type RecurrentKind, toTorch } from '../layers/weight-layout.js';
import type { Model } from '../model/model.js';
import { Tensor } from '../tensor.js';
import type { TorchSource } from './pytorch.js';

const KINDS: Record<string, RecurrentKind> = { LSTM: 'lstm', GRU: 'gru', SimpleRNN: 'simpleRnn' };

function recurrent(out: Map<string, Tensor>, layer: Layer, prefix: string, suffix: string): void {
  const t = toTorch(KINDS[layer.className], layer.getWeights());
  out.set(`${prefix}weight_ih_${suffix}`, t.weightIh);
  out.set(`${prefix}weight_hh_${suffix}`, t.weightHh);
  if (t.biasIh && t.biasHh) {
    out.set(`${prefix}bias_ih_${suffix}`, t.biasIh);
    out.set(`${prefix}bias_hh_${suffix}`, t.biasHh);
  }
}

/**
 * A PyTorch state_dict for the mapped layers (`mapping` as for loadTorchWeights: layer name ->
 * module prefix, and the layer index k for stacked RNNs).
 * @example const bytes = writeSafetensors(torchStateDict(model, { lstm: 'lstm', dense: 'fc' }));
 */
export function torchStateDict(model: Model, mapping: Record<string, TorchSource>): Map<string, Tensor> {
  const where = 'torchStateDict';
  const byName = new Map(model.layers.map((l) => [l.name, l]));
  const out = new Map<string, Tensor>();
  for (const [name, source] of Object.entries(mapping)) {
    const layer = byName.get(name);
    if (!layer)
      throw new ConfigError(`the model has no layer '${name}'; its layers: ${[...byName.keys()].join(', ')}`, where);
    const { prefix: p, index = 0 } = typeof source === 'string' ? { prefix: source } : source;
    const prefix = p === '' || p.endsWith('.') ? p : `${p}.`;
    const cls = layer.className;
    const c = layer.getConfig() as { activation?: string; recurrentActivation?: string };
    if (KINDS[cls] && cls !== 'SimpleRNN' && (c.activation !== 'tanh' || c.recurrentActivation !== 'sigmoid')) {
      throw new ConfigError(
        `layer '${name}' uses activation '${c.activation}' / recurrentActivation '${c.recurrentActivation}'; PyTorch's ${cls} is tanh / sigmoid`,
        where,
      );
    }
    if (KINDS[cls]) recurrent(out, layer, prefix, `l${index}`);
    else if (cls === 'Bidirectional') {
      const bi = layer as unknown as { forwardLayer: Layer; backwardLayer: Layer };
      recurrent(out, bi.forwardLayer, prefix, `l${index}`);
      recurrent(out, bi.backwardLayer, prefix, `l${index}_reverse`);
    } else if (cls === 'Dense') {
      const [k, b] = layer.getWeights();
      const [D, U] = k.shape;
      const w = new Float32Array(D * U);
      for (let i = 0; i < D; i++) for (let j = 0; j < U; j++) w[j * D + i] = k.data[i * U + j];
      out.set(`${prefix}weight`, new Tensor(w, [U, D]));
      if (b) out.set(`${prefix}bias`, b);
    } else if (cls === 'Embedding') out.set(`${prefix}weight`, layer.getWeights()[0]);
    else if (cls === 'Conv1D') {
      const [k, b] = layer.getWeights();
      const [K, I, O] = k.shape;
      const w = new Float32Array(O * I * K);
      for (let j = 0; j < K; j++)
        for (let i = 0; i < I; i++) for (let o = 0; o < O; o++) w[(o * I + i) * K + j] = k.data[(j * I + i) * O + o];
      out.set(`${prefix}weight`, new Tensor(w, [O, I, K]));
      if (b) out.set(`${prefix}bias`, b);
    } else
      throw new ConfigError(
        `layer '${name}' (${cls}) has no PyTorch mapping; mapped: LSTM, GRU, SimpleRNN, Bidirectional, Dense, Embedding, Conv1D`,
        where,
      );
  }
  return out;
}
