// Truncated backpropagation through time as a fit() option: fit(x, y, { tbptt: { k1, k2 } }).
// Each batch (B,T,D) is run forward k1 steps between updates; each update backpropagates through the
// last k2 steps (Williams & Peng's BPTT(k2; k1)). The recurrent layers carry their state across the
// chunks of a batch and the state at a chunk border enters the next window as a constant, so gradients
// stop there. Sequence targets (B,T,…) are scored on each window's k1 new steps; a last-output target
// (B,K) is scored once, on the window that ends at T. With k1 = k2 = T this is plain full BPTT.

import { lossRows } from './loss-rows.js';
import { ConfigError, ShapeError } from '../errors.js';
import type { LossFn } from '../kernels/losses.js';
import type { Layer, Param } from '../layers/layer.js';
import { RecurrentRuntime } from '../layers/recurrent.js';
import type { Optimizer } from '../optim/optimizer.js';
import { type FloatArray, Tensor } from '../tensor.js';
import type { Metric } from './metrics.js';

export interface TbpttConfig {
  /** Steps run forward between two updates. */
  k1: number;
  /** Steps backpropagated at each update (≥ k1). Default k1. */
  k2?: number;
}

/** What truncated BPTT needs from a model. */
export interface TrainingOps {
  forward(xs: Tensor[], training: boolean): Tensor[];
  backward(dys: Tensor[]): void;
  losses: LossFn[];
  lossWeights: number[];
  optimizer: Optimizer;
  params(): Param[];
  alloc(n: number): FloatArray;
}

/** Checks a tbptt option; returns [k1, k2]. */
export function checkTbptt(cfg: TbpttConfig, where: string): [number, number] {
  const k1 = cfg?.k1,
    k2 = cfg?.k2 ?? k1;
  if (!Number.isInteger(k1) || k1 <= 0 || !Number.isInteger(k2) || k2 < k1) {
    throw new ConfigError(
      `tbptt needs integers 0 < k1 <= k2 (forward k1 steps per update, backpropagate k2), got ${JSON.stringify(cfg)}`,
      where,
    );
  }
  return [k1, k2];
}

/** Steps [t0, t1) of a (B,T,…) tensor. */
export function timeSlice(x: Tensor, t0: number, t1: number): Tensor {
  const [B, T] = x.shape,
    inner = x.size / (B * T),
    L = t1 - t0;
  const out = new (x.data.constructor as new (n: number) => FloatArray)(B * L * inner);
  for (let b = 0; b < B; b++) out.set(x.data.subarray((b * T + t0) * inner, (b * T + t1) * inner), b * L * inner);
  return new Tensor(out, [B, L, ...x.shape.slice(2)]);
}

/** One batch of truncated BPTT; returns the batch loss (mean over the scored steps). */
export function trainOnBatchTbptt(
  ops: TrainingOps,
  layers: Layer[],
  xs: Tensor[],
  ys: Tensor[],
  w: FloatArray | null,
  metrics: Metric[][],
  cfg: TbpttConfig,
  where: string,
): number {
  const [k1, k2] = checkTbptt(cfg, where);
  if (xs.some((x) => x.rank !== 3))
    throw new ShapeError('tbptt needs 3-D inputs [samples, timesteps, features]', where);
  const T = xs[0].shape[1];
  const sequence = ys.map((y) => y.rank >= 3 && y.shape[1] === T);
  const runtimes = layers.flatMap((l) =>
    (l as { runtime?: unknown }).runtime instanceof RecurrentRuntime
      ? [(l as unknown as { runtime: RecurrentRuntime }).runtime]
      : [],
  );
  if (runtimes.length === 0)
    throw new ConfigError('tbptt needs at least one recurrent layer (lstm, gru, simpleRnn)', where);
  for (const r of runtimes) if (!r.stateful) r.reset();
  const saved = runtimes.map((r) => r.carry);
  const snap = () => runtimes.map((r) => r.states?.map((s) => s.slice()) ?? null);
  const restore = (s: (FloatArray[] | null)[]) => {
    for (let i = 0; i < runtimes.length; i++) runtimes[i].reset(s[i] ?? undefined);
  };
  const snapshots = new Map<number, (FloatArray[] | null)[]>([[0, snap()]]);
  let lastLoss = 0,
    windows = 0;
  let lossSum = 0,
    scored = 0;
  try {
    for (const r of runtimes) r.carry = true;
    for (let e = Math.min(k1, T); ; e = Math.min(e + k1, T)) {
      const s0 = Math.max(0, e - k2),
        from = Math.max(s0, e - k1);
      let b = 0;
      for (const t of snapshots.keys()) if (t <= s0 && t > b) b = t;
      restore(snapshots.get(b)!);
      if (b < s0)
        ops.forward(
          xs.map((x) => timeSlice(x, b, s0)),
          false,
        );
      const scoreNow = sequence.some((s) => s) || e === T;
      const params = ops.params();
      for (const p of params) p.grad.fill(0);
      const outs = ops.forward(
        xs.map((x) => timeSlice(x, s0, e)),
        scoreNow,
      );
      snapshots.set(e, snap());
      if (scoreNow) {
        let loss = 0;
        const dys = outs.map((o, k) => {
          const d = new Tensor(ops.alloc(o.size), o.shape);
          if (!sequence[k] && e !== T) return d;
          const [pred, target] = sequence[k]
            ? [timeSlice(o, from - s0, e - s0), timeSlice(ys[k], from, e)]
            : [o, ys[k]];
          const N = pred.shape[0],
            K = pred.size / N;
          const dp = ops.alloc(pred.size);
          const r = lossRows(pred, w);
          loss += ops.lossWeights[k] * ops.losses[k](dp, pred.data, target.data, r.rows, r.K, r.w);
          for (const m of metrics[k] ?? []) m.update(pred.data, target.data, r.rows, r.K, r.w);
          if (sequence[k]) {
            const L = e - s0,
              inner = K / (e - from);
            for (let n = 0; n < N; n++)
              for (let i = 0; i < K; i++)
                d.data[(n * L + (from - s0)) * inner + i] = dp[n * K + i] * ops.lossWeights[k];
          } else for (let i = 0; i < dp.length; i++) d.data[i] = dp[i] * ops.lossWeights[k];
          return d;
        });
        ops.backward(dys);
        ops.optimizer.step(params);
        const steps = sequence.some((s) => s) ? e - from : 1;
        lossSum += loss * steps;
        scored += steps;
        lastLoss = loss;
        windows++;
      }
      if (e === T) break;
    }
  } finally {
    runtimes.forEach((r, i) => {
      r.carry = saved[i];
    });
  }
  // Stateful layers keep the state at T; the others start the next batch from zeros again.
  return windows === 1 ? lastLoss : lossSum / scored;
}
