// Attention layers with Keras 3 semantics: Attention (Luong, dot product, optional trainable scalar
// scale, init 1; or scoreMode 'concat': w·Σ_d tanh(scale·(q_d + k_d)) with a trainable scalar w, init 1)
// and AdditiveAttention (Bahdanau, optional trainable scale (D), glorotUniform).
// call([query, value, key?]) -> [output] or [output, scores] with returnAttentionScores; the value
// mask hides keys, the query mask zeroes outputs and is the output mask. Math in kernels/attention.ts.

import {
  type AttentionDims,
  additiveScores,
  additiveScoresBackward,
  attentionApply,
  attentionBackward,
  attentionWeights,
  dotScores,
  dotScoresBackward,
} from '../kernels/attention.js';
import { checkOneOf, ConfigError, ShapeError } from '../errors.js';
import { type FloatArray, type Shape, shapeString, Tensor } from '../tensor.js';
import { checkBoolean } from '../config-check.js';
import { allocLike, asBackendTensor, type BaseLayerConfig, type CallContext, Layer, type Param } from './layer.js';

export interface AttentionConfig extends BaseLayerConfig {
  /** Learn a scale for the scores. Default false for attention(), true for additiveAttention(). */
  useScale?: boolean;
  /** Also return the attention weights (B,Tq,Tv). Default false. */
  returnAttentionScores?: boolean;
  /** Hide keys after the query's position (decoder self-attention). Default false. */
  useCausalMask?: boolean;
}

export interface DotAttentionConfig extends AttentionConfig {
  /** 'dot' (scale·q·kᵀ) or 'concat' (w·Σ_d tanh(scale·(q_d + k_d)), as Keras 3). Default 'dot'. */
  scoreMode?: 'dot' | 'concat';
}

export type ResolvedAttentionConfig = {
  name: string;
  useScale: boolean;
  returnAttentionScores: boolean;
  useCausalMask: boolean;
};

interface Cache {
  q: Tensor;
  k: Tensor;
  v: Tensor;
  A: FloatArray;
  th: FloatArray | null;
  g: AttentionDims;
  qMask: FloatArray | null;
  hasKey: boolean;
}

abstract class BaseAttention extends Layer {
  readonly config: ResolvedAttentionConfig;
  protected last: Cache | null = null;

  constructor(config: AttentionConfig, base: string, scaleDefault: boolean, keys: readonly string[] = []) {
    super(config, base, ['useScale', 'returnAttentionScores', 'useCausalMask', ...keys]);
    const where = `${base} '${this.name}'`;
    this.config = {
      name: this.name,
      useScale: checkBoolean(config.useScale, scaleDefault, 'useScale', where),
      returnAttentionScores: checkBoolean(config.returnAttentionScores, false, 'returnAttentionScores', where),
      useCausalMask: checkBoolean(config.useCausalMask, false, 'useCausalMask', where),
    };
  }

  protected checkShapes(s: Shape[]): void {
    if (s.length < 2 || s.length > 3)
      throw new ShapeError(`attention takes [query, value] or [query, value, key], got ${s.length} inputs`, this.name);
    const [q, v, k = v] = s;
    if (q.length !== 2 || v.length !== 2 || k.length !== 2)
      throw new ShapeError(
        `inputs must be per-sample [steps, features], got ${s.map(shapeString).join(', ')}`,
        this.name,
      );
    if (q[1] !== k[1])
      throw new ShapeError(`query and key need the same feature size, got ${q[1]} and ${k[1]}`, this.name);
    if (k[0] !== v[0])
      throw new ShapeError(`key and value need the same number of steps, got ${k[0]} and ${v[0]}`, this.name);
  }

  override computeOutputShapes(s: Shape[]): number[][] {
    this.checkShapes(s);
    const out = [s[0][0], s[1][1]];
    return this.config.returnAttentionScores ? [out, [s[0][0], s[1][0]]] : [out];
  }

