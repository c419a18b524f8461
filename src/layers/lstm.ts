// LSTM layer (Keras semantics and weight layout): kernel (D,4H), recurrentKernel (H,4H), bias (4H),
// gates i,f,c,o. call([x, h0?, c0?]) -> [y] or [y, hT, cT] with returnState.

import { getBackend, type LstmWorkspace, type RecurrentOptions } from '../backend/backend.js';
import { StateError } from '../errors.js';
import { type FloatArray, type Shape, Tensor } from '../tensor.js';
import { asBackendTensor, type CallContext, Layer } from './layer.js';
import { checkSequenceBatch, checkSequenceShape, checkState, type RecurrentConfig, RecurrentRuntime, type ResolvedRecurrentConfig, resolveRecurrentConfig } from './recurrent.js';

export interface LstmConfig extends RecurrentConfig {
  /** Add 1 to the forget-gate bias at initialization (it replaces the initializer there). Default true. */
  unitForgetBias?: boolean;
}
export type ResolvedLstmConfig = ResolvedRecurrentConfig & { unitForgetBias: boolean };

export class Lstm extends Layer {
  readonly className = 'LSTM';
  readonly config: ResolvedLstmConfig;
  /** Dropout masks and stateful states (recurrent.ts). */
  readonly runtime: RecurrentRuntime;
  private ws: LstmWorkspace | null = null;
  private last: { x: Tensor; mask: Tensor | null; hasH0: boolean; hasC0: boolean; recMask: FloatArray | null } | null = null;

  constructor(config: LstmConfig) {
    super(config, 'lstm');
    const where = `lstm '${this.name}'`;
    this.config = { ...resolveRecurrentConfig(config, this.name, where), unitForgetBias: config.unitForgetBias ?? true };
    this.runtime = new RecurrentRuntime(this.config, 2, where);
  }

  get units(): number {
    return this.config.units;
  }

  protected override declare(inputShapes: Shape[]): void {
    checkSequenceShape(inputShapes[0], this.name);
    const D = inputShapes[0][1], H = this.config.units;
    this.addWeight('kernel', [D, 4 * H], this.config.kernelInitializer);
    this.addWeight('recurrentKernel', [H, 4 * H], this.config.recurrentInitializer);
    if (this.config.useBias) {
      this.addWeight('bias', [4 * H], this.config.biasInitializer, (v) => {
        if (this.config.unitForgetBias) v.fill(1, H, 2 * H);
      });
    }
  }

  override computeOutputShapes(inputShapes: Shape[]): number[][] {
    const [T] = inputShapes[0], H = this.config.units;
    const y = this.config.returnSequences ? [T, H] : [H];
    return this.config.returnState ? [y, [H], [H]] : [y];
  }

  override computeMask(_inputs: Tensor[], mask: Tensor | null): Tensor | null {
    return this.config.returnSequences ? mask : null;
  }

  private options(): RecurrentOptions {
    const c = this.config;
    return { activation: c.activation, recurrentActivation: c.recurrentActivation, goBackwards: c.goBackwards, returnSequences: c.returnSequences };
  }

  override call(inputs: Tensor[], ctx: CallContext): Tensor[] {
    this.assertBuilt('call');
    const [W, U, b] = this.params();
    const H = this.config.units, D = W.shape[0];
    const x0 = asBackendTensor(inputs[0]);
    const [B, T] = checkSequenceBatch(x0, D, this.name);
    const { x, recMask } = this.runtime.begin(x0, ctx.training, B, T, D, H);
    const h0 = inputs[1] ? asBackendTensor(inputs[1]) : null;
    const c0 = inputs[2] ? asBackendTensor(inputs[2]) : null;
    if (h0) checkState(h0, B, H, 'initial state h', this.name);
    if (c0) checkState(c0, B, H, 'initial state c', this.name);
    const stored = h0 || c0 ? null : this.runtime.initialStates(B, H);
    const be = getBackend();
    if (!this.ws || this.ws.B !== B || this.ws.T !== T) this.ws = be.lstmWorkspace(B, T, D, H);
    const o = this.options();
    const y = new Tensor(be.alloc(o.returnSequences ? B * T * H : B * H), o.returnSequences ? [B, T, H] : [B, H]);
    const hT = this.config.returnState || stored ? new Tensor(be.alloc(B * H), [B, H]) : null;
    const cT = this.config.returnState || stored ? new Tensor(be.alloc(B * H), [B, H]) : null;
    const mask = ctx.mask ? asBackendTensor(ctx.mask) : null;
    be.lstmForward(y.data, hT?.data ?? null, cT?.data ?? null, this.ws, x.data, W.value, U.value, b ? b.value : null, h0?.data ?? stored?.[0] ?? null, c0?.data ?? stored?.[1] ?? null, mask?.data ?? null, o, recMask);
    if (stored && hT && cT) this.runtime.keep([hT.data, cT.data]);
    this.last = ctx.training ? { x, mask, hasH0: !!h0, hasC0: !!c0, recMask } : null;
    return this.config.returnState && hT && cT ? [y, hT, cT] : [y];
  }

  override backward(dOutputs: (Tensor | null)[]): (Tensor | null)[] {
    const last = this.last, ws = this.ws;
    if (!last || !ws) throw new StateError('backward called without a training forward pass', this.name);
    const [W, U, b] = this.params();
    const { B, T, D, H } = ws;
    const be = getBackend();
    const dx = new Tensor(be.alloc(B * T * D), [B, T, D]);
    const dh0 = last.hasH0 ? new Tensor(be.alloc(B * H), [B, H]) : null;
    const dc0 = last.hasC0 ? new Tensor(be.alloc(B * H), [B, H]) : null;
    const [dy, dhT, dcT] = dOutputs;
    be.lstmBackward(dx.data, W.grad, U.grad, b ? b.grad : null, dh0?.data ?? null, dc0?.data ?? null, dy?.data ?? null, dhT?.data ?? null, dcT?.data ?? null, ws, last.x.data, W.value, U.value, last.mask?.data ?? null, this.options(), last.recMask);
    this.runtime.inputGradient(dx);
    return [dx, dh0, dc0];
  }

  /** Zeroes the stored states of a stateful layer (or sets them to [h, c], each (batchSize, units)). */
  resetStates(states?: FloatArray[]): void {
    this.runtime.reset(states);
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
