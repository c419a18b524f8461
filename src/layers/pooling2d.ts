// 2-D pooling layers (Keras MaxPooling2D, AveragePooling2D, GlobalAveragePooling2D), channels last:
// (B,H,W,C) -> (B,Ho,Wo,C) or (B,C). Math in kernels/pooling2d.ts; sizes and padding per axis follow
// Conv1D's rule (kernels/conv1d.ts).

import { conv1dGeometry } from '../kernels/conv1d.js';
import {
  avgPool2dBackward,
  avgPool2dForward,
  globalAvgPool2dBackward,
  globalAvgPool2dForward,
  maxPool2dBackward,
  maxPool2dForward,
  type Pool2dGeometry,
} from '../kernels/pooling2d.js';
import { checkOneOf, ShapeError, StateError } from '../errors.js';
import { type Shape, shapeString, Tensor } from '../tensor.js';
import { BASE_KEYS, checkKnownKeys, pairOf } from './conv2d-config.js';
import { allocLike, asBackendTensor, type BaseLayerConfig, SimpleLayer } from './layer.js';

export interface Pooling2dConfig extends BaseLayerConfig {
  /** An int or [height, width]. Default 2. */
  poolSize?: number | readonly [number, number];
  /** An int or [height, width]. Default poolSize. */
  strides?: number | readonly [number, number];
  /** Default 'valid'. */
  padding?: 'valid' | 'same';
}

export type ResolvedPooling2dConfig = {
  name: string;
  poolSize: [number, number];
  strides: [number, number];
  padding: 'valid' | 'same';
};

const KEYS = [...BASE_KEYS, 'poolSize', 'strides', 'padding'] as const;

function checkImage(s: Shape, where: string): void {
  if (s.length !== 3)
    throw new ShapeError(
      `expected per-sample input shape [height, width, channels], got ${shapeString(s)}; wrap in timeDistributed() for a sequence of frames`,
      where,
    );
}

function checkBatch(x: Tensor, where: string): void {
  if (x.rank !== 4)
    throw new ShapeError(`expected input [samples, height, width, channels], got ${shapeString(x.shape)}`, where);
}

abstract class Pooling2d extends SimpleLayer {
  readonly config: ResolvedPooling2dConfig;
  protected g: Pool2dGeometry | null = null;

  constructor(config: Pooling2dConfig, base: string) {
    checkKnownKeys(config, KEYS, base);
    super(config, base);
    const where = `${base} '${this.name}'`;
    const poolSize = pairOf(config.poolSize ?? 2, 'poolSize', where);
    this.config = {
      name: this.name,
      poolSize,
      strides: pairOf(config.strides ?? poolSize, 'strides', where),
      padding: checkOneOf(config.padding ?? 'valid', ['valid', 'same'] as const, 'padding', where),
    };
  }

  private axes(H: number, W: number) {
    const c = this.config;
    const h = conv1dGeometry(H, c.poolSize[0], c.strides[0], 1, c.padding);
    const w = conv1dGeometry(W, c.poolSize[1], c.strides[1], 1, c.padding);
    return { Ho: h.To, Wo: w.To, padTop: h.padLeft, padLeft: w.padLeft };
  }

  protected override declare(inputShapes: Shape[]): void {
    checkImage(inputShapes[0], this.name);
    this.computeOutputShape(inputShapes[0]);
  }

  override computeOutputShape(inputShape: Shape): number[] {
    const { Ho, Wo } = this.axes(inputShape[0], inputShape[1]);
    if (Ho <= 0 || Wo <= 0)
      throw new ShapeError(
        `input ${shapeString(inputShape)} is too small for poolSize ${shapeString(this.config.poolSize)}`,
        this.name,
      );
    return [Ho, Wo, inputShape[2]];
  }

  protected geometry(x: Tensor): Pool2dGeometry {
    checkBatch(x, this.name);
    const [B, H, W, C] = x.shape,
      c = this.config;
    return {
      B,
      H,
      W,
      C,
      poolH: c.poolSize[0],
      poolW: c.poolSize[1],
      strideH: c.strides[0],
      strideW: c.strides[1],
      ...this.axes(H, W),
    };
  }

