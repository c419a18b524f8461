// Keras / tfjs-layers layer configs (snake_case) -> lstmkit layer configs, one converter per class.
// 'hard_sigmoid' is tfjs' and Keras 2's 0.2x+0.5 unless the file comes from Keras 3 (x/6+0.5).
// Wrappers (Bidirectional, TimeDistributed) convert their inner layer to { className, config }.
// Every key of a file's config is either read by the converter, known not to change the model
// (IGNORED: initializers, dtype, ...), training-only (refused unless inferenceOnly) or refused.

import { FormatError } from '../errors.js';
import type { Activation } from '../kernels/activations.js';
import { isObject, type Json } from './safe-json.js';

export type Obj = { [key: string]: Json };
export interface TfjsContext {
  /** True when 'hard_sigmoid' is Keras 3's x/6+0.5 (the file comes from Keras 3). */
  keras3: boolean;
  where: string;
  /** Accept regularizers, constraints and attention dropout (they change training only). */
  inferenceOnly?: boolean;
}
export type TfjsConverter = (c: Obj, ctx: TfjsContext) => Record<string, unknown>;

const ACTIVATIONS: Record<string, Activation> = {
  linear: 'linear',
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  relu: 'relu',
  softmax: 'softmax',
  elu: 'elu',
  softplus: 'softplus',
  softsign: 'softsign',
};

function activation(v: Json | undefined, what: string, ctx: TfjsContext): Activation | undefined {
  if (v === undefined || v === null) return undefined;
  const name = typeof v === 'string' ? v : isObject(v) && typeof v.class_name === 'string' ? v.class_name : '';
  const snake = name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  if (snake === 'hard_sigmoid') return ctx.keras3 ? 'hardSigmoid' : 'hardSigmoidTfjs';
  const a = Object.hasOwn(ACTIVATIONS, snake) ? ACTIVATIONS[snake] : undefined;
  if (!a)
    throw new FormatError(
      `${what} '${name}' has no lstmkit equivalent; supported: ${[...Object.keys(ACTIVATIONS), 'hard_sigmoid'].join(', ')}`,
      ctx.where,
    );
  return a;
}

const bool = (c: Obj, key: string): boolean | undefined =>
  typeof c[key] === 'boolean' ? (c[key] as boolean) : undefined;
const num = (c: Obj, key: string): number | undefined => (typeof c[key] === 'number' ? (c[key] as number) : undefined);
/** Keras writes some sizes as one-element lists (kernel_size: [3]). */
const size = (c: Obj, key: string): number | undefined => {
  const v = c[key];
  return typeof v === 'number' ? v : Array.isArray(v) && v.length === 1 && typeof v[0] === 'number' ? v[0] : undefined;
};
const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function recurrent(c: Obj, ctx: TfjsContext, withRecurrentActivation = true): Record<string, unknown> {
  if (c.time_major === true)
    throw new FormatError('recurrent layers with time_major=true are not supported', ctx.where);
  const out: Record<string, unknown> = {
    units: c.units,
    activation: activation(c.activation, 'activation', ctx) ?? 'tanh',
    useBias: bool(c, 'use_bias') ?? true,
    returnSequences: bool(c, 'return_sequences') ?? false,
    returnState: bool(c, 'return_state') ?? false,
    goBackwards: bool(c, 'go_backwards') ?? false,
    stateful: bool(c, 'stateful') ?? false,
    dropout: num(c, 'dropout') ?? 0,
    recurrentDropout: num(c, 'recurrent_dropout') ?? 0,
    zeroOutputForMask: bool(c, 'zero_output_for_mask') ?? false,
  };
  // tfjs and Keras 2 default to hard_sigmoid, Keras 3 to sigmoid; files normally record it anyway.
  if (withRecurrentActivation)
    out.recurrentActivation =
      activation(c.recurrent_activation, 'recurrent_activation', ctx) ?? (ctx.keras3 ? 'sigmoid' : 'hardSigmoidTfjs');
  return out;
}

function wrapped(l: Json | undefined, ctx: TfjsContext): { className: string; config: Record<string, unknown> } {
  const cls = isObject(l) && typeof l.class_name === 'string' ? l.class_name : '';
  if (!isObject(l) || !isObject(l.config) || !converterFor(cls))
    throw new FormatError(`wrapped layer '${cls}' cannot be imported`, ctx.where);
  const name = typeof l.config.name === 'string' ? l.config.name : cls.toLowerCase();
  return { className: cls, config: { ...convertLayerConfig(cls, l.config, ctx, name), name } };
}

