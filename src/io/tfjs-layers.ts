// Keras / tfjs-layers layer configs (snake_case) -> lstmkit layer configs, one converter per class.
// 'hard_sigmoid' is tfjs' and Keras 2's 0.2x+0.5 unless the file comes from Keras 3 (x/6+0.5).
// Wrappers (Bidirectional, TimeDistributed) convert their inner layer to { className, config }.

import { FormatError } from '../errors.js';
import type { Activation } from '../kernels/activations.js';
import { isObject, type Json } from './safe-json.js';

export type Obj = { [key: string]: Json };
export interface TfjsContext {
  /** True when 'hard_sigmoid' is Keras 3's x/6+0.5 (the file comes from Keras 3). */
  keras3: boolean;
  where: string;
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
  };
  // tfjs and Keras 2 default to hard_sigmoid, Keras 3 to sigmoid; files normally record it anyway.
  if (withRecurrentActivation)
    out.recurrentActivation =
      activation(c.recurrent_activation, 'recurrent_activation', ctx) ?? (ctx.keras3 ? 'sigmoid' : 'hardSigmoidTfjs');
  return out;
}

function wrapped(c: Obj, ctx: TfjsContext): { className: string; config: Record<string, unknown> } {
  const l = isObject(c.layer) ? c.layer : null;
  const cls = l && typeof l.class_name === 'string' ? l.class_name : '';
  const convert = converterFor(cls);
  if (!l || !isObject(l.config) || !convert)
    throw new FormatError(`wrapped layer '${cls}' cannot be imported`, ctx.where);
  return {
    className: cls,
    config: { ...convert(l.config, ctx), ...(typeof l.config.name === 'string' ? { name: l.config.name } : {}) },
  };
}

function pooling(c: Obj): Record<string, unknown> {
  return defined({ poolSize: size(c, 'pool_size'), strides: size(c, 'strides'), padding: c.padding ?? undefined });
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
  Dropout: (c) => ({ rate: c.rate }),
  Bidirectional: (c, ctx) => ({
    layer: wrapped(c, ctx),
    mergeMode: c.merge_mode === undefined ? 'concat' : c.merge_mode,
  }),
  TimeDistributed: (c, ctx) => ({ layer: wrapped(c, ctx) }),
  Conv1D: (c, ctx) =>
    defined({
      filters: c.filters,
      kernelSize: size(c, 'kernel_size'),
      strides: size(c, 'strides'),
      padding: c.padding ?? undefined,
      dilationRate: size(c, 'dilation_rate'),
      activation: activation(c.activation, 'activation', ctx) ?? 'linear',
      useBias: bool(c, 'use_bias') ?? true,
    }),
  MaxPooling1D: pooling,
  AveragePooling1D: pooling,
  GlobalMaxPooling1D: () => ({}),
  GlobalAveragePooling1D: () => ({}),
  Flatten: () => ({}),
  Reshape: (c) => ({ targetShape: c.target_shape }),
  RepeatVector: (c) => ({ n: c.n }),
  Embedding: (c) => ({ inputDim: c.input_dim, outputDim: c.output_dim, maskZero: bool(c, 'mask_zero') ?? false }),
  Masking: (c) => ({ maskValue: num(c, 'mask_value') ?? 0 }),
  Concatenate: (c) => ({ axis: num(c, 'axis') ?? -1 }),
  Add: () => ({}),
  Attention: (c, ctx) => {
    if (c.score_mode !== undefined && c.score_mode !== 'dot')
      throw new FormatError(`Attention score_mode '${c.score_mode}' is not supported (only 'dot')`, ctx.where);
    return { useScale: bool(c, 'use_scale') ?? false, useCausalMask: bool(c, 'causal') ?? false };
  },
  AdditiveAttention: (c) => ({ useScale: bool(c, 'use_scale') ?? true, useCausalMask: bool(c, 'causal') ?? false }),
};

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
