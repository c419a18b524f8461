// What LSTM, GRU and SimpleRNN layers share: config resolution, input checks with actionable
// messages, and per-(batch, steps) workspace reuse.

import { type Activation, checkActivation } from '../kernels/activations.js';
import { checkPositiveInt, checkRange, ShapeError } from '../errors.js';
import { type InitializerSpec, resolveInitializer } from '../initializers.js';
import { globalRng, type Rng } from '../rng.js';
import { type FloatArray, type Shape, shapeString, Tensor } from '../tensor.js';
import { checkBoolean } from '../config-check.js';
import { allocLike, type BaseLayerConfig } from './layer.js';
import { type Preset, withPreset } from './presets.js';

/** The options every recurrent layer accepts beside BaseLayerConfig's (checked at run time). */
export const RECURRENT_KEYS = [
  'units',
  'activation',
  'recurrentActivation',
  'useBias',
  'kernelInitializer',
  'recurrentInitializer',
  'biasInitializer',
  'returnSequences',
  'returnState',
  'goBackwards',
  'dropout',
  'recurrentDropout',
  'stateful',
  'batchSize',
  'zeroOutputForMask',
  'preset',
] as const;

export interface RecurrentConfig extends BaseLayerConfig {
  units: number;
  /**
   * Defaults of another library for the options left out: 'keras3' (default), 'keras2' (standalone
   * Keras 2.0-2.3: hard sigmoid 0.2x+0.5, GRU resetAfter false) or 'tfjs' (also glorotNormal kernels,
   * no unit forget bias); see presets.ts.
   */
  preset?: Preset;
  /** Default 'tanh'. */
  activation?: Activation;
  /** Default 'sigmoid' (Keras 3). tfjs and Keras 2 used 'hardSigmoidTfjs'. */
  recurrentActivation?: Activation;
  /** Default true. */
  useBias?: boolean;
  /** Default 'glorotUniform'. */
  kernelInitializer?: InitializerSpec;
  /** Default 'orthogonal'. */
  recurrentInitializer?: InitializerSpec;
  /** Default 'zeros'. */
  biasInitializer?: InitializerSpec;
  /** Return the whole output sequence (B,T,H) instead of the last output (B,H). Default false. */
  returnSequences?: boolean;
  /** Also return the final state tensors. Default false. */
  returnState?: boolean;
  /** Process the sequence from last step to first. Default false. */
  goBackwards?: boolean;
  /** Fraction of input features dropped in training (one mask per sequence, reused at every step). Default 0. */
  dropout?: number;
  /** Fraction of the recurrent state dropped in the recurrent matmul in training (one mask per sequence). Default 0. */
  recurrentDropout?: number;
  /** Carry each batch row's final state into the same row of the next batch. Default false. */
  stateful?: boolean;
  /**
   * With a mask, output zeros at masked steps instead of repeating the last unmasked output (Keras'
   * zero_output_for_mask; Keras' Bidirectional sets it when returnSequences). Without returnSequences
   * the output is zero when the last processed step is masked, as in Keras. Default false.
   */
  zeroOutputForMask?: boolean;
  /** The fixed batch size of a stateful layer; when omitted, the first batch fixes it. */
  batchSize?: number;
}

export type ResolvedRecurrentConfig = Required<Omit<RecurrentConfig, 'inputShape' | 'trainable' | 'batchSize'>> & {
  inputShape?: (number | null)[];
  batchSize: number | null;
};

