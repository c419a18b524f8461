// Flatten (Keras): (B, d1, d2, ...) -> (B, d1·d2·...). Values are not copied; backward reshapes back.

import { type Shape, sizeOf, type Tensor } from '../tensor.js';
import { type BaseLayerConfig, SimpleLayer } from './layer.js';

export class Flatten extends SimpleLayer {
  readonly className = 'Flatten';
  private inShape: number[] | null = null;

  constructor(config: BaseLayerConfig = {}) {
    super(config, 'flatten', []);
  }

  protected override declare(): void {}

  override computeOutputShape(inputShape: Shape): number[] {
    return [sizeOf(inputShape)];
  }

  override forward(x: Tensor): Tensor {
    this.inShape = x.shape;
    return x.reshape([x.shape[0], x.size / x.shape[0]]);
  }

  override backwardOne(dy: Tensor): Tensor {
    return dy.reshape(this.inShape ?? dy.shape);
  }

  override getConfig(): { name: string } {
    return { name: this.name };
  }
}

/**
 * Flattens every sample to one axis.
 * @example const layer = flatten();
 */
export function flatten(config: BaseLayerConfig = {}): Flatten {
  return new Flatten(config);
}
