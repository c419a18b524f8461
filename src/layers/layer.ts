// The layer contract: build(inputShapes, rng) declares weights, call() runs forward on a batch,
// backward() takes output gradients, accumulates weight gradients and returns input gradients.
// Shapes here are per sample (no batch dimension). Weights of one layer live in one flat buffer.

import { getBackend, weightsChanged } from '../backend/backend.js';
import { ConfigError, ShapeError, StateError } from '../errors.js';
import { BASE_LAYER_KEYS, checkConfigKeys } from '../config-check.js';
import { initialize, type InitializerSpec } from '../initializers.js';
import { applyLayer, type SymbolicTensor } from './symbolic.js';
import type { Rng } from '../rng.js';
import {
  type FloatArray,
  fromConfigShape,
  type Shape,
  shapeString,
  sizeOf,
  Tensor,
  type TensorLike,
  tensor,
} from '../tensor.js';

/** A trainable (or frozen) weight: value and gradient are views into the layer's flat buffers. */
export interface Param {
  name: string;
  shape: number[];
  value: FloatArray;
  grad: FloatArray;
  trainable: boolean;
}

export interface CallContext {
  training: boolean;
  /** Per-sample step mask (B,T), 1 = real step, 0 = padding; null when there is none. */
  mask: Tensor | null;
  /** In graph models, the mask of every input (mask is masks[0]); merge and attention layers read it. */
  masks?: (Tensor | null)[];
}

interface WeightSpec {
  name: string;
  shape: number[];
  init: InitializerSpec;
  trainable: boolean;
  /** Custom filling after the initializer (e.g. unitForgetBias). */
  after?: (value: FloatArray) => void;
}

const counters = new Map<string, number>();
/** Keras-style unique names: 'lstm', 'lstm_1', 'lstm_2', ... */
export function uniqueName(base: string): string {
  const n = counters.get(base) ?? 0;
  counters.set(base, n + 1);
  return n === 0 ? base : `${base}_${n}`;
}

/** Options every layer accepts. */
export interface BaseLayerConfig {
  name?: string;
  /**
   * Per-sample input shape, needed on the first layer of a sequential model, e.g. [timesteps, features];
   * null for a dimension whose size varies between batches, e.g. [null, features] for any length.
   */
  inputShape?: (number | null)[];
  trainable?: boolean;
}

export abstract class Layer {
  /** The Keras class name, e.g. 'LSTM', used in summaries and serialization. */
  abstract readonly className: string;
  readonly name: string;
  inputShape: number[] | null;
  trainable: boolean;
  built = false;
  protected specs: WeightSpec[] = [];
  private weights: Param[] = [];

  /**
   * `keys`: the options this layer accepts beside name, inputShape and trainable; when given, any other
   * key is a ConfigError (every built-in layer gives them; a custom layer may leave them out).
   */
  constructor(config: BaseLayerConfig, baseName: string, keys?: readonly string[]) {
    if (config === null || typeof config !== 'object' || Array.isArray(config))
      throw new ConfigError(`expected a config object, got ${config === null ? 'null' : typeof config}`, baseName);
    if (keys) checkConfigKeys(config, [...BASE_LAYER_KEYS, ...keys], `${baseName} '${config.name ?? baseName}'`);
    this.name = config.name ?? uniqueName(baseName);
    if (config.inputShape !== undefined && !Array.isArray(config.inputShape))
      throw new ConfigError(`inputShape must be an array, got ${JSON.stringify(config.inputShape)}`, this.name);
    this.inputShape = config.inputShape ? fromConfigShape(config.inputShape) : null;
    if (config.inputShape) {
      for (const d of config.inputShape) {
        if (d !== null && (!Number.isInteger(d) || d <= 0)) {
          throw new ConfigError(
            `inputShape must be positive integers, or null for a size that varies (per sample, no batch dimension), got ${shapeString(config.inputShape)}`,
            this.name,
          );
        }
      }
    }
    this.trainable = config.trainable ?? true;
  }

  /** Declares weights for these per-sample input shapes (first: the main input). */
  protected abstract declare(inputShapes: Shape[]): void;
  /** Per-sample output shapes for the given input shapes. */
  abstract computeOutputShapes(inputShapes: Shape[]): number[][];
  /** Forward over a batch; inputs[0] is the main input. */
  abstract call(inputs: Tensor[], ctx: CallContext): Tensor[];
  /**
   * Backward for the last call: accumulates weight gradients, returns input gradients (null where none).
   * inputGradients false: the caller discards them (a model's first layer, fed by the model's inputs),
   * so a layer may skip computing them and return null in their place; the weight gradients are the same.
   */
  abstract backward(dOutputs: (Tensor | null)[], inputGradients?: boolean): (Tensor | null)[];
  /** The Keras-shaped config with every default resolved. */
  abstract getConfig(): Record<string, unknown>;

  /** The mask of this layer's output given its input mask (default: none). */
  computeMask(_inputs: Tensor[], _mask: Tensor | null): Tensor | null {
    return null;
  }