  override computeMask(_inputs: Tensor[], mask: Tensor | null): Tensor | null {
    return mask;
  }

  /** Writes the raw scores S (B,Tq,Tv); returns the multiplier applied before the softmax. */
  protected abstract scores(S: FloatArray, c: Cache): number;
  /** Accumulates dq, dk and the scale gradient from dS. */
  protected abstract scoresBackward(dq: FloatArray, dk: FloatArray, dS: FloatArray, c: Cache): void;

  override call(inputs: Tensor[], ctx: CallContext): Tensor[] {
    this.assertBuilt('call');
    const [q, v, k = v] = inputs.map(asBackendTensor);
    this.checkShapes([q, v, k].map((t) => t.shape.slice(1)));
    if (q.rank !== 3 || v.rank !== 3 || k.rank !== 3)
      throw new ShapeError('inputs must be 3-D [samples, steps, features]', this.name);
    const g: AttentionDims = { B: q.shape[0], Tq: q.shape[1], Tv: v.shape[1], D: q.shape[2], Dv: v.shape[2] };
    const masks = ctx.masks ?? [ctx.mask];
    const qMask = masks[0] ? asBackendTensor(masks[0]).data : null;
    const vMask = masks[1] ? asBackendTensor(masks[1]).data : null;
    const c: Cache = { q, k, v, A: allocLike(g.B * g.Tq * g.Tv), th: null, g, qMask, hasKey: inputs.length > 2 };
    const S = allocLike(g.B * g.Tq * g.Tv);
    const mult = this.scores(S, c);
    attentionWeights(c.A, S, mult, vMask, this.config.useCausalMask, g);
    const out = new Tensor(allocLike(g.B * g.Tq * g.Dv), [g.B, g.Tq, g.Dv]);
    attentionApply(out.data, c.A, v.data, qMask, g);
    this.last = c;
    return this.config.returnAttentionScores ? [out, new Tensor(c.A.slice(), [g.B, g.Tq, g.Tv])] : [out];
  }

  override backward(dOutputs: (Tensor | null)[]): (Tensor | null)[] {
    const c = this.last;
    if (!c) throw new ConfigError('backward called without a forward pass', this.name);
    const { g } = c;
    const dq = new Tensor(allocLike(c.q.size), c.q.shape),
      dv = new Tensor(allocLike(c.v.size), c.v.shape);
    const dk = c.hasKey ? new Tensor(allocLike(c.k.size), c.k.shape) : dv;
    const dS = allocLike(g.B * g.Tq * g.Tv);
    attentionBackward(dS, dv.data, dOutputs[0]?.data ?? null, dOutputs[1]?.data ?? null, c.A, c.v.data, c.qMask, g);
    this.scoresBackward(dq.data, dk.data, dS, c);
    return c.hasKey ? [dq, dv, dk] : [dq, dv];
  }

  override getConfig(): ResolvedAttentionConfig {
    return this.config;
  }
}

