// Multivariate LSTM, multiple parallel series: three series (in1, in2, in1+in2), three steps of all
// three in, the next step of all three out. Keras printed [101.77, 108.73, 206.64] (true [100, 105, 205]).
// Run: npx tsx examples/parallel-series.ts [seed]

import { dense, lstm, sequential, setRandomSeed, tensor } from '../src/index.js';

export async function parallelSeries(seed = 1): Promise<number[]> {
  setRandomSeed(seed);
  const in1 = [10, 20, 30, 40, 50, 60, 70, 80, 90];
  const rows = in1.map((v) => [v, v + 5, 2 * v + 5]);
  const x: number[][][] = [],
    y: number[][] = [];
  for (let i = 0; i + 3 < rows.length; i++) {
    x.push(rows.slice(i, i + 3));
    y.push(rows[i + 3]);
  }
  const model = sequential([
    lstm({ units: 100, activation: 'relu', returnSequences: true, inputShape: [3, 3] }),
    lstm({ units: 100, activation: 'relu' }),
    dense({ units: 3 }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'mse' });
  await model.fit(tensor(x), tensor(y), { epochs: 400 });
  return Array.from(
    model.predict(
      tensor([
        [
          [70, 75, 145],
          [80, 85, 165],
          [90, 95, 185],
        ],
      ]),
    ).data,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const p = await parallelSeries(Number(process.argv[2] ?? 1));
  console.log(
    `-> [${p.map((v) => v.toFixed(2)).join(', ')}] (true [100, 105, 205]; Keras printed [101.77, 108.73, 206.64])`,
  );
}
