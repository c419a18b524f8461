// GRU layer (Keras 3 semantics and weight layout): kernel (D,3H), recurrentKernel (H,3H), gates z,r,h;
// bias (2,3H) = [input bias; recurrent bias] with resetAfter (Keras 3 default), else bias (3H) (tfjs, Keras 2).
// call([x, h0?]) -> [y] or [y, hT] with returnState (recurrent-layer.ts). Dropout and stateful behaviour: recurrent.ts.

import { getBackend, type GruOptions, type GruWorkspace } from '../backend/backend.js';
import {
  type RecurrentConfig,
  RecurrentRuntime,
  type ResolvedRecurrentConfig,
  resolveRecurrentConfig,
} from './recurrent.js';
import { checkBoolean } from '../config-check.js';
import { withPreset } from './presets.js';
import { RECURRENT_KEYS } from './recurrent.js';
import { type BackwardRun, type ForwardRun, RecurrentLayer } from './recurrent-layer.js';

export interface GruConfig extends RecurrentConfig {
  /** Apply the reset gate after the recurrent matmul (Keras 3 default true; presets 'tfjs' and 'keras2': false). */
  resetAfter?: boolean;
}
export type ResolvedGruConfig = ResolvedRecurrentConfig & { resetAfter: boolean };

export class Gru extends RecurrentLayer<GruWorkspace> {
  readonly className = 'GRU';
  readonly config: ResolvedGruConfig;
  readonly runtime: RecurrentRuntime;
  protected readonly gates = 3;
  protected readonly stateCount = 1;

  constructor(config: GruConfig) {
    super(config, 'gru', [...RECURRENT_KEYS, 'resetAfter']);
    const where = `gru '${this.name}'`;
    const c = withPreset(config, ['resetAfter'], where);
    this.config = {
      ...resolveRecurrentConfig(c, this.name, where),
      resetAfter: checkBoolean(c.resetAfter, true, 'resetAfter', where),
    };
    this.runtime = new RecurrentRuntime(this.config, 1, where);
  }

  protected override declareBias(H: number): void {
    this.addWeight('bias', this.config.resetAfter ? [2, 3 * H] : [3 * H], this.config.biasInitializer);
  }

  private options(): GruOptions {
    const c = this.config;
    return {
      activation: c.activation,
      recurrentActivation: c.recurrentActivation,
      goBackwards: c.goBackwards,
      returnSequences: c.returnSequences,
      resetAfter: c.resetAfter,
    };
  }

  protected override workspace(B: number, T: number, D: number, H: number): GruWorkspace {
    return getBackend().gruWorkspace(B, T, D, H);
  }

  protected override runForward(r: ForwardRun<GruWorkspace>): void {
    getBackend().gruForward({
      y: r.y,
      hT: r.finalStates[0],
      ws: r.ws,
      x: r.x,
      W: r.W,
      U: r.U,
      b: r.b,
      h0: r.initialStates[0],
      mask: r.mask,
      recMask: r.recMask,
      options: this.options(),
    });
  }

  protected override runBackward(r: BackwardRun<GruWorkspace>): void {
    const [dh0] = r.dInitialStates,
      [dhT] = r.dFinalStates;
    getBackend().gruBackward({
      dx: r.dx,
      dW: r.dW,
      dU: r.dU,
      db: r.db,
      dh0,
      dy: r.dy,
      dhT,
      ws: r.ws,
      x: r.x,
      W: r.W,
      U: r.U,
      mask: r.mask,
      recMask: r.recMask,
      options: this.options(),
    });
  }

  override getConfig(): ResolvedGruConfig {
    return this.config;
  }
}

/**
 * A gated recurrent unit layer with Keras 3 defaults (resetAfter true).
 * @example const layer = gru({ units: 16, resetAfter: false, returnSequences: true });
 */
export function gru(config: GruConfig): Gru {
  return new Gru(config);
}
