// The seeds' memory demonstration: two sequences [3,0,1,2,3] and [4,0,1,2,4] share their middle, so
// predicting the last symbol needs the first one. One-hot symbols, a stateful LSTM(20) fed one step
// at a time (batch 1), states reset between sequences; it must predict all 8 next symbols.
// Run: npx tsx examples/memory.ts [seed]

import { dense, lstm, sequential, setRandomSeed, Tensor } from '../src/index.js';

const SEQUENCES = [
  [3, 0, 1, 2, 3],
  [4, 0, 1, 2, 4],
];
const SYMBOLS = 5;

const oneHot = (s: number, shape: number[]) => {
  const d = new Float32Array(SYMBOLS);
  d[s] = 1;
  return new Tensor(d, shape);
};

export interface MemoryResult {
  /** Predicted next symbols, per sequence (4 each). */
  predicted: number[][];
  correct: number;
  epochs: number;
}

/** Trains the stateful LSTM step by step and returns its predictions after training. */
export async function memoryDemo(seed = 1, maxEpochs = 400): Promise<MemoryResult> {
  setRandomSeed(seed);
  const model = sequential([
    lstm({ units: 20, stateful: true, batchSize: 1, inputShape: [1, SYMBOLS] }),
    dense({ units: SYMBOLS, activation: 'softmax' }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
  const predictAll = () =>
    SEQUENCES.map((seq) => {
      model.resetStates();
      return seq.slice(0, -1).map((s) => {
        const p = model.predict(oneHot(s, [1, 1, SYMBOLS]), { batchSize: 1 }).data;
        return p.indexOf(Math.max(...p));
      });
    });
  let epochs = 0;
  for (; epochs < maxEpochs; epochs++) {
    for (const seq of SEQUENCES) {
      for (let t = 0; t + 1 < seq.length; t++)
        await model.fit(oneHot(seq[t], [1, 1, SYMBOLS]), oneHot(seq[t + 1], [1, SYMBOLS]), {
          epochs: 1,
          batchSize: 1,
          shuffle: false,
        });
      model.resetStates();
    }
    if (epochs % 10 === 9) {
      const p = predictAll();
      if (p.every((row, i) => row.every((s, t) => s === SEQUENCES[i][t + 1]))) break;
    }
  }
  const predicted = predictAll();
  const correct = predicted.reduce((n, row, i) => n + row.filter((s, t) => s === SEQUENCES[i][t + 1]).length, 0);
  return { predicted, correct, epochs: epochs + 1 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await memoryDemo(Number(process.argv[2] ?? 1));
  for (let i = 0; i < r.predicted.length; i++) {
    console.log(
      `${SEQUENCES[i].join(',')}: predicted next ${r.predicted[i].join(',')} (expected ${SEQUENCES[i].slice(1).join(',')})`,
    );
  }
  console.log(`${r.correct}/8 correct after ${r.epochs} epochs`);
}
