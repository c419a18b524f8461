// The six extensions the memory lesson lists, each as a function with its measured result in
// docs/lessons.md: an arbitrary alphabet, long sequences (the lag that stays at chance under the
// lesson's step-by-step training), random sequences, batch learning, shuffled epochs, and tuning.
// The lesson trains a stateful LSTM one step per update: that is truncated BPTT with k1 = k2 = 1, so
// no gradient ever reaches an earlier step; whole-sequence training (k2 = the length) is the fix.

import {
  adam,
  dense,
  lstm,
  type Model,
  Rng,
  sequential,
  setRandomSeed,
  Tensor,
  type TbpttConfig,
} from '../src/index.js';

/** Inputs (N,T,V) one-hot and targets (N,T,V) one-hot of the next symbol, for next-symbol prediction. */
export function nextSymbolData(sequences: number[][], V: number): { x: Tensor; y: Tensor } {
  const N = sequences.length,
    T = sequences[0].length - 1;
  const x = new Float32Array(N * T * V),
    y = new Float32Array(N * T * V);
  sequences.forEach((s, n) => {
    for (let t = 0; t < T; t++) {
      x[(n * T + t) * V + s[t]] = 1;
      y[(n * T + t) * V + s[t + 1]] = 1;
    }
  });
  return { x: new Tensor(x, [N, T, V]), y: new Tensor(y, [N, T, V]) };
}

/** argmax of each step's prediction, per sequence. */
function argmaxRows(out: Tensor): number[][] {
  const [N, T, V] = out.shape;
  return Array.from({ length: N }, (_, n) =>
    Array.from({ length: T }, (_, t) => {
      const row = out.data.subarray((n * T + t) * V, (n * T + t + 1) * V);
      return row.indexOf(Math.max(...row));
    }),
  );
}

export interface SequenceRun {
  /** Fraction of the scored predictions that are right. */
  accuracy: number;
  /** Epochs run (until every prediction was right, or the limit). */
  epochs: number;
}

export interface SequenceTraining {
  units?: number;
  learningRate?: number;
  maxEpochs?: number;
  /** Truncated BPTT window; { k1: 1, k2: 1 } is the lesson's one-step-per-update training. Default full BPTT. */
  tbptt?: TbpttConfig;
  /** Shuffle the sequences each epoch. Default false (the lesson's fixed order). */
  shuffle?: boolean;
  /** Batch size (sequences per update). Default all sequences. */
  batchSize?: number;
  /** Forget-gate bias at initialization (Keras' unitForgetBias gives 1). */
  forgetBias?: number;
  seed?: number;
}

/** A next-symbol LSTM over whole sequences, trained until every step of every sequence is right. */
export async function trainNextSymbol(
  sequences: number[][],
  V: number,
  o: SequenceTraining = {},
): Promise<SequenceRun> {
  setRandomSeed(o.seed ?? 1);
  const { x, y } = nextSymbolData(sequences, V);
  const units = o.units ?? 20;
  const model = sequential([
    lstm({ units, returnSequences: true, inputShape: [null, V] }),
    dense({ units: V, activation: 'softmax' }),
  ]);
  if (o.forgetBias !== undefined) model.layers[0].params()[2].value.fill(o.forgetBias, units, 2 * units);
  model.compile({ optimizer: adam({ learningRate: o.learningRate ?? 0.01 }), loss: 'categoricalCrossentropy' });
  const want = sequences.map((s) => s.slice(1));
  const score = () => {
    const got = argmaxRows(model.predict(x));
    const right = got.reduce((a, row, n) => a + row.filter((v, t) => v === want[n][t]).length, 0);
    return right / (got.length * got[0].length);
  };
  let epochs = 0,
    accuracy = score();
  while (epochs < (o.maxEpochs ?? 500) && accuracy < 1) {
    await model.fit(x, y, {
      epochs: 1,
      batchSize: o.batchSize ?? sequences.length,
      shuffle: o.shuffle ?? false,
      ...(o.tbptt ? { tbptt: o.tbptt } : {}),
    });
    epochs++;
    accuracy = score();
  }
  return { accuracy, epochs };
}

