// Merge layers (Keras Concatenate and Add): several inputs of compatible shapes, one output.
// The output mask is the AND of the inputs' masks (Keras' Merge.compute_mask).

import { ConfigError, ShapeError } from '../errors.js';
import { type Shape, shapeString, sizeOf, Tensor } from '../tensor.js';
import { allocLike, type BaseLayerConfig, type CallContext, Layer } from './layer.js';

abstract class Merge extends Layer {
  private masks: (Tensor | null)[] = [];
  protected shapes: number[][] = [];

  protected override declare(inputShapes: Shape[]): void {
    if (inputShapes.length < 2)
      throw new ShapeError(`a merge layer takes at least 2 inputs, got ${inputShapes.length}`, this.name);
    this.computeOutputShapes(inputShapes);
  }

  override call(inputs: Tensor[], ctx: CallContext): Tensor[] {
    this.assertBuilt('call');
    if (inputs.length < 2)
      throw new ShapeError(`a merge layer takes at least 2 inputs, got ${inputs.length}`, this.name);
    this.masks = ctx.masks ?? [ctx.mask];
    this.shapes = inputs.map((t) => t.shape);
    return [this.merge(inputs)];
  }

  protected abstract merge(inputs: Tensor[]): Tensor;

  override computeMask(_inputs: Tensor[], _mask: Tensor | null): Tensor | null {
    const ms = this.masks.filter((m): m is Tensor => m !== null);
    if (ms.length === 0) return null;
    const out = new Tensor(allocLike(ms[0].size), ms[0].shape);
    out.data.fill(1);
    for (const m of ms) for (let i = 0; i < out.size; i++) if (m.data[i] === 0) out.data[i] = 0;
    return out;
  }
}

export interface ConcatenateConfig extends BaseLayerConfig {
  /** Axis to join along, counting the batch axis as 0; negative counts from the end. Default -1. */
  axis?: number;
}

export class Concatenate extends Merge {
  readonly className = 'Concatenate';
  readonly config: { name: string; axis: number };

  constructor(config: ConcatenateConfig = {}) {
    super(config, 'concatenate', ['axis']);
    const axis = config.axis ?? -1;
    if (!Number.isInteger(axis) || axis === 0)
      throw new ConfigError(
        `axis must be a non-zero integer (0 is the batch axis), got ${axis}`,
        `concatenate '${this.name}'`,
      );
    this.config = { name: this.name, axis };
  }

  /** Per-sample axis index for per-sample rank r. */
  private axisFor(r: number): number {
    const a = this.config.axis < 0 ? r + this.config.axis : this.config.axis - 1;
    if (a < 0 || a >= r)
      throw new ShapeError(`axis ${this.config.axis} is out of range for inputs of per-sample rank ${r}`, this.name);
    return a;
  }

  override computeOutputShapes(inputShapes: Shape[]): number[][] {
    const r = inputShapes[0].length,
      a = this.axisFor(r);
    const out = [...inputShapes[0]];
    for (const s of inputShapes.slice(1)) {
      if (s.length !== r || s.some((d, i) => i !== a && !Object.is(d, inputShapes[0][i]))) {
        throw new ShapeError(
          `inputs must match except on the concat axis: ${inputShapes.map(shapeString).join(' vs ')}`,
          this.name,
        );
      }
      out[a] += s[a];
    }
    return [out];
  }

  protected merge(inputs: Tensor[]): Tensor {
    const a = this.axisFor(inputs[0].rank - 1) + 1;
    const outer = sizeOf(inputs[0].shape.slice(0, a)),
      inner = sizeOf(inputs[0].shape.slice(a + 1));
    const widths = inputs.map((t) => t.shape[a] * inner),
      W = widths.reduce((s, w) => s + w, 0);
    const shape = [...inputs[0].shape];
    shape[a] = W / inner;
    const y = new Tensor(allocLike(outer * W), shape);
    let off = 0;
    inputs.forEach((t, k) => {
      for (let o = 0; o < outer; o++) y.data.set(t.data.subarray(o * widths[k], (o + 1) * widths[k]), o * W + off);
      off += widths[k];
    });
    return y;
  }

  override backward(dOutputs: (Tensor | null)[]): (Tensor | null)[] {
    const dy = dOutputs[0]!;
    const a = this.axisFor(dy.rank - 1) + 1;
    const outer = sizeOf(dy.shape.slice(0, a)),
      inner = sizeOf(dy.shape.slice(a + 1));
    const W = dy.shape[a] * inner;
    let off = 0;
    return this.shapes.map((s) => {
      const w = s[a] * inner;
      const dx = new Tensor(allocLike(outer * w), s);
      for (let o = 0; o < outer; o++) dx.data.set(dy.data.subarray(o * W + off, o * W + off + w), o * w);
      off += w;
      return dx;
    });
  }

  override getConfig(): { name: string; axis: number } {
    return this.config;
  }
}

export class Add extends Merge {
  readonly className = 'Add';

  constructor(config: BaseLayerConfig = {}) {
    super(config, 'add', []);
  }

  override computeOutputShapes(inputShapes: Shape[]): number[][] {
    for (const s of inputShapes) {
      if (shapeString(s) !== shapeString(inputShapes[0]))
        throw new ShapeError(
          `add needs inputs of one shape, got ${inputShapes.map(shapeString).join(' vs ')}`,
          this.name,
        );
    }
    return [[...inputShapes[0]]];
  }

  protected merge(inputs: Tensor[]): Tensor {
    const y = new Tensor(allocLike(inputs[0].size), inputs[0].shape);
    for (const t of inputs) {
      if (t.size !== y.size)
        throw new ShapeError(
          `add needs inputs of one shape, got ${inputs.map((i) => shapeString(i.shape)).join(' vs ')}`,
          this.name,
        );
      for (let i = 0; i < y.size; i++) y.data[i] += t.data[i];
    }
    return y;
  }

  override backward(dOutputs: (Tensor | null)[]): (Tensor | null)[] {
    return this.shapes.map(() => dOutputs[0]);
  }

  override getConfig(): { name: string } {
    return { name: this.name };
  }
}

/**
 * Joins inputs along an axis (default the last).
 * @example const y = concatenate().apply([a, b]);
 */
export function concatenate(config: ConcatenateConfig = {}): Concatenate {
  return new Concatenate(config);
}

/**
 * Sums inputs of one shape.
 * @example const y = add().apply([a, b]);
 */
export function add(config: BaseLayerConfig = {}): Add {
  return new Add(config);
}
