// The seeds' memory demonstration: two sequences [3,0,1,2,3] and [4,0,1,2,4] share their middle, so
// predicting the last symbol needs the first one. One-hot symbols, a stateful LSTM(20) fed one step
// at a time (batch 1), states reset between sequences; it must predict all 8 next symbols.
// The lesson's six extensions are in memory-extensions.ts; run one with --extension:
//   npx tsx examples/memory.ts [--seed N]
//   npx tsx examples/memory.ts --extension alphabet|long|random|batch|shuffle|tune [--seed N]
//     [--lag N] [--forget-bias B] [--chrono] [--epochs N] [--units N] [--learning-rate R] [--step-by-step]
//     (the long-lag options: see docs/lessons.md)

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
  const { parseArgs } = await import('node:util');
  const x = await import('./memory-extensions.js');
  const { values: o } = parseArgs({
    options: {
      extension: { type: 'string' },
      seed: { type: 'string', default: '1' },
      lag: { type: 'string', default: '200' },
      'forget-bias': { type: 'string' },
      chrono: { type: 'boolean' },
      epochs: { type: 'string' },
      units: { type: 'string' },
      'learning-rate': { type: 'string' },
      'step-by-step': { type: 'boolean' },
    },
  });
  const seed = Number(o.seed);
  const show = (name: string, r: { accuracy: number; epochs: number }) =>
    console.log(`${name}: ${(100 * r.accuracy).toFixed(1)}% right after ${r.epochs} epochs`);
  switch (o.extension) {
    case undefined: {
      const r = await memoryDemo(seed);
      for (let i = 0; i < r.predicted.length; i++) {
        console.log(
          `${SEQUENCES[i].join(',')}: predicted next ${r.predicted[i].join(',')} (expected ${SEQUENCES[i].slice(1).join(',')})`,
        );
      }
      console.log(`${r.correct}/8 correct after ${r.epochs} epochs`);
      break;
    }
    case 'alphabet':
      show(
        'letters, step by step (the lesson)',
        await x.alphabetExtension({ tbptt: { k1: 1, k2: 1 }, batchSize: 1, seed }),
      );
      show('letters, whole sequences', await x.alphabetExtension({ seed }));
      break;
    case 'long': {
      const r = await x.longLagExtension({
        lag: Number(o.lag),
        seed,
        ...(o['forget-bias'] ? { forgetBias: Number(o['forget-bias']) } : {}),
        ...(o.chrono ? { chrono: true } : {}),
        ...(o.epochs ? { epochs: Number(o.epochs) } : {}),
        ...(o.units ? { units: Number(o.units) } : {}),
        ...(o['learning-rate'] ? { learningRate: Number(o['learning-rate']) } : {}),
        ...(o['step-by-step'] ? { tbptt: { k1: 1, k2: 1 } } : {}),
      });
      show(`lag ${o.lag}${o['step-by-step'] ? ', step by step' : ''}, 500 new sequences`, r);
      break;
    }
    case 'random':
      console.log(`random sequences: ${(100 * (await x.randomExtension({ seed }))).toFixed(1)}% of 500 new ones`);
      break;
    case 'batch':
      show('batch learning (both sequences per update)', await x.batchExtension({ seed }));
      break;
    case 'shuffle':
      show('shuffled epochs (one sequence per update)', await x.shuffleExtension({ seed }));
      break;
    case 'tune':
      for (const r of await x.tuneExtension(undefined, undefined, seed))
        console.log(
          `units ${r.units}, learning rate ${r.learningRate}: ${r.accuracy === 1 ? `${r.epochs} epochs` : `${(100 * r.accuracy).toFixed(0)}% after ${r.epochs}`}`,
        );
      break;
    default:
      throw new Error(`unknown --extension '${o.extension}'; use alphabet, long, random, batch, shuffle or tune`);
  }
}
