// The body LSTM, GRU and SimpleRNN layers share: weights kernel (D,G·H), recurrentKernel (H,G·H) and a
// bias; call([x, ...initialStates]) -> [y] or [y, ...finalStates] with returnState; dropout and stateful
// behaviour through RecurrentRuntime; workspaces reused per (batch, steps). A subclass names its gate
// count, its state count, its bias, and the two backend kernels it runs.

import { getBackend } from '../backend/backend.js';
import { StateError } from '../errors.js';
import { type FloatArray, type Shape, Tensor } from '../tensor.js';
import { asBackendTensor, type BaseLayerConfig, type CallContext, Layer } from './layer.js';
import {
  checkSequenceBatch,
  checkSequenceShape,
  checkState,
  type RecurrentRuntime,
  type ResolvedRecurrentConfig,
} from './recurrent.js';

/** What every recurrent workspace records: the (batch, steps, features, units) it was sized for. */
export interface RecurrentDims {
  B: number;
  T: number;
  D: number;
  H: number;
}

/** Arguments of one forward kernel run; states are [h] or [h, c]. */
export interface ForwardRun<W> {
  y: FloatArray;
  finalStates: (FloatArray | null)[];
  ws: W;
  x: FloatArray;
  W: FloatArray;
  U: FloatArray;
  b: FloatArray | null;
  initialStates: (FloatArray | null)[];
  mask: FloatArray | null;
  recMask: FloatArray | null;
}

/** Arguments of one backward kernel run, after the forward run on the same workspace. */
export interface BackwardRun<W> {
  dx: FloatArray | null; // null: input gradients not wanted
  dW: FloatArray;
  dU: FloatArray;
  db: FloatArray | null;
  dInitialStates: (FloatArray | null)[];
  dy: FloatArray | null;
  dFinalStates: (FloatArray | null)[];
  ws: W;
  x: FloatArray;
  W: FloatArray;
  U: FloatArray;
  mask: FloatArray | null;
  recMask: FloatArray | null;
}

type ResolvedBase = Omit<ResolvedRecurrentConfig, 'recurrentActivation'>;

export abstract class RecurrentLayer<W extends RecurrentDims> extends Layer {
  abstract readonly config: ResolvedBase;
  /** Dropout masks and stateful states (recurrent.ts). */
  abstract readonly runtime: RecurrentRuntime;
  /** Gate blocks in the kernels: 4 (LSTM), 3 (GRU), 1 (SimpleRNN). */
  protected abstract readonly gates: number;
  /** Recurrent states: 2 (h, c) for LSTM, 1 (h) otherwise. */
  protected abstract readonly stateCount: number;
  private ws: W | null = null;
  private last: {
    x: Tensor;
    mask: Tensor | null;
    given: boolean[];
    recMask: FloatArray | null;
    zeroed: Uint8Array | null;
  } | null = null;

  constructor(config: BaseLayerConfig, baseName: string, keys: readonly string[]) {
    super(config, baseName, keys);
  }

  get units(): number {
    return this.config.units;
  }

  protected abstract workspace(B: number, T: number, D: number, H: number): W;
  protected abstract runForward(r: ForwardRun<W>): void;
  protected abstract runBackward(r: BackwardRun<W>): void;
  /** Declares the bias (called only with useBias). */
  protected abstract declareBias(H: number): void;

  protected override declare(inputShapes: Shape[]): void {
    checkSequenceShape(inputShapes[0], this.name);
    const D = inputShapes[0][1],
      H = this.config.units;
    this.addWeight('kernel', [D, this.gates * H], this.config.kernelInitializer);
    this.addWeight('recurrentKernel', [H, this.gates * H], this.config.recurrentInitializer);
    if (this.config.useBias) this.declareBias(H);
  }

  override computeOutputShapes(inputShapes: Shape[]): number[][] {
    const [T] = inputShapes[0],
      H = this.config.units;
    const y = this.config.returnSequences ? [T, H] : [H];
    return this.config.returnState ? [y, ...Array.from({ length: this.stateCount }, () => [H])] : [y];
  }

  override computeMask(_inputs: Tensor[], mask: Tensor | null): Tensor | null {
    return this.config.returnSequences ? mask : null;
  }

