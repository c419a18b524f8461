// The seeds' first example: a vanilla LSTM on the series 10, 20, ..., 90, three steps in, one out.
// Keras printed 102.09 for the input [70, 80, 90] (true value 100).
// Run: npx tsx examples/univariate.ts [seed]

import { dense, lstm, sequential, setRandomSeed, splitSequence, tensor } from '../src/index.js';

export async function univariate(seed = 1): Promise<number> {
  setRandomSeed(seed);
  const { x, y } = splitSequence([10, 20, 30, 40, 50, 60, 70, 80, 90], 3);
  const model = sequential([lstm({ units: 50, activation: 'relu', inputShape: [3, 1] }), dense({ units: 1 })]);
  model.compile({ optimizer: 'adam', loss: 'mse' });
  await model.fit(tensor(x).reshape([x.length, 3, 1]), tensor(y), { epochs: 200, verbose: 0 });
  const yhat = model.predict(tensor([[[70], [80], [90]]]));
  return yhat.data[0];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seed = Number(process.argv[2] ?? 1);
  console.log(`[70, 80, 90] -> ${(await univariate(seed)).toFixed(3)} (true 100; Keras printed 102.09)`);
}
