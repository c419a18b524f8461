// Beijing PM2.5 (../shared/reference/published-results.md section 3): the tutorial's preparation
// (pollutionRecipe), first year for training, RMSE in µg/m³ on all 35,039 test hours, 1-hour and
// 3-hour lags. The tutorial's model (LSTM(50), MAE loss, 50 epochs, batch 72, no shuffling, scaler
// on all 5 years) is reproduced, then trained to predict the change from the last hour (zero output
// = persistence), with the tutorial's scaler and with a train-only one.

import { readFileSync } from 'node:fs';
import { persistence } from '../src/forecast/baselines.js';
import { rmse } from '../src/forecast/metrics.js';
import { type ComparisonRow as Row, comparisonTable, meanStd } from '../src/forecast/summary.js';
import { pollutionInverse, pollutionRecipe } from '../src/data/recipes/pollution.js';
import { dense } from '../src/layers/dense.js';
import { lstm } from '../src/layers/lstm.js';
import { sequential } from '../src/model/sequential.js';
import { adam } from '../src/optim/optimizer.js';
import { setRandomSeed } from '../src/rng.js';

type Loss = 'mae' | 'mse' | 'huber' | 'logcosh';
const REPEATS = Number(process.env.REPEATS ?? 3);
const EPOCHS = Number(process.env.EPOCHS ?? 50);
const text = readFileSync('/work/shared/data/pollution.csv', 'utf8');

/**
 * One training run. With `difference`, the network predicts the change from the last observed hour
 * (scaled by the training changes' max |change|), so a zero output is persistence.
 */
async function run(
  lag: number,
  loss: Loss,
  scaleOn: 'all' | 'train',
  difference: boolean,
  seed: number,
): Promise<number> {
  const d = pollutionRecipe(text, { lag, scaleOn });
  const last = (i: number) => d.values[i - 1][0];
  const trainChange = d.trainTargetIndex.map((i) => d.values[i][0] - last(i));
  const k = Math.max(...trainChange.map(Math.abs));
  setRandomSeed(seed);
  const model = sequential([lstm({ units: 50, inputShape: [lag, 8] }), dense({ units: 1 })]);
  model.compile({ optimizer: adam(), loss });
  await model.fit(d.trainX, difference ? trainChange.map((c) => c / k) : d.trainY, {
    epochs: EPOCHS,
    batchSize: 72,
    shuffle: false,
  });
  const out = model.predict(d.testX, { batchSize: 1024 }).data;
  const pred = difference ? d.testTargetIndex.map((i, j) => last(i) + out[j] * k) : pollutionInverse(d.scaler, out);
  return rmse(
    d.testTargetIndex.map((i) => d.values[i][0]),
    pred,
  );
}

const t0 = performance.now();
const rows: Row[] = [];
const d1 = pollutionRecipe(text, { lag: 1 });
const truth = d1.testTargetIndex.map((i) => d1.values[i][0]);
const naive = rmse(
  truth,
  d1.testTargetIndex.map((i) => persistence().predict([d1.values[i - 1][0]], 1)[0]),
);
rows.push({
  task: 'PM2.5',
  metric: 'persistence test RMSE',
  published: '"30" (prose)',
  ours: naive.toFixed(3),
  target: '-',
  met: null,
});
const only = process.env.LAGS ? process.env.LAGS.split(',').map(Number) : [1, 3];
for (const lag of only) {
  const published = lag === 1 ? 26.496 : 27.177;
  const variants = process.env.VARIANTS
    ? JSON.parse(process.env.VARIANTS)
    : [
        ['mae', 'all', false],
        ['mae', 'all', true],
        ['mae', 'train', true],
      ];
  for (const [loss, scaleOn, difference] of variants as [Loss, 'all' | 'train', boolean][]) {
    const v: number[] = [];
    for (let r = 0; r < REPEATS; r++) v.push(await run(lag, loss, scaleOn, difference, 100 + r));
    const s = meanStd(v);
    const tutorial = loss === 'mae' && scaleOn === 'all' && !difference;
    rows.push({
      task: `PM2.5 ${lag}-hour lag`,
      metric: `LSTM(50) test RMSE, ${difference ? 'predicts the change, ' : ''}${loss} loss, scaler on ${scaleOn === 'all' ? 'all 5 years' : 'training rows'}`,
      published: published.toFixed(3),
      ours: `${s.mean.toFixed(3)} ± ${s.std.toFixed(3)} (n=${REPEATS})`,
      target: tutorial ? 'reproduce' : `<= ${published}`,
      met: tutorial ? null : s.mean <= published,
    });
    console.error(
      `lag ${lag} ${loss} ${scaleOn} ${difference ? 'change' : 'level'}: ${v.map((x) => x.toFixed(3)).join(', ')} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
    );
  }
}
console.log(
  `Beijing PM2.5: published vs lstmkit (${((performance.now() - t0) / 1000).toFixed(0)} s, ${EPOCHS} epochs)`,
);
console.log(comparisonTable(rows));
console.log(
  'All rows: LSTM(50) -> Dense(1), adam 1e-3, batch 72, no shuffling, 8 label-encoded features at t-lag..t-1 -> pollution at t.',
);
