// RepeatVector (Keras): (B,D) -> (B,n,D), the encoder's summary fed to every decoder step.
// Backward sums the n step gradients.

import { checkPositiveInt, ShapeError } from '../errors.js';
import { type Shape, shapeString, Tensor } from '../tensor.js';
import { allocLike, type BaseLayerConfig, SimpleLayer } from './layer.js';

export interface RepeatVectorConfig extends BaseLayerConfig {
  /** How many times to repeat the input. */
  n: number;
}

export class RepeatVector extends SimpleLayer {
  readonly className = 'RepeatVector';
  readonly config: { name: string; n: number };

  constructor(config: RepeatVectorConfig) {
    super(config, 'repeat_vector', ['n']);
    this.config = { name: this.name, n: checkPositiveInt(config?.n, 'n', `repeatVector '${this.name}'`) };
  }

  protected override declare(inputShapes: Shape[]): void {
    if (inputShapes[0].length !== 1)
      throw new ShapeError(`expected per-sample input shape [features], got ${shapeString(inputShapes[0])}`, this.name);
  }

  override computeOutputShape(inputShape: Shape): number[] {
    return [this.config.n, inputShape[0]];
  }

  override forward(x: Tensor): Tensor {
    if (x.rank !== 2)
      throw new ShapeError(`expected 2-D input [samples, features], got ${shapeString(x.shape)}`, this.name);
    const [B, D] = x.shape,
      n = this.config.n;
    const y = new Tensor(allocLike(B * n * D), [B, n, D]);
    for (let b = 0; b < B; b++) {
      const row = x.data.subarray(b * D, (b + 1) * D);
      for (let t = 0; t < n; t++) y.data.set(row, (b * n + t) * D);
    }
    return y;
  }

  override backwardOne(dy: Tensor): Tensor {
    const [B, n, D] = dy.shape;
    const dx = new Tensor(allocLike(B * D), [B, D]);
    for (let b = 0; b < B; b++)
      for (let t = 0; t < n; t++) for (let d = 0; d < D; d++) dx.data[b * D + d] += dy.data[(b * n + t) * D + d];
    return dx;
  }

  override getConfig(): { name: string; n: number } {
    return this.config;
  }
}

/**
 * Repeats a (B,D) input n times into (B,n,D).
 * @example const layer = repeatVector({ n: 2 });
 */
export function repeatVector(config: RepeatVectorConfig | number): RepeatVector {
  return new RepeatVector(typeof config === 'number' ? { n: config } : config);
}
