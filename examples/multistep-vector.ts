// Multi-step forecast with a vector output: three steps in, the next two out, stacked LSTMs and Dense(2).
// Keras printed [100.98, 113.29] for [70, 80, 90] (true [100, 110]).
// Run: npx tsx examples/multistep-vector.ts [seed] [--difference]
// The tutorial's protocol (raw values, 50 epochs) leaves the model short of converged, and a trend
// outside the training range is extrapolated with a few percent of overshoot however long it trains.
// With `difference: true` the model learns first differences (fitted on the training windows only)
// and the forecast is integrated back from the last observed value, which is how lstmkit's
// forecasting pipeline treats a trend.

import { dense, difference, inverseDifference, lstm, sequential, setRandomSeed, tensor } from '../src/index.js';

export interface MultistepOptions {
  /** Model first differences and integrate the forecast back (default false: the tutorial's raw values). */
  difference?: boolean;
  /** Default 50 (the tutorial's). */
  epochs?: number;
}

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

export async function multistepVector(seed = 1, options: MultistepOptions = {}): Promise<number[]> {
  setRandomSeed(seed);
  const series = [10, 20, 30, 40, 50, 60, 70, 80, 90],
    probe = [70, 80, 90];
  const d = options.difference ?? false;
  const { x, y } = splitMultistep(d ? difference(series) : series, 3, 2);
  const model = sequential([
    lstm({ units: 100, activation: 'relu', returnSequences: true, inputShape: [3, 1] }),
    lstm({ units: 100, activation: 'relu' }),
    dense({ units: 2 }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'mse' });
  await model.fit(tensor(x).reshape([x.length, 3, 1]), tensor(y), { epochs: options.epochs ?? 50 });
  return predictLevels(model, probe, d);
}

/** Predicts the two steps after `probe` (the last values, plus one earlier value when differencing). */
export function predictLevels(
  model: { predict(x: ReturnType<typeof tensor>): ReturnType<typeof tensor> },
  probe: number[],
  differenced: boolean,
): number[] {
  if (!differenced) return Array.from(model.predict(tensor([probe.map((v) => [v])])).data);
  // Inputs are the last three differences, which need the value before the probe (60 for [70, 80, 90]).
  const history = [probe[0] - (probe[1] - probe[0]), ...probe];
  const diffs = Array.from(model.predict(tensor([difference(history).map((v) => [v])])).data);
  return inverseDifference(diffs, history);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const p = await multistepVector(Number(process.argv[2] ?? 1), { difference: process.argv.includes('--difference') });
  console.log(`-> [${p.map((v) => v.toFixed(2)).join(', ')}] (true [100, 110]; Keras printed [100.98, 113.29])`);
}
