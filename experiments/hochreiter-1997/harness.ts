// The training protocol shared by the 1997 experiments: a model built either as close to the paper as
// lstmkit allows (online updates, one sequence per update, the paper's error and learning rate, small
// uniform initial weights, negative gate biases per block) or as a modern baseline (Adam, mini-batches,
// cross-entropy), a loop that presents fresh sequences and counts them, and batched prediction.

import {
  adam,
  concatenate,
  dense,
  input,
  lstm,
  type Model,
  model as graphModel,
  Rng,
  sequential,
  setRandomSeed,
  sgd,
  simpleRnn,
  Tensor,
} from '../../src/index.js';
import { type CapturingLoss, crossEntropy, meanSquaredError, sumSquaredError } from './losses.js';
import { IGNORE, type Sample, type Task } from './tasks.js';

/** The paper's architecture and learning rate for one experiment. */
export interface PaperSetup {
  /** Memory cell blocks and cells per block; lstmkit's LSTM gets blocks·size units, each with its own gates. */
  blocks: number;
  blockSize: number;
  learningRate: number;
  /** Initial weights uniform in [−initRange, initRange]. */
  initRange: number;
  /** Input-gate biases per block (the paper's negative biases), or none. */
  inputGateBias?: number[];
  /** Output-gate biases per block, or none. */
  outputGateBias?: number[];
  /** Forget-gate bias (the 1997 cell has no forget gate; a large bias keeps ours open at the start). */
  forgetGateBias: number;
  /** Cell output squashing: the paper's h is the identity in experiment 2a/2b. Default 'tanh'. */
  activation?: 'tanh' | 'linear';
  /** Direct input→output connections (experiment 2a's local regularities). Default false. */
  skip?: boolean;
  /**
   * Experiment 2c's network has no biases: our gates and cell inputs then start at bias 0 and the output
   * units have none. The forget gate keeps its bias (forgetGateBias), standing in for the 1997 cell's
   * missing forget gate: at bias 0 it would halve the cell at every step. Default false.
   */
  noBiases?: boolean;
  /** Per-step targets: average the steps' errors instead of summing them (see losses.ts). Default false. */
  meanOverSteps?: boolean;
  /** Clip each gradient value to ±clipvalue before the update. Default none. */
  clipvalue?: number;
}

/** The modern baseline: Adam on mini-batches. */
export interface AdamSetup {
  units: number;
  learningRate: number;
  batchSize: number;
  /**
   * Chrono initialization (Tallec & Ollivier 2018) for lags up to this many steps: forget-gate biases
   * log(u), u ~ U(1, chrono − 1), input-gate biases −log(u). Default none (Keras' unit forget bias).
   */
  chrono?: number;
  /** The recurrent cell. Default 'lstm'; 'simpleRnn' shows what the LSTM is for. */
  cell?: 'lstm' | 'simpleRnn';
}

export type Variant = { kind: 'paper'; setup: PaperSetup } | { kind: 'adam'; setup: AdamSetup };

/** What the output layer emits: sigmoid units (paper), softmax probabilities, or linear values. */
export type OutputKind = 'sigmoid' | 'softmax' | 'linear';

export interface Built {
  model: Model;
  loss: CapturingLoss;
  batchSize: number;
  output: OutputKind;
}