  protected lastGeometry(): Pool2dGeometry {
    if (!this.g) throw new StateError('backward called before forward', this.name);
    return this.g;
  }

  override getConfig(): ResolvedPooling2dConfig {
    return this.config;
  }
}

export class MaxPooling2d extends Pooling2d {
  readonly className = 'MaxPooling2D';
  private arg: Int32Array | null = null;
  constructor(config: Pooling2dConfig = {}) {
    super(config, 'max_pooling2d');
  }
  override forward(input: Tensor): Tensor {
    const x = asBackendTensor(input),
      g = this.geometry(x);
    const y = new Tensor(allocLike(g.B * g.Ho * g.Wo * g.C), [g.B, g.Ho, g.Wo, g.C]);
    this.arg = new Int32Array(y.size);
    maxPool2dForward(y.data, this.arg, x.data, g);
    this.g = g;
    return y;
  }
  override backwardOne(dy: Tensor): Tensor {
    const g = this.lastGeometry();
    const dx = new Tensor(allocLike(g.B * g.H * g.W * g.C), [g.B, g.H, g.W, g.C]);
    maxPool2dBackward(dx.data, dy.data, this.arg!, g);
    return dx;
  }
}

export class AveragePooling2d extends Pooling2d {
  readonly className = 'AveragePooling2D';
  constructor(config: Pooling2dConfig = {}) {
    super(config, 'average_pooling2d');
  }
  override forward(input: Tensor): Tensor {
    const x = asBackendTensor(input),
      g = this.geometry(x);
    const y = new Tensor(allocLike(g.B * g.Ho * g.Wo * g.C), [g.B, g.Ho, g.Wo, g.C]);
    avgPool2dForward(y.data, x.data, g);
    this.g = g;
    return y;
  }
  override backwardOne(dy: Tensor): Tensor {
    const g = this.lastGeometry();
    const dx = new Tensor(allocLike(g.B * g.H * g.W * g.C), [g.B, g.H, g.W, g.C]);
    avgPool2dBackward(dx.data, dy.data, g);
    return dx;
  }
}

export class GlobalAveragePooling2d extends SimpleLayer {
  readonly className = 'GlobalAveragePooling2D';
  private shape: number[] | null = null;
  constructor(config: BaseLayerConfig = {}) {
    checkKnownKeys(config, BASE_KEYS, 'global_average_pooling2d');
    super(config, 'global_average_pooling2d');
  }
  protected override declare(inputShapes: Shape[]): void {
    checkImage(inputShapes[0], this.name);
  }
  override computeOutputShape(inputShape: Shape): number[] {
    return [inputShape[2]];
  }
  override forward(input: Tensor): Tensor {
    const x = asBackendTensor(input);
    checkBatch(x, this.name);
    const [B, H, W, C] = x.shape;
    const y = new Tensor(allocLike(B * C), [B, C]);
    globalAvgPool2dForward(y.data, x.data, B, H * W, C);
    this.shape = x.shape;
    return y;
  }
  override backwardOne(dy: Tensor): Tensor {
    if (!this.shape) throw new StateError('backward called before forward', this.name);
    const [B, H, W, C] = this.shape;
    const dx = new Tensor(allocLike(B * H * W * C), this.shape);
    globalAvgPool2dBackward(dx.data, dy.data, B, H * W, C);
    return dx;
  }
  override getConfig(): { name: string } {
    return { name: this.name };
  }
}

/**
 * Max over windows of poolSize pixels.
 * @example const layer = maxPooling2d({ poolSize: 2 });
 */
export function maxPooling2d(config: Pooling2dConfig = {}): MaxPooling2d {
  return new MaxPooling2d(config);
}
/**
 * Mean over windows of poolSize pixels.
 * @example const layer = averagePooling2d({ poolSize: [2, 2], padding: 'same' });
 */
export function averagePooling2d(config: Pooling2dConfig = {}): AveragePooling2d {
  return new AveragePooling2d(config);
}
/**
 * Mean over all pixels of each channel: (B,H,W,C) -> (B,C).
 * @example const layer = globalAveragePooling2d();
 */
export function globalAveragePooling2d(config: BaseLayerConfig = {}): GlobalAveragePooling2d {
  return new GlobalAveragePooling2d(config);
}
