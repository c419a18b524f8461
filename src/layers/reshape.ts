// Reshape (Keras): per-sample target shape, one entry may be -1 (inferred). No copy.

import { ConfigError, ShapeError } from '../errors.js';
import { type Shape, shapeString, sizeOf, type Tensor } from '../tensor.js';
import { type BaseLayerConfig, SimpleLayer } from './layer.js';

export interface ReshapeConfig extends BaseLayerConfig {
  /** Per-sample output shape (no batch axis); one entry may be -1. */
  targetShape: number[];
}

export class Reshape extends SimpleLayer {
  readonly className = 'Reshape';
  readonly config: { name: string; targetShape: number[] };
  private inShape: number[] | null = null;

  constructor(config: ReshapeConfig) {
    super(config, 'reshape', ['targetShape']);
    const where = `reshape '${this.name}'`;
    const t = config?.targetShape;
    if (
      !Array.isArray(t) ||
      t.some((d) => !(Number.isInteger(d) && (d > 0 || d === -1))) ||
      t.filter((d) => d === -1).length > 1
    ) {
      throw new ConfigError(
        `targetShape must be positive integers with at most one -1, got ${JSON.stringify(t)}`,
        where,
      );
    }
    this.config = { name: this.name, targetShape: [...t] };
  }

  protected override declare(inputShapes: Shape[]): void {
    this.computeOutputShape(inputShapes[0]);
  }

  override computeOutputShape(inputShape: Shape): number[] {
    const n = sizeOf(inputShape),
      s = [...this.config.targetShape];
    const free = s.indexOf(-1);
    if (free >= 0) s[free] = n / sizeOf(s.filter((d) => d !== -1));
    if (sizeOf(s) !== n || s.some((d) => !Number.isInteger(d))) {
      throw new ShapeError(
        `cannot reshape per-sample shape ${shapeString(inputShape)} (${n} values) to ${shapeString(this.config.targetShape)}`,
        this.name,
      );
    }
    return s;
  }

  override forward(x: Tensor): Tensor {
    this.inShape = x.shape;
    return x.reshape([x.shape[0], ...this.computeOutputShape(x.shape.slice(1))]);
  }

  override backwardOne(dy: Tensor): Tensor {
    return dy.reshape(this.inShape ?? dy.shape);
  }

  override getConfig(): { name: string; targetShape: number[] } {
    return this.config;
  }
}

/**
 * Reshapes every sample to targetShape.
 * @example const layer = reshape({ targetShape: [2, -1] });
 */
export function reshape(config: ReshapeConfig): Reshape {
  return new Reshape(config);
}
