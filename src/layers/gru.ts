// GRU layer (Keras 3 semantics and weight layout): kernel (D,3H), recurrentKernel (H,3H), gates z,r,h;
// bias (2,3H) = [input bias; recurrent bias] with resetAfter (Keras 3 default), else bias (3H) (tfjs, Keras 2).
// call([x, h0?]) -> [y] or [y, hT] with returnState. Dropout and stateful behaviour: recurrent.ts.

import { getBackend, type GruOptions, type GruWorkspace } from '../backend/backend.js';
import { StateError } from '../errors.js';
import { type FloatArray, type Shape, Tensor } from '../tensor.js';
import { asBackendTensor, type CallContext, Layer } from './layer.js';
import {
  checkSequenceBatch,
  checkSequenceShape,
  checkState,
  type RecurrentConfig,
  RecurrentRuntime,
  type ResolvedRecurrentConfig,
  resolveRecurrentConfig,
} from './recurrent.js';

export interface GruConfig extends RecurrentConfig {
  /** Apply the reset gate after the recurrent matmul (Keras 3 default true; tfjs and Keras 2: false). */
  resetAfter?: boolean;
}
export type ResolvedGruConfig = ResolvedRecurrentConfig & { resetAfter: boolean };

export class Gru extends Layer {
  readonly className = 'GRU';
  readonly config: ResolvedGruConfig;
  /** Dropout masks and stateful states. */
  readonly runtime: RecurrentRuntime;
  private ws: GruWorkspace | null = null;
  private last: { x: Tensor; mask: Tensor | null; hasH0: boolean; recMask: FloatArray | null } | null = null;

  constructor(config: GruConfig) {
    super(config, 'gru');
    const where = `gru '${this.name}'`;
    this.config = { ...resolveRecurrentConfig(config, this.name, where), resetAfter: config.resetAfter ?? true };
    this.runtime = new RecurrentRuntime(this.config, 1, where);
  }

  get units(): number {
    return this.config.units;
  }

  protected override declare(inputShapes: Shape[]): void {
    checkSequenceShape(inputShapes[0], this.name);
    const D = inputShapes[0][1],
      H = this.config.units;
    this.addWeight('kernel', [D, 3 * H], this.config.kernelInitializer);
    this.addWeight('recurrentKernel', [H, 3 * H], this.config.recurrentInitializer);
    if (this.config.useBias)
      this.addWeight('bias', this.config.resetAfter ? [2, 3 * H] : [3 * H], this.config.biasInitializer);
  }

  override computeOutputShapes(inputShapes: Shape[]): number[][] {
    const [T] = inputShapes[0],
      H = this.config.units;
    const y = this.config.returnSequences ? [T, H] : [H];
    return this.config.returnState ? [y, [H]] : [y];
  }

  override computeMask(_inputs: Tensor[], mask: Tensor | null): Tensor | null {
    return this.config.returnSequences ? mask : null;
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

  override call(inputs: Tensor[], ctx: CallContext): Tensor[] {
    this.assertBuilt('call');
    const [W, U, b] = this.params();
    const H = this.config.units,
      D = W.shape[0];
    const x0 = asBackendTensor(inputs[0]);
    const [B, T] = checkSequenceBatch(x0, D, this.name);
    const { x, recMask } = this.runtime.begin(x0, ctx.training, B, T, D, H);
    const h0 = inputs[1] ? asBackendTensor(inputs[1]) : null;
    if (h0) checkState(h0, B, H, 'initial state h', this.name);
    const stored = h0 ? null : this.runtime.initialStates(B, H);
    const be = getBackend();
    if (!this.ws || this.ws.B !== B || this.ws.T !== T) this.ws = be.gruWorkspace(B, T, D, H);
    const o = this.options();
    const y = new Tensor(be.alloc(o.returnSequences ? B * T * H : B * H), o.returnSequences ? [B, T, H] : [B, H]);
    const hT = this.config.returnState || stored ? new Tensor(be.alloc(B * H), [B, H]) : null;
    const mask = ctx.mask ? asBackendTensor(ctx.mask) : null;
    be.gruForward(
      y.data,
      hT?.data ?? null,
      this.ws,
      x.data,
      W.value,
      U.value,
      b ? b.value : null,
      h0?.data ?? stored?.[0] ?? null,
      mask?.data ?? null,
      o,
      recMask,
    );
    if (stored && hT) this.runtime.keep([hT.data]);
    this.last = ctx.training ? { x, mask, hasH0: !!h0, recMask } : null;
    return this.config.returnState && hT ? [y, hT] : [y];
  }

  override backward(dOutputs: (Tensor | null)[]): (Tensor | null)[] {
    const last = this.last,
      ws = this.ws;
    if (!last || !ws) throw new StateError('backward called without a training forward pass', this.name);
    const [W, U, b] = this.params();
    const { B, T, D, H } = ws;
    const be = getBackend();
    const dx = new Tensor(be.alloc(B * T * D), [B, T, D]);
    const dh0 = last.hasH0 ? new Tensor(be.alloc(B * H), [B, H]) : null;
    const [dy, dhT] = dOutputs;
    be.gruBackward(
      dx.data,
      W.grad,
      U.grad,
      b ? b.grad : null,
      dh0?.data ?? null,
      dy?.data ?? null,
      dhT?.data ?? null,
      ws,
      last.x.data,
      W.value,
      U.value,
      last.mask?.data ?? null,
      this.options(),
      last.recMask,
    );
    this.runtime.inputGradient(dx);
    return [dx, dh0];
  }

  /** Zeroes the stored state of a stateful layer (or sets it to `states`, each (batchSize, units)). */
  resetStates(states?: FloatArray[]): void {
    this.runtime.reset(states);
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
