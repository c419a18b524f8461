// Learning-rate range test (Smith, "Cyclical Learning Rates for Training Neural Networks", 2017;
// fastai's lr_find): train a few hundred batches while the rate grows exponentially from minLr to
// maxLr, record the loss, then put the weights and optimizer state back as they were.

import { ConfigError, StateError } from '../../errors.js';
import { lineChart } from '../../charts/line-chart.js';
import { BatchGatherer, checkSampleCounts, toTensorList } from '../../model/data.js';
import type { Model } from '../../model/model.js';
import { Rng } from '../../rng.js';
import type { TensorLike } from '../../tensor.js';
import { weightsChanged } from '../../backend/backend.js';
import { maxOf, minOf } from '../../array-stats.js';

export interface LrFinderOptions {
  /** Default 1e-6. */
  minLr?: number;
  /** Default 1. */
  maxLr?: number;
  /** Batches (one rate each). Default 100. */
  steps?: number;
  /** Default 32. */
  batchSize?: number;
  /** Smoothing of the exponential moving average of the loss. Default 0.9. */
  beta?: number;
  /** Stop once the smoothed loss exceeds this multiple of its minimum. Default 4. */
  divergence?: number;
  /** Seed of the batch order. Default 0. */
  seed?: number;
}

export interface LrFinderResult {
  rates: number[];
  losses: number[];
  /** Bias-corrected exponential moving average of the losses. */
  smoothed: number[];
  /**
   * The suggested rate: where the smoothed loss falls fastest against log(rate) (steepest descent),
   * searched after the first tenth of the run and before the minimum; when that stretch is too
   * short (< 5 points), minLossRate / 10.
   */
  suggested: number;
  /** The rate of steepest descent (NaN when the curve is too short). */
  steepest: number;
  /** The rate at the smoothed loss's minimum (after the first tenth); one tenth of it is the other common rule. */
  minLossRate: number;
  /** True when the run stopped early because the loss diverged. */
  diverged: boolean;
}

/**
 * Runs the range test on a compiled model and restores its weights and optimizer state afterwards.
 * @example const r = await findLearningRate(model, x, y, { minLr: 1e-5, maxLr: 1, steps: 80 }); model.compile({ optimizer: adam({ learningRate: r.suggested }), loss: 'mse' });
 */
