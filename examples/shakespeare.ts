// A generative character model (Karpathy's char-rnn setting) on tiny-shakespeare: one-hot characters,
// two stacked LSTMs, a softmax over the characters at every step; trained with truncated BPTT
// (fit's tbptt option) on sequences cut from the first 90% of the text, validated on the last 10%
// (nats per character), and sampled with a temperature. Run: npx tsx examples/shakespeare.ts [file]

import {
  adam,
  dense,
  lstm,
  type Model,
  Rng,
  sequential,
  setRandomSeed,
  Tensor,
  timeDistributed,
} from '../src/index.js';

export interface CharModelOptions {
  /** Characters per training sequence. Default 100. */
  seqLength?: number;
  /** Units of each LSTM. Default 128. */
  units?: number;
  epochs?: number;
  batchSize?: number;
  /** Truncated BPTT window (forward k1 steps per update, backpropagate k2). Default { k1: 25, k2: 25 }. */
  tbptt?: { k1: number; k2?: number };
  learningRate?: number;
  seed?: number;
  /** Also log the batch loss every this many batches. Default never. */
  logEvery?: number;
  /** Log a line per epoch through this function. */
  log?: (line: string) => void;
}

export interface CharModelResult {
  model: Model;
  chars: string[];
  /** Mean validation cross-entropy, nats per character. */
  valLoss: number;
  /** Entropy of the training characters' unigram distribution, nats per character. */
  unigramEntropy: number;
  trainLoss: number[];
}

/** One-hot (N,L,V) inputs and (N,L,1) next-character targets from id sequences. */
function encode(ids: Int32Array, L: number, V: number): { x: Tensor; y: Tensor } {
  const N = Math.floor((ids.length - 1) / L);
  const x = new Float32Array(N * L * V),
    y = new Float32Array(N * L);
  for (let n = 0; n < N; n++)
    for (let t = 0; t < L; t++) {
      x[(n * L + t) * V + ids[n * L + t]] = 1;
      y[n * L + t] = ids[n * L + t + 1];
    }
  return { x: new Tensor(x, [N, L, V]), y: new Tensor(y, [N, L, 1]) };
}

export async function trainCharModel(text: string, options: CharModelOptions = {}): Promise<CharModelResult> {
  setRandomSeed(options.seed ?? 1);
  const chars = [...new Set(text)].sort(),
    V = chars.length;
  const index = new Map(chars.map((c, i) => [c, i]));
  const ids = Int32Array.from(text, (c) => index.get(c)!);
  const split = Math.floor(ids.length * 0.9);
  const L = options.seqLength ?? 100,
    H = options.units ?? 128;
  const train = encode(ids.subarray(0, split), L, V),
    val = encode(ids.subarray(split), L, V);
  const counts = new Float64Array(V);
  for (let i = 0; i < split; i++) counts[ids[i]]++;
  const unigramEntropy = -counts.reduce((s, c) => (c ? s + (c / split) * Math.log(c / split) : s), 0);
  const model = sequential([
    lstm({ units: H, returnSequences: true, inputShape: [L, V] }),
    lstm({ units: H, returnSequences: true }),
    timeDistributed(dense({ units: V, activation: 'softmax' })),
  ]);
  model.compile({
    optimizer: adam({ learningRate: options.learningRate ?? 0.002 }),
    loss: 'sparseCategoricalCrossentropy',
  });
  const history = await model.fit(train.x, train.y, {
    epochs: options.epochs ?? 1,
    batchSize: options.batchSize ?? 32,
    tbptt: options.tbptt ?? { k1: 25, k2: 25 },
    callbacks: {
      onEpochEnd: (e, logs) => options.log?.(`epoch ${e + 1}: train loss ${logs.loss.toFixed(3)} nats/char`),
      onBatchEnd: (b, logs) => {
        if (options.logEvery && (b + 1) % options.logEvery === 0)
          options.log?.(`  batch ${b + 1}: loss ${logs.loss.toFixed(3)}`);
      },
    },
  });
  const valLoss = model.evaluate(val.x, val.y, { batchSize: 64 }).loss;
  return { model, chars, valLoss, unigramEntropy, trainLoss: history.history.loss };
}

/**
 * Samples n characters after a prompt with a temperature (lower = more conservative). The prompt and
 * each new character are fed one step at a time to a stateful copy of the trained model.
 */
export function sample(result: CharModelResult, prompt: string, n: number, temperature = 0.8, seed = 1): string {
  const { chars } = result,
    V = chars.length;
  const H = (result.model.layers[0].getConfig() as { units: number }).units;
  const step = sequential([
    lstm({ units: H, returnSequences: true, stateful: true, batchSize: 1, inputShape: [1, V] }),
    lstm({ units: H, returnSequences: true, stateful: true, batchSize: 1 }),
    timeDistributed(dense({ units: V, activation: 'softmax' })),
  ]);
  step.setWeights(result.model.getWeights());
  const rng = new Rng(seed);
  const x = new Tensor(new Float32Array(V), [1, 1, V]);
  const feed = (c: number) => {
    x.data.fill(0);
    x.data[c] = 1;
    return step.predict(x, { batchSize: 1 }).data;
  };
  let p: ArrayLike<number> = new Float32Array(V).fill(1 / V);
  for (const ch of prompt) p = feed(Math.max(0, chars.indexOf(ch)));
  let out = '';
  for (let i = 0; i < n; i++) {
    const w = Array.from(p, (v) => Math.exp(Math.log(Math.max(v, 1e-12)) / temperature));
    let r = rng.uniform(
        0,
        w.reduce((a, b) => a + b, 0),
      ),
      c = 0;
    while (c < V - 1 && (r -= w[c]) > 0) c++;
    out += chars[c];
    p = feed(c);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { readFileSync } = await import('node:fs');
  const file = process.argv[2] ?? 'datasets/tinyshakespeare-excerpt.txt';
  const r = await trainCharModel(readFileSync(file, 'utf8'), {
    units: 64,
    seqLength: 50,
    epochs: 3,
    batchSize: 16,
    learningRate: 0.005,
    log: console.log,
  });
  console.log(`validation ${r.valLoss.toFixed(3)} nats/char (unigram entropy ${r.unigramEntropy.toFixed(3)})`);
  console.log(sample(r, 'ROMEO:\n', 300, 0.8));
}
