// The model base: compile, fit, evaluate, predict for any network that can run a batch forward and
// backward (Sequential here; graph models in graph.ts). fit() reads top to bottom: split, then per
// epoch shuffle, per batch forward -> loss -> backward -> optimizer step, then validation and hooks.

import { getBackend } from '../backend/backend.js';
import { ConfigError, DataError, ShapeError, StateError } from '../errors.js';
import type { LossFn } from '../kernels/losses.js';
import type { Layer, Param } from '../layers/layer.js';
import type { Optimizer } from '../optim/optimizer.js';
import { getOptimizer } from '../optim/registry.js';
import { globalRng, type Rng } from '../rng.js';
import { type FloatArray, shapeString, Tensor, type TensorLike } from '../tensor.js';
import { type Callback, type History, type Logs, reporterFor } from './callbacks.js';
import {
  BatchGatherer,
  checkInputShapes,
  checkSampleCounts,
  concatRows,
  rowsOf,
  toFloatArray,
  toTensorList,
} from './data.js';
import type { SaveOptions } from '../io/artifacts.js';
import type { SaveResult, SaveTarget } from '../io/handlers.js';
import { checkBatchSize, checkFitConfig } from './fit-options.js';
import { lossRows } from './loss-rows.js';
import { getLoss } from './losses.js';
import { getMetric, type Metric } from './metrics.js';
import { resetStream } from './streaming.js';
import { checkTbptt, type TbpttConfig, trainOnBatchTbptt } from './tbptt.js';

export interface CompileConfig {
  /** A name ('adam', 'sgd', ...) or an optimizer object such as adam({ learningRate: 0.01 }). */
  optimizer: string | Optimizer;
  /** One loss for every output, or one per output. */
  loss: string | LossFn | (string | LossFn)[];
  /** Metric names, e.g. ['mae']; reported for every output. */
  metrics?: string[];
  /** Weights of the per-output losses in the total. Default all 1. */
  lossWeights?: number[];
}

/** Anything with an `aborted` flag, such as an AbortSignal. */
export interface AbortLike {
  readonly aborted: boolean;
}

export interface FitConfig {
  epochs?: number;
  /** Default 32. */
  batchSize?: number;
  /** Shuffle the training samples each epoch. Default true. */
  shuffle?: boolean;
  /**
   * Train each epoch on this many samples, drawn anew at random each epoch (without replacement) from
   * the training samples; needs shuffle. Default: all of them. Caps the cost of an epoch on long data
   * while callbacks (early stopping, checkpoints) still run at a steady pace.
   */
  samplesPerEpoch?: number;
  /** Hold out this last fraction of the samples (taken before shuffling) for validation. */
  validationSplit?: number;
  validationData?: [TensorLike | TensorLike[], TensorLike | TensorLike[]];
  callbacks?: Callback | Callback[];
  /** 0 silent, 1 progress (a bar in Node with lstmkit/node's progress reporter), 2 one line per epoch. Default 0. */
  verbose?: 0 | 1 | 2;
  /** Epoch to start counting from (resuming). Default 0. */
  initialEpoch?: number;
  /** Loss weights per sample (N), or per timestep (N, T) for sequence outputs (N, T, K). */
  sampleWeight?: TensorLike;
  /** Loss weight per class index (class = argmax of a one-hot target, or its integer value). */
  classWeight?: Record<number, number>;
  /** Training stops at the next batch once this is aborted (an AbortSignal works). */
  signal?: AbortLike;
  /** Truncated BPTT: forward k1 steps between updates, backpropagate k2 (default k1) steps; state carries across chunks. */
  tbptt?: TbpttConfig;
}

export interface EvaluateConfig {
  batchSize?: number;
  sampleWeight?: TensorLike;
}

export interface PredictConfig {
  batchSize?: number;
}

interface Compiled {
  optimizer: Optimizer;
  losses: LossFn[];
  lossWeights: number[];
  metricNames: string[];
}

export abstract class Model {
  /** Set by a callback to end fit() after the current batch. */
  stopTraining = false;
  readonly rng: Rng;
  protected compiled: Compiled | null = null;
  abstract readonly name: string;