export async function findLearningRate(
  model: Model,
  x: TensorLike | TensorLike[],
  y: TensorLike | TensorLike[],
  options: LrFinderOptions = {},
): Promise<LrFinderResult> {
  const where = 'findLearningRate';
  const opt = model.optimizer;
  if (!opt)
    throw new StateError('compile the model before findLearningRate (it uses the compiled optimizer and loss)', where);
  const minLr = options.minLr ?? 1e-6,
    maxLr = options.maxLr ?? 1,
    steps = options.steps ?? 100,
    batchSize = options.batchSize ?? 32,
    beta = options.beta ?? 0.9,
    divergence = options.divergence ?? 4;
  if (!(minLr > 0 && maxLr > minLr)) throw new ConfigError(`needs 0 < minLr < maxLr, got ${minLr} and ${maxLr}`, where);
  if (!Number.isInteger(steps) || steps < 5)
    throw new ConfigError(`steps must be an integer >= 5, got ${steps}`, where);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new ConfigError(`batchSize must be a positive integer, got ${batchSize}`, where);
  if (!(beta >= 0 && beta < 1)) throw new ConfigError(`beta must be in [0, 1), got ${beta}`, where);
  const xs = toTensorList(x, model.inputCount, 'x', where),
    ys = toTensorList(y, model.outputCount, 'y', where);
  const n = checkSampleCounts(xs, ys, where);
  if (!model.built) model.build(xs.map((t) => t.shape.slice(1)));

  const saved = model.params().map((p) => p.value.slice());
  const savedState = opt.getState(),
    savedRate = opt.learningRate;
  const gx = xs.map((t) => new BatchGatherer(t)),
    gy = ys.map((t) => new BatchGatherer(t));
  const order = new Int32Array(n).map((_, i) => i);
  const rng = new Rng(options.seed ?? 0);
  const rates: number[] = [],
    losses: number[] = [],
    smoothed: number[] = [];
  let avg = 0,
    best = Infinity,
    diverged = false,
    pos = n;
  try {
    for (let i = 0; i < steps; i++) {
      const lr = minLr * (maxLr / minLr) ** (i / (steps - 1));
      if (pos + batchSize > n) {
        rng.shuffle(order);
        pos = 0;
      }
      const count = Math.min(batchSize, n);
      opt.learningRate = lr;
      const loss = model.trainOnBatch(
        gx.map((g) => g.gather(order, pos, count)),
        gy.map((g) => g.gather(order, pos, count)),
        null,
      );
      pos += count;
      avg = beta * avg + (1 - beta) * loss;
      const s = avg / (1 - beta ** (i + 1));
      rates.push(lr);
      losses.push(loss);
      smoothed.push(s);
      if (!Number.isFinite(s) || (i > 2 && s > divergence * best)) {
        diverged = true;
        break;
      }
      best = Math.min(best, s);
      if (i % 20 === 19) await new Promise((r) => setTimeout(r, 0));
    }
  } finally {
    for (const [i, p] of model.params().entries()) p.value.set(saved[i]);
    weightsChanged();
    opt.setState(savedState);
    opt.learningRate = savedRate;
  }
  // The first tenth of the run is skipped for both rules: the moving average is still warming up
  // there, and one lucky small batch would otherwise be "the minimum".
  const from = Math.max(1, Math.floor(smoothed.length / 10));
  let m = Math.min(from, smoothed.length - 1);
  for (let i = m + 1; i < smoothed.length; i++) if (smoothed[i] < smoothed[m]) m = i;
  const minLossRate = rates[m];
  // Steepest descent: the most negative slope d(smoothed)/d(log rate) before the minimum.
  let steepest = Number.NaN,
    slope = 0;
  if (m - from >= 4) {
    for (let i = from; i < m; i++) {
      const d = (smoothed[i + 1] - smoothed[i - 1]) / Math.log(rates[i + 1] / rates[i - 1]);
      if (d < slope) {
        slope = d;
        steepest = rates[i];
      }
    }
  }
  return {
    rates,
    losses,
    smoothed,
    suggested: Number.isNaN(steepest) ? minLossRate / 10 : steepest,
    steepest,
    minLossRate,
    diverged,
  };
}

/**
 * The loss-vs-rate curve as SVG (log10 rate on x), the suggested rate marked.
 * @example const svg = lrFinderSvg(await findLearningRate(model, x, y));
 */
export function lrFinderSvg(
  r: LrFinderResult,
  options: { title?: string; width?: number; height?: number } = {},
): string {
  const lx = r.rates.map(Math.log10);
  const finite = r.smoothed.filter(Number.isFinite);
  const lo = minOf(finite),
    hi = maxOf(finite);
  const sx = Math.log10(r.suggested);
  return lineChart(
    [
      // raw losses clipped to the smoothed range, so one diverged batch does not flatten the plot
      { label: 'loss', x: lx, y: r.losses.map((v) => Math.min(v, hi + (hi - lo) * 0.2)), color: '#c7c7c7' },
      { label: 'smoothed loss', x: lx, y: r.smoothed, color: '#1f77b4' },
      { label: `suggested ${r.suggested.toPrecision(2)}`, x: [sx, sx], y: [lo, hi], color: '#d62728', dashed: true },
    ],
    {
      title: options.title ?? 'Learning-rate finder',
      xLabel: 'learning rate',
      yLabel: 'loss',
      formatX: (v) => `1e${Math.round(v * 10) / 10}`,
      ...(options.width ? { width: options.width } : {}),
      ...(options.height ? { height: options.height } : {}),
    },
  );
}
