// CNN-LSTM on the series 10, 20, ..., 90: four steps split into 2 subsequences of 2, a Conv1D and
// MaxPooling1D read each subsequence (TimeDistributed), an LSTM reads the sequence of features.
// Keras printed 101.69 for [60, 70, 80, 90] (true 100). Run: npx tsx examples/cnn-lstm.ts [seed]

import {
  conv1d,
  dense,
  flatten,
  lstm,
  maxPooling1d,
  sequential,
  setRandomSeed,
  splitSequence,
  tensor,
  timeDistributed,
} from '../src/index.js';

export async function cnnLstm(seed = 1): Promise<number> {
  setRandomSeed(seed);
  const { x, y } = splitSequence([10, 20, 30, 40, 50, 60, 70, 80, 90], 4);
  const model = sequential([
    timeDistributed(conv1d({ filters: 64, kernelSize: 1, activation: 'relu' }), { inputShape: [2, 2, 1] }),
    timeDistributed(maxPooling1d({ poolSize: 2 })),
    timeDistributed(flatten()),
    lstm({ units: 50, activation: 'relu' }),
    dense({ units: 1 }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'mse' });
  await model.fit(tensor(x).reshape([x.length, 2, 2, 1]), tensor(y), { epochs: 500 });
  return model.predict(tensor([60, 70, 80, 90]).reshape([1, 2, 2, 1])).data[0];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(
    `[60, 70, 80, 90] -> ${(await cnnLstm(Number(process.argv[2] ?? 1))).toFixed(3)} (true 100; Keras printed 101.69)`,
  );
}