  constructor() {
    this.rng = globalRng().fork();
  }

  abstract get layers(): Layer[];
  abstract get inputCount(): number;
  abstract get outputCount(): number;
  /** Per-sample input shapes, or null before the model is built. */
  abstract inputShapes(): number[][] | null;
  /** Builds every layer for these per-sample input shapes. */
  abstract build(inputShapes: number[][]): void;
  /** Runs a batch forward. */
  protected abstract forwardBatch(xs: Tensor[], training: boolean): Tensor[];
  /** Runs the last training batch backward from the output gradients. */
  protected abstract backwardBatch(dys: Tensor[]): void;

  get built(): boolean {
    return this.layers.every((l) => l.built) && this.inputShapes() !== null;
  }

  get optimizer(): Optimizer | null {
    return this.compiled?.optimizer ?? null;
  }

  /** Every weight with its gradient, layer by layer. */
  params(): Param[] {
    return this.layers.flatMap((l) => l.params());
  }

  /**
   * Saves topology, weights and (by default) optimizer state: in memory with no target,
   * 'indexeddb://name' or 'downloads://name' in a browser, or a handler (lstmkit/node: fileHandler(dir)).
   * @example const { artifacts } = await model.save(); const copy = await loadModel(artifacts);
   */
  async save(target?: SaveTarget, options?: SaveOptions): Promise<SaveResult> {
    const io = await import('../io/handlers.js'); // loaded lazily: io imports the model classes
    return io.saveModelTo(this, target, options);
  }

  /** Zeroes the stored states of every stateful recurrent layer and the state of step() (call between independent sequences). */
  resetStates(): void {
    for (const l of this.layers) (l as { resetStates?: () => void }).resetStates?.();
    resetStream(this);
  }

  countParams(): number {
    return this.layers.reduce((s, l) => s + l.countParams(), 0);
  }

  compile(config: CompileConfig): void {
    const where = `${this.name}.compile`;
    if (!config || typeof config !== 'object') throw new ConfigError('compile needs { optimizer, loss }', where);
    const specs = Array.isArray(config.loss)
      ? config.loss
      : Array.from({ length: this.outputCount }, () => config.loss as string | LossFn);
    if (specs.length !== this.outputCount)
      throw new ConfigError(`got ${specs.length} losses for ${this.outputCount} outputs`, where);
    const metricNames = config.metrics ?? [];
    for (const m of metricNames) getMetric(m, where);
    for (const s of specs)
      if ((getLoss(s, where) as { reduction?: string }).reduction === 'none')
        throw new ConfigError(
          "a loss with reduction 'none' gives one value per row, which training cannot minimize; use it with computeLoss, and 'sum_over_batch_size' or 'sum' in compile",
          where,
        );
    this.compiled = {
      optimizer: getOptimizer(config.optimizer, where),
      losses: specs.map((s) => getLoss(s, where)),
      lossWeights: config.lossWeights ?? specs.map(() => 1),
      metricNames,
    };
  }

  /** Model-level weights in layer order (Keras order within each layer). */
  getWeights(): Tensor[] {
    this.assertBuilt('getWeights');
    return this.layers.flatMap((l) => l.getWeights());
  }

  setWeights(weights: TensorLike[]): void {
    this.assertBuilt('setWeights');
    const total = this.layers.reduce((s, l) => s + l.params().length, 0);
    if (weights.length !== total)
      throw new ShapeError(`expected ${total} weight arrays, got ${weights.length}`, `${this.name}.setWeights`);
    let i = 0;
    for (const l of this.layers) {
      const n = l.params().length;
      l.setWeights(weights.slice(i, i + n));
      i += n;
    }
  }

  protected assertBuilt(what: string): void {
    if (!this.built) {
      throw new StateError(
        `the model is not built yet: give the first layer an inputShape (e.g. lstm({ units: 8, inputShape: [timesteps, features] })) or call fit() before ${what}()`,
        this.name,
      );
    }
  }

  private ensureBuiltFor(xs: Tensor[], where: string, allowBuild: boolean): void {
    if (!this.built) {
      if (!allowBuild) this.assertBuilt(where);
      this.build(xs.map((x) => x.shape.slice(1)));
    }
    checkInputShapes(xs, this.inputShapes()!, `${this.name}.${where}`);
  }

