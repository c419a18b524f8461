// Multivariate LSTM, multiple input series: in1 = 10..90, in2 = 15..95, target in1 + in2 at the
// window's last step. Keras printed 208.14 for [[80,85],[90,95],[100,105]] (true 205).
// Run: npx tsx examples/multiple-input-series.ts [seed]

import { dense, lstm, sequential, setRandomSeed, tensor } from '../src/index.js';

export async function multipleInputSeries(seed = 1): Promise<number> {
  setRandomSeed(seed);
  const in1 = [10, 20, 30, 40, 50, 60, 70, 80, 90],
    in2 = in1.map((v) => v + 5);
  const x: number[][][] = [],
    y: number[] = [];
  for (let i = 0; i + 3 <= in1.length; i++) {
    x.push([0, 1, 2].map((k) => [in1[i + k], in2[i + k]]));
    y.push(in1[i + 2] + in2[i + 2]);
  }
  const model = sequential([lstm({ units: 50, activation: 'relu', inputShape: [3, 2] }), dense({ units: 1 })]);
  model.compile({ optimizer: 'adam', loss: 'mse' });
  await model.fit(tensor(x), tensor(y), { epochs: 200 });
  return model.predict(
    tensor([
      [
        [80, 85],
        [90, 95],
        [100, 105],
      ],
    ]),
  ).data[0];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(
    `-> ${(await multipleInputSeries(Number(process.argv[2] ?? 1))).toFixed(3)} (true 205; Keras printed 208.14)`,
  );
}