  override call(inputs: Tensor[], ctx: CallContext): Tensor[] {
    this.assertBuilt('call');
    const [Wp, Up, bp] = this.params();
    const H = this.config.units,
      D = Wp.shape[0],
      S = this.stateCount;
    const x0 = asBackendTensor(inputs[0]);
    const [B, T] = checkSequenceBatch(x0, D, this.name);
    const { x, recMask } = this.runtime.begin(x0, ctx.training, B, T, D, H);
    const given = Array.from({ length: S }, (_, i) => (inputs[1 + i] ? asBackendTensor(inputs[1 + i]) : null));
    given.forEach((s, i) => {
      if (s) checkState(s, B, H, `initial state ${'hc'[i]}`, this.name);
    });
    const stored = given.some((s) => s) ? null : this.runtime.initialStates(B, H);
    const be = getBackend();
    if (!this.ws || this.ws.B !== B || this.ws.T !== T) this.ws = this.workspace(B, T, D, H);
    const seq = this.config.returnSequences;
    const y = new Tensor(be.alloc(seq ? B * T * H : B * H), seq ? [B, T, H] : [B, H]);
    const finals =
      this.config.returnState || stored ? Array.from({ length: S }, () => new Tensor(be.alloc(B * H), [B, H])) : null;
    const mask = ctx.mask ? asBackendTensor(ctx.mask) : null;
    this.runForward({
      y: y.data,
      finalStates: finals ? finals.map((t) => t.data) : Array(S).fill(null),
      ws: this.ws,
      x: x.data,
      W: Wp.value,
      U: Up.value,
      b: bp ? bp.value : null,
      initialStates: given.map((s, i) => s?.data ?? stored?.[i] ?? null),
      mask: mask?.data ?? null,
      recMask,
    });
    if (stored && finals) this.runtime.keep(finals.map((t) => t.data));
    const zeroed = this.config.zeroOutputForMask && mask ? this.zeroMaskedOutputs(y, mask, B, T, H) : null;
    this.last = ctx.training ? { x, mask, given: given.map((s) => !!s), recMask, zeroed } : null;
    return this.config.returnState && finals ? [y, ...finals] : [y];
  }

  /**
   * zeroOutputForMask: zeroes y at masked steps (y is in processing order, so step s reads the mask at
   * T−1−s when going backwards); without returnSequences, rows whose last processed step is masked.
   * Returns the zeroed (row, step) flags, (B,T) or (B), for backward.
   */
  private zeroMaskedOutputs(y: Tensor, mask: Tensor, B: number, T: number, H: number): Uint8Array {
    const back = this.config.goBackwards,
      seq = this.config.returnSequences;
    const S = seq ? T : 1;
    const zeroed = new Uint8Array(B * S);
    for (let b = 0; b < B; b++)
      for (let s = 0; s < S; s++) {
        const step = seq ? s : T - 1;
        const t = back ? T - 1 - step : step;
        if (mask.data[b * T + t] !== 0) continue;
        zeroed[b * S + s] = 1;
        y.data.fill(0, (b * S + s) * H, (b * S + s + 1) * H);
      }
    return zeroed;
  }

  override backward(dOutputs: (Tensor | null)[], inputGradients = true): (Tensor | null)[] {
    const last = this.last,
      ws = this.ws;
    if (!last || !ws) throw new StateError('backward called without a training forward pass', this.name);
    const [Wp, Up, bp] = this.params();
    const { B, T, D, H } = ws;
    const be = getBackend();
    let dy = dOutputs[0];
    if (dy && last.zeroed) {
      const g = new Tensor(be.alloc(dy.size), dy.shape);
      g.data.set(dy.data);
      last.zeroed.forEach((z, r) => {
        if (z) g.data.fill(0, r * H, (r + 1) * H);
      });
      dy = g;
    }
    // Without input gradients the kernels skip the dx GEMM and its layout pass.
    const dx = inputGradients ? new Tensor(be.alloc(B * T * D), [B, T, D]) : null;
    const dInit = last.given.map((g) => (g ? new Tensor(be.alloc(B * H), [B, H]) : null));
    this.runBackward({
      dx: dx?.data ?? null,
      dW: Wp.grad,
      dU: Up.grad,
      db: bp ? bp.grad : null,
      dInitialStates: dInit.map((t) => t?.data ?? null),
      dy: dy?.data ?? null,
      dFinalStates: last.given.map((_, i) => dOutputs[1 + i]?.data ?? null),
      ws,
      x: last.x.data,
      W: Wp.value,
      U: Up.value,
      mask: last.mask?.data ?? null,
      recMask: last.recMask,
    });
    if (dx) this.runtime.inputGradient(dx);
    return [dx, ...dInit];
  }

  /** Zeroes the stored states of a stateful layer (or sets them: [h] or [h, c], each (batchSize, units)). */
  resetStates(states?: FloatArray[]): void {
    this.runtime.reset(states);
  }
}