  private metricsFor(compiled: Compiled): Metric[][] {
    return Array.from({ length: this.outputCount }, (_, k) =>
      compiled.metricNames.map((m) => {
        const metric = getMetric(m, this.name);
        return this.outputCount === 1 ? metric : { ...metric, name: `${this.outputNames()[k]}_${metric.name}` };
      }),
    );
  }

  /** Names used for per-output history keys in multi-output models. */
  outputNames(): string[] {
    return Array.from({ length: this.outputCount }, (_, k) => `output_${k}`);
  }

  /** One optimizer step on a batch; returns the batch loss. Metrics are updated from the same forward pass. */
  trainOnBatch(xs: Tensor[], ys: Tensor[], w: FloatArray | null, metrics: Metric[][] = []): number {
    const c = this.compiled;
    if (!c) throw new StateError('compile the model before training', this.name);
    const params = this.params();
    for (const p of params) p.grad.fill(0);
    const outs = this.forwardBatch(xs, true);
    const be = getBackend();
    let loss = 0;
    const dys = outs.map((o, k) => {
      checkTargetSize(o, ys[k], this.name, c.losses[k]);
      const r = lossRows(o, w);
      const d = new Tensor(be.alloc(o.size), o.shape);
      loss += c.lossWeights[k] * c.losses[k](d.data, o.data, ys[k].data, r.rows, r.K, r.w);
      if (c.lossWeights[k] !== 1) for (let i = 0; i < d.size; i++) d.data[i] *= c.lossWeights[k];
      for (const m of metrics[k] ?? []) m.update(o.data, ys[k].data, r.rows, r.K, r.w);
      return d;
    });
    this.backwardBatch(dys);
    c.optimizer.step(params);
    return loss;
  }

  /** One batch of truncated BPTT (tbptt.ts); returns the batch loss. */
  trainOnBatchTbptt(xs: Tensor[], ys: Tensor[], w: FloatArray | null, metrics: Metric[][], tbptt: TbpttConfig): number {
    const c = this.compiled;
    if (!c) throw new StateError('compile the model before training', this.name);
    const ops = {
      forward: (x: Tensor[], t: boolean) => this.forwardBatch(x, t),
      backward: (d: Tensor[]) => this.backwardBatch(d),
      losses: c.losses,
      lossWeights: c.lossWeights,
      optimizer: c.optimizer,
      params: () => this.params(),
      alloc: (n: number) => getBackend().alloc(n),
    };
    return trainOnBatchTbptt(ops, this.layers, xs, ys, w, metrics, tbptt, `${this.name}.fit`);
  }

