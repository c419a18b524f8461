// Airline passengers, look_back 1 (../shared/reference/published-results.md section 2): the
// tutorial's split (96 train / 48 test months, 46 one-step test forecasts from the true previous
// value), with its whole-series MinMax(0,1) scaler and with a train-only scaler; then lstmkit's
// defaults on the same split (first difference, train-only scaling).

import { linearAutoregression, persistence } from '../src/forecast/baselines.js';
import { type NeuralOptions, trainNeural } from '../src/forecast/neural.js';
import { scoreWalkForward, walkForwardForecasts } from '../src/forecast/walk-forward.js';
import { readCsvFile } from '../src/node/csv-file.js';
import { type ComparisonRow as Row, comparisonTable, meanStd } from '../src/forecast/summary.js';

const REPEATS = Number(process.env.REPEATS ?? 10);
const y = readCsvFile('datasets/airline-passengers.csv', { dateColumns: ['Month'] }).numeric.Passengers;
const TRAIN = Math.floor(y.length * 0.67); // 96
// create_dataset drops one sample: test inputs test[0..45] predict test[1..46] = y[97..142].
const origins = Array.from({ length: 46 }, (_, i) => TRAIN + 1 + i);
const trainOrigins = Array.from({ length: 94 }, (_, i) => 1 + i);
const trainOriginsDiff = trainOrigins.slice(1); // differencing needs one more past value

async function runs(
  options: Omit<NeuralOptions, 'horizon' | 'kind' | 'lookback'>,
): Promise<{ train: number[]; test: number[] }> {
  const train: number[] = [],
    test: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const f = await trainNeural(y.slice(0, TRAIN), {
      kind: 'lstm',
      lookback: 1,
      horizon: 1,
      units: 4,
      epochs: 100,
      batchSize: 1,
      learningRate: 0.001,
      validationFraction: 0,
      seed: 7 + r,
      ...options,
    });
    const tro = options.difference ? trainOriginsDiff : trainOrigins;
    train.push(scoreWalkForward(y, tro, f.predictAt(y, tro), TRAIN).overall.rmse);
    test.push(scoreWalkForward(y, origins, f.predictAt(y, origins), TRAIN).overall.rmse);
  }
  return { train, test };
}

const t0 = performance.now();
const fmt = (v: number[]) => {
  const s = meanStd(v);
  return `${s.mean.toFixed(2)} ± ${s.std.toFixed(2)} (n=${REPEATS})`;
};
const rows: Row[] = [];
const naive = scoreWalkForward(y, origins, walkForwardForecasts(y, persistence(), origins, 1), TRAIN).overall.rmse;
rows.push({
  task: 'airline look_back 1',
  metric: 'persistence test RMSE',
  published: '-',
  ours: naive.toFixed(2),
  target: '-',
  met: null,
});
const leaky = await runs({ scaleOn: y, range: [0, 1] });
rows.push({
  task: 'airline look_back 1',
  metric: 'LSTM(4) train RMSE, whole-series scaler',
  published: '22.93',
  ours: fmt(leaky.train),
  target: '-',
  met: null,
});
rows.push({
  task: 'airline look_back 1',
  metric: 'LSTM(4) test RMSE, whole-series scaler',
  published: '47.53',
  ours: fmt(leaky.test),
  target: 'reproduce',
  met: null,
});
const clean = await runs({ range: [0, 1] });
rows.push({
  task: 'airline look_back 1',
  metric: 'LSTM(4) test RMSE, train-only scaler',
  published: '47.53',
  ours: fmt(clean.test),
  target: 'reproduce',
  met: null,
});
for (const log of [false, true]) {
  const name = log ? 'log-differenced' : 'differenced';
  const whole = await runs({ difference: true, log, epochs: 200, batchSize: 4, scaleOn: y });
  rows.push({
    task: 'airline look_back 1',
    metric: `LSTM(4) test RMSE, ${name}, whole-series scaler`,
    published: '47.53',
    ours: fmt(whole.test),
    target: '<= 47.53',
    met: meanStd(whole.test).mean <= 47.53,
  });
  const diff = await runs({ difference: true, log, epochs: 200, batchSize: 4 });
  rows.push({
    task: 'airline look_back 1',
    metric: `LSTM(4) test RMSE, ${name}, train-only scaler`,
    published: '47.53',
    ours: fmt(diff.test),
    target: '<= 47.53',
    met: meanStd(diff.test).mean <= 47.53,
  });
}
const ar = linearAutoregression({ lags: 1, difference: true });
ar.fit(y.slice(0, TRAIN));
rows.push({
  task: 'airline look_back 1',
  metric: 'linear AR(1) on differences test RMSE',
  published: '-',
  ours: scoreWalkForward(y, origins, walkForwardForecasts(y, ar, origins, 1), TRAIN).overall.rmse.toFixed(2),
  target: '-',
  met: null,
});
console.log(`Airline passengers: published vs lstmkit (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
console.log(comparisonTable(rows));
console.log(
  'Rows 2-4: the tutorial model, LSTM(4) -> Dense(1), look_back 1, adam 1e-3, 100 epochs, batch 1, MinMax(0,1), no differencing.',
);
console.log(
  'Rows 5-8: the same network on first differences (of the log for rows 7-8), MinMax(-1,1) fitted on all differences or on the training ones only, 200 epochs, batch 4.',
);
