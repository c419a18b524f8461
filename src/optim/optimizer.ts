// Optimizers: plain update loops over each parameter's flat arrays, plus a small class holding state.
// Formulas follow Keras 3 (keras/optimizers/*.py). The learning rate is a number or a schedule, a pure
// function of the step (iterations done so far). Every optimizer takes Keras 3's weightDecay: after
// clipping, p −= lr·weightDecay·p, then the optimizer's own update.

import { checkConfigKeys, checkNumber } from '../config-check.js';

import { getBackend, weightsChanged } from '../backend/backend.js';
import { ConfigError } from '../errors.js';
import type { Param } from '../layers/layer.js';
import type { FloatArray } from '../tensor.js';

/** A learning-rate schedule: the rate for a 0-based step. */
export type Schedule = ((step: number) => number) & { config?: Record<string, unknown> };

export interface OptimizerConfig {
  learningRate?: number | Schedule;
  /** Clip each gradient tensor to this L2 norm. */
  clipnorm?: number;
  /** Clip each gradient value to [-clipvalue, clipvalue]. */
  clipvalue?: number;
  /** Clip all gradients together to this global L2 norm. */
  globalClipnorm?: number;
  /** Decoupled weight decay, p −= lr·weightDecay·p before each update (Keras 3). Default none (AdamW: 0.004). */
  weightDecay?: number;
}

/** The options every optimizer accepts (checked at run time with each optimizer's own). */
const OPTIMIZER_KEYS = ['learningRate', 'clipnorm', 'clipvalue', 'globalClipnorm', 'weightDecay'] as const;

export abstract class Optimizer {
  abstract readonly className: string;
  /** Number of update steps applied. */
  iterations = 0;
  learningRate: number | Schedule;
  readonly clip: { clipnorm?: number; clipvalue?: number; globalClipnorm?: number };
  /** Decoupled weight decay (0 = none). */
  readonly weightDecay: number;
  /** Per-parameter state arrays, created on first use (index = position in the params list). */
  protected slots: FloatArray[][] = [];

  /** `keys`: the optimizer's own options beside OPTIMIZER_KEYS (any other key is a ConfigError). */
  constructor(config: OptimizerConfig, defaultRate: number, keys: readonly string[] = [], defaultDecay = 0) {
    const where = new.target.name.toLowerCase();
    checkConfigKeys(config, [...OPTIMIZER_KEYS, ...keys], where);
    config ??= {};
    this.learningRate = config.learningRate ?? defaultRate;
    if (typeof this.learningRate === 'number' && !(this.learningRate > 0 && Number.isFinite(this.learningRate))) {
      throw new ConfigError(
        `learningRate must be a positive number or a schedule, got ${this.learningRate}`,
        this.constructor.name,
      );
    }
    this.weightDecay = checkNumber(config.weightDecay ?? undefined, defaultDecay, 'weightDecay', where);
    if (this.weightDecay < 0) throw new ConfigError(`weightDecay must be >= 0, got ${this.weightDecay}`, where);
    for (const k of ['clipnorm', 'clipvalue', 'globalClipnorm'] as const) checkNumber(config[k], 0, k, where);
    this.clip = {
      ...(config.clipnorm !== undefined ? { clipnorm: config.clipnorm } : {}),
      ...(config.clipvalue !== undefined ? { clipvalue: config.clipvalue } : {}),
      ...(config.globalClipnorm !== undefined ? { globalClipnorm: config.globalClipnorm } : {}),
    };
  }

  /** The rate in force for the next step. */
  currentLearningRate(): number {
    return typeof this.learningRate === 'number' ? this.learningRate : this.learningRate(this.iterations);
  }

  /** Number of state arrays per parameter. */
  protected abstract readonly slotCount: number;

  /** Float arrays this optimizer keeps per weight, each the weight's size (for memory estimates). */
  get slotsPerWeight(): number {
    return this.slotCount;
  }
  /** Updates one parameter in place, given its (clipped) gradient and state. */
  protected abstract update(value: FloatArray, grad: FloatArray, slots: FloatArray[], lr: number, step: number): void;