/** Builds and compiles the model of a variant for a task; `classify` picks softmax + cross-entropy for Adam. */
export function buildModel(task: Task, variant: Variant, seed: number, classify: boolean): Built {
  setRandomSeed(seed);
  const D = task.inputs,
    K = task.outputs;
  if (variant.kind === 'adam') {
    const s = variant.setup;
    const output: OutputKind = classify ? 'softmax' : 'linear';
    const rnn = { lstm, simpleRnn }[s.cell ?? 'lstm']({
      units: s.units,
      returnSequences: task.perStep,
      inputShape: [null, D],
    });
    const model = sequential([rnn, dense({ units: K, activation: output })]);
    if (s.chrono && s.cell !== 'simpleRnn') {
      const bias = model.layers[0].params()[2].value,
        rng = new Rng(seed + 1),
        H = s.units;
      for (let j = 0; j < H; j++) {
        const f = Math.log(rng.uniform(1, s.chrono - 1));
        bias[H + j] = f;
        bias[j] = -f;
      }
    }
    const loss = classify ? crossEntropy() : meanSquaredError();
    model.compile({ optimizer: adam({ learningRate: s.learningRate }), loss: loss.fn });
    return { model, loss, batchSize: s.batchSize, output };
  }
  const s = variant.setup,
    H = s.blocks * s.blockSize;
  const init = { name: 'randomUniform', minval: -s.initRange, maxval: s.initRange } as const;
  const rnn = lstm({
    units: H,
    returnSequences: task.perStep,
    activation: s.activation ?? 'tanh',
    kernelInitializer: init,
    recurrentInitializer: init,
    biasInitializer: init,
    unitForgetBias: false,
    inputShape: [null, D],
  });
  const out = dense({
    units: K,
    activation: 'sigmoid',
    kernelInitializer: init,
    biasInitializer: init,
    useBias: !s.noBiases,
  });
  let model: Model;
  if (s.skip) {
    const x = input({ shape: [null, D] });
    model = graphModel({ inputs: x, outputs: out.apply(concatenate().apply([x, rnn.apply(x)])) });
  } else model = sequential([rnn, out]);
  const bias = rnn.params()[2].value;
  if (s.noBiases) bias.fill(0);
  for (let j = 0; j < H; j++) {
    const block = Math.floor(j / s.blockSize);
    if (s.inputGateBias) bias[j] = s.inputGateBias[block];
    bias[H + j] = s.forgetGateBias;
    if (s.outputGateBias) bias[3 * H + j] = s.outputGateBias[block];
  }
  const loss = sumSquaredError(s.meanOverSteps ?? false);
  model.compile({
    optimizer: sgd({ learningRate: s.learningRate, ...(s.clipvalue ? { clipvalue: s.clipvalue } : {}) }),
    loss: loss.fn,
  });
  return { model, loss, batchSize: 1, output: 'sigmoid' };
}

/** Stacks samples of one length into x (B,T,D) and y (B,T,K) or (B,K); shorter per-step samples are padded. */
export function batchOf(task: Task, samples: Sample[]): { x: Tensor; y: Tensor } {
  const D = task.inputs,
    K = task.outputs,
    B = samples.length;
  const T = Math.max(...samples.map((s) => s.T));
  const x = new Float32Array(B * T * D),
    y = new Float32Array(task.perStep ? B * T * K : B * K).fill(task.perStep ? IGNORE : 0);
  samples.forEach((s, b) => {
    x.set(s.x, b * T * D);
    y.set(s.y, b * (task.perStep ? T : 1) * K);
  });
  return {
    x: new Tensor(x, [B, T, D]),
    y: new Tensor(y, task.perStep ? [B, T, K] : [B, K]),
  };
}

/** Draws a batch of fresh sequences (one shared length for tasks with random lengths). */
export function drawBatch(task: Task, rng: Rng, B: number): Sample[] {
  const L = task.length?.(rng);
  return Array.from({ length: B }, () => task.sample(rng, L));
}

/** The output rows of each sample in a batch's captured predictions: (T,K) per-step or (K). */
export function rowsOfBatch(task: Task, samples: Sample[], pred: Float32Array): Float32Array[] {
  const K = task.outputs,
    T = Math.max(...samples.map((s) => s.T));
  return samples.map((s, b) =>
    task.perStep ? pred.subarray(b * T * K, (b * T + s.T) * K) : pred.subarray(b * K, (b + 1) * K),
  );
}

