// Multi-step forecast with a vector output: three steps in, the next two out, stacked LSTMs and Dense(2).
// Keras printed [100.98, 113.29] for [70, 80, 90] (true [100, 110]). Run: npx tsx examples/multistep-vector.ts [seed]

import { dense, lstm, sequential, setRandomSeed, tensor } from '../src/index.js';

/** Windows of nIn steps and the nOut steps after them. */
export function splitMultistep(series: number[], nIn: number, nOut: number): { x: number[][]; y: number[][] } {
  const x: number[][] = [],
    y: number[][] = [];
  for (let i = 0; i + nIn + nOut <= series.length; i++) {
    x.push(series.slice(i, i + nIn));
    y.push(series.slice(i + nIn, i + nIn + nOut));
  }
  return { x, y };
}

export async function multistepVector(seed = 1): Promise<number[]> {
  setRandomSeed(seed);
  const { x, y } = splitMultistep([10, 20, 30, 40, 50, 60, 70, 80, 90], 3, 2);
  const model = sequential([
    lstm({ units: 100, activation: 'relu', returnSequences: true, inputShape: [3, 1] }),
    lstm({ units: 100, activation: 'relu' }),
    dense({ units: 2 }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'mse' });
  await model.fit(tensor(x).reshape([x.length, 3, 1]), tensor(y), { epochs: 50 });
  return Array.from(model.predict(tensor([[[70], [80], [90]]])).data);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const p = await multistepVector(Number(process.argv[2] ?? 1));
  console.log(`-> [${p.map((v) => v.toFixed(2)).join(', ')}] (true [100, 110]; Keras printed [100.98, 113.29])`);
}