  /** Applies one update to every trainable parameter from its accumulated gradient. */
  step(params: Param[]): void {
    const trainable = params.filter((p) => p.trainable);
    this.applyClipping(trainable);
    const lr = this.currentLearningRate();
    this.iterations++;
    if (this.weightDecay > 0) {
      const decay = lr * this.weightDecay;
      for (const p of trainable) for (let i = 0; i < p.value.length; i++) p.value[i] -= decay * p.value[i];
    }
    trainable.forEach((p, i) => {
      if (!this.slots[i]) this.slots[i] = Array.from({ length: this.slotCount }, () => slotLike(p.value));
      this.update(p.value, p.grad, this.slots[i], lr, this.iterations);
    });
    weightsChanged(); // packed copies of the weights (wasm backend) are stale now
  }

  private applyClipping(params: Param[]): void {
    const { clipnorm, clipvalue, globalClipnorm } = this.clip;
    if (clipvalue !== undefined)
      for (const p of params)
        for (let i = 0; i < p.grad.length; i++) p.grad[i] = Math.min(clipvalue, Math.max(-clipvalue, p.grad[i]));
    if (clipnorm !== undefined) for (const p of params) scaleToNorm([p.grad], clipnorm);
    if (globalClipnorm !== undefined)
      scaleToNorm(
        params.map((p) => p.grad),
        globalClipnorm,
      );
  }

  /** Optimizer state for checkpoints: iterations and every slot array. */
  getState(): { iterations: number; slots: number[][][] } {
    return { iterations: this.iterations, slots: this.slots.map((s) => s.map((a) => Array.from(a))) };
  }

  /** Restores iterations and slots; Float32Array slots are taken as they are (a load hands over fresh arrays), others copied. */
  setState(state: { iterations: number; slots: ArrayLike<number>[][] }): void {
    this.iterations = state.iterations;
    this.slots = state.slots.map((s) =>
      s.map((a) => {
        const slot = slotLike(new Float32Array(0), a.length);
        slot.set(a);
        return slot;
      }),
    );
  }

  abstract getConfig(): Record<string, unknown>;

  /** The options every optimizer shares, for getConfig(): clipping, and weightDecay when set. */
  protected baseConfig(): Record<string, number> {
    return { ...this.clip, ...(this.weightDecay > 0 ? { weightDecay: this.weightDecay } : {}) };
  }
}

/** A zeroed state array for a parameter: the backend's memory for float32 (so its update loop can run there). */
function slotLike(value: FloatArray, n = value.length): FloatArray {
  if (value instanceof Float64Array) return new Float64Array(n);
  const be = getBackend();
  return be.dtype === 'float32' ? be.alloc(n) : new Float32Array(n);
}

function scaleToNorm(arrays: FloatArray[], maxNorm: number): void {
  let sq = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) sq += a[i] * a[i];
  const norm = Math.sqrt(sq);
  if (norm <= maxNorm || norm === 0) return;
  const s = maxNorm / norm;
  for (const a of arrays) for (let i = 0; i < a.length; i++) a[i] *= s;
}

export interface SgdConfig extends OptimizerConfig {
  momentum?: number;
  nesterov?: boolean;
}

/** Stochastic gradient descent with optional (Nesterov) momentum, Keras form: v = m·v − lr·g; p += v. */
export class Sgd extends Optimizer {
  readonly className = 'SGD';
  readonly momentum: number;
  readonly nesterov: boolean;
  protected readonly slotCount = 1;
  constructor(config: SgdConfig = {}) {
    super(config, 0.01, ['momentum', 'nesterov']);
    this.momentum = config.momentum ?? 0;
    this.nesterov = config.nesterov ?? false;
    if (!(this.momentum >= 0 && this.momentum <= 1))
      throw new ConfigError(`momentum must be in [0, 1], got ${this.momentum}`, 'sgd');
  }
  protected update(p: FloatArray, g: FloatArray, [v]: FloatArray[], lr: number): void {
    const m = this.momentum;
    if (m === 0) {
      for (let i = 0; i < p.length; i++) p[i] -= lr * g[i];
      return;
    }
    for (let i = 0; i < p.length; i++) {
      v[i] = m * v[i] - lr * g[i];
      p[i] += this.nesterov ? m * v[i] - lr * g[i] : v[i];
    }
  }
  getConfig() {
    return { learningRate: this.learningRate, momentum: this.momentum, nesterov: this.nesterov, ...this.baseConfig() };
  }
}

