// Stacked LSTM on the series 10, 20, ..., 90 (three steps in, one out); Keras printed 102.47 for [70, 80, 90] (true 100).
// Run: npx tsx examples/stacked.ts [seed]

import { dense, lstm, sequential, setRandomSeed, splitSequence, tensor } from '../src/index.js';

export async function stacked(seed = 1): Promise<number> {
  setRandomSeed(seed);
  const { x, y } = splitSequence([10, 20, 30, 40, 50, 60, 70, 80, 90], 3);
  const model = sequential([
    lstm({ units: 50, activation: 'relu', returnSequences: true, inputShape: [3, 1] }),
    lstm({ units: 50, activation: 'relu' }),
    dense({ units: 1 }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'mse' });
  await model.fit(tensor(x).reshape([x.length, 3, 1]), tensor(y), { epochs: 200 });
  return model.predict(tensor([[[70], [80], [90]]])).data[0];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(
    `[70, 80, 90] -> ${(await stacked(Number(process.argv[2] ?? 1))).toFixed(3)} (true 100; Keras printed 102.47)`,
  );
}
