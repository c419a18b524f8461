// Masking (Keras): a step is masked when every feature (the last axis) equals maskValue. The output
// is the input with masked steps zeroed, and the mask (B,T) flows to the next layers (RNNs skip
// masked steps); on (B,T,T2,F) input the mask is (B,T,T2), for a TimeDistributed recurrent layer.

import { ShapeError } from '../errors.js';
import { type Shape, shapeString, Tensor } from '../tensor.js';
import { checkNumber } from '../config-check.js';
import { allocLike, type BaseLayerConfig, SimpleLayer } from './layer.js';

export interface MaskingConfig extends BaseLayerConfig {
  /** Default 0. */
  maskValue?: number;
}

export class Masking extends SimpleLayer {
  readonly className = 'Masking';
  readonly config: { name: string; maskValue: number };
  private keep: Tensor | null = null;

  constructor(config: MaskingConfig = {}) {
    super(config, 'masking', ['maskValue']);
    this.config = {
      name: this.name,
      maskValue: checkNumber(config.maskValue, 0, 'maskValue', `masking '${this.name}'`),
    };
  }

  protected override declare(inputShapes: Shape[]): void {
    if (inputShapes[0].length < 2)
      throw new ShapeError(
        `expected per-sample shape [timesteps, features], got ${shapeString(inputShapes[0])}`,
        this.name,
      );
  }

  override computeOutputShape(inputShape: Shape): number[] {
    return [...inputShape];
  }

  /** keep (B,T,...) = every axis but the last: 1 where some feature differs from maskValue. */
  private stepMask(x: Tensor): Tensor {
    const F = x.shape[x.rank - 1],
      rows = x.size / F,
      v = this.config.maskValue;
    const m = new Tensor(allocLike(rows), x.shape.slice(0, -1));
    for (let r = 0; r < rows; r++) {
      let any = 0;
      for (let f = 0; f < F; f++)
        if (x.data[r * F + f] !== v) {
          any = 1;
          break;
        }
      m.data[r] = any;
    }
    return m;
  }

  override computeMask(inputs: Tensor[]): Tensor | null {
    return this.stepMask(inputs[0]);
  }

  override forward(x: Tensor): Tensor {
    if (x.rank < 3)
      throw new ShapeError(`expected input [samples, timesteps, features], got ${shapeString(x.shape)}`, this.name);
    const keep = this.stepMask(x);
    const F = x.size / keep.size;
    const y = new Tensor(allocLike(x.size), x.shape);
    for (let r = 0; r < keep.size; r++) if (keep.data[r]) y.data.set(x.data.subarray(r * F, (r + 1) * F), r * F);
    this.keep = keep;
    return y;
  }

  override backwardOne(dy: Tensor): Tensor {
    const keep = this.keep!,
      F = dy.size / keep.size;
    const dx = new Tensor(allocLike(dy.size), dy.shape);
    for (let r = 0; r < keep.size; r++) if (keep.data[r]) dx.data.set(dy.data.subarray(r * F, (r + 1) * F), r * F);
    return dx;
  }

  override getConfig(): { name: string; maskValue: number } {
    return this.config;
  }
}

/**
 * Skips timesteps whose features all equal maskValue in the layers after it.
 * @example const layer = masking({ maskValue: 0, inputShape: [10, 3] });
 */
export function masking(config: MaskingConfig = {}): Masking {
  return new Masking(config);
}