  async fit(x: TensorLike | TensorLike[], y: TensorLike | TensorLike[], config: FitConfig = {}): Promise<History> {
    const where = `${this.name}.fit`;
    const c = this.compiled;
    if (!c)
      throw new StateError('compile the model before fit(): model.compile({ optimizer: "adam", loss: "mse" })', where);
    checkFitConfig(config, where);
    const epochs = config.epochs ?? 1,
      batchSize = config.batchSize ?? 32,
      verbose = config.verbose ?? 0;
    if (config.tbptt) checkTbptt(config.tbptt, where);
    let xs = toTensorList(x, this.inputCount, 'x', where);
    let ys = toTensorList(y, this.outputCount, 'y', where);
    let n = checkSampleCounts(xs, ys, where);
    let w = config.sampleWeight !== undefined ? toFloatArray(config.sampleWeight, where) : null;
    const perSample = sampleWeightStride(w, n, where); // 1, or T for per-timestep weights (N, T)
    if (config.classWeight) {
      if (perSample !== 1) throw new ConfigError('classWeight needs per-sample sampleWeight (N), not (N, T)', where);
      w = applyClassWeight(w, ys[0], config.classWeight, where);
    }
    if (perSample !== 1 && config.tbptt)
      throw new ConfigError('truncated BPTT takes per-sample sampleWeight (N), not per-timestep (N, T)', where);
    this.ensureBuiltFor(xs, 'fit', true);

    let val: { xs: Tensor[]; ys: Tensor[] } | null = null;
    if (config.validationData) {
      const vxs = toTensorList(config.validationData[0], this.inputCount, 'validation x', where);
      const vys = toTensorList(config.validationData[1], this.outputCount, 'validation y', where);
      checkSampleCounts(vxs, vys, where);
      val = { xs: vxs, ys: vys };
    } else if (config.validationSplit) {
      const f = config.validationSplit;
      const split = Math.ceil(n * (1 - f));
      if (split <= 0 || split >= n)
        throw new DataError(`validationSplit ${f} of ${n} samples leaves an empty part`, where);
      val = { xs: xs.map((t) => rowsOf(t, split, n - split)), ys: ys.map((t) => rowsOf(t, split, n - split)) };
      xs = xs.map((t) => rowsOf(t, 0, split));
      ys = ys.map((t) => rowsOf(t, 0, split));
      if (w) w = w.subarray(0, split * perSample);
      n = split;
    }

    const callbacks =
      config.callbacks === undefined ? [] : Array.isArray(config.callbacks) ? config.callbacks : [config.callbacks];
    // The samples each epoch trains on: all n, or the first perEpoch of each epoch's shuffled order.
    const perEpoch = Math.min(n, config.samplesPerEpoch ?? n);
    const steps = Math.ceil(perEpoch / batchSize);
    // Stateful layers carry row i of a batch into row i of the next: batches must be whole and in order.
    const stateful = this.layers.some((l) => (l as { runtime?: { stateful?: boolean } }).runtime?.stateful);
    if (stateful && perEpoch < n)
      throw new ConfigError(
        `the model has stateful layers, whose batches must follow each other in order: samplesPerEpoch ${perEpoch} would train on a random part of the ${n} samples; leave it out`,
        where,
      );
    if (stateful && n % batchSize !== 0)
      throw new ShapeError(
        `the model has stateful layers, which need equal batches (row i of each batch continues row i of the previous one): ${n} training samples do not split into batches of ${batchSize}; use a multiple of ${batchSize} samples`,
        where,
      );
    const history: History = { epoch: [], history: {}, params: { epochs, steps, samples: n } };
    const reporter = reporterFor(verbose);
    const gx = xs.map((t) => new BatchGatherer(t)),
      gy = ys.map((t) => new BatchGatherer(t));
    const order = new Int32Array(n).map((_, i) => i);
    const wBatch = w ? getBackend().alloc(batchSize * perSample) : null;
    const metrics = this.metricsFor(c);
    this.stopTraining = false;
    let lastYield = now();
    for (const cb of callbacks) cb.setModel?.(this);
    for (const cb of callbacks) await cb.onTrainBegin?.({});

    for (let epoch = config.initialEpoch ?? 0; epoch < epochs && !this.stopTraining; epoch++) {
      if (config.signal?.aborted) break; // aborted between epochs: no empty epoch is logged
      const t0 = now();
      for (const cb of callbacks) await cb.onEpochBegin?.(epoch, {});
      reporter?.epochBegin(epoch, epochs, steps);
      // Each epoch shuffles the identity order, so the permutation depends only on the RNG state
      // (a checkpoint restores it, and a resumed fit() shuffles exactly as an uninterrupted one).
      if (config.shuffle ?? true) {
        for (let i = 0; i < n; i++) order[i] = i;
        this.rng.shuffle(order);
      }
      for (const ms of metrics) for (const m of ms) m.reset();
      let lossSum = 0,
        stepsDone = 0,
        samplesDone = 0;
      for (let step = 0; step < steps && !this.stopTraining; step++) {
        if (config.signal?.aborted) {
          this.stopTraining = true;
          break;
        }
        const start = step * batchSize,
          count = Math.min(batchSize, perEpoch - start);
        for (const cb of callbacks) await cb.onBatchBegin?.(step, { batch: step, size: count });
        let wb: FloatArray | null = null;
        if (w && wBatch) {
          wb = wBatch.subarray(0, count * perSample);
          for (let i = 0; i < count; i++)
            wb.set(w.subarray(order[start + i] * perSample, (order[start + i] + 1) * perSample), i * perSample);
        }
        const bx = gx.map((g) => g.gather(order, start, count)),
          by = gy.map((g) => g.gather(order, start, count));
        const loss = config.tbptt
          ? this.trainOnBatchTbptt(bx, by, wb, metrics, config.tbptt)
          : this.trainOnBatch(bx, by, wb, metrics);
        if (!Number.isFinite(loss) && verbose) reporter?.batchEnd(step, { loss });
        lossSum += loss * count;
        stepsDone++;
        samplesDone += count;
        const batchLogs = { batch: step, size: count, loss };
        reporter?.batchEnd(step, batchLogs);
        for (const cb of callbacks) await cb.onBatchEnd?.(step, batchLogs);
        if (now() - lastYield > YIELD_EVERY_MS) {
          await yieldToEventLoop();
          lastYield = now();
        }
      }
      if (stepsDone === 0) break; // aborted before the first batch of this epoch
      const logs: Logs = { loss: lossSum / samplesDone };
      for (const ms of metrics) for (const m of ms) logs[m.name] = m.result();
      if (val) {
        const v = this.evaluateTensors(val.xs, val.ys, null, batchSize);
        for (const [k, value] of Object.entries(v)) logs[`val_${k}`] = value;
      }
      // A schedule's rate of the epoch's last update; callbacks that set the rate add it themselves.
      const rate = c.optimizer.learningRate;
      if (typeof rate !== 'number') logs.learning_rate = rate(Math.max(0, c.optimizer.iterations - 1));
      reporter?.epochEnd(epoch, logs, (now() - t0) / 1000);
      for (const cb of callbacks) await cb.onEpochEnd?.(epoch, logs);
      // Recorded after the callbacks (Keras' History runs last), so keys they add are kept.
      history.epoch.push(epoch);
      for (const [k, value] of Object.entries(logs)) (history.history[k] ??= []).push(value);
      await yieldToEventLoop();
    }
    const last: Logs = {};
    for (const [k, v] of Object.entries(history.history)) last[k] = v[v.length - 1];
    for (const cb of callbacks) await cb.onTrainEnd?.(last);
    return history;
  }