export class Attention extends BaseAttention {
  readonly className = 'Attention';
  readonly scoreMode: 'dot' | 'concat';
  constructor(config: DotAttentionConfig = {}) {
    super(config, 'attention', false, ['scoreMode']);
    this.scoreMode = checkOneOf(config.scoreMode ?? 'dot', ['dot', 'concat'] as const, 'scoreMode', this.name);
  }
  protected override declare(s: Shape[]): void {
    this.checkShapes(s);
    if (this.config.useScale) this.addWeight('scale', [], 'ones');
    if (this.scoreMode === 'concat') this.addWeight('concatScoreWeight', [], 'ones');
  }
  private scoreWeights(): { scale: Param | null; w: Param | null } {
    const [a, b] = this.params();
    const scale = this.config.useScale ? a : null;
    return { scale, w: this.scoreMode === 'concat' ? (scale ? b : a) : null };
  }
  protected scores(S: FloatArray, c: Cache): number {
    const { scale, w } = this.scoreWeights();
    if (!w) {
      dotScores(S, c.q.data, c.k.data, c.g);
      return scale ? scale.value[0] : 1;
    }
    // concat: additive scores of (scale·q, scale·k) with unit weights, times w.
    const s = scale ? scale.value[0] : 1;
    const { B, Tq, Tv, D } = c.g;
    c.th = allocLike(B * Tq * Tv * D);
    additiveScores(S, c.th, scaled(c.q.data, s), scaled(c.k.data, s), null, c.g);
    return w.value[0];
  }
  protected scoresBackward(dq: FloatArray, dk: FloatArray, dS: FloatArray, c: Cache): void {
    const { scale, w } = this.scoreWeights();
    if (!w) {
      const dScale = dotScoresBackward(dq, dk, dS, c.q.data, c.k.data, scale ? scale.value[0] : 1, c.g);
      if (scale) scale.grad[0] += dScale;
      return;
    }
    // dS is ∂loss/∂(w·R), R = Σ_d th: dw = Σ dS·R; ∂loss/∂R = w·dS; through tanh to q' = s·q and k' = s·k.
    const { B, Tq, Tv, D } = c.g;
    const th = c.th!,
      s = scale ? scale.value[0] : 1;
    const dR = allocLike(dS.length);
    for (let r = 0; r < dS.length; r++) {
      let R = 0;
      for (let d = 0; d < D; d++) R += th[r * D + d];
      w.grad[0] += dS[r] * R;
      dR[r] = w.value[0] * dS[r];
    }
    const dq1 = allocLike(B * Tq * D),
      dk1 = allocLike(B * Tv * D);
    additiveScoresBackward(dq1, dk1, null, dR, th, null, c.g);
    let ds = 0;
    for (let i = 0; i < dq1.length; i++) {
      dq[i] += s * dq1[i];
      ds += dq1[i] * c.q.data[i];
    }
    for (let i = 0; i < dk1.length; i++) {
      dk[i] += s * dk1[i];
      ds += dk1[i] * c.k.data[i];
    }
    if (scale) scale.grad[0] += ds;
  }
  override getConfig(): ResolvedAttentionConfig & { scoreMode: 'dot' | 'concat' } {
    return { ...this.config, scoreMode: this.scoreMode };
  }
}

/** a·s as a new array. */
function scaled(a: FloatArray, s: number): FloatArray {
  const out = allocLike(a.length);
  for (let i = 0; i < a.length; i++) out[i] = s * a[i];
  return out;
}

export class AdditiveAttention extends BaseAttention {
  readonly className = 'AdditiveAttention';
  constructor(config: AttentionConfig = {}) {
    super(config, 'additive_attention', true);
  }
  protected override declare(s: Shape[]): void {
    this.checkShapes(s);
    if (this.config.useScale) this.addWeight('scale', [s[0][1]], 'glorotUniform');
  }
  protected scores(S: FloatArray, c: Cache): number {
    const { B, Tq, Tv, D } = c.g;
    c.th = allocLike(B * Tq * Tv * D);
    additiveScores(S, c.th, c.q.data, c.k.data, this.config.useScale ? this.params()[0].value : null, c.g);
    return 1;
  }
  protected scoresBackward(dq: FloatArray, dk: FloatArray, dS: FloatArray, c: Cache): void {
    const scale = this.config.useScale ? this.params()[0] : null;
    additiveScoresBackward(dq, dk, scale ? scale.grad : null, dS, c.th!, scale ? scale.value : null, c.g);
  }
}

/**
 * Dot-product (Luong) attention: call it on [query, value] or [query, value, key].
 * @example const context = attention().apply([decoderSeq, encoderSeq]);
 */
export function attention(config: DotAttentionConfig = {}): Attention {
  return new Attention(config);
}

/**
 * Additive (Bahdanau) attention: call it on [query, value] or [query, value, key].
 * @example const context = additiveAttention().apply([decoderSeq, encoderSeq]);
 */
export function additiveAttention(config: AttentionConfig = {}): AdditiveAttention {
  return new AdditiveAttention(config);
}