export function resolveRecurrentConfig(given: RecurrentConfig, name: string, where: string): ResolvedRecurrentConfig {
  const config = withPreset(given, ['recurrentActivation'], where);
  const flag = (v: unknown, what: string) => checkBoolean(v, false, what, where);
  return {
    name,
    preset: config.preset ?? 'keras3',
    units: checkPositiveInt(config.units, 'units', where),
    activation: checkActivation(config.activation ?? 'tanh', where),
    recurrentActivation: checkActivation(config.recurrentActivation ?? 'sigmoid', where),
    useBias: checkBoolean(config.useBias, true, 'useBias', where),
    kernelInitializer: resolveInitializer(config.kernelInitializer ?? 'glorotUniform', where),
    recurrentInitializer: resolveInitializer(config.recurrentInitializer ?? 'orthogonal', where),
    biasInitializer: resolveInitializer(config.biasInitializer ?? 'zeros', where),
    returnSequences: flag(config.returnSequences, 'returnSequences'),
    returnState: flag(config.returnState, 'returnState'),
    goBackwards: flag(config.goBackwards, 'goBackwards'),
    dropout: checkRange(config.dropout ?? 0, 0, 0.999, 'dropout', where),
    recurrentDropout: checkRange(config.recurrentDropout ?? 0, 0, 0.999, 'recurrentDropout', where),
    stateful: flag(config.stateful, 'stateful'),
    zeroOutputForMask: flag(config.zeroOutputForMask, 'zeroOutputForMask'),
    batchSize: config.batchSize === undefined ? null : checkPositiveInt(config.batchSize, 'batchSize', where),
    ...(config.inputShape ? { inputShape: [...config.inputShape] } : {}),
  };
}

/** Checks a per-sample input shape [timesteps, features]. */
export function checkSequenceShape(s: Shape, where: string): void {
  if (s.length !== 2) {
    throw new ShapeError(
      `expected per-sample input shape [timesteps, features], got ${shapeString(s)}; a recurrent layer reads 3-D input [samples, timesteps, features]`,
      where,
    );
  }
}

/** Checks a batch x against (B, T, D) with the layer's feature count D. Returns [B, T]. */
export function checkSequenceBatch(x: Tensor, D: number, where: string): [number, number] {
  if (x.rank !== 3) {
    const n = x.shape[0] ?? 1;
    const hint =
      x.rank === 2
        ? ` For ${n} samples of ${x.shape[1]} steps with one feature each, use x.reshape([${n}, ${x.shape[1]}, 1]).`
        : '';
    throw new ShapeError(
      `expected 3-D input [samples, timesteps, features], got shape ${shapeString(x.shape)}.${hint}`,
      where,
    );
  }
  if (x.shape[2] !== D) {
    throw new ShapeError(
      `input has ${x.shape[2]} features per step but the layer was built for ${D}; got input of shape ${shapeString(x.shape)}`,
      where,
    );
  }
  return [x.shape[0], x.shape[1]];
}

/** Checks an initial state tensor (B, H). */
export function checkState(s: Tensor, B: number, H: number, what: string, where: string): void {
  if (s.rank !== 2 || s.shape[0] !== B || s.shape[1] !== H) {
    throw new ShapeError(`${what} must have shape [${B}, ${H}] (batch, units), got ${shapeString(s.shape)}`, where);
  }
}

/** Fixed dropout masks for tests and reproducible runs: input (B,D) and recurrent (B,H), values 0 or 1/(1−p). */
export interface DropoutMasks {
  input: FloatArray | null;
  recurrent: FloatArray | null;
}

/**
 * What dropout and statefulness add to a recurrent layer (Keras semantics): per training call, one
 * input mask (B,D) and one recurrent mask (B,H) for the whole sequence; nothing at inference. A stateful
 * layer keeps each row's final states and feeds them as the next batch's initial states.
 */
export class RecurrentRuntime {
  /** The masks of the last training call (null when no dropout ran). */
  masks: DropoutMasks = { input: null, recurrent: null };
  /** Masks to use instead of random ones (set by tests, or to replay a run). */
  fixedMasks: DropoutMasks | null = null;
  /** Stored states of a stateful layer, each (batchSize, H). */
  states: FloatArray[] | null = null;
  /** Carry states across calls even when not stateful (truncated BPTT sets it for the length of a batch). */
  carry = false;
  private batchSize: number | null;
  /** Forked from the global generator only when the layer uses dropout, so other layers' seeded streams do not move. */
  private readonly rng: Rng | null;