/** Lets the event loop run (so dead tensors' WebAssembly blocks are reclaimed), as fit() does. */
export function yieldNow(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Input values in one prediction batch at most (16 MB of float32): one-hot inputs of 2c are wide. */
export const BATCH_VALUES = 1 << 22;

/** Model outputs for many samples, predicted in batches of equal length (at most BATCH_VALUES inputs). */
export async function predictSamples(model: Model, task: Task, samples: Sample[]): Promise<Float32Array[]> {
  const longest = Math.max(...samples.map((s) => s.T));
  const batchSize = Math.max(1, Math.min(256, Math.floor(BATCH_VALUES / (longest * task.inputs))));
  const out: Float32Array[] = new Array(samples.length);
  const byLength = new Map<number, number[]>();
  samples.forEach((s, i) => {
    const key = task.perStep ? 0 : s.T;
    byLength.set(key, [...(byLength.get(key) ?? []), i]);
  });
  for (const idx of byLength.values()) {
    for (let start = 0; start < idx.length; start += batchSize) {
      const part = idx.slice(start, start + batchSize).map((i) => samples[i]);
      const { x } = batchOf(task, part);
      const pred = model.predictOutputs(x, { batchSize })[0].data as Float32Array;
      rowsOfBatch(task, part, pred).forEach((r, j) => {
        out[idx[start + j]] = Float32Array.from(r);
      });
      await yieldNow();
    }
  }
  return out;
}

export interface LoopOptions {
  /** Stop (unsuccessful) after this many training sequences. */
  maxSequences: number;
  /** Call `check` after every this many sequences (rounded up to whole batches). */
  checkEvery: number;
  /** Per sequence after its update: its samples and output rows from the training forward pass. */
  observe?: (sample: Sample, rows: Float32Array) => void;
  /** Success test; true stops training. */
  check: (sequences: number) => boolean | Promise<boolean>;
}

/**
 * Presents fresh sequences batch by batch; returns the sequence count at success, or null. Yields to
 * the event loop every 20 ms, as fit() does, so dead tensors' WebAssembly blocks are reclaimed.
 */
export async function trainUntil(
  built: Built,
  task: Task,
  rng: Rng,
  o: LoopOptions,
): Promise<{ sequences: number | null; seen: number }> {
  let seen = 0,
    nextCheck = o.checkEvery,
    lastYield = Date.now();
  while (seen < o.maxSequences) {
    if (Date.now() - lastYield > 20) {
      await yieldNow();
      lastYield = Date.now();
    }
    const samples = drawBatch(task, rng, built.batchSize);
    const { x, y } = batchOf(task, samples);
    built.model.trainOnBatch([x], [y], null);
    if (o.observe) {
      const rows = rowsOfBatch(task, samples, built.loss.last);
      samples.forEach((s, i) => {
        o.observe!(s, rows[i]);
      });
    }
    seen += samples.length;
    if (seen >= nextCheck) {
      nextCheck += o.checkEvery;
      if (await o.check(seen)) return { sequences: seen, seen };
    }
  }
  return { sequences: null, seen };
}

/** A ring of the last n values (the paper's "2000 most recent sequences"). */
export class Recent {
  private readonly values: Float64Array;
  private count = 0;
  private at = 0;
  constructor(readonly n: number) {
    this.values = new Float64Array(n);
  }
  push(v: number): void {
    this.values[this.at] = v;
    this.at = (this.at + 1) % this.n;
    this.count = Math.min(this.count + 1, this.n);
  }
  get full(): boolean {
    return this.count === this.n;
  }
  mean(): number {
    let s = 0;
    for (let i = 0; i < this.count; i++) s += this.values[i];
    return this.count ? s / this.count : Number.NaN;
  }
  /** How many of the values satisfy `pred`. */
  countWhere(pred: (v: number) => boolean): number {
    let c = 0;
    for (let i = 0; i < this.count; i++) if (pred(this.values[i])) c++;
    return c;
  }
}

/** Largest |output − target| of a row set (targets IGNORE are skipped). */
export function maxAbsError(rows: Float32Array, targets: Float32Array, K: number): number {
  let m = 0;
  for (let i = 0; i < rows.length; i++) {
    if (targets[i - (i % K)] === IGNORE) continue;
    m = Math.max(m, Math.abs(rows[i] - targets[i]));
  }
  return m;
}

export { Rng };
