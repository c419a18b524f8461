// Dropout layer (Keras Dropout): in training, zeroes each value with probability `rate` and scales the
// rest by 1/(1−rate); at inference it passes its input through unchanged. Masks come from a seeded Rng.

import { checkRange } from '../errors.js';
import { globalRng, Rng } from '../rng.js';
import { type FloatArray, type Shape, Tensor } from '../tensor.js';
import { allocLike, type BaseLayerConfig, type CallContext, SimpleLayer } from './layer.js';

export interface DropoutConfig extends BaseLayerConfig {
  /** Fraction of the values to drop, in [0, 1). */
  rate: number;
  /** Seed of the layer's own mask generator; default: forked from the global generator. */
  seed?: number;
}
export type ResolvedDropoutConfig = { name: string; rate: number; seed: number | null };

export class Dropout extends SimpleLayer {
  readonly className = 'Dropout';
  readonly config: ResolvedDropoutConfig;
  /** The mask of the last training call (null at inference or rate 0). */
  lastMask: FloatArray | null = null;
  private readonly rng: Rng;

  constructor(config: DropoutConfig) {
    super(config ?? { rate: Number.NaN }, 'dropout', ['rate', 'seed']);
    const where = `dropout '${this.name}'`;
    this.config = {
      name: this.name,
      rate: checkRange(config.rate, 0, 0.999, 'rate', where),
      seed: config.seed ?? null,
    };
    this.rng = config.seed === undefined ? globalRng().fork() : new Rng(config.seed);
  }

  protected override declare(): void {}

  override computeOutputShape(inputShape: Shape): number[] {
    return [...inputShape];
  }

  override computeMask(_inputs: Tensor[], mask: Tensor | null): Tensor | null {
    return mask;
  }

  override forward(x: Tensor, ctx: CallContext): Tensor {
    this.lastMask = null;
    if (!ctx.training || this.config.rate === 0) return x;
    const rate = this.config.rate,
      keep = 1 / (1 - rate);
    const m = allocLike(x.size),
      y = new Tensor(allocLike(x.size), x.shape);
    for (let i = 0; i < x.size; i++) {
      m[i] = this.rng.next() < rate ? 0 : keep;
      y.data[i] = x.data[i] * m[i];
    }
    this.lastMask = m;
    return y;
  }

  override backwardOne(dy: Tensor): Tensor {
    const m = this.lastMask;
    if (!m) return dy;
    const dx = new Tensor(allocLike(dy.size), dy.shape);
    for (let i = 0; i < dy.size; i++) dx.data[i] = dy.data[i] * m[i];
    return dx;
  }

  override getConfig(): ResolvedDropoutConfig {
    return this.config;
  }
}

/**
 * Randomly drops a fraction of its inputs in training (Keras Dropout); identity at inference.
 * @example const layer = dropout({ rate: 0.2 });
 */
export function dropout(config: DropoutConfig): Dropout {
  return new Dropout(config);
}