  /** Loss and metrics on (x, y), as { loss, mae, ... }. */
  evaluate(
    x: TensorLike | TensorLike[],
    y: TensorLike | TensorLike[],
    config: EvaluateConfig = {},
  ): Record<string, number> {
    const where = `${this.name}.evaluate`;
    if (!this.compiled) throw new StateError('compile the model before evaluate()', where);
    checkBatchSize(config.batchSize, where);
    const xs = toTensorList(x, this.inputCount, 'x', where),
      ys = toTensorList(y, this.outputCount, 'y', where);
    const n = checkSampleCounts(xs, ys, where);
    const w = config.sampleWeight !== undefined ? toFloatArray(config.sampleWeight, where) : null;
    sampleWeightStride(w, n, where);
    this.ensureBuiltFor(xs, 'evaluate', false);
    return this.evaluateTensors(xs, ys, w, config.batchSize ?? 32);
  }

  private evaluateTensors(xs: Tensor[], ys: Tensor[], w: FloatArray | null, batchSize: number): Record<string, number> {
    const c = this.compiled!;
    const n = xs[0].shape[0];
    const metrics = this.metricsFor(c);
    let lossSum = 0;
    for (let start = 0; start < n; start += batchSize) {
      const count = Math.min(batchSize, n - start);
      const outs = this.forwardBatch(
        xs.map((t) => rowsOf(t, start, count)),
        false,
      );
      const per = w ? w.length / n : 1;
      const wb = w ? w.subarray(start * per, (start + count) * per) : null;
      outs.forEach((o, k) => {
        const yk = rowsOf(ys[k], start, count);
        checkTargetSize(o, yk, this.name, c.losses[k]);
        const r = lossRows(o, wb);
        const scratch = getBackend().alloc(o.size);
        lossSum += count * c.lossWeights[k] * c.losses[k](scratch, o.data, yk.data, r.rows, r.K, r.w);
        for (const m of metrics[k]) m.update(o.data, yk.data, r.rows, r.K, r.w);
      });
    }
    const out: Record<string, number> = { loss: lossSum / n };
    for (const ms of metrics) for (const m of ms) out[m.name] = m.result();
    return out;
  }

