// SimpleRNN layer (Keras semantics and weight layout): kernel (D,H), recurrentKernel (H,H), bias (H);
// h_t = activation(x_t·kernel + h_{t-1}·recurrentKernel + bias).
// call([x, h0?]) -> [y] or [y, hT] with returnState (recurrent-layer.ts). Dropout and stateful behaviour: recurrent.ts.

import { getBackend, type RecurrentOptions, type SimpleRnnWorkspace } from '../backend/backend.js';
import {
  type RecurrentConfig,
  RecurrentRuntime,
  type ResolvedRecurrentConfig,
  resolveRecurrentConfig,
} from './recurrent.js';
import { RECURRENT_KEYS } from './recurrent.js';
import { type BackwardRun, type ForwardRun, RecurrentLayer } from './recurrent-layer.js';

/** SimpleRNN takes the common recurrent options; recurrentActivation does not apply and is left out. */
export type SimpleRnnConfig = Omit<RecurrentConfig, 'recurrentActivation'>;
export type ResolvedSimpleRnnConfig = Omit<ResolvedRecurrentConfig, 'recurrentActivation'>;

export class SimpleRnn extends RecurrentLayer<SimpleRnnWorkspace> {
  readonly className = 'SimpleRNN';
  readonly config: ResolvedSimpleRnnConfig;
  readonly runtime: RecurrentRuntime;
  protected readonly gates = 1;
  protected readonly stateCount = 1;

  constructor(config: SimpleRnnConfig) {
    super(
      config,
      'simple_rnn',
      RECURRENT_KEYS.filter((k) => k !== 'recurrentActivation'),
    );
    const where = `simpleRnn '${this.name}'`;
    const { recurrentActivation: _unused, ...resolved } = resolveRecurrentConfig(config, this.name, where);
    this.config = resolved;
    this.runtime = new RecurrentRuntime(this.config, 1, where);
  }

  protected override declareBias(H: number): void {
    this.addWeight('bias', [H], this.config.biasInitializer);
  }

  private options(): RecurrentOptions {
    const c = this.config;
    return {
      activation: c.activation,
      recurrentActivation: 'linear',
      goBackwards: c.goBackwards,
      returnSequences: c.returnSequences,
    };
  }

  protected override workspace(B: number, T: number, D: number, H: number): SimpleRnnWorkspace {
    return getBackend().simpleRnnWorkspace(B, T, D, H);
  }

  protected override runForward(r: ForwardRun<SimpleRnnWorkspace>): void {
    getBackend().simpleRnnForward({
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

  protected override runBackward(r: BackwardRun<SimpleRnnWorkspace>): void {
    const [dh0] = r.dInitialStates,
      [dhT] = r.dFinalStates;
    getBackend().simpleRnnBackward({
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

  override getConfig(): ResolvedSimpleRnnConfig {
    return this.config;
  }
}

/**
 * A fully-connected (Elman) recurrent layer with Keras defaults (tanh).
 * @example const layer = simpleRnn({ units: 16, returnSequences: true });
 */
export function simpleRnn(config: SimpleRnnConfig): SimpleRnn {
  return new SimpleRnn(config);
}