/**
 * Extension 1, arbitrary alphabet: four sequences of letters X B C D X (X = A, E, I, O) share their
 * middle; the last letter needs the first. Returns the run and the alphabet.
 */
export async function alphabetExtension(o: SequenceTraining = {}): Promise<SequenceRun & { alphabet: string }> {
  const alphabet = 'ABCDEIO';
  const words = ['ABCDA', 'EBCDE', 'IBCDI', 'OBCDO'];
  const sequences = words.map((w) => Array.from(w, (c) => alphabet.indexOf(c)));
  return { ...(await trainNextSymbol(sequences, alphabet.length, o)), alphabet };
}

/** Long-lag data: [s, fillers…, s], s ∈ {0, 1}, `lag` random fillers from symbols 2..V−1; target: s at the end. */
export function longLagSequences(n: number, lag: number, V: number, rng: Rng): { x: Tensor; y: Tensor } {
  const x = new Float32Array(n * (lag + 1) * V),
    y = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const s = rng.int(2);
    for (let t = 0; t <= lag; t++) x[(i * (lag + 1) + t) * V + (t === 0 ? s : 2 + rng.int(V - 2))] = 1;
    y[i * 2 + s] = 1;
  }
  return { x: new Tensor(x, [n, lag + 1, V]), y: new Tensor(y, [n, 2]) };
}

export interface LongLagOptions {
  /** Random filler steps between the first symbol and the prediction. Default 200. */
  lag?: number;
  units?: number;
  learningRate?: number;
  /** Forget-gate bias at initialization. Default 1 (Keras' unitForgetBias). */
  forgetBias?: number;
  /**
   * Chrono initialization (Tallec & Ollivier 2018) for the lag: forget-gate biases log(u) and input-gate
   * biases −log(u), u ~ U(1, lag). Overrides forgetBias. Default false.
   */
  chrono?: boolean;
  /** Truncated BPTT window: { k1: 1, k2: 1 } is the lesson's step-by-step training. Default full BPTT. */
  tbptt?: TbpttConfig;
  /** Training sequences (fresh each epoch). Default 256. */
  sequences?: number;
  epochs?: number;
  seed?: number;
}

/**
 * Extension 2, long sequences: remember the first of `lag` + 1 steps through random fillers. Returns the
 * accuracy on 500 new sequences (chance is 0.5) after training.
 */
export async function longLagExtension(o: LongLagOptions = {}): Promise<{ accuracy: number; epochs: number }> {
  const lag = o.lag ?? 200,
    V = 6,
    units = o.units ?? 20;
  setRandomSeed(o.seed ?? 1);
  const rng = new Rng((o.seed ?? 1) + 1000);
  const model = sequential([lstm({ units, inputShape: [null, V] }), dense({ units: 2, activation: 'softmax' })]);
  const bias = model.layers[0].params()[2].value;
  bias.fill(o.forgetBias ?? 1, units, 2 * units);
  if (o.chrono) {
    for (let j = 0; j < units; j++) {
      const f = Math.log(rng.uniform(1, lag));
      bias[units + j] = f;
      bias[j] = -f;
    }
  }
  model.compile({ optimizer: adam({ learningRate: o.learningRate ?? 0.01 }), loss: 'categoricalCrossentropy' });
  const test = longLagSequences(500, lag, V, new Rng((o.seed ?? 1) + 2000));
  const accuracy = () => accuracyOf(model, test.x, test.y);
  const epochs = o.epochs ?? 20;
  for (let e = 0; e < epochs; e++) {
    const train = longLagSequences(o.sequences ?? 256, lag, V, rng);
    await model.fit(train.x, train.y, { epochs: 1, batchSize: 32, ...(o.tbptt ? { tbptt: o.tbptt } : {}) });
    if (accuracy() === 1) return { accuracy: 1, epochs: e + 1 };
  }
  return { accuracy: accuracy(), epochs };
}