  /** Outputs for every output of the model, computed in batches. */
  predictOutputs(x: TensorLike | TensorLike[], config: PredictConfig = {}): Tensor[] {
    const where = `${this.name}.predict`;
    checkBatchSize(config.batchSize, where);
    const xs = toTensorList(x, this.inputCount, 'x', where);
    this.ensureBuiltFor(xs, 'predict', false);
    const n = xs[0].shape[0],
      batchSize = config.batchSize ?? 32;
    const parts: Tensor[][] = Array.from({ length: this.outputCount }, () => []);
    for (let start = 0; start < n; start += batchSize) {
      const count = Math.min(batchSize, n - start);
      const outs = this.forwardBatch(
        xs.map((t) => rowsOf(t, start, count)),
        false,
      );
      for (const [k, o] of outs.entries()) parts[k].push(new Tensor(Float32Array.from(o.data), o.shape));
    }
    return parts.map((p) => (p.length === 1 ? p[0] : concatRows(p)));
  }
}

/** Weights per sample: 1 for sampleWeight (N), T for per-timestep (N, T); a ShapeError otherwise. */
function sampleWeightStride(w: FloatArray | null, n: number, where: string): number {
  if (!w) return 1;
  if (w.length === 0 || w.length % n !== 0)
    throw new ShapeError(
      `sampleWeight has ${w.length} values for ${n} samples: give one per sample (N) or one per timestep (N, T)`,
      where,
    );
  return w.length / n;
}

function checkTargetSize(pred: Tensor, y: Tensor, where: string, loss?: LossFn): void {
  // Sparse losses (sparseCategoricalCrossentropy) take one class index per row of class scores.
  if ((loss as { sparseTargets?: boolean } | undefined)?.sparseTargets && y.size > 0 && pred.size % y.size === 0)
    return;
  if (pred.size !== y.size) {
    throw new ShapeError(
      `y has per-sample shape ${shapeString(y.shape.slice(1))} but the model outputs ${shapeString(pred.shape.slice(1))} per sample`,
      where,
    );
  }
}

function applyClassWeight(
  w: FloatArray | null,
  y: Tensor,
  classWeight: Record<number, number>,
  where: string,
): FloatArray {
  const n = y.shape[0],
    K = y.size / n;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let cls = 0;
    if (K === 1) cls = Math.round(y.data[i]);
    else for (let k = 1; k < K; k++) if (y.data[i * K + k] > y.data[i * K + cls]) cls = k;
    const cw = classWeight[cls];
    if (cw === undefined) throw new ConfigError(`classWeight has no weight for class ${cls} (sample ${i})`, where);
    out[i] = (w ? w[i] : 1) * cw;
  }
  return out;
}

function now(): number {
  return (globalThis as { performance?: { now(): number } }).performance?.now() ?? Date.now();
}

/**
 * Lets timers and messages run: a browser worker's stop button, a CLI's Ctrl-C, and the
 * FinalizationRegistry callbacks that return dead tensors' blocks to the WebAssembly heap (they run as
 * tasks, so a long epoch that never yields would hold every block it allocated). setImmediate in Node,
 * a MessageChannel message in browsers (setTimeout is clamped to 4 ms there), else setTimeout.
 */
function yieldToEventLoop(): Promise<void> {
  const g = globalThis as unknown as {
    setImmediate?: (f: () => void) => void;
    setTimeout?: (f: () => void, ms: number) => void;
    MessageChannel?: new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(m: unknown): void } };
  };
  return new Promise((resolve) => {
    if (g.setImmediate) return g.setImmediate(resolve);
    if (g.MessageChannel) {
      const ch = new g.MessageChannel();
      ch.port1.onmessage = () => resolve();
      return ch.port2.postMessage(0);
    }
    if (g.setTimeout) return g.setTimeout(resolve, 0);
    resolve();
  });
}

/** Milliseconds of work between two yields to the event loop inside an epoch. */
const YIELD_EVERY_MS = 20;
