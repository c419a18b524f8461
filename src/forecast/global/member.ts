// One member of the global ensemble: a network for one (lookback, seed), trained on random windows
// drawn afresh each epoch from every series, with early stopping on the last horizon of each series
// (those values are never a training input or target). Members are independent, so a runner may
// train them anywhere (in process here; worker threads in lstmkit/node) and return their weights.

import { adam } from '../../optim/optimizer.js';
import { Rng, setRandomSeed } from '../../rng.js';
import { Tensor } from '../../tensor.js';
import type { Sequential } from '../../model/sequential.js';
import type { ResolvedGlobalConfig } from './config.js';
import { buildGlobalModel, patchSteps } from './model.js';
import { lastWindows, sampleWindows, type WindowShape } from './windows.js';

/** Which member to train. */
export interface MemberJob {
  lookback: number;
  seed: number;
}

/** What every member is trained on: the panel in model space (scales fitted on training parts). */
export interface MemberContext {
  zs: Float64Array[];
  config: ResolvedGlobalConfig;
}

/** A trained member as plain data (weights in Keras order), sendable between threads. */
export interface TrainedMember extends MemberJob {
  weights: { data: Float32Array; shape: number[] }[];
  /** Mean training loss per epoch. */
  loss: number[];
  /** Validation loss per epoch (empty without early stopping). */
  valLoss: number[];
  /** Epoch (0-based) whose weights were kept. */
  bestEpoch: number;
}

/** Progress after each epoch of each member. */
export type EpochHook = (info: MemberJob & { epoch: number; loss: number; valLoss?: number }) => void;

/** Trains members, in any order or place; resolves to them in the order of `jobs`. */
export type MemberRunner = (jobs: MemberJob[], context: MemberContext, onEpoch?: EpochHook) => Promise<TrainedMember[]>;

/** Rebuilds a trained member's network from its weights. */
export function memberModel(c: ResolvedGlobalConfig, m: TrainedMember): Sequential {
  const model = buildGlobalModel(c, m.lookback);
  model.setWeights(m.weights.map((w) => new Tensor(w.data, w.shape)));
  return model;
}

interface Phase {
  holdout: number;
  epochs: number;
  patience: number;
}

/** Seeded network and window stream; epochs of fresh windows; early stopping when patience > 0. */
async function runPhase(job: MemberJob, context: MemberContext, phase: Phase, onEpoch?: EpochHook) {
  const { zs, config: c } = context;
  const { lookback, seed } = job;
  const steps = patchSteps(lookback, c.patch);
  const shape: WindowShape = { lookback, horizon: c.horizon, levelWindow: c.levelWindow };
  setRandomSeed(seed);
  const model = buildGlobalModel(c, lookback);
  model.compile({ optimizer: adam({ learningRate: c.learningRate }), loss: c.loss });
  const rng = new Rng(seed);
  const minInput = Math.min(c.levelWindow, lookback);
  const val = phase.patience > 0 ? lastWindows(zs, shape) : null;
  const vx = val ? new Tensor(val.x, [val.count, steps, c.patch]) : null;
  const vy = val ? new Tensor(val.y, [val.count, c.horizon]) : null;
  const curve = { loss: [] as number[], valLoss: [] as number[], bestEpoch: phase.epochs - 1 };
  let best = Infinity,
    bestWeights: Tensor[] | null = null,
    wait = 0;
  for (let epoch = 0; epoch < phase.epochs; epoch++) {
    const w = sampleWindows(zs, shape, { perSeries: c.windowsPerSeries, holdout: phase.holdout, minInput }, rng);
    const h = await model.fit(new Tensor(w.x, [w.count, steps, c.patch]), new Tensor(w.y, [w.count, c.horizon]), {
      epochs: 1,
      batchSize: c.batchSize,
    });
    const loss = h.history.loss[0];
    curve.loss.push(loss);
    if (!vx || !vy) {
      onEpoch?.({ lookback, seed, epoch, loss });
      continue;
    }
    const valLoss = model.evaluate(vx, vy, { batchSize: 512 }).loss;
    curve.valLoss.push(valLoss);
    onEpoch?.({ lookback, seed, epoch, loss, valLoss });
    if (valLoss < best) {
      best = valLoss;
      bestWeights = model.getWeights();
      curve.bestEpoch = epoch;
      wait = 0;
    } else if (++wait >= phase.patience) break;
  }
  return { weights: bestWeights ?? model.getWeights(), ...curve };
}

/**
 * Trains one member: with early stopping on the last horizon of each series (patience > 0), then,
 * with `refit`, again from the same seed on every window for the epochs early stopping chose.
 * @example const m = await trainMember({ lookback: 8, seed: 1 }, { zs, config: resolveGlobalConfig({ horizon: 4 }) });
 */
export async function trainMember(job: MemberJob, context: MemberContext, onEpoch?: EpochHook): Promise<TrainedMember> {
  const c = context.config;
  const stop = c.patience > 0;
  let r = await runPhase(
    job,
    context,
    { holdout: stop ? c.horizon : 0, epochs: c.epochs, patience: c.patience },
    onEpoch,
  );
  const { loss, valLoss, bestEpoch } = r;
  if (stop && c.refit) r = await runPhase(job, context, { holdout: 0, epochs: bestEpoch + 1, patience: 0 }, onEpoch);
  return {
    ...job,
    weights: r.weights.map((t) => ({ data: t.data as Float32Array, shape: [...t.shape] })),
    loss,
    valLoss,
    bestEpoch,
  };
}

/**
 * The in-process runner: members one after another on this thread.
 * @example const members = await inProcessMembers([{ lookback: 8, seed: 1 }], context);
 */
export const inProcessMembers: MemberRunner = async (jobs, context, onEpoch) => {
  const out: TrainedMember[] = [];
  for (const job of jobs) out.push(await trainMember(job, context, onEpoch));
  return out;
};