/** Keras' data_format: only channels_last (lstmkit's layout) imports. */
function channelsLast(c: Obj, ctx: TfjsContext): void {
  if (c.data_format !== undefined && c.data_format !== null && c.data_format !== 'channels_last')
    throw new FormatError(
      `data_format '${c.data_format}' is not supported (lstmkit is channels_last: [steps, channels])`,
      ctx.where,
    );
}

function pooling(c: Obj, ctx: TfjsContext): Record<string, unknown> {
  channelsLast(c, ctx);
  return defined({ poolSize: size(c, 'pool_size'), strides: size(c, 'strides'), padding: c.padding ?? undefined });
}

function globalPooling(c: Obj, ctx: TfjsContext): Record<string, unknown> {
  channelsLast(c, ctx);
  if (c.keepdims === true) throw new FormatError('keepdims=True is not supported', ctx.where);
  return {};
}

/** Keras 3 writes both halves of a Bidirectional; the backward one must be the forward one reversed. */
function bidirectional(c: Obj, ctx: TfjsContext): Record<string, unknown> {
  const layer = wrapped(c.layer, ctx);
  if (c.backward_layer !== undefined && c.backward_layer !== null) {
    const back = wrapped(c.backward_layer, ctx);
    const strip = (w: { className: string; config: Record<string, unknown> }) =>
      JSON.stringify([w.className, { ...w.config, name: null, goBackwards: null }]);
    if (strip(back) !== strip(layer) || back.config.goBackwards === layer.config.goBackwards)
      throw new FormatError(
        'a backward_layer that is not the forward layer with go_backwards flipped is not supported',
        ctx.where,
      );
  }
  return { layer, mergeMode: c.merge_mode === undefined ? 'concat' : c.merge_mode };
}

const CONVERTERS: Record<string, TfjsConverter> = {
  Dense: (c, ctx) => ({
    units: c.units,
    activation: activation(c.activation, 'activation', ctx) ?? 'linear',
    useBias: bool(c, 'use_bias') ?? true,
  }),
  LSTM: (c, ctx) => ({ ...recurrent(c, ctx), unitForgetBias: bool(c, 'unit_forget_bias') ?? true }),
  GRU: (c, ctx) => ({ ...recurrent(c, ctx), resetAfter: bool(c, 'reset_after') ?? ctx.keras3 }),
  SimpleRNN: (c, ctx) => recurrent(c, ctx, false),
  Dropout: (c, ctx) => {
    if (c.noise_shape !== undefined && c.noise_shape !== null)
      throw new FormatError('Dropout noise_shape is not supported', ctx.where);
    return { rate: c.rate };
  },
  Bidirectional: bidirectional,
  TimeDistributed: (c, ctx) => ({ layer: wrapped(c.layer, ctx) }),
  Conv1D: (c, ctx) => {
    channelsLast(c, ctx);
    return defined({
      filters: c.filters,
      groups: num(c, 'groups'),
      kernelSize: size(c, 'kernel_size'),
      strides: size(c, 'strides'),
      padding: c.padding ?? undefined,
      dilationRate: size(c, 'dilation_rate'),
      activation: activation(c.activation, 'activation', ctx) ?? 'linear',
      useBias: bool(c, 'use_bias') ?? true,
    });
  },
  MaxPooling1D: pooling,
  AveragePooling1D: pooling,
  GlobalMaxPooling1D: globalPooling,
  GlobalAveragePooling1D: globalPooling,
  Flatten: (c, ctx) => {
    channelsLast(c, ctx);
    return {};
  },
  Reshape: (c) => ({ targetShape: c.target_shape }),
  RepeatVector: (c) => ({ n: c.n }),
  Embedding: (c) => ({ inputDim: c.input_dim, outputDim: c.output_dim, maskZero: bool(c, 'mask_zero') ?? false }),
  Masking: (c) => ({ maskValue: num(c, 'mask_value') ?? 0 }),
  Concatenate: (c) => ({ axis: num(c, 'axis') ?? -1 }),
  Add: () => ({}),
  Attention: (c, ctx) => {
    if (c.score_mode !== undefined && c.score_mode !== 'dot' && c.score_mode !== 'concat')
      throw new FormatError(`Attention score_mode '${c.score_mode}' is not supported ('dot' or 'concat')`, ctx.where);
    trainingOnly(c, 'dropout', ctx);
    return {
      useScale: bool(c, 'use_scale') ?? false,
      useCausalMask: bool(c, 'causal') ?? false,
      scoreMode: c.score_mode ?? 'dot',
    };
  },
  AdditiveAttention: (c, ctx) => {
    trainingOnly(c, 'dropout', ctx);
    return { useScale: bool(c, 'use_scale') ?? true, useCausalMask: bool(c, 'causal') ?? false };
  },
};

