// Encoder-decoder for sequence to sequence (the "cardinality" problem): the source is 6 random
// integers in 1..50 (one-hot over 51, 0 = start of sequence), the target the first 3 reversed.
// Training uses teacher forcing (decoder input = target shifted right after a 0); prediction decodes
// greedily one step at a time from the encoder's states, with inference models sharing the layers.
// Published: 100% exact on 100 new sequences after 100,000 examples, 1 epoch, batch 32, LSTM(128).
// Run: npx tsx examples/cardinality.ts [seed] [examples] [units]

import { adam, dense, input, lstm, model, setRandomSeed, type SymbolicTensor, Tensor } from '../src/index.js';
import { oneHot, Rng, randomInts } from './toy-sequences.js';

const K = 51,
  nIn = 6,
  nOut = 3;

function makePairs(rng: Rng, n: number): { src: number[][]; tar: number[][]; tarIn: number[][] } {
  const src: number[][] = [],
    tar: number[][] = [],
    tarIn: number[][] = [];
  for (let i = 0; i < n; i++) {
    const s = randomInts(rng, nIn, 1, K - 1);
    const t = s.slice(0, nOut).reverse();
    src.push(s);
    tar.push(t);
    tarIn.push([0, ...t.slice(0, -1)]);
  }
  return { src, tar, tarIn };
}

export interface CardinalityOptions {
  examples?: number;
  units?: number;
  batchSize?: number;
  testSequences?: number;
  /** Adam's learning rate. Default 0.001 (Keras). */
  learningRate?: number;
}

/** Trains, then returns the fraction of new sequences whose 3 outputs all match. */
export async function cardinality(seed = 1, options: CardinalityOptions = {}): Promise<number> {
  setRandomSeed(seed);
  const data = new Rng(seed + 7);
  const H = options.units ?? 128;
  const encIn = input({ shape: [nIn, K] }),
    decIn = input({ shape: [nOut, K] });
  const encoder = lstm({ units: H, returnState: true });
  const decoder = lstm({ units: H, returnSequences: true, returnState: true });
  const head = dense({ units: K, activation: 'softmax' });
  const [, h, c] = encoder.apply<SymbolicTensor[]>(encIn);
  const [decSeq] = decoder.apply<SymbolicTensor[]>([decIn, h, c]);
  const train = model({ inputs: [encIn, decIn], outputs: head.apply(decSeq) });
  train.compile({
    optimizer: adam({ learningRate: options.learningRate ?? 0.001 }),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  const { src, tar, tarIn } = makePairs(data, options.examples ?? 100_000);
  await train.fit([oneHot(src, K), oneHot(tarIn, K)], oneHot(tar, K), {
    epochs: 1,
    batchSize: options.batchSize ?? 32,
  });

  // Inference models share the trained layers.
  const encModel = model({ inputs: encIn, outputs: [h, c] });
  const stepIn = input({ shape: [1, K] }),
    hIn = input({ shape: [H] }),
    cIn = input({ shape: [H] });
  const [stepSeq, hOut, cOut] = decoder.apply<SymbolicTensor[]>([stepIn, hIn, cIn]);
  const decModel = model({ inputs: [stepIn, hIn, cIn], outputs: [head.apply(stepSeq), hOut, cOut] });

  const test = makePairs(data, options.testSequences ?? 100);
  const N = test.src.length;
  let [hs, cs] = encModel.predict<Tensor[]>(oneHot(test.src, K), { batchSize: N });
  let prev = oneHot(
    test.src.map(() => [0]),
    K,
  );
  const out: number[][] = test.src.map(() => []);
  for (let t = 0; t < nOut; t++) {
    const [p, h2, c2] = decModel.predict<Tensor[]>([prev, hs, cs], { batchSize: N });
    const next = new Float32Array(N * K);
    for (let i = 0; i < N; i++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (p.data[i * K + k] > p.data[i * K + best]) best = k;
      out[i].push(best);
      next[i * K + best] = 1;
    }
    prev = new Tensor(next, [N, 1, K]);
    [hs, cs] = [h2, c2];
  }
  return out.filter((o, i) => o.every((v, t) => v === test.tar[i][t])).length / N;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [seed, examples, units] = [
    Number(process.argv[2] ?? 1),
    Number(process.argv[3] ?? 100_000),
    Number(process.argv[4] ?? 128),
  ];
  const acc = await cardinality(seed, { examples, units });
  console.log(
    `cardinality: ${(100 * acc).toFixed(1)}% exact on 100 new sequences (${examples} examples, LSTM(${units}); published 100%)`,
  );
}
