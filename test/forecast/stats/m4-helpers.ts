// Shared by the M4 reproduction tests: the repository's M4 files, every benchmark's forecasts, and the
// published table (../shared/reference/m4.md, from the organisers' "Evaluation and Ranks.xlsx").

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { type Forecaster } from '../../../src/forecast/baselines.js';
import { M4_FREQUENCIES, m4Scores } from '../../../src/forecast/m4.js';
import { comb, m4Benchmarks } from '../../../src/forecast/stats/benchmarks.js';
import { readWideFile } from '../../../src/node/wide-file.js';
import { assertClose } from '../../helpers/close.js';

export const PUBLISHED: Record<'Hourly' | 'Weekly', Record<string, [smape: number, mase: number, owa: number]>> = {
  Hourly: {
    Naive: [43.003, 11.608, 3.593],
    sNaive: [13.912, 1.193, 0.627],
    Naive2: [18.383, 2.395, 1.0],
    SES: [18.094, 2.385, 0.99],
    Holt: [29.249, 9.356, 2.749],
    Damped: [19.265, 2.956, 1.141],
    Theta: [18.138, 2.455, 1.006],
    Com: [22.053, 4.582, 1.556],
  },
  Weekly: {
    Naive: [9.161, 2.777, 1.0],
    sNaive: [9.161, 2.777, 1.0],
    Naive2: [9.161, 2.777, 1.0],
    SES: [9.012, 2.685, 0.975],
    Holt: [9.708, 2.42, 0.966],
    Damped: [8.866, 2.404, 0.917],
    Theta: [9.093, 2.637, 0.971],
    Com: [8.944, 2.432, 0.926],
  },
};

/** Train and test series of one M4 frequency, from datasets/m4 (ids checked to line up). */
export async function loadM4(frequency: 'Hourly' | 'Weekly') {
  const train = await readWideFile(`datasets/m4/${frequency}-train.csv.gz`);
  const test = await readWideFile(`datasets/m4/${frequency}-test.csv.gz`);
  if (train.some((s, i) => s.id !== test[i].id)) throw new Error('train and test ids differ');
  return { train: train.map((s) => s.values), test: test.map((s) => s.values), ids: train.map((s) => s.id), ...M4_FREQUENCIES[frequency] };
}

/** Forecasts of each model for every series; Com is the mean of SES, Holt and Damped (as comb()). */
export function forecastAll(models: Forecaster[], train: Float64Array[], horizon: number): Record<string, number[][]> {
  const out: Record<string, number[][]> = {};
  for (const m of models) {
    if (m.name === 'Com') continue;
    out[m.name] = train.map((x) => {
      m.fit(x);
      return m.predict(x, horizon);
    });
  }
  out.Com = out.SES.map((f, i) => f.map((v, h) => (v + out.Holt[i][h] + out.Damped[i][h]) / 3));
  return out;
}

/** The reference numbers made by fixtures/make-r-reference.R (R 4.2, forecast 8.20). */
export const R_REFERENCE = JSON.parse(readFileSync('test/forecast/stats/fixtures/r-reference.json', 'utf8'));

/** Asserts the published M4 table for one frequency (see m4-hourly.test.ts, m4-weekly.test.ts). */
export async function checkPublishedTable(frequency: 'Hourly' | 'Weekly'): Promise<void> {
  const { train, test: actual, horizon, season } = await loadM4(frequency);
  assert.equal(train.length, frequency === 'Hourly' ? 414 : 359);
  const forecasts = forecastAll(m4Benchmarks({ season }), train, horizon);
  const scores = m4Scores({ train, test: actual, forecasts, season });
  const round = (v: number) => Math.round(v * 1000) / 1000;
  // Naive2 is the reference of the check: exact to the published 3 decimals; so are Naive and sNaive
  for (const name of ['Naive', 'sNaive', 'Naive2']) {
    const [s, m] = PUBLISHED[frequency][name];
    assert.deepEqual([round(scores[name].smape), round(scores[name].mase)], [s, m], `${frequency} ${name}`);
  }
  for (const [name, [s, m, o]] of Object.entries(PUBLISHED[frequency])) {
    assertClose([scores[name].smape, scores[name].mase, scores[name].owa], [s, m, o], { rtol: 0.01 }, `${frequency} ${name}`);
  }
  // comb() is the mean that forecastAll used for Com
  const c = comb({ season });
  for (const i of [0, 7, train.length - 1]) assertClose(c.predict(train[i], horizon), forecasts.Com[i], { rtol: 1e-12 }, 'comb');
}
