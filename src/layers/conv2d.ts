// Conv2D (Keras): kernel (kernelHeight, kernelWidth, inChannels, filters), bias (filters); padding
// valid/same, strides, dilationRate, activation. Input (B,H,W,C) channels last; wrap it in
// timeDistributed() for a sequence of frames (B,T,H,W,C). Math in kernels/conv2d.ts.

import { type Activation, checkActivation } from '../kernels/activations.js';
import { conv1dGeometry } from '../kernels/conv1d.js';
import { type Conv2dGeometry, conv2dBackward, conv2dForward } from '../kernels/conv2d.js';
import { checkOneOf, checkPositiveInt, ConfigError, ShapeError, StateError } from '../errors.js';
import { type InitializerSpec, resolveInitializer } from '../initializers.js';
import { type Shape, shapeString, Tensor } from '../tensor.js';
import { BASE_KEYS, checkKnownKeys, pairOf } from './conv2d-config.js';
import { allocLike, asBackendTensor, type BaseLayerConfig, type CallContext, SimpleLayer } from './layer.js';

export interface Conv2dConfig extends BaseLayerConfig {
  filters: number;
  /** An int or [height, width]. */
  kernelSize: number | readonly [number, number];
  /** An int or [height, width]. Default 1. */
  strides?: number | readonly [number, number];
  /** Default 'valid'. */
  padding?: 'valid' | 'same';
  /** An int or [height, width]. Default 1. */
  dilationRate?: number | readonly [number, number];
  /** Default 'linear'. */
  activation?: Activation;
  /** Default true. */
  useBias?: boolean;
  /** Default 'glorotUniform'. */
  kernelInitializer?: InitializerSpec;
  /** Default 'zeros'. */
  biasInitializer?: InitializerSpec;
}

export type ResolvedConv2dConfig = {
  name: string;
  filters: number;
  kernelSize: [number, number];
  strides: [number, number];
  padding: 'valid' | 'same';
  dilationRate: [number, number];
  activation: Activation;
  useBias: boolean;
  kernelInitializer: Exclude<InitializerSpec, string>;
  biasInitializer: Exclude<InitializerSpec, string>;
  inputShape?: (number | null)[];
};

const KEYS = [
  ...BASE_KEYS,
  'filters',
  'kernelSize',
  'strides',
  'padding',
  'dilationRate',
  'activation',
  'useBias',
  'kernelInitializer',
  'biasInitializer',
] as const;

/** Output size and leading padding of both spatial axes (the Conv1D rule per axis). */
function spatial(H: number, W: number, c: ResolvedConv2dConfig) {
  const h = conv1dGeometry(H, c.kernelSize[0], c.strides[0], c.dilationRate[0], c.padding);
  const w = conv1dGeometry(W, c.kernelSize[1], c.strides[1], c.dilationRate[1], c.padding);
  return { Ho: h.To, Wo: w.To, padTop: h.padLeft, padLeft: w.padLeft };
}

export class Conv2d extends SimpleLayer {
  readonly className = 'Conv2D';
  readonly config: ResolvedConv2dConfig;
  private last: { x: Tensor; y: Tensor; g: Conv2dGeometry } | null = null;

