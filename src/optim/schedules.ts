// Learning-rate schedules as pure functions of the step (the number of updates done), with Keras 3's
// formulas (keras/optimizers/schedules/learning_rate_schedule.py). Pass one as `learningRate`.

import { ConfigError } from '../errors.js';
import { checkConfigKeys } from '../config-check.js';
import type { Schedule } from './optimizer.js';

function positive(v: unknown, what: string, where: string): number {
  if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v))
    throw new ConfigError(`${what} must be a positive number, got ${JSON.stringify(v)}`, where);
  return v;
}

const DECAY_KEYS = ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase'] as const;

function schedule(f: (step: number) => number, config: Record<string, unknown>): Schedule {
  return Object.assign(f, { config });
}

export interface DecayConfig {
  initialLearningRate: number;
  decaySteps: number;
  decayRate: number;
  /** Decay in whole intervals of decaySteps. Default false. */
  staircase?: boolean;
}

/**
 * lr · decayRate^(step / decaySteps).
 * @example exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 })(20)  //=> 0.025
 */
export function exponentialDecay(c: DecayConfig): Schedule {
  checkConfigKeys(c, DECAY_KEYS, 'exponentialDecay');
  const where = 'exponentialDecay',
    lr = positive(c.initialLearningRate, 'initialLearningRate', where),
    n = positive(c.decaySteps, 'decaySteps', where);
  const rate = positive(c.decayRate, 'decayRate', where),
    stair = c.staircase ?? false;
  return schedule((step) => lr * rate ** (stair ? Math.floor(step / n) : step / n), { name: where, ...c });
}

/**
 * lr / (1 + decayRate · step / decaySteps); with decaySteps 1 this is Keras 2's `decay=` argument.
 * @example inverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 })(2)  //=> 0.05
 */
export function inverseTimeDecay(c: DecayConfig): Schedule {
  checkConfigKeys(c, DECAY_KEYS, 'inverseTimeDecay');
  const where = 'inverseTimeDecay',
    lr = positive(c.initialLearningRate, 'initialLearningRate', where),
    n = positive(c.decaySteps, 'decaySteps', where);
  const rate = c.decayRate,
    stair = c.staircase ?? false;
  if (!(rate >= 0)) throw new ConfigError(`decayRate must be >= 0, got ${rate}`, where);
  return schedule((step) => lr / (1 + rate * (stair ? Math.floor(step / n) : step / n)), { name: where, ...c });
}

/**
 * values[0] up to boundaries[0] (inclusive), values[i] up to boundaries[i], values[last] after.
 * @example piecewiseConstantDecay({ boundaries: [100, 200], values: [0.1, 0.01, 0.001] })(150)  //=> 0.01
 */
export function piecewiseConstantDecay(c: { boundaries: number[]; values: number[] }): Schedule {
  const where = 'piecewiseConstantDecay';
  checkConfigKeys(c, ['boundaries', 'values'], where);
  if (!Array.isArray(c.boundaries) || !Array.isArray(c.values) || c.values.length !== c.boundaries.length + 1) {
    throw new ConfigError(
      `values must have one more entry than boundaries, got ${c.values?.length} values for ${c.boundaries?.length} boundaries`,
      where,
    );
  }
  for (let i = 1; i < c.boundaries.length; i++)
    if (!(c.boundaries[i] > c.boundaries[i - 1])) throw new ConfigError('boundaries must increase', where);
  const b = [...c.boundaries],
    v = [...c.values];
  return schedule(
    (step) => {
      for (let i = 0; i < b.length; i++) if (step <= b[i]) return v[i];
      return v[v.length - 1];
    },
    { name: where, boundaries: b, values: v },
  );
}

export interface PolynomialDecayConfig {
  initialLearningRate: number;
  decaySteps: number;
  /** Default 1e-4. */
  endLearningRate?: number;
  /** Default 1 (linear). */
  power?: number;
  /** Restart the decay every decaySteps (with a growing period, as Keras). Default false. */
  cycle?: boolean;
}

/**
 * (lr − end)·(1 − step/decaySteps)^power + end, held at end after decaySteps unless cycle.
 * @example polynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, endLearningRate: 0 })(5)  //=> 0.05
 */
export function polynomialDecay(c: PolynomialDecayConfig): Schedule {
  checkConfigKeys(c, ['initialLearningRate', 'decaySteps', 'endLearningRate', 'power', 'cycle'], 'polynomialDecay');
  const where = 'polynomialDecay',
    lr = positive(c.initialLearningRate, 'initialLearningRate', where),
    n = positive(c.decaySteps, 'decaySteps', where);
  const end = c.endLearningRate ?? 1e-4,
    power = c.power ?? 1,
    cycle = c.cycle ?? false;
  return schedule(
    (step) => {
      let steps = n,
        s = step;
      if (cycle) steps = n * Math.max(1, Math.ceil(step / n));
      else s = Math.min(step, n);
      return (lr - end) * (1 - s / steps) ** power + end;
    },
    { name: where, ...c },
  );
}

export interface CosineDecayConfig {
  initialLearningRate: number;
  decaySteps: number;
  /** Floor as a fraction of the peak rate. Default 0. */
  alpha?: number;
  /** Rate reached by a linear warmup from initialLearningRate over warmupSteps; the decay starts from it. */
  warmupTarget?: number;
  /** Default 0. */
  warmupSteps?: number;
}

/**
 * Optional linear warmup, then peak·((1−alpha)·½(1 + cos(π·s/decaySteps)) + alpha), s = steps after warmup.
 * @example cosineDecay({ initialLearningRate: 0, decaySteps: 100, warmupTarget: 0.1, warmupSteps: 10 })(5)  //=> 0.05
 */
export function cosineDecay(c: CosineDecayConfig): Schedule {
  checkConfigKeys(c, ['initialLearningRate', 'decaySteps', 'alpha', 'warmupTarget', 'warmupSteps'], 'cosineDecay');
  const where = 'cosineDecay',
    n = positive(c.decaySteps, 'decaySteps', where);
  const lr = c.initialLearningRate,
    alpha = c.alpha ?? 0,
    warm = c.warmupSteps ?? 0;
  if (!(lr >= 0)) throw new ConfigError(`initialLearningRate must be >= 0, got ${lr}`, where);
  if (c.warmupTarget === undefined && warm > 0)
    throw new ConfigError('warmupSteps needs warmupTarget (the rate the warmup reaches)', where);
  const peak = c.warmupTarget ?? lr;
  return schedule(
    (step) => {
      if (step < warm) return lr + ((peak - lr) * step) / warm;
      const s = Math.min(step - warm, n);
      return peak * ((1 - alpha) * 0.5 * (1 + Math.cos((Math.PI * s) / n)) + alpha);
    },
    { name: where, ...c },
  );
}