  /** Adds a weight during declare(). */
  protected addWeight(name: string, shape: number[], init: InitializerSpec, after?: (v: FloatArray) => void): void {
    this.specs.push({ name, shape, init, trainable: true, ...(after ? { after } : {}) });
  }

  /** Declares and allocates the weights, initialized from `rng`. */
  build(inputShapes: Shape[], rng: Rng): void {
    if (this.built) return;
    this.specs = [];
    this.declare(inputShapes);
    for (const w of this.specs)
      if (w.shape.some((d) => !(Number.isInteger(d) && d > 0)))
        throw new ShapeError(
          `weight '${w.name}' would have shape ${shapeString(w.shape)} for input ${shapeString(inputShapes[0])}: its size depends on a dimension whose size varies (null); give that dimension a size in inputShape`,
          this.name,
        );
    const b = getBackend();
    const total = this.specs.reduce((s, w) => s + sizeOf(w.shape), 0);
    const values = b.alloc(total),
      grads = b.alloc(total);
    let off = 0;
    this.weights = this.specs.map((w) => {
      const n = sizeOf(w.shape);
      const p: Param = {
        name: `${this.name}/${w.name}`,
        shape: w.shape,
        value: values.subarray(off, off + n),
        grad: grads.subarray(off, off + n),
        trainable: w.trainable,
      };
      off += n;
      initialize(w.init, p.value, w.shape, rng, `${this.name}.${w.name}`, b.gemm);
      w.after?.(p.value);
      return p;
    });
    if (!this.inputShape) this.inputShape = [...inputShapes[0]];
    this.built = true;
  }

  /** Weights with their gradients (trainable or not). */
  params(): Param[] {
    return this.weights;
  }

  countParams(): number {
    return this.params().reduce((s, p) => s + p.value.length, 0);
  }

  /** Copies of the weights in Keras order and layout. */
  getWeights(): Tensor[] {
    this.assertBuilt('getWeights');
    return this.params().map((p) => new Tensor(Float32Array.from(p.value), p.shape));
  }

  /** Sets the weights (Keras order and layout); shapes must match exactly. */
  setWeights(weights: TensorLike[]): void {
    this.assertBuilt('setWeights');
    const own = this.params();
    if (weights.length !== own.length) {
      throw new ShapeError(
        `expected ${own.length} weight arrays (${own.map((p) => p.name.split('/')[1]).join(', ')}), got ${weights.length}`,
        `${this.name}.setWeights`,
      );
    }
    const checked = weights.map((w, i) => {
      const p = own[i];
      const t = tensor(w);
      if (t.size !== p.value.length || (t.rank > 1 && t.shape.some((d, k) => d !== p.shape[k]))) {
        throw new ShapeError(
          `weight ${p.name} must have shape ${shapeString(p.shape)}, got ${shapeString(t.shape)}`,
          `${this.name}.setWeights`,
        );
      }
      return t;
    });
    for (const [i, t] of checked.entries()) own[i].value.set(t.data);
    weightsChanged();
  }

  /**
   * Connects the layer in a graph model: builds it for the symbolic inputs' shapes (first use) and
   * returns its symbolic output, or the list of outputs for a multi-output layer (pass the type).
   * Extra inputs after the first are the layer's other inputs (an RNN's initial states, a merge's operands).
   * @example const [y, h, c] = lstm({ units: 8, returnState: true }).apply<SymbolicTensor[]>(input({ shape: [5, 3] }));
   */
  apply<T extends SymbolicTensor | SymbolicTensor[] = SymbolicTensor>(inputs: SymbolicTensor | SymbolicTensor[]): T {
    return applyLayer(this, inputs) as T;
  }

  protected assertBuilt(what: string): void {
    if (!this.built) {
      throw new StateError(
        `layer '${this.name}' is not built yet: give the first layer an inputShape, call model.build(), or fit the model before ${what}()`,
        this.name,
      );
    }
  }
}

/** Base for layers with one input and one output. */
export abstract class SimpleLayer extends Layer {
  abstract forward(x: Tensor, ctx: CallContext): Tensor;
  abstract backwardOne(dy: Tensor): Tensor | null;
  abstract computeOutputShape(inputShape: Shape): number[];
  override call(inputs: Tensor[], ctx: CallContext): Tensor[] {
    this.assertBuilt('call');
    return [this.forward(inputs[0], ctx)];
  }
  override backward(dOutputs: (Tensor | null)[]): (Tensor | null)[] {
    const dy = dOutputs[0];
    if (!dy) throw new StateError('backward needs the output gradient', this.name);
    return [this.backwardOne(dy)];
  }
  override computeOutputShapes(inputShapes: Shape[]): number[][] {
    return [this.computeOutputShape(inputShapes[0])];
  }
}

/** Allocates a float array of the current backend's type. */
export function allocLike(n: number): FloatArray {
  return getBackend().alloc(n);
}

/** The input converted to the backend's array type (no copy when it already matches). */
export function asBackendTensor(t: Tensor): Tensor {
  const b = getBackend();
  const ok = b.dtype === 'float64' ? t.data instanceof Float64Array : t.data instanceof Float32Array;
  if (ok) return t;
  const d = b.alloc(t.size);
  d.set(t.data);
  return new Tensor(d, t.shape);
}
