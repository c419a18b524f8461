// Bidirectional (Keras): a forward copy of an RNN layer and a copy with goBackwards flipped, both with
// zeroOutputForMask = returnSequences (as Keras forces). The backward copy's output sequence comes out
// in processing order and is reversed back to input order before merging (concat, sum, mul, ave, or
// null for both outputs). Weights: forward's, then backward's. With returnState the outputs are
// [y, ...forwardStates, ...backwardStates] and extra inputs are the initial states, forward's first.

import { ConfigError } from '../errors.js';
import type { Rng } from '../rng.js';
import { type Shape, Tensor } from '../tensor.js';
import { allocLike, type BaseLayerConfig, type CallContext, Layer, type Param } from './layer.js';

export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave' | null;

export interface BidirectionalConfig extends BaseLayerConfig {
  /** How to combine the two directions. Default 'concat'. */
  mergeMode?: MergeMode;
}

interface RnnLike extends Layer {
  getConfig(): Record<string, unknown> & {
    returnSequences?: boolean;
    goBackwards?: boolean;
    returnState?: boolean;
    zeroOutputForMask?: boolean;
  };
}

/** Reverses (B,T,H) along T into out (which may not alias x). */
function reverseTime(
  out: Float32Array | Float64Array,
  x: Float32Array | Float64Array,
  B: number,
  T: number,
  H: number,
): void {
  for (let b = 0; b < B; b++)
    for (let t = 0; t < T; t++) out.set(x.subarray((b * T + t) * H, (b * T + t + 1) * H), (b * T + T - 1 - t) * H);
}

export class Bidirectional extends Layer {
  readonly className = 'Bidirectional';
  readonly forwardLayer: RnnLike;
  readonly backwardLayer: RnnLike;
  readonly mergeMode: MergeMode;
  private last: { yF: Tensor; yB: Tensor; nStates: number } | null = null;

  constructor(layer: Layer, config: BidirectionalConfig = {}) {
    super(config, 'bidirectional', ['mergeMode']);
    const where = `bidirectional '${this.name}'`;
    if (!(layer instanceof Layer))
      throw new ConfigError(`bidirectional() wraps a recurrent layer, got ${typeof layer}`, where);
    const cfg = layer.getConfig() as RnnLike['getConfig'] extends () => infer C ? C : never;
    if (typeof cfg.goBackwards !== 'boolean' || typeof cfg.returnSequences !== 'boolean') {
      throw new ConfigError(
        `bidirectional() wraps a recurrent layer (LSTM, GRU, SimpleRNN), got ${layer.className}`,
        where,
      );
    }
    const mode = config.mergeMode === undefined ? 'concat' : config.mergeMode;
    if (mode !== null && !['concat', 'sum', 'mul', 'ave'].includes(mode)) {
      throw new ConfigError(
        `unknown mergeMode ${JSON.stringify(mode)}; expected one of: 'concat', 'sum', 'mul', 'ave', null`,
        where,
      );
    }
    this.mergeMode = mode;
    // As Keras: with returnSequences both halves output zeros at masked steps (zero_output_for_mask), so
    // the merged sequence holds no stale values where the input is padding.
    if (typeof cfg.zeroOutputForMask === 'boolean') cfg.zeroOutputForMask = cfg.returnSequences;
    this.forwardLayer = layer as RnnLike;
    const Ctor = layer.constructor as new (c: Record<string, unknown>) => RnnLike;
    const given = Object.fromEntries(Object.entries(cfg).filter(([, v]) => v !== null && v !== undefined));
    this.backwardLayer = new Ctor({ ...given, name: `backward_${layer.name}`, goBackwards: !cfg.goBackwards });
    if (config.inputShape === undefined && layer.inputShape) this.inputShape = [...layer.inputShape];
  }

  private get returnSequences(): boolean {
    return !!this.forwardLayer.getConfig().returnSequences;
  }

  override build(inputShapes: Shape[], rng: Rng): void {
    if (this.built) return;
    if (!this.forwardLayer.built) this.forwardLayer.build([inputShapes[0]], rng);
    if (!this.backwardLayer.built) this.backwardLayer.build([inputShapes[0]], rng);
    super.build(inputShapes, rng);
  }

  protected override declare(): void {}

  override params(): Param[] {
    return [...this.forwardLayer.params(), ...this.backwardLayer.params()];
  }

  /** Resets both directions' stored states (stateful layers). */
  resetStates(): void {
    for (const l of [this.forwardLayer, this.backwardLayer]) (l as { resetStates?: () => void }).resetStates?.();
  }

  override computeOutputShapes(inputShapes: Shape[]): number[][] {
    const [y, ...states] = this.forwardLayer.computeOutputShapes([inputShapes[0]]);
    if (this.mergeMode === null) return [y, [...y], ...states, ...states];
    const merged = this.mergeMode === 'concat' ? [...y.slice(0, -1), 2 * y[y.length - 1]] : y;
    return [merged, ...states, ...states];
  }

  override computeMask(_inputs: Tensor[], mask: Tensor | null): Tensor | null {
    return this.returnSequences ? mask : null;
  }

