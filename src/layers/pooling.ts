// 1-D pooling layers (Keras MaxPooling1D, AveragePooling1D, GlobalMaxPooling1D, GlobalAveragePooling1D),
// channels last. Math in kernels/pooling.ts. GlobalAveragePooling1D averages only unmasked steps (Keras).

import {
  avgPool1dBackward,
  avgPool1dForward,
  maxPool1dBackward,
  maxPool1dForward,
  type PoolGeometry,
} from '../kernels/pooling.js';
import { conv1dGeometry } from '../kernels/conv1d.js';
import { checkOneOf, checkPositiveInt, ShapeError } from '../errors.js';
import { type Shape, shapeString, Tensor } from '../tensor.js';
import { allocLike, asBackendTensor, type BaseLayerConfig, type CallContext, SimpleLayer } from './layer.js';

export interface Pooling1dConfig extends BaseLayerConfig {
  /** Default 2. */
  poolSize?: number;
  /** Default poolSize. */
  strides?: number;
  /** Default 'valid'. */
  padding?: 'valid' | 'same';
}

export type ResolvedPooling1dConfig = {
  name: string;
  poolSize: number;
  strides: number;
  padding: 'valid' | 'same';
};

function checkSteps(s: Shape, where: string): void {
  if (s.length !== 2)
    throw new ShapeError(`expected per-sample input shape [steps, channels], got ${shapeString(s)}`, where);
}

abstract class Pooling1d extends SimpleLayer {
  readonly config: ResolvedPooling1dConfig;
  protected g: PoolGeometry | null = null;

  constructor(config: Pooling1dConfig, base: string) {
    super(config, base, ['poolSize', 'strides', 'padding']);
    const where = `${base} '${this.name}'`;
    const poolSize = checkPositiveInt(config.poolSize ?? 2, 'poolSize', where);
    this.config = {
      name: this.name,
      poolSize,
      strides: checkPositiveInt(config.strides ?? poolSize, 'strides', where),
      padding: checkOneOf(config.padding ?? 'valid', ['valid', 'same'] as const, 'padding', where),
    };
  }

  protected override declare(inputShapes: Shape[]): void {
    checkSteps(inputShapes[0], this.name);
    this.computeOutputShape(inputShapes[0]);
  }

  override computeOutputShape(inputShape: Shape): number[] {
    const { To } = conv1dGeometry(inputShape[0], this.config.poolSize, this.config.strides, 1, this.config.padding);
    if (To <= 0)
      throw new ShapeError(`${inputShape[0]} steps are too few for poolSize ${this.config.poolSize}`, this.name);
    return [To, inputShape[1]];
  }

  protected geometry(x: Tensor): PoolGeometry {
    if (x.rank !== 3)
      throw new ShapeError(`expected input [samples, steps, channels], got ${shapeString(x.shape)}`, this.name);
    const [B, T, C] = x.shape,
      c = this.config;
    const { To, padLeft } = conv1dGeometry(T, c.poolSize, c.strides, 1, c.padding);
    return { B, T, C, To, pool: c.poolSize, stride: c.strides, padLeft };
  }

  override getConfig(): ResolvedPooling1dConfig {
    return this.config;
  }
}

export class MaxPooling1d extends Pooling1d {
  readonly className = 'MaxPooling1D';
  private arg: Int32Array | null = null;
  constructor(config: Pooling1dConfig = {}) {
    super(config, 'max_pooling1d');
  }
  override forward(input: Tensor): Tensor {
    const x = asBackendTensor(input),
      g = this.geometry(x);
    const y = new Tensor(allocLike(g.B * g.To * g.C), [g.B, g.To, g.C]);
    this.arg = new Int32Array(y.size);
    maxPool1dForward(y.data, this.arg, x.data, g);
    this.g = g;
    return y;
  }
  override backwardOne(dy: Tensor): Tensor {
    const g = this.g!;
    const dx = new Tensor(allocLike(g.B * g.T * g.C), [g.B, g.T, g.C]);
    maxPool1dBackward(dx.data, dy.data, this.arg!, g);
    return dx;
  }
}

export class AveragePooling1d extends Pooling1d {
  readonly className = 'AveragePooling1D';
  constructor(config: Pooling1dConfig = {}) {
    super(config, 'average_pooling1d');
  }
  override forward(input: Tensor): Tensor {
    const x = asBackendTensor(input),
      g = this.geometry(x);
    const y = new Tensor(allocLike(g.B * g.To * g.C), [g.B, g.To, g.C]);
    avgPool1dForward(y.data, x.data, g);
    this.g = g;
    return y;
  }
  override backwardOne(dy: Tensor): Tensor {
    const g = this.g!;
    const dx = new Tensor(allocLike(g.B * g.T * g.C), [g.B, g.T, g.C]);
    avgPool1dBackward(dx.data, dy.data, g);
    return dx;
  }
}