/** Fraction of rows whose argmax matches the one-hot target's. */
function accuracyOf(model: Model, x: Tensor, y: Tensor): number {
  const out = model.predictOutputs(x)[0];
  const [N, K] = out.shape;
  let right = 0;
  for (let n = 0; n < N; n++) {
    const p = out.data.subarray(n * K, (n + 1) * K),
      t = y.data.subarray(n * K, (n + 1) * K);
    if (p.indexOf(Math.max(...p)) === t.indexOf(1)) right++;
  }
  return right / N;
}

/** Random sequences of `length` symbols from V whose last symbol repeats the first; target: the last. */
export function randomSequences(n: number, length: number, V: number, rng: Rng): { x: Tensor; y: Tensor } {
  const x = new Float32Array(n * (length - 1) * V),
    y = new Float32Array(n * V);
  for (let i = 0; i < n; i++) {
    const first = rng.int(V);
    for (let t = 0; t < length - 1; t++) x[(i * (length - 1) + t) * V + (t === 0 ? first : rng.int(V))] = 1;
    y[i * V + first] = 1;
  }
  return { x: new Tensor(x, [n, length - 1, V]), y: new Tensor(y, [n, V]) };
}

/**
 * Extension 3, random sequences: length-5 sequences over 10 symbols whose last symbol repeats the
 * first, trained on fresh random sequences each epoch; accuracy of the last symbol on 500 new ones.
 */
export async function randomExtension(o: { epochs?: number; seed?: number } = {}): Promise<number> {
  const V = 10,
    L = 5;
  setRandomSeed(o.seed ?? 1);
  const rng = new Rng((o.seed ?? 1) + 1000);
  const model = sequential([lstm({ units: 20, inputShape: [null, V] }), dense({ units: V, activation: 'softmax' })]);
  model.compile({ optimizer: adam({ learningRate: 0.01 }), loss: 'categoricalCrossentropy' });
  for (let e = 0; e < (o.epochs ?? 20); e++) {
    const train = randomSequences(500, L, V, rng);
    await model.fit(train.x, train.y, { epochs: 1, batchSize: 32 });
  }
  const test = randomSequences(500, L, V, new Rng((o.seed ?? 1) + 2000));
  return accuracyOf(model, test.x, test.y);
}

/** The lesson's two sequences. */
export const LESSON_SEQUENCES = [
  [3, 0, 1, 2, 3],
  [4, 0, 1, 2, 4],
];

/** Extension 4, batch learning: the lesson's sequences, one update per epoch on both whole sequences. */
export function batchExtension(o: SequenceTraining = {}): Promise<SequenceRun> {
  return trainNextSymbol(LESSON_SEQUENCES, 5, { batchSize: 2, ...o });
}

/** Extension 5, shuffled epochs: one sequence per update, the order shuffled every epoch. */
export function shuffleExtension(o: SequenceTraining = {}): Promise<SequenceRun> {
  return trainNextSymbol(LESSON_SEQUENCES, 5, { batchSize: 1, shuffle: true, ...o });
}

export interface TuneRow {
  units: number;
  learningRate: number;
  epochs: number;
  accuracy: number;
}

/** Extension 6, tuning: epochs to all 8 predictions right for a grid of units and learning rates (batch learning). */
export async function tuneExtension(
  units = [2, 5, 10, 20, 40],
  rates = [0.001, 0.003, 0.01, 0.03],
  seed = 1,
): Promise<TuneRow[]> {
  const rows: TuneRow[] = [];
  for (const u of units)
    for (const lr of rates) {
      const r = await batchExtension({ units: u, learningRate: lr, maxEpochs: 1000, seed });
      rows.push({ units: u, learningRate: lr, epochs: r.epochs, accuracy: r.accuracy });
    }
  return rows;
}