  constructor(config: Conv2dConfig) {
    checkKnownKeys(config, KEYS, 'conv2d');
    super(config, 'conv2d');
    const where = `conv2d '${this.name}'`;
    if (typeof config.useBias !== 'undefined' && typeof config.useBias !== 'boolean')
      throw new ConfigError(`useBias must be true or false, got ${JSON.stringify(config.useBias)}`, where);
    this.config = {
      name: this.name,
      filters: checkPositiveInt(config.filters, 'filters', where),
      kernelSize: pairOf(config.kernelSize, 'kernelSize', where),
      strides: pairOf(config.strides ?? 1, 'strides', where),
      padding: checkOneOf(config.padding ?? 'valid', ['valid', 'same'] as const, 'padding', where),
      dilationRate: pairOf(config.dilationRate ?? 1, 'dilationRate', where),
      activation: checkActivation(config.activation ?? 'linear', where),
      useBias: config.useBias ?? true,
      kernelInitializer: resolveInitializer(config.kernelInitializer ?? 'glorotUniform', where),
      biasInitializer: resolveInitializer(config.biasInitializer ?? 'zeros', where),
      ...(config.inputShape ? { inputShape: [...config.inputShape] } : {}),
    };
    const c = this.config;
    if (c.strides.some((s) => s > 1) && c.dilationRate.some((d) => d > 1))
      throw new ConfigError('strides > 1 with dilationRate > 1 is not supported (as Keras)', where);
  }

  protected override declare(inputShapes: Shape[]): void {
    const s = inputShapes[0];
    if (s.length !== 3)
      throw new ShapeError(
        `expected per-sample input shape [height, width, channels], got ${shapeString(s)}; wrap in timeDistributed() for a sequence of frames`,
        this.name,
      );
    const [kh, kw] = this.config.kernelSize;
    this.addWeight('kernel', [kh, kw, s[2], this.config.filters], this.config.kernelInitializer);
    if (this.config.useBias) this.addWeight('bias', [this.config.filters], this.config.biasInitializer);
    this.computeOutputShape(s);
  }

  override computeOutputShape(inputShape: Shape): number[] {
    const { Ho, Wo } = spatial(inputShape[0], inputShape[1], this.config);
    if (Ho <= 0 || Wo <= 0)
      throw new ShapeError(
        `input ${shapeString(inputShape)} is too small for kernelSize ${shapeString(this.config.kernelSize)} with dilationRate ${shapeString(this.config.dilationRate)} and 'valid' padding`,
        this.name,
      );
    return [Ho, Wo, this.config.filters];
  }

  override forward(input: Tensor, ctx: CallContext): Tensor {
    const x = asBackendTensor(input);
    const [K, b] = this.params();
    const C = K.shape[2],
      c = this.config;
    if (x.rank !== 4 || x.shape[3] !== C)
      throw new ShapeError(`expected input [samples, height, width, ${C}], got ${shapeString(x.shape)}`, this.name);
    const [B, H, W] = x.shape;
    const F = this.computeOutputShape([H, W, C])[2];
    const g: Conv2dGeometry = {
      B,
      H,
      W,
      C,
      F,
      KH: c.kernelSize[0],
      KW: c.kernelSize[1],
      strideH: c.strides[0],
      strideW: c.strides[1],
      dilationH: c.dilationRate[0],
      dilationW: c.dilationRate[1],
      ...spatial(H, W, c),
    };
    const y = new Tensor(allocLike(B * g.Ho * g.Wo * F), [B, g.Ho, g.Wo, F]);
    conv2dForward(y.data, x.data, K.value, b ? b.value : null, g, c.activation);
    this.last = ctx.training ? { x, y, g } : null;
    return y;
  }

  override backwardOne(dy: Tensor): Tensor {
    const last = this.last;
    if (!last) throw new StateError('backward called without a training forward pass', this.name);
    const [K, b] = this.params();
    const dx = new Tensor(allocLike(last.x.size), last.x.shape);
    conv2dBackward(
      dx.data,
      K.grad,
      b ? b.grad : null,
      allocLike(dy.size),
      dy.data,
      last.y.data,
      last.x.data,
      K.value,
      last.g,
      this.config.activation,
    );
    return dx;
  }

  override getConfig(): ResolvedConv2dConfig {
    return this.config;
  }
}

/**
 * A 2-D convolution over the height and width of images (channels last).
 * @example const layer = conv2d({ filters: 2, kernelSize: 2, activation: 'relu' });
 */
export function conv2d(config: Conv2dConfig): Conv2d {
  return new Conv2d(config);
}