/** Keys that do not change what an imported layer computes from the file's weights. */
const IGNORED = new Set([
  'name',
  'dtype',
  'batch_input_shape',
  'batch_shape',
  'input_shape',
  'input_dim',
  'input_length',
  'seed',
  'unroll',
  'implementation',
  'use_cudnn',
  'autocast',
  'kernel_initializer',
  'recurrent_initializer',
  'bias_initializer',
  'embeddings_initializer',
  'cell',
]);
/** Options that change training only: refused unless inferenceOnly (lstmkit has no regularizers or constraints). */
const TRAINING_ONLY = /_regularizer$|_constraint$/;

function trainingOnly(c: Obj, key: string, ctx: TfjsContext): void {
  const v = c[key];
  if (v === undefined || v === null || v === 0 || ctx.inferenceOnly) return;
  throw new FormatError(
    `option '${key}' (${JSON.stringify(v).slice(0, 60)}) changes training and lstmkit does not have it; remove it before saving, or pass { inferenceOnly: true } to import the model for prediction`,
    ctx.where,
  );
}

/** The dtype policy must be float32 (the weights and math lstmkit has). */
function checkDtype(c: Obj, ctx: TfjsContext): void {
  const d = c.dtype;
  const name = isObject(d) ? (isObject(d.config) ? d.config.name : d.name) : d;
  if (name !== undefined && name !== null && name !== 'float32')
    throw new FormatError(`dtype policy '${String(name)}' is not supported (float32 only)`, ctx.where);
}

/**
 * A Keras layer config converted to lstmkit's, refusing every key that is neither converted, known
 * to be irrelevant, nor training-only (with inferenceOnly).
 * @example convertLayerConfig('Dense', { units: 2, activation: 'relu' }, { keras3: true, where: 'import' }, 'dense')  //=> { units: 2, activation: 'relu', useBias: true }
 */
export function convertLayerConfig(cls: string, c: Obj, ctx: TfjsContext, name: string): Record<string, unknown> {
  const convert = converterFor(cls);
  if (!convert) throw new FormatError(`layer class '${cls}' cannot be imported`, ctx.where);
  const read = new Set<string>();
  const tracked = new Proxy(c, {
    get(target, key) {
      if (typeof key === 'string') read.add(key);
      return target[key as string];
    },
  });
  const where = `${ctx.where}: layer '${name}' (${cls})`;
  const local: TfjsContext = { ...ctx, where };
  const out = convert(tracked, local);
  checkDtype(c, local);
  for (const key of Object.keys(c)) {
    if (read.has(key) || IGNORED.has(key)) continue;
    if (TRAINING_ONLY.test(key)) trainingOnly(c, key, local);
    else if (key === 'trainable') out.trainable = c.trainable !== false;
    else if (c[key] !== null && c[key] !== false)
      throw new FormatError(
        `option '${key}' (${JSON.stringify(c[key]).slice(0, 60)}) is not supported by lstmkit's ${cls}`,
        where,
      );
  }
  return out;
}

/** The converter for a Keras class name, or undefined. */
export function converterFor(className: string): TfjsConverter | undefined {
  return Object.hasOwn(CONVERTERS, className) ? CONVERTERS[className] : undefined;
}

/**
 * The Keras class names loadTfjsModel understands.
 * @example tfjsImportableLayers().includes('LSTM')  //=> true
 */
export function tfjsImportableLayers(): string[] {
  return Object.keys(CONVERTERS).sort();
}

/**
 * Registers (or replaces) the converter for a Keras class name (for custom layers).
 * @example registerTfjsConverter('MyLayer', (c) => ({ units: c.units }));
 */
export function registerTfjsConverter(className: string, convert: TfjsConverter): void {
  CONVERTERS[className] = convert;
}
