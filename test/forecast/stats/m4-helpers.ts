// Shared by the M4 reproduction tests: the repository's M4 files, every benchmark's forecasts, and the
// published table (bench/m4-published.ts, from ../shared/reference/m4.md).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { M4_PUBLISHED, type Row } from '../../../bench/m4-published.js';
import type { Forecaster } from '../../../src/forecast/forecaster.js';
import { M4_FREQUENCIES, m4Scores } from '../../../src/forecast/m4.js';
import { comb, m4Benchmarks } from '../../../src/forecast/stats/benchmarks.js';
import { readWideFile } from '../../../src/node/wide-file.js';
import { assertClose } from '../../helpers/close.js';

/** Published [sMAPE, MASE, OWA] of the M4 statistical benchmarks, by frequency and benchmark name. */
export const PUBLISHED = Object.fromEntries(
  (['Hourly', 'Weekly'] as const).map((f) => [
    f,
    Object.fromEntries(M4_PUBLISHED.filter((p) => p.benchmark).map((p) => [p.benchmark as string, p[f]])),
  ]),
) as Record<'Hourly' | 'Weekly', Record<string, Row>>;

/** Train and test series of one M4 frequency, from datasets/m4 (ids checked to line up). */
export async function loadM4(frequency: 'Hourly' | 'Weekly') {
  const train = await readWideFile(`datasets/m4/${frequency}-train.csv.gz`);
  const test = await readWideFile(`datasets/m4/${frequency}-test.csv.gz`);
  if (train.some((s, i) => s.id !== test[i].id)) throw new Error('train and test ids differ');
  return {
    train: train.map((s) => s.values),
    test: test.map((s) => s.values),
    ids: train.map((s) => s.id),
    ...M4_FREQUENCIES[frequency],
  };
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
    assertClose(
      [scores[name].smape, scores[name].mase, scores[name].owa],
      [s, m, o],
      { rtol: 0.01 },
      `${frequency} ${name}`,
    );
  }
  // comb() is the mean that forecastAll used for Com
  const c = comb({ season });
  for (const i of [0, 7, train.length - 1])
    assertClose(c.predict(train[i], horizon), forecasts.Com[i], { rtol: 1e-12 }, 'comb');
}
