// Keras weights -> an imported model's parameters, in either naming: by layer and weight name as
// tfjs, Keras 2 and legacy .h5 files write them ('lstm_1/lstm_cell/kernel'), or by Keras 3 save path
// as model.weights.h5 in a .keras file (and the converter's .keras route) writes them:
// 'layers/lstm/cell/vars/0' = the first variable of the cell of the model's first LSTM.

import { FormatError } from '../errors.js';
import { Bidirectional } from '../layers/bidirectional.js';
import type { Layer, Param } from '../layers/layer.js';
import { RecurrentLayer } from '../layers/recurrent-layer.js';
import { TimeDistributed } from '../layers/time-distributed.js';
import type { BuiltModel } from './keras-model.js';

/** One weight array of a file: its name, shape and (lazily read) values in row-major order. */
export interface NamedWeight {
  name: string;
  shape: number[];
  values: () => ArrayLike<number>;
}

/** The path of each of a layer's params below its save path (Keras 3 attribute names). */
function paramPaths(layer: Layer): string[] {
  if (layer instanceof Bidirectional)
    return [
      ...paramPaths(layer.forwardLayer).map((p) => `forward_layer/${p}`),
      ...paramPaths(layer.backwardLayer).map((p) => `backward_layer/${p}`),
    ];
  if (layer instanceof TimeDistributed) return paramPaths(layer.layer).map((p) => `layer/${p}`);
  const cell = layer instanceof RecurrentLayer ? 'cell/' : '';
  return layer.params().map((_, i) => `${cell}vars/${i}`);
}

const isSavePath = (name: string): boolean => /(^|\/)vars\/\d+$/.test(name);

/**
 * Sets every parameter of the built model from the file's weights (by save path when the names are
 * Keras 3 save paths, else by name). Shapes must match; a missing or unused layer weight is a FormatError.
 */
export function assignWeights(built: BuiltModel, weights: NamedWeight[], where: string): void {
  if (weights.some((w) => isSavePath(w.name))) assignBySavePath(built, weights, where);
  else assignByName(built.model.layers, weights, where);
}

function copyInto(p: Param, w: NamedWeight, layer: string, where: string): void {
  const n = w.shape.reduce((a, b) => a * b, 1);
  if (n !== p.value.length || (w.shape.length > 1 && w.shape.some((d, i) => d !== p.shape[i])))
    throw new FormatError(`weight '${w.name}' has shape [${w.shape}] but layer '${layer}' needs [${p.shape}]`, where);
  const v = w.values();
  if (v.length !== n) throw new FormatError(`weight '${w.name}' holds ${v.length} values, expected ${n}`, where);
  for (let k = 0; k < n; k++) p.value[k] = v[k];
}

function assignBySavePath(built: BuiltModel, weights: NamedWeight[], where: string): void {
  const byPath = new Map(weights.map((w) => [w.name.replace(/^\/+/, ''), w]));
  const used = new Set<string>();
  for (const layer of built.model.layers) {
    const prefix = built.savePaths.get(layer.name);
    const params = layer.params();
    if (params.length === 0) continue;
    if (!prefix) throw new FormatError(`layer '${layer.name}' has no save path in the file`, where);
    paramPaths(layer).forEach((sub, i) => {
      const path = `${prefix}/${sub}`;
      const w = byPath.get(path);
      if (!w)
        throw new FormatError(
          `no weight '${path}' in the file for layer '${layer.name}' (${layer.className}, parameter '${params[i].name}')`,
          where,
        );
      used.add(path);
      copyInto(params[i], w, layer.name, where);
    });
  }
  const left = [...byPath.keys()].filter((k) => k.startsWith('layers/') && !used.has(k));
  if (left.length)
    throw new FormatError(
      `the file has weights no layer uses: ${left.slice(0, 5).join(', ')}${left.length > 5 ? ', ...' : ''}`,
      where,
    );
}

const snake = (s: string): string => s.replace(/([A-Z])/g, '_$1').toLowerCase();
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Assigns every weight from the one named '<layer>/.../<weight>' (Keras snake_case weight names;
 * for wrappers the inner layer's name may sit between; Bidirectional's halves say forward/backward).
 */
function assignByName(layers: Layer[], weights: NamedWeight[], where: string): void {
  const used = new Set<NamedWeight>();
  const last = (w: NamedWeight) => w.name.replace(/:\d+$/, '').split('/').pop();
  for (const layer of layers) {
    const inLayer = new RegExp(`(^|/)${escapeRegExp(layer.name)}(/|$)`);
    const mine = weights.filter((w) => inLayer.test(w.name));
    for (const p of layer.params()) {
      const [owner] = p.name.split('/');
      const wname = snake(p.name.split('/').pop()!);
      let cands = mine.filter((w) => !used.has(w) && last(w) === wname);
      if (layer instanceof Bidirectional)
        cands = cands.filter((w) => /\/backward/.test(w.name) === owner.startsWith('backward_'));
      const w = cands[0];
      if (!w)
        throw new FormatError(`no weight '${layer.name}/.../${wname}' in the file for layer '${layer.name}'`, where);
      used.add(w);
      copyInto(p, w, layer.name, where);
    }
  }
  const left = weights.filter((w) => !used.has(w));
  if (left.length)
    throw new FormatError(
      `the file has weights no layer uses: ${left
        .slice(0, 5)
        .map((w) => w.name)
        .join(', ')}${left.length > 5 ? ', ...' : ''}`,
      where,
    );
}
