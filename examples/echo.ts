// Echo random integers, sequence to sequence: each epoch a new random sequence of 25 integers in
// 0..99, one-hot, framed as 21 windows of 5 steps; a stateful LSTM(20) (batch 7, states reset each
// epoch) and TimeDistributed(Dense(100, softmax)) echo every step. The tutorial: "almost always
// converges to 100%", all 21 test windows exact. Run: npx tsx examples/echo.ts [seed] [epochs]

import { dense, lstm, sequential, setRandomSeed, timeDistributed } from '../src/index.js';
import { argmaxSeqs, oneHot, Rng, randomInts } from './toy-sequences.js';

function windows(seq: number[], n: number): number[][] {
  return Array.from({ length: seq.length - n + 1 }, (_, i) => seq.slice(i, i + n));
}

/** Returns the fraction of test windows (21 of a new sequence) echoed exactly. */
export async function echo(seed = 1, epochs = 500): Promise<number> {
  setRandomSeed(seed);
  const data = new Rng(seed + 100);
  const model = sequential([
    lstm({ units: 20, returnSequences: true, stateful: true, batchSize: 7, inputShape: [5, 100] }),
    timeDistributed(dense({ units: 100, activation: 'softmax' })),
  ]);
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  for (let e = 0; e < epochs; e++) {
    const x = oneHot(windows(randomInts(data, 25, 0, 99), 5), 100);
    await model.fit(x, x, { epochs: 1, batchSize: 7, shuffle: false });
    model.resetStates();
  }
  const test = windows(randomInts(data, 25, 0, 99), 5);
  const pred = argmaxSeqs(model.predict(oneHot(test, 100), { batchSize: 7 }));
  model.resetStates();
  return pred.filter((p, i) => p.every((v, t) => v === test[i][t])).length / test.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const acc = await echo(Number(process.argv[2] ?? 1), Number(process.argv[3] ?? 500));
  console.log(`echo: ${(100 * acc).toFixed(1)}% of 21 new windows exact (published: 100%)`);
}