export interface AdamConfig extends OptimizerConfig {
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  amsgrad?: boolean;
  /**
   * Add epsilon to √v̂ after bias correction, as tfjs and PyTorch do, instead of to √v as Keras does
   * (default false). The two differ by a factor √(1−β2ᵗ) on epsilon, which matters only in early steps
   * of parameters whose gradients are near zero; use it to reproduce a tfjs or PyTorch run.
   */
  biasCorrectedEpsilon?: boolean;
}

/** Adam as Keras 3: α = lr·√(1−β2ᵗ)/(1−β1ᵗ); p −= α·m/(√v + ε), ε = 1e-7. */
export class Adam extends Optimizer {
  readonly className: string = 'Adam';
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;
  readonly biasCorrectedEpsilon: boolean;
  protected readonly slotCount = 3;
  /** `defaultDecay`: the weightDecay when the config has none (AdamW's 0.004). */
  constructor(config: AdamConfig = {}, defaultDecay = 0) {
    super(config, 0.001, ['beta1', 'beta2', 'epsilon', 'amsgrad', 'biasCorrectedEpsilon'], defaultDecay);
    this.beta1 = config.beta1 ?? 0.9;
    this.beta2 = config.beta2 ?? 0.999;
    this.epsilon = config.epsilon ?? 1e-7;
    this.amsgrad = config.amsgrad ?? false;
    this.biasCorrectedEpsilon = config.biasCorrectedEpsilon ?? false;
  }
  protected update(p: FloatArray, g: FloatArray, [m, v, vhat]: FloatArray[], lr: number, t: number): void {
    const b1 = this.beta1,
      b2 = this.beta2;
    // lr·m̂/(√v̂ + ε) equals α·m/(√v + ε·√(1−β2ᵗ)): the tfjs/PyTorch form is the Keras form with ε scaled.
    const eps = this.biasCorrectedEpsilon ? this.epsilon * Math.sqrt(1 - b2 ** t) : this.epsilon;
    const alpha = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
    const fast = getBackend().adamUpdate;
    if (fast?.({ p, g, m, v, vhat: this.amsgrad ? vhat : null, alpha, beta1: b1, beta2: b2, eps })) return;
    for (let i = 0; i < p.length; i++) {
      const gi = g[i];
      m[i] += (gi - m[i]) * (1 - b1);
      v[i] += (gi * gi - v[i]) * (1 - b2);
      let vi = v[i];
      if (this.amsgrad) vi = vhat[i] = Math.max(vhat[i], vi);
      p[i] -= (alpha * m[i]) / (Math.sqrt(vi) + eps);
    }
  }
  getConfig() {
    return {
      learningRate: this.learningRate,
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      amsgrad: this.amsgrad,
      biasCorrectedEpsilon: this.biasCorrectedEpsilon,
      ...this.baseConfig(),
    };
  }
}

/** @example const opt = sgd({ learningRate: 0.1, momentum: 0.9 }); */
export function sgd(config: SgdConfig = {}): Sgd {
  return new Sgd(config);
}

/** @example const opt = adam({ learningRate: 0.01 }); */
export function adam(config: AdamConfig = {}): Adam {
  return new Adam(config);
}

const FACTORIES: Record<string, () => Optimizer> = { sgd: () => new Sgd(), adam: () => new Adam() };

/** Registers an optimizer name for compile({ optimizer: 'name' }). */
export function registerOptimizer(name: string, make: () => Optimizer): void {
  FACTORIES[name] = make;
}

/** An optimizer from a name ('adam') or an instance. */
export function getOptimizer(spec: string | Optimizer, where: string): Optimizer {
  if (spec instanceof Optimizer) return spec;
  const make = typeof spec === 'string' ? FACTORIES[spec] : undefined;
  if (!make) {
    throw new ConfigError(
      `unknown optimizer ${JSON.stringify(spec)}; expected one of: ${Object.keys(FACTORIES)
        .map((k) => `'${k}'`)
        .join(', ')}, or an optimizer object such as adam({ learningRate: 0.01 })`,
      where,
    );
  }
  return make();
}
