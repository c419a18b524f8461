// Named presets for the recurrent defaults that differ between Keras 3, standalone Keras 2 (2.0-2.3)
// and tfjs-layers: lstm({ preset: 'keras2', units: 8 }). A preset fills in only the keys the config
// leaves out. Keras' hard_sigmoid was 0.2x+0.5 in Keras 2 and tfjs ('hardSigmoidTfjs') and is x/6+0.5
// in Keras 3 ('hardSigmoid'). tf.keras 2.x (TensorFlow 2) already had Keras 3's recurrent defaults.

import { checkOneOf } from '../errors.js';
import type { InitializerSpec } from '../initializers.js';
import type { Activation } from '../kernels/activations.js';

export type Preset = 'keras3' | 'keras2' | 'tfjs';
export const PRESETS: readonly Preset[] = ['keras3', 'keras2', 'tfjs'];

interface PresetDefaults {
  recurrentActivation: Activation;
  kernelInitializer: InitializerSpec;
  recurrentInitializer: InitializerSpec;
  unitForgetBias: boolean;
  resetAfter: boolean;
}

/** The defaults each preset stands for (the one definition; docs/interop.md shows this table). */
export const PRESET_DEFAULTS: Record<Preset, PresetDefaults> = {
  keras3: {
    recurrentActivation: 'sigmoid',
    kernelInitializer: 'glorotUniform',
    recurrentInitializer: 'orthogonal',
    unitForgetBias: true,
    resetAfter: true,
  },
  keras2: {
    recurrentActivation: 'hardSigmoidTfjs',
    kernelInitializer: 'glorotUniform',
    recurrentInitializer: 'orthogonal',
    unitForgetBias: true,
    resetAfter: false,
  },
  tfjs: {
    recurrentActivation: 'hardSigmoidTfjs',
    kernelInitializer: 'glorotNormal',
    recurrentInitializer: 'orthogonal',
    unitForgetBias: false,
    resetAfter: false,
  },
};

/**
 * The config with the preset's defaults filled in where the config leaves a key out (`keys` names the
 * ones this layer has); without a preset, Keras 3's.
 * @example withPreset({ units: 4, preset: 'tfjs' }, ['unitForgetBias'], 'lstm').unitForgetBias  //=> false
 */
export function withPreset<C extends { preset?: Preset }>(
  config: C,
  keys: readonly (keyof PresetDefaults)[],
  where: string,
): C {
  const preset = checkOneOf(config?.preset ?? 'keras3', PRESETS, 'preset', where);
  const d = PRESET_DEFAULTS[preset];
  const filled: Record<string, unknown> = { ...config, preset };
  for (const k of ['kernelInitializer', 'recurrentInitializer', ...keys] as const)
    if (filled[k] === undefined) filled[k] = d[k];
  return filled as C;
}
