// TimeDistributed (Keras): applies the wrapped layer to every timestep. (B,T,...) is reshaped to
// (B·T,...), the layer runs once on all steps, and the output is reshaped to (B,T,...out). A mask
// (B,T,T2,...) reaches the wrapped layer as (B·T,T2,...) (Keras hands each step its slice of the
// mask: a TimeDistributed LSTM skips the masked inner steps); the mask passes through unchanged.
// Weights are the wrapped layer's.

import { ConfigError, ShapeError } from '../errors.js';
import type { Rng } from '../rng.js';
import { type Shape, shapeString, type Tensor } from '../tensor.js';
import { type BaseLayerConfig, type CallContext, Layer, type Param } from './layer.js';

export class TimeDistributed extends Layer {
  readonly className = 'TimeDistributed';
  readonly layer: Layer;
  private shapes: { B: number; T: number } | null = null;

  constructor(layer: Layer, config: BaseLayerConfig = {}) {
    super(config, 'time_distributed', []);
    if (!(layer instanceof Layer))
      throw new ConfigError(`timeDistributed() wraps a layer, got ${typeof layer}`, this.name);
    this.layer = layer;
  }

  private inner(s: Shape): number[] {
    if (s.length < 2)
      throw new ShapeError(`expected per-sample shape [timesteps, ...], got ${shapeString(s)}`, this.name);
    return s.slice(1);
  }

  override build(inputShapes: Shape[], rng: Rng): void {
    if (this.built) return;
    if (!this.layer.built) this.layer.build([this.inner(inputShapes[0])], rng);
    super.build(inputShapes, rng);
  }

  protected override declare(): void {}

  override params(): Param[] {
    return this.layer.params();
  }

  override computeOutputShapes(inputShapes: Shape[]): number[][] {
    const outs = this.layer.computeOutputShapes([this.inner(inputShapes[0])]);
    return outs.map((o) => [inputShapes[0][0], ...o]);
  }

  override computeMask(_inputs: Tensor[], mask: Tensor | null): Tensor | null {
    return mask;
  }

  override call(inputs: Tensor[], ctx: CallContext): Tensor[] {
    this.assertBuilt('call');
    const x = inputs[0];
    if (x.rank < 3)
      throw new ShapeError(
        `expected input [samples, timesteps, ...] of rank 3 or more, got ${shapeString(x.shape)}`,
        this.name,
      );
    const [B, T] = x.shape;
    this.shapes = { B, T };
    const m = ctx.mask && ctx.mask.rank > 2 ? ctx.mask.reshape([B * T, ...ctx.mask.shape.slice(2)]) : null;
    const outs = this.layer.call([x.reshape([B * T, ...x.shape.slice(2)])], { training: ctx.training, mask: m });
    return outs.map((o) => o.reshape([B, T, ...o.shape.slice(1)]));
  }

  override backward(dOutputs: (Tensor | null)[]): (Tensor | null)[] {
    const { B, T } = this.shapes!;
    const d = this.layer.backward(dOutputs.map((g) => (g ? g.reshape([B * T, ...g.shape.slice(2)]) : null)));
    return d.map((g) => (g ? g.reshape([B, T, ...g.shape.slice(1)]) : null));
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, layer: { className: this.layer.className, config: this.layer.getConfig() } };
  }
}

/**
 * Applies a layer to every timestep of a sequence.
 * @example const layer = timeDistributed(dense({ units: 1 }));
 */
export function timeDistributed(layer: Layer, config: BaseLayerConfig = {}): TimeDistributed {
  return new TimeDistributed(layer, config);
}