  constructor(
    private readonly config: Pick<ResolvedRecurrentConfig, 'dropout' | 'recurrentDropout' | 'stateful' | 'batchSize'>,
    private readonly stateCount: number,
    private readonly where: string,
  ) {
    this.batchSize = config.batchSize;
    this.rng = config.dropout > 0 || config.recurrentDropout > 0 ? globalRng().fork() : null;
  }

  /** Whether the layer is stateful (keeps states across batches). */
  get stateful(): boolean {
    return this.config.stateful;
  }

  /** Applies input dropout (training only) and draws the recurrent mask; checks a stateful batch size. */
  begin(
    x: Tensor,
    training: boolean,
    B: number,
    T: number,
    D: number,
    H: number,
  ): { x: Tensor; recMask: FloatArray | null } {
    const c = this.config;
    if (c.stateful) {
      if (this.batchSize === null) this.batchSize = B;
      if (B !== this.batchSize) {
        throw new ShapeError(
          `stateful layer needs batches of exactly ${this.batchSize} samples, got ${B}: row i of each batch continues the sequence of row i of the previous batch, so the batch size is fixed (${c.batchSize === null ? 'by the first batch' : 'by batchSize'}). Pass batchSize: ${this.batchSize} to fit/predict/evaluate and use a sample count divisible by it, or call resetStates() after changing it`,
          this.where,
        );
      }
    }
    this.masks = { input: null, recurrent: null };
    if (!training) return { x, recMask: null };
    if (c.dropout > 0) {
      const m = this.fixedMasks?.input ?? this.draw(B * D, c.dropout);
      this.masks.input = m;
      const xd = new Tensor(allocLike(x.size), x.shape);
      for (let b = 0; b < B; b++)
        for (let t = 0; t < T; t++)
          for (let d = 0; d < D; d++) xd.data[(b * T + t) * D + d] = x.data[(b * T + t) * D + d] * m[b * D + d];
      x = xd;
    }
    if (c.recurrentDropout > 0)
      this.masks.recurrent = this.fixedMasks?.recurrent ?? this.draw(B * H, c.recurrentDropout);
    return { x, recMask: this.masks.recurrent };
  }

  /** Multiplies the input gradient dx (B,T,D) by the input mask of the last call, in place. */
  inputGradient(dx: Tensor): void {
    const m = this.masks.input;
    if (!m) return;
    const [B, T, D] = dx.shape;
    for (let b = 0; b < B; b++)
      for (let t = 0; t < T; t++) for (let d = 0; d < D; d++) dx.data[(b * T + t) * D + d] *= m[b * D + d];
  }

  /** The stored initial states of a stateful layer (zeros after a reset), or null when not stateful. */
  initialStates(B: number, H: number): FloatArray[] | null {
    if (!this.config.stateful && !this.carry) return null;
    if (!this.states || this.states[0].length !== B * H)
      this.states = Array.from({ length: this.stateCount }, () => allocLike(B * H));
    return this.states;
  }

  /** Keeps the final states for the next batch (stateful only). */
  keep(finals: FloatArray[]): void {
    if (this.states) for (let i = 0; i < finals.length; i++) this.states[i].set(finals[i]);
  }

  /** Zeroes the stored states, or sets them to the given (batchSize, H) values. */
  reset(values?: FloatArray[]): void {
    if (!values) {
      this.states = null;
      return;
    }
    if (values.length !== this.stateCount)
      throw new ShapeError(`resetStates needs ${this.stateCount} state arrays, got ${values.length}`, this.where);
    this.states = values.map((v) => {
      const a = allocLike(v.length);
      a.set(v);
      return a;
    });
  }

  private draw(n: number, rate: number): FloatArray {
    const m = allocLike(n),
      keep = 1 / (1 - rate);
    const rng = this.rng ?? globalRng();
    for (let i = 0; i < n; i++) m[i] = rng.next() < rate ? 0 : keep;
    return m;
  }
}
