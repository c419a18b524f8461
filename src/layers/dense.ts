// Dense: y = activation(x·kernel + bias) on the last axis (leading axes are batch-like, as Keras).
// Weights: kernel (D,U), bias (U).

import { getBackend } from '../backend/backend.js';
import { type Activation, checkActivation } from '../kernels/activations.js';
import { denseBackward, denseForward } from '../kernels/dense.js';
import { checkPositiveInt, ShapeError } from '../errors.js';
import { type InitializerSpec, resolveInitializer } from '../initializers.js';
import { type Shape, shapeString, Tensor } from '../tensor.js';
import { checkBoolean } from '../config-check.js';
import { asBackendTensor, type BaseLayerConfig, type CallContext, SimpleLayer } from './layer.js';

export interface DenseConfig extends BaseLayerConfig {
  units: number;
  /** Default 'linear'. */
  activation?: Activation;
  /** Default true. */
  useBias?: boolean;
  /** Default 'glorotUniform'. */
  kernelInitializer?: InitializerSpec;
  /** Default 'zeros'. */
  biasInitializer?: InitializerSpec;
}

export type ResolvedDenseConfig = Required<Omit<DenseConfig, 'inputShape' | 'trainable'>> & {
  inputShape?: (number | null)[];
};

export class Dense extends SimpleLayer {
  readonly className = 'Dense';
  readonly config: ResolvedDenseConfig;
  private x: Tensor | null = null;
  private y: Tensor | null = null;

  constructor(config: DenseConfig) {
    super(config, 'dense', ['units', 'activation', 'useBias', 'kernelInitializer', 'biasInitializer']);
    const where = `dense '${this.name}'`;
    this.config = {
      name: this.name,
      units: checkPositiveInt(config.units, 'units', where),
      activation: checkActivation(config.activation ?? 'linear', where),
      useBias: checkBoolean(config.useBias, true, 'useBias', where),
      kernelInitializer: resolveInitializer(config.kernelInitializer ?? 'glorotUniform', where),
      biasInitializer: resolveInitializer(config.biasInitializer ?? 'zeros', where),
      ...(config.inputShape ? { inputShape: [...config.inputShape] } : {}),
    };
  }

  protected override declare(inputShapes: Shape[]): void {
    const s = inputShapes[0];
    if (s.length < 1)
      throw new ShapeError(`expected inputs with a feature axis, got per-sample shape ${shapeString(s)}`, this.name);
    const D = s[s.length - 1];
    this.addWeight('kernel', [D, this.config.units], this.config.kernelInitializer);
    if (this.config.useBias) this.addWeight('bias', [this.config.units], this.config.biasInitializer);
  }

  override computeOutputShape(inputShape: Shape): number[] {
    return [...inputShape.slice(0, -1), this.config.units];
  }

  override forward(input: Tensor, ctx: CallContext): Tensor {
    const x = asBackendTensor(input);
    const [W, b] = this.params();
    const D = W.shape[0],
      U = this.config.units;
    if (x.shape[x.rank - 1] !== D) {
      throw new ShapeError(
        `expected ${D} input features on the last axis, got input of shape ${shapeString(x.shape)}`,
        this.name,
      );
    }
    const N = x.size / D;
    const y = new Tensor(getBackend().alloc(N * U), [...x.shape.slice(0, -1), U]);
    denseForward(getBackend().gemm, y.data, x.data, W.value, b ? b.value : null, N, D, U, this.config.activation);
    if (ctx.training) {
      this.x = x;
      this.y = y;
    }
    return y;
  }

  override backwardOne(dy: Tensor): Tensor {
    const x = this.x,
      y = this.y;
    if (!x || !y) throw new ShapeError('backward called without a training forward pass', this.name);
    const [W, b] = this.params();
    const D = W.shape[0],
      U = this.config.units,
      N = x.size / D;
    const dx = new Tensor(getBackend().alloc(x.size), x.shape);
    const dz = getBackend().alloc(N * U);
    denseBackward(
      getBackend().gemm,
      dx.data,
      W.grad,
      b ? b.grad : null,
      dz,
      dy.data,
      y.data,
      x.data,
      W.value,
      N,
      D,
      U,
      this.config.activation,
    );
    return dx;
  }

  override getConfig(): ResolvedDenseConfig {
    return this.config;
  }
}

/**
 * A densely connected layer.
 * @example const layer = dense({ units: 1 });
 */
export function dense(config: DenseConfig): Dense {
  return new Dense(config);
}
