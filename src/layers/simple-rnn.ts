// SimpleRNN layer (Keras semantics and weight layout): kernel (D,H), recurrentKernel (H,H), bias (H);
// h_t = activation(x_t·kernel + h_{t-1}·recurrentKernel + bias).
// call([x, h0?]) -> [y] or [y, hT] with returnState. Dropout and stateful behaviour: recurrent.ts.

import { getBackend, type RecurrentOptions, type SimpleRnnWorkspace } from '../backend/backend.js';
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

/** SimpleRNN takes the common recurrent options; recurrentActivation does not apply and is left out. */
export type SimpleRnnConfig = Omit<RecurrentConfig, 'recurrentActivation'>;
export type ResolvedSimpleRnnConfig = Omit<ResolvedRecurrentConfig, 'recurrentActivation'>;

export class SimpleRnn extends Layer {
  readonly className = 'SimpleRNN';
  readonly config: ResolvedSimpleRnnConfig;
  /** Dropout masks and stateful states. */
  readonly runtime: RecurrentRuntime;
  private ws: SimpleRnnWorkspace | null = null;
  private last: { x: Tensor; mask: Tensor | null; hasH0: boolean; recMask: FloatArray | null } | null = null;

  constructor(config: SimpleRnnConfig) {
    super(config, 'simple_rnn');
    const where = `simpleRnn '${this.name}'`;
    const { recurrentActivation: _unused, ...resolved } = resolveRecurrentConfig(config, this.name, where);
    this.config = resolved;
    this.runtime = new RecurrentRuntime(this.config, 1, where);
  }

  get units(): number {
    return this.config.units;
  }

  protected override declare(inputShapes: Shape[]): void {
    checkSequenceShape(inputShapes[0], this.name);
    const D = inputShapes[0][1],
      H = this.config.units;
    this.addWeight('kernel', [D, H], this.config.kernelInitializer);
    this.addWeight('recurrentKernel', [H, H], this.config.recurrentInitializer);
    if (this.config.useBias) this.addWeight('bias', [H], this.config.biasInitializer);
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

  private options(): RecurrentOptions {
    const c = this.config;
    return {
      activation: c.activation,
      recurrentActivation: 'linear',
      goBackwards: c.goBackwards,
      returnSequences: c.returnSequences,
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
    if (!this.ws || this.ws.B !== B || this.ws.T !== T) this.ws = be.simpleRnnWorkspace(B, T, D, H);
    const o = this.options();
    const y = new Tensor(be.alloc(o.returnSequences ? B * T * H : B * H), o.returnSequences ? [B, T, H] : [B, H]);
    const hT = this.config.returnState || stored ? new Tensor(be.alloc(B * H), [B, H]) : null;
    const mask = ctx.mask ? asBackendTensor(ctx.mask) : null;
    be.simpleRnnForward(
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
    be.simpleRnnBackward(
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
