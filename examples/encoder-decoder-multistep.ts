// Multi-step forecast with an encoder-decoder: LSTM encoder, RepeatVector(2), LSTM decoder returning
// sequences, TimeDistributed(Dense(1)). Keras printed [101.97, 116.21] for [70, 80, 90] (true [100, 110]).
// Run: npx tsx examples/encoder-decoder-multistep.ts [seed] [--difference]  (see multistep-vector.ts on differencing)

import {
  dense,
  difference,
  lstm,
  repeatVector,
  sequential,
  setRandomSeed,
  tensor,
  timeDistributed,
} from '../src/index.js';
import { type MultistepOptions, predictLevels, splitMultistep } from './multistep-vector.js';

export async function encoderDecoderMultistep(seed = 1, options: MultistepOptions = {}): Promise<number[]> {
  setRandomSeed(seed);
  const series = [10, 20, 30, 40, 50, 60, 70, 80, 90];
  const d = options.difference ?? false;
  const { x, y } = splitMultistep(d ? difference(series) : series, 3, 2);
  const model = sequential([
    lstm({ units: 100, activation: 'relu', inputShape: [3, 1] }),
    repeatVector(2),
    lstm({ units: 100, activation: 'relu', returnSequences: true }),
    timeDistributed(dense({ units: 1 })),
  ]);
  model.compile({ optimizer: 'adam', loss: 'mse' });
  await model.fit(tensor(x).reshape([x.length, 3, 1]), tensor(y).reshape([y.length, 2, 1]), {
    epochs: options.epochs ?? 100,
  });
  return predictLevels(model, [70, 80, 90], d);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const p = await encoderDecoderMultistep(Number(process.argv[2] ?? 1), {
    difference: process.argv.includes('--difference'),
  });
  console.log(`-> [${p.map((v) => v.toFixed(2)).join(', ')}] (true [100, 110]; Keras printed [101.97, 116.21])`);
}
