// Conv1D (Keras): kernel (kernelSize, inChannels/groups, filters), bias (filters); padding
// valid/same/causal, strides, dilationRate, groups, activation. Input (B,T,C) channels last. Math in
// kernels/conv1d.ts.

import { type Activation, checkActivation } from '../kernels/activations.js';
import { type Conv1dGeometry, conv1dBackward, conv1dForward, conv1dGeometry } from '../kernels/conv1d.js';
import { checkOneOf, checkPositiveInt, ConfigError, ShapeError } from '../errors.js';
import { type InitializerSpec, resolveInitializer } from '../initializers.js';
import { type Shape, shapeString, Tensor } from '../tensor.js';
import { checkBoolean } from '../config-check.js';
import { allocLike, asBackendTensor, type BaseLayerConfig, type CallContext, SimpleLayer } from './layer.js';

export interface Conv1dConfig extends BaseLayerConfig {
  filters: number;
  kernelSize: number;
  /** Default 1. */
  strides?: number;
  /** Default 'valid'. */
  padding?: 'valid' | 'same' | 'causal';
  /** Default 1. */
  dilationRate?: number;
  /** Split channels and filters into this many groups, each convolved separately (both divisible). Default 1. */
  groups?: number;
  /** Default 'linear'. */
  activation?: Activation;
  /** Default true. */
  useBias?: boolean;
  /** Default 'glorotUniform'. */
  kernelInitializer?: InitializerSpec;
  /** Default 'zeros'. */
  biasInitializer?: InitializerSpec;
}

export type ResolvedConv1dConfig = Required<Omit<Conv1dConfig, 'inputShape' | 'trainable'>> & {
  inputShape?: (number | null)[];
};

export class Conv1d extends SimpleLayer {
  readonly className = 'Conv1D';
  readonly config: ResolvedConv1dConfig;
  private last: { x: Tensor; y: Tensor; g: Conv1dGeometry } | null = null;

  constructor(config: Conv1dConfig) {
    super(config, 'conv1d', [
      'filters',
      'kernelSize',
      'strides',
      'padding',
      'dilationRate',
      'groups',
      'activation',
      'useBias',
      'kernelInitializer',
      'biasInitializer',
    ]);
    const where = `conv1d '${this.name}'`;
    this.config = {
      name: this.name,
      filters: checkPositiveInt(config?.filters, 'filters', where),
      kernelSize: checkPositiveInt(config.kernelSize, 'kernelSize', where),
      strides: checkPositiveInt(config.strides ?? 1, 'strides', where),
      padding: checkOneOf(config.padding ?? 'valid', ['valid', 'same', 'causal'] as const, 'padding', where),
      dilationRate: checkPositiveInt(config.dilationRate ?? 1, 'dilationRate', where),
      groups: checkPositiveInt(config.groups ?? 1, 'groups', where),
      activation: checkActivation(config.activation ?? 'linear', where),
      useBias: checkBoolean(config.useBias, true, 'useBias', where),
      kernelInitializer: resolveInitializer(config.kernelInitializer ?? 'glorotUniform', where),
      biasInitializer: resolveInitializer(config.biasInitializer ?? 'zeros', where),
      ...(config.inputShape ? { inputShape: [...config.inputShape] } : {}),
    };
    if (this.config.strides > 1 && this.config.dilationRate > 1)
      throw new ConfigError('strides > 1 with dilationRate > 1 is not supported (as Keras)', where);
    if (this.config.filters % this.config.groups !== 0)
      throw new ConfigError(
        `filters (${this.config.filters}) must be divisible by groups (${this.config.groups})`,
        where,
      );
  }

  protected override declare(inputShapes: Shape[]): void {
    const s = inputShapes[0];
    if (s.length !== 2)
      throw new ShapeError(
        `expected per-sample input shape [steps, channels], got ${shapeString(s)}; wrap in timeDistributed() for 4-D input`,
        this.name,
      );
    if (s[1] % this.config.groups !== 0)
      throw new ShapeError(`${s[1]} input channels are not divisible by groups (${this.config.groups})`, this.name);
    const Cg = s[1] / this.config.groups;
    this.addWeight('kernel', [this.config.kernelSize, Cg, this.config.filters], this.config.kernelInitializer);
    if (this.config.useBias) this.addWeight('bias', [this.config.filters], this.config.biasInitializer);
    this.computeOutputShape(s);
  }

  override computeOutputShape(inputShape: Shape): number[] {
    const c = this.config;
    const { To } = conv1dGeometry(inputShape[0], c.kernelSize, c.strides, c.dilationRate, c.padding);
    if (To <= 0)
      throw new ShapeError(
        `${inputShape[0]} steps are too few for kernelSize ${c.kernelSize} with dilationRate ${c.dilationRate} and 'valid' padding`,
        this.name,
      );
    return [To, c.filters];
  }

  override forward(input: Tensor, ctx: CallContext): Tensor {
    const x = asBackendTensor(input);
    const [W, b] = this.params();
    const c = this.config,
      C = W.shape[1] * c.groups;
    if (x.rank !== 3 || x.shape[2] !== C)
      throw new ShapeError(`expected input [samples, steps, ${C}], got ${shapeString(x.shape)}`, this.name);
    const [B, T] = x.shape;
    const [To, F] = this.computeOutputShape([T, C]);
    const g: Conv1dGeometry = {
      B,
      T,
      C,
      F,
      K: c.kernelSize,
      To,
      stride: c.strides,
      dilation: c.dilationRate,
      padLeft: conv1dGeometry(T, c.kernelSize, c.strides, c.dilationRate, c.padding).padLeft,
      groups: c.groups,
    };
    const y = new Tensor(allocLike(B * To * F), [B, To, F]);
    conv1dForward(y.data, x.data, W.value, b ? b.value : null, g, c.activation);
    this.last = ctx.training ? { x, y, g } : null;
    return y;
  }

  override backwardOne(dy: Tensor): Tensor {
    const last = this.last;
    if (!last) throw new ShapeError('backward called without a training forward pass', this.name);
    const [W, b] = this.params();
    const dx = new Tensor(allocLike(last.x.size), last.x.shape);
    conv1dBackward(
      dx.data,
      W.grad,
      b ? b.grad : null,
      allocLike(dy.size),
      dy.data,
      last.y.data,
      last.x.data,
      W.value,
      last.g,
      this.config.activation,
    );
    return dx;
  }

  override getConfig(): ResolvedConv1dConfig {
    return this.config;
  }
}

/**
 * A 1-D convolution over timesteps.
 * @example const layer = conv1d({ filters: 64, kernelSize: 2, activation: 'relu' });
 */
export function conv1d(config: Conv1dConfig): Conv1d {
  return new Conv1d(config);
}
