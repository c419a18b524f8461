// Embedding (Keras): integer ids (B,T) -> vectors (B,T,E) from embeddings (inputDim, E).
// maskZero: id 0 is padding and the output mask is (ids != 0), so inputDim must count id 0.

import { checkPositiveInt, DataError, ShapeError } from '../errors.js';
import { type InitializerSpec, resolveInitializer } from '../initializers.js';
import { type Shape, Tensor } from '../tensor.js';
import { checkBoolean } from '../config-check.js';
import { allocLike, type BaseLayerConfig, SimpleLayer } from './layer.js';

export interface EmbeddingConfig extends BaseLayerConfig {
  /** Vocabulary size: ids are 0 .. inputDim-1. */
  inputDim: number;
  /** Size of each vector. */
  outputDim: number;
  /** Treat id 0 as padding and emit a mask. Default false. */
  maskZero?: boolean;
  /** Default 'randomUniform' (Keras: uniform in [-0.05, 0.05]). */
  embeddingsInitializer?: InitializerSpec;
}

export type ResolvedEmbeddingConfig = {
  name: string;
  inputDim: number;
  outputDim: number;
  maskZero: boolean;
  embeddingsInitializer: Exclude<InitializerSpec, string>;
};

export class Embedding extends SimpleLayer {
  readonly className = 'Embedding';
  readonly config: ResolvedEmbeddingConfig;
  private ids: Int32Array | null = null;

  constructor(config: EmbeddingConfig) {
    super(config, 'embedding', ['inputDim', 'outputDim', 'maskZero', 'embeddingsInitializer']);
    const where = `embedding '${this.name}'`;
    this.config = {
      name: this.name,
      inputDim: checkPositiveInt(config?.inputDim, 'inputDim', where),
      outputDim: checkPositiveInt(config.outputDim, 'outputDim', where),
      maskZero: checkBoolean(config.maskZero, false, 'maskZero', where),
      embeddingsInitializer: resolveInitializer(
        config.embeddingsInitializer ?? { name: 'randomUniform', minval: -0.05, maxval: 0.05 },
        where,
      ),
    };
  }

  protected override declare(): void {
    this.addWeight('embeddings', [this.config.inputDim, this.config.outputDim], this.config.embeddingsInitializer);
  }

  override computeOutputShape(inputShape: Shape): number[] {
    return [...inputShape, this.config.outputDim];
  }

  override computeMask(inputs: Tensor[]): Tensor | null {
    if (!this.config.maskZero) return null;
    const x = inputs[0];
    const m = new Tensor(allocLike(x.size), x.shape);
    for (let i = 0; i < x.size; i++) m.data[i] = x.data[i] !== 0 ? 1 : 0;
    return m;
  }

  override forward(x: Tensor): Tensor {
    const [E] = this.params();
    const V = this.config.inputDim,
      D = this.config.outputDim;
    const ids = new Int32Array(x.size);
    for (let i = 0; i < x.size; i++) {
      const v = x.data[i];
      if (!Number.isInteger(v) || v < 0 || v >= V) {
        throw new DataError(
          `ids must be integers in [0, ${V - 1}] (inputDim ${V}); got ${v} at flat index ${i}`,
          this.name,
        );
      }
      ids[i] = v;
    }
    if (x.rank < 1) throw new ShapeError('expected ids with a samples axis', this.name);
    const y = new Tensor(allocLike(x.size * D), [...x.shape, D]);
    for (let i = 0; i < ids.length; i++) y.data.set(E.value.subarray(ids[i] * D, (ids[i] + 1) * D), i * D);
    this.ids = ids;
    return y;
  }

  /** Scatter-adds into the embedding gradient; ids have no gradient. */
  override backwardOne(dy: Tensor): null {
    const [E] = this.params();
    const D = this.config.outputDim,
      ids = this.ids!;
    for (let i = 0; i < ids.length; i++) {
      const r = ids[i] * D;
      for (let d = 0; d < D; d++) E.grad[r + d] += dy.data[i * D + d];
    }
    return null;
  }

  override getConfig(): ResolvedEmbeddingConfig {
    return this.config;
  }
}

/**
 * Maps integer ids to learned vectors; maskZero makes id 0 padding.
 * @example const layer = embedding({ inputDim: 100, outputDim: 16, maskZero: true });
 */
export function embedding(config: EmbeddingConfig): Embedding {
  return new Embedding(config);
}
