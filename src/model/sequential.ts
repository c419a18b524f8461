// Sequential: a stack of single-input, single-output layers; masks flow from layer to layer.

import { ConfigError, ShapeError } from '../errors.js';
import { Layer, uniqueName } from '../layers/layer.js';
import { type Shape, shapeString, type Tensor, type TensorLike } from '../tensor.js';
import { Model, type PredictConfig } from './model.js';
import { stepModel } from './streaming.js';
import { summaryShape, summaryTable } from './summary.js';

export interface SequentialConfig {
  name?: string;
}

export class Sequential extends Model {
  readonly name: string;
  private readonly stack: Layer[] = [];
  private shapes: number[][] | null = null;
  private lastMasks: (Tensor | null)[] = [];

  constructor(layers: Layer[] = [], config: SequentialConfig = {}) {
    super();
    this.name = config.name ?? uniqueName('sequential');
    for (const l of layers) this.add(l);
  }

  get layers(): Layer[] {
    return this.stack;
  }
  get inputCount(): number {
    return 1;
  }
  get outputCount(): number {
    return 1;
  }
  inputShapes(): number[][] | null {
    return this.shapes;
  }

  /** Appends a layer; builds the model as soon as the first layer's inputShape is known. */
  add(layer: Layer): void {
    if (!(layer instanceof Layer)) throw new ConfigError(`sequential() takes layers, got ${typeof layer}`, this.name);
    if (this.stack.includes(layer)) throw new ConfigError(`layer '${layer.name}' is already in this model`, this.name);
    if (this.stack.length > 0 && layer.inputShape && !layer.built) {
      // Keras ignores inputShape on later layers; we do too, but only when it agrees.
    }
    this.stack.push(layer);
    if (this.shapes || this.stack[0].inputShape) this.build([this.shapes?.[0] ?? this.stack[0].inputShape!]);
  }

  build(inputShapes: number[][]): void {
    let shape: Shape = inputShapes[0];
    for (const layer of this.stack) {
      if (!layer.built) layer.build([shape], this.rng);
      const outs = layer.computeOutputShapes([shape]);
      if (outs.length !== 1) {
        throw new ConfigError(
          `layer '${layer.name}' has ${outs.length} outputs (returnState?); use a functional model (model({ inputs, outputs })) for it`,
          this.name,
        );
      }
      shape = outs[0];
    }
    this.shapes = [[...inputShapes[0]]];
  }

  /** Per-sample output shape of every layer. */
  outputShapes(): number[][] {
    this.assertBuilt('outputShapes');
    let shape: Shape = this.shapes![0];
    return this.stack.map((l) => (shape = l.computeOutputShapes([shape])[0]) as number[]);
  }

  protected forwardBatch(xs: Tensor[], training: boolean): Tensor[] {
    let h = xs[0];
    let mask: Tensor | null = null;
    this.lastMasks = [];
    for (const layer of this.stack) {
      const out = layer.call([h], { training, mask });
      const next = layer.computeMask([h], mask);
      this.lastMasks.push(mask);
      mask = next;
      h = out[0];
    }
    return [h];
  }

  protected backwardBatch(dys: Tensor[]): void {
    let d: Tensor | null = dys[0];
    for (let i = this.stack.length - 1; i >= 0 && d; i--) {
      d = this.stack[i].backward([d], i > 0)[0]; // the first layer's input gradient would be discarded
    }
  }

  /** Predictions for x, in batches (default 32). */
  predict(x: TensorLike, config: PredictConfig = {}): Tensor {
    return this.predictOutputs(x, config)[0];
  }

  /**
   * Streaming inference: runs one time step x_t ([batch, features], or [features] for one sample) with
   * every recurrent layer's state carried from the previous step, and returns the model's output for
   * that step (the full-sequence output at the same step). resetStates() starts a new sequence.
   * @example model.resetStates(); for (const x of observations) console.log(model.step([x]).data[0]);
   */
  step(x: TensorLike): Tensor {
    return stepModel(this, x);
  }

  /** A Keras-style table of layers, output shapes and parameter counts. Returns it; prints it unless print is false. */
  summary(
    print: ((line: string) => void) | false = (l) =>
      (globalThis as { console?: { log(s: string): void } }).console?.log(l),
  ): string {
    this.assertBuilt('summary');
    const shapes = this.outputShapes();
    const rows = this.stack.map((l, i) => ({
      name: l.name,
      type: l.className,
      shape: summaryShape(shapes[i]),
      params: l.countParams(),
    }));
    const text = summaryTable(this.name, rows, this.params());
    if (print) print(text);
    return text;
  }
}

/**
 * A linear stack of layers.
 * @example const model = sequential([lstm({ units: 50, inputShape: [3, 1] }), dense({ units: 1 })]);
 */
export function sequential(layers: Layer[] = [], config: SequentialConfig = {}): Sequential {
  if (!Array.isArray(layers))
    throw new ShapeError(`sequential() takes an array of layers, got ${typeof layers}`, 'sequential');
  return new Sequential(layers, config);
}

export { shapeString };
