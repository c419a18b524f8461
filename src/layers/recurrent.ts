// What LSTM, GRU and SimpleRNN layers share: config resolution, input checks with actionable
// messages, and per-(batch, steps) workspace reuse.

import { type Activation, checkActivation } from '../kernels/activations.js';
import { checkPositiveInt, ShapeError } from '../errors.js';
import { type InitializerSpec, resolveInitializer } from '../initializers.js';
import { type Shape, shapeString, type Tensor } from '../tensor.js';
import type { BaseLayerConfig } from './layer.js';

export interface RecurrentConfig extends BaseLayerConfig {
  units: number;
  /** Default 'tanh'. */
  activation?: Activation;
  /** Default 'sigmoid' (Keras 3). tfjs and Keras 2 used 'hardSigmoidTfjs'. */
  recurrentActivation?: Activation;
  /** Default true. */
  useBias?: boolean;
  /** Default 'glorotUniform'. */
  kernelInitializer?: InitializerSpec;
  /** Default 'orthogonal'. */
  recurrentInitializer?: InitializerSpec;
  /** Default 'zeros'. */
  biasInitializer?: InitializerSpec;
  /** Return the whole output sequence (B,T,H) instead of the last output (B,H). Default false. */
  returnSequences?: boolean;
  /** Also return the final state tensors. Default false. */
  returnState?: boolean;
  /** Process the sequence from last step to first. Default false. */
  goBackwards?: boolean;
}

export type ResolvedRecurrentConfig = Required<Omit<RecurrentConfig, 'inputShape' | 'trainable'>> & { inputShape?: number[] };

export function resolveRecurrentConfig(config: RecurrentConfig, name: string, where: string): ResolvedRecurrentConfig {
  return {
    name,
    units: checkPositiveInt(config.units, 'units', where),
    activation: checkActivation(config.activation ?? 'tanh', where),
    recurrentActivation: checkActivation(config.recurrentActivation ?? 'sigmoid', where),
    useBias: config.useBias ?? true,
    kernelInitializer: resolveInitializer(config.kernelInitializer ?? 'glorotUniform', where),
    recurrentInitializer: resolveInitializer(config.recurrentInitializer ?? 'orthogonal', where),
    biasInitializer: resolveInitializer(config.biasInitializer ?? 'zeros', where),
    returnSequences: config.returnSequences ?? false,
    returnState: config.returnState ?? false,
    goBackwards: config.goBackwards ?? false,
    ...(config.inputShape ? { inputShape: [...config.inputShape] } : {}),
  };
}

/** Checks a per-sample input shape [timesteps, features]. */
export function checkSequenceShape(s: Shape, where: string): void {
  if (s.length !== 2) {
    throw new ShapeError(
      `expected per-sample input shape [timesteps, features], got ${shapeString(s)}; a recurrent layer reads 3-D input [samples, timesteps, features]`,
      where,
    );
  }
}

/** Checks a batch x against (B, T, D) with the layer's feature count D. Returns [B, T]. */
export function checkSequenceBatch(x: Tensor, D: number, where: string): [number, number] {
  if (x.rank !== 3) {
    const n = x.shape[0] ?? 1;
    const hint =
      x.rank === 2
        ? ` For ${n} samples of ${x.shape[1]} steps with one feature each, use x.reshape([${n}, ${x.shape[1]}, 1]).`
        : '';
    throw new ShapeError(`expected 3-D input [samples, timesteps, features], got shape ${shapeString(x.shape)}.${hint}`, where);
  }
  if (x.shape[2] !== D) {
    throw new ShapeError(`input has ${x.shape[2]} features per step but the layer was built for ${D}; got input of shape ${shapeString(x.shape)}`, where);
  }
  return [x.shape[0], x.shape[1]];
}

/** Checks an initial state tensor (B, H). */
export function checkState(s: Tensor, B: number, H: number, what: string, where: string): void {
  if (s.rank !== 2 || s.shape[0] !== B || s.shape[1] !== H) {
    throw new ShapeError(`${what} must have shape [${B}, ${H}] (batch, units), got ${shapeString(s.shape)}`, where);
  }
}
