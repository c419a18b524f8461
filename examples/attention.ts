// Encoder-decoder with and without attention on the tutorial's problem: 5 random integers in 0..49
// (one-hot over 50), target the first 2 then zeros to length 5; 5000 training pairs, one at a time
// (batch 1); accuracy = share of 100 new sequences whose 5 outputs all match.
// Baseline (as published): LSTM(150) -> RepeatVector(5) -> LSTM(150, seq) -> TimeDistributed(Dense(50, softmax)).
// Attention (default): LSTM(150, seq, states) encoder; an LSTM(150, seq) decoder over the encoder outputs
// starting from its states; additive (Bahdanau) attention with the decoder as query, the encoder outputs
// as keys and the one-hot inputs as values (a copy path); concat; TimeDistributed(Dense(50, softmax)).
// Options: score 'dot' (Luong), copy false (values = encoder outputs). Seed 1: additive+copy 99%,
// additive 93%, dot+copy 95%, dot 82%. The tutorial used a custom AttentionDecoder; published means over
// 10 runs: 95.7% with attention vs 23.1% without.
// Run: npx tsx examples/attention.ts [seed] [pairs]

import {
  adam,
  additiveAttention,
  attention,
  concatenate,
  dense,
  input,
  lstm,
  type Model,
  model,
  repeatVector,
  sequential,
  setRandomSeed,
  type SymbolicTensor,
  timeDistributed,
} from '../src/index.js';
import { argmaxSeqs, oneHot, Rng, randomInts } from './toy-sequences.js';

const K = 50,
  T = 5;

function pairs(rng: Rng, n: number): { x: number[][]; y: number[][] } {
  const x: number[][] = [],
    y: number[][] = [];
  for (let i = 0; i < n; i++) {
    const s = randomInts(rng, T, 0, K - 1);
    x.push(s);
    y.push([s[0], s[1], 0, 0, 0]);
  }
  return { x, y };
}

function baseline(H: number): Model {
  return sequential([
    lstm({ units: H, inputShape: [T, K] }),
    repeatVector(T),
    lstm({ units: H, returnSequences: true }),
    timeDistributed(dense({ units: K, activation: 'softmax' })),
  ]);
}

function withAttention(H: number, score: 'dot' | 'additive', copy: boolean): Model {
  const x = input({ shape: [T, K] });
  const [encSeq, h, c] = lstm({ units: H, returnSequences: true, returnState: true }).apply<SymbolicTensor[]>(x);
  const decSeq = lstm({ units: H, returnSequences: true }).apply([encSeq, h, c]);
  // Keys are the encoder outputs; values are the encoder outputs, or (copy) the one-hot inputs themselves.
  const context = (score === 'dot' ? attention() : additiveAttention()).apply([decSeq, copy ? x : encSeq, encSeq]);
  const y = timeDistributed(dense({ units: K, activation: 'softmax' })).apply(concatenate().apply([decSeq, context]));
  return model({ inputs: x, outputs: y });
}

/** Trains one model on `pairs` single examples; returns exact-match accuracy on 100 new sequences. */
export async function attentionExperiment(
  seed = 1,
  options: {
    attention?: boolean;
    score?: 'dot' | 'additive';
    copy?: boolean;
    pairs?: number;
    units?: number;
    learningRate?: number;
  } = {},
): Promise<number> {
  setRandomSeed(seed);
  const data = new Rng(seed + 31);
  const H = options.units ?? 150;
  const m =
    options.attention === false ? baseline(H) : withAttention(H, options.score ?? 'additive', options.copy ?? true);
  m.compile({ optimizer: adam({ learningRate: options.learningRate ?? 0.001 }), loss: 'categoricalCrossentropy' });
  const train = pairs(data, options.pairs ?? 5000);
  await m.fit(oneHot(train.x, K), oneHot(train.y, K), { epochs: 1, batchSize: 1, shuffle: false });
  const test = pairs(data, 100);
  const pred = argmaxSeqs(m.predictOutputs(oneHot(test.x, K))[0]);
  return pred.filter((p, i) => p.every((v, t) => v === test.y[i][t])).length / test.x.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [seed, n] = [Number(process.argv[2] ?? 1), Number(process.argv[3] ?? 5000)];
  const a = await attentionExperiment(seed, { pairs: n });
  const b = await attentionExperiment(seed, { pairs: n, attention: false });
  console.log(
    `attention ${(100 * a).toFixed(0)}% vs no attention ${(100 * b).toFixed(0)}% (published means 95.7% vs 23.1%)`,
  );
}