abstract class GlobalPooling1d extends SimpleLayer {
  protected shape: number[] = [];
  protected override declare(inputShapes: Shape[]): void {
    checkSteps(inputShapes[0], this.name);
  }
  override computeOutputShape(inputShape: Shape): number[] {
    return [inputShape[1]];
  }
  override getConfig(): { name: string } {
    return { name: this.name };
  }
}

export class GlobalMaxPooling1d extends GlobalPooling1d {
  readonly className = 'GlobalMaxPooling1D';
  private arg: Int32Array | null = null;
  constructor(config: BaseLayerConfig = {}) {
    super(config, 'global_max_pooling1d', []);
  }
  override forward(input: Tensor): Tensor {
    const x = asBackendTensor(input);
    if (x.rank !== 3)
      throw new ShapeError(`expected input [samples, steps, channels], got ${shapeString(x.shape)}`, this.name);
    const [B, T, C] = x.shape;
    const y = new Tensor(allocLike(B * C), [B, C]);
    this.arg = new Int32Array(B * C);
    maxPool1dForward(y.data, this.arg, x.data, { B, T, C, To: 1, pool: T, stride: T, padLeft: 0 });
    this.shape = x.shape;
    return y;
  }
  override backwardOne(dy: Tensor): Tensor {
    const [B, T, C] = this.shape;
    const dx = new Tensor(allocLike(B * T * C), this.shape);
    maxPool1dBackward(dx.data, dy.data, this.arg!, { B, T, C, To: 1, pool: T, stride: T, padLeft: 0 });
    return dx;
  }
}

export class GlobalAveragePooling1d extends GlobalPooling1d {
  readonly className = 'GlobalAveragePooling1D';
  private stepWeights: Float64Array | null = null;
  constructor(config: BaseLayerConfig = {}) {
    super(config, 'global_average_pooling1d', []);
  }
  /** Mean over the steps the mask keeps (all steps without a mask). */
  override forward(input: Tensor, ctx: CallContext): Tensor {
    const x = asBackendTensor(input);
    if (x.rank !== 3)
      throw new ShapeError(`expected input [samples, steps, channels], got ${shapeString(x.shape)}`, this.name);
    const [B, T, C] = x.shape;
    const w = new Float64Array(B * T);
    for (let n = 0; n < B; n++) {
      let count = 0;
      for (let t = 0; t < T; t++) count += ctx.mask ? (ctx.mask.data[n * T + t] ? 1 : 0) : 1;
      for (let t = 0; t < T; t++)
        w[n * T + t] = (ctx.mask ? (ctx.mask.data[n * T + t] ? 1 : 0) : 1) / Math.max(count, 1);
    }
    const y = new Tensor(allocLike(B * C), [B, C]);
    for (let n = 0; n < B; n++)
      for (let t = 0; t < T; t++)
        for (let c = 0; c < C; c++) y.data[n * C + c] += w[n * T + t] * x.data[(n * T + t) * C + c];
    this.stepWeights = w;
    this.shape = x.shape;
    return y;
  }
  override backwardOne(dy: Tensor): Tensor {
    const [B, T, C] = this.shape,
      w = this.stepWeights!;
    const dx = new Tensor(allocLike(B * T * C), this.shape);
    for (let n = 0; n < B; n++)
      for (let t = 0; t < T; t++)
        for (let c = 0; c < C; c++) dx.data[(n * T + t) * C + c] = w[n * T + t] * dy.data[n * C + c];
    return dx;
  }
}

/**
 * Max over windows of poolSize steps.
 * @example const layer = maxPooling1d({ poolSize: 2 });
 */
export function maxPooling1d(config: Pooling1dConfig = {}): MaxPooling1d {
  return new MaxPooling1d(config);
}
/**
 * Mean over windows of poolSize steps.
 * @example const layer = averagePooling1d({ poolSize: 2 });
 */
export function averagePooling1d(config: Pooling1dConfig = {}): AveragePooling1d {
  return new AveragePooling1d(config);
}
/**
 * Max over all steps: (B,T,C) -> (B,C).
 * @example const layer = globalMaxPooling1d();
 */
export function globalMaxPooling1d(config: BaseLayerConfig = {}): GlobalMaxPooling1d {
  return new GlobalMaxPooling1d(config);
}
/**
 * Mean over all (unmasked) steps: (B,T,C) -> (B,C).
 * @example const layer = globalAveragePooling1d();
 */
export function globalAveragePooling1d(config: BaseLayerConfig = {}): GlobalAveragePooling1d {
  return new GlobalAveragePooling1d(config);
}
