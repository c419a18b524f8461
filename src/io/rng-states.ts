// The random generators a model's layers own (Dropout masks, recurrent dropout), found by name so a
// checkpoint can record and restore them: with them, a resumed run with dropout is bit-identical too.

import type { Layer } from '../layers/layer.js';
import type { Model } from '../model/model.js';
import { Rng, type RngState } from '../rng.js';

/** Every (layer, generator) pair in the model, wrappers' inner layers included. */
function generators(model: Model): [string, Rng][] {
  const out: [string, Rng][] = [];
  const visit = (l: Layer) => {
    const o = l as unknown as {
      rng?: unknown;
      runtime?: { rng?: unknown };
      forwardLayer?: Layer;
      backwardLayer?: Layer;
      layer?: Layer;
    };
    if (o.rng instanceof Rng) out.push([l.name, o.rng]);
    else if (o.runtime?.rng instanceof Rng) out.push([l.name, o.runtime.rng]);
    for (const inner of [o.forwardLayer, o.backwardLayer, o.layer]) if (inner) visit(inner);
  };
  for (const l of model.layers) visit(l);
  return out;
}

/**
 * The states of the generators the model's layers own, by layer name.
 * @example const states = layerRngStates(model); // { dropout: { words: [...], spare: null } }
 */
export function layerRngStates(model: Model): Record<string, RngState> {
  return Object.fromEntries(generators(model).map(([name, rng]) => [name, rng.getState()]));
}

/** Restores states from layerRngStates(); layers without a saved state keep theirs. */
export function setLayerRngStates(model: Model, states: Record<string, RngState>): void {
  for (const [name, rng] of generators(model)) {
    const s = Object.hasOwn(states, name) ? states[name] : undefined;
    if (s) rng.setState(s);
  }
}
