// Bidirectional LSTM on the series 10, 20, ..., 90; Keras printed 101.48 for [70, 80, 90] (true 100).
// Run: npx tsx examples/bidirectional.ts [seed]

import { bidirectional, dense, lstm, sequential, setRandomSeed, splitSequence, tensor } from '../src/index.js';

export async function bidirectionalForecast(seed = 1): Promise<number> {
  setRandomSeed(seed);
  const { x, y } = splitSequence([10, 20, 30, 40, 50, 60, 70, 80, 90], 3);
  const model = sequential([
    bidirectional(lstm({ units: 50, activation: 'relu' }), { inputShape: [3, 1] }),
    dense({ units: 1 }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'mse' });
  await model.fit(tensor(x).reshape([x.length, 3, 1]), tensor(y), { epochs: 200 });
  return model.predict(tensor([[[70], [80], [90]]])).data[0];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(
    `[70, 80, 90] -> ${(await bidirectionalForecast(Number(process.argv[2] ?? 1))).toFixed(3)} (true 100; Keras printed 101.48)`,
  );
}
