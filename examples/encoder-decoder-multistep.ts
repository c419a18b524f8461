// Multi-step forecast with an encoder-decoder: LSTM encoder, RepeatVector(2), LSTM decoder returning
// sequences, TimeDistributed(Dense(1)). Keras printed [101.97, 116.21] for [70, 80, 90] (true [100, 110]).
// Run: npx tsx examples/encoder-decoder-multistep.ts [seed]

import { dense, lstm, repeatVector, sequential, setRandomSeed, tensor, timeDistributed } from '../src/index.js';
import { splitMultistep } from './multistep-vector.js';

export async function encoderDecoderMultistep(seed = 1): Promise<number[]> {
  setRandomSeed(seed);
  const { x, y } = splitMultistep([10, 20, 30, 40, 50, 60, 70, 80, 90], 3, 2);
  const model = sequential([
    lstm({ units: 100, activation: 'relu', inputShape: [3, 1] }),
    repeatVector(2),
    lstm({ units: 100, activation: 'relu', returnSequences: true }),
    timeDistributed(dense({ units: 1 })),
  ]);
  model.compile({ optimizer: 'adam', loss: 'mse' });
  await model.fit(tensor(x).reshape([x.length, 3, 1]), tensor(y).reshape([y.length, 2, 1]), { epochs: 100 });
  return Array.from(model.predict(tensor([[[70], [80], [90]]])).data);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const p = await encoderDecoderMultistep(Number(process.argv[2] ?? 1));
  console.log(`-> [${p.map((v) => v.toFixed(2)).join(', ')}] (true [100, 110]; Keras printed [101.97, 116.21])`);
}