  override call(inputs: Tensor[], ctx: CallContext): Tensor[] {
    this.assertBuilt('call');
    const [x, ...init] = inputs;
    const half = init.length / 2;
    if (!Number.isInteger(half))
      throw new ConfigError(
        `initial states must come in equal halves (forward then backward), got ${init.length}`,
        this.name,
      );
    const inner: CallContext = { training: ctx.training, mask: ctx.mask };
    const [yF, ...sF] = this.forwardLayer.call([x, ...init.slice(0, half)], inner);
    const [yBraw, ...sB] = this.backwardLayer.call([x, ...init.slice(half)], inner);
    let yB = yBraw;
    if (this.returnSequences) {
      yB = new Tensor(allocLike(yBraw.size), yBraw.shape);
      const [B, T, H] = yBraw.shape;
      reverseTime(yB.data, yBraw.data, B, T, H);
    }
    this.last = { yF, yB, nStates: sF.length };
    const states = [...sF, ...sB];
    if (this.mergeMode === null) return [yF, yB, ...states];
    return [this.merge(yF, yB), ...states];
  }

  private merge(a: Tensor, b: Tensor): Tensor {
    const H = a.shape[a.rank - 1],
      rows = a.size / H;
    if (this.mergeMode === 'concat') {
      const y = new Tensor(allocLike(2 * a.size), [...a.shape.slice(0, -1), 2 * H]);
      for (let r = 0; r < rows; r++) {
        y.data.set(a.data.subarray(r * H, (r + 1) * H), 2 * r * H);
        y.data.set(b.data.subarray(r * H, (r + 1) * H), (2 * r + 1) * H);
      }
      return y;
    }
    const y = new Tensor(allocLike(a.size), a.shape);
    for (let i = 0; i < a.size; i++) {
      const u = a.data[i],
        v = b.data[i];
      y.data[i] = this.mergeMode === 'sum' ? u + v : this.mergeMode === 'mul' ? u * v : 0.5 * (u + v);
    }
    return y;
  }

  override backward(dOutputs: (Tensor | null)[]): (Tensor | null)[] {
    const last = this.last;
    if (!last) throw new ConfigError('backward called without a forward pass', this.name);
    const { yF, yB, nStates } = last;
    const nY = this.mergeMode === null ? 2 : 1;
    const dS = dOutputs.slice(nY);
    let dyF: Tensor | null = null,
      dyB: Tensor | null = null;
    if (this.mergeMode === null) [dyF, dyB] = [dOutputs[0] ?? null, dOutputs[1] ?? null];
    else if (dOutputs[0]) [dyF, dyB] = this.unmerge(dOutputs[0], yF, yB);
    if (dyB && this.returnSequences) {
      const r = new Tensor(allocLike(dyB.size), dyB.shape);
      const [B, T, H] = dyB.shape;
      reverseTime(r.data, dyB.data, B, T, H);
      dyB = r;
    }
    const dF = this.forwardLayer.backward([dyF, ...dS.slice(0, nStates)]);
    const dB = this.backwardLayer.backward([dyB, ...dS.slice(nStates)]);
    const dx = new Tensor(allocLike(dF[0]!.size), dF[0]!.shape);
    for (let i = 0; i < dx.size; i++) dx.data[i] = dF[0]!.data[i] + dB[0]!.data[i];
    return [dx, ...dF.slice(1), ...dB.slice(1)];
  }

  private unmerge(d: Tensor, a: Tensor, b: Tensor): [Tensor, Tensor] {
    const da = new Tensor(allocLike(a.size), a.shape),
      db = new Tensor(allocLike(b.size), b.shape);
    const H = a.shape[a.rank - 1],
      rows = a.size / H;
    if (this.mergeMode === 'concat') {
      for (let r = 0; r < rows; r++) {
        da.data.set(d.data.subarray(2 * r * H, (2 * r + 1) * H), r * H);
        db.data.set(d.data.subarray((2 * r + 1) * H, (2 * r + 2) * H), r * H);
      }
      return [da, db];
    }
    for (let i = 0; i < a.size; i++) {
      const g = d.data[i];
      if (this.mergeMode === 'sum') [da.data[i], db.data[i]] = [g, g];
      else if (this.mergeMode === 'ave') [da.data[i], db.data[i]] = [0.5 * g, 0.5 * g];
      else [da.data[i], db.data[i]] = [g * b.data[i], g * a.data[i]];
    }
    return [da, db];
  }

  override getConfig(): Record<string, unknown> {
    return {
      name: this.name,
      mergeMode: this.mergeMode,
      layer: { className: this.forwardLayer.className, config: this.forwardLayer.getConfig() },
    };
  }
}

/**
 * Runs a recurrent layer both ways over the sequence and merges the two outputs.
 * @example const layer = bidirectional(lstm({ units: 50, activation: 'relu' }), { inputShape: [3, 1] });
 */
export function bidirectional(layer: Layer, config: BidirectionalConfig = {}): Bidirectional {
  return new Bidirectional(layer, config);
}
