// LSTM layer (Keras semantics and weight layout): kernel (D,4H), recurrentKernel (H,4H), bias (4H),
// gates i,f,c,o. call([x, h0?, c0?]) -> [y] or [y, hT, cT] with returnState (recurrent-layer.ts).

import { getBackend, type LstmWorkspace, type RecurrentOptions } from '../backend/backend.js';
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

export interface LstmConfig extends RecurrentConfig {
  /** Add 1 to the forget-gate bias at initialization (it replaces the initializer there). Default true (preset 'tfjs': false). */
  unitForgetBias?: boolean;
}
export type ResolvedLstmConfig = ResolvedRecurrentConfig & { unitForgetBias: boolean };

export class Lstm extends RecurrentLayer<LstmWorkspace> {
  readonly className = 'LSTM';
  readonly config: ResolvedLstmConfig;
  readonly runtime: RecurrentRuntime;
  protected readonly gates = 4;
  protected readonly stateCount = 2;

  constructor(config: LstmConfig) {
    super(config, 'lstm', [...RECURRENT_KEYS, 'unitForgetBias']);
    const where = `lstm '${this.name}'`;
    const c = withPreset(config, ['unitForgetBias'], where);
    this.config = {
      ...resolveRecurrentConfig(c, this.name, where),
      unitForgetBias: checkBoolean(c.unitForgetBias, true, 'unitForgetBias', where),
    };
    this.runtime = new RecurrentRuntime(this.config, 2, where);
  }

  protected override declareBias(H: number): void {
    this.addWeight('bias', [4 * H], this.config.biasInitializer, (v) => {
      if (this.config.unitForgetBias) v.fill(1, H, 2 * H);
    });
  }

  private options(): RecurrentOptions {
    const c = this.config;
    return {
      activation: c.activation,
      recurrentActivation: c.recurrentActivation,
      goBackwards: c.goBackwards,
      returnSequences: c.returnSequences,
    };
  }

  protected override workspace(B: number, T: number, D: number, H: number): LstmWorkspace {
    return getBackend().lstmWorkspace(B, T, D, H);
  }

  protected override runForward(r: ForwardRun<LstmWorkspace>): void {
    const [h0, c0] = r.initialStates,
      [hT, cT] = r.finalStates;
    getBackend().lstmForward({
      y: r.y,
      hT,
      cT,
      ws: r.ws,
      x: r.x,
      W: r.W,
      U: r.U,
      b: r.b,
      h0,
      c0,
      mask: r.mask,
      recMask: r.recMask,
      options: this.options(),
    });
  }

  protected override runBackward(r: BackwardRun<LstmWorkspace>): void {
    const [dh0, dc0] = r.dInitialStates,
      [dhT, dcT] = r.dFinalStates;
    getBackend().lstmBackward({
      dx: r.dx,
      dW: r.dW,
      dU: r.dU,
      db: r.db,
      dh0,
      dc0,
      dy: r.dy,
      dhT,
      dcT,
      ws: r.ws,
      x: r.x,
      W: r.W,
      U: r.U,
      mask: r.mask,
      recMask: r.recMask,
      options: this.options(),
    });
  }

  override getConfig(): ResolvedLstmConfig {
    return this.config;
  }
}

/**
 * A long short-term memory layer with Keras 3 defaults.
 * @example const layer = lstm({ units: 32, returnSequences: true });
 */
export function lstm(config: LstmConfig): Lstm {
  return new Lstm(config);
}
