// M4 competition accuracy (Makridakis, Spiliotis & Assimakopoulos 2020; the organisers' "Benchmarks
// and Evaluation.R"): sMAPE and MASE per series, averaged over series, and OWA relative to Naive2.
// The horizon and the MASE/Naive2 season length of each M4 frequency are defined here once.

import { checkPositiveInt, DataError } from '../errors.js';
import { mase, smape } from './metrics.js';
import { naive2 } from './stats/benchmarks.js';

/** Horizon H and season length m (for MASE and Naive2) of each M4 frequency. */
export const M4_FREQUENCIES = {
  Yearly: { horizon: 6, season: 1 },
  Quarterly: { horizon: 8, season: 4 },
  Monthly: { horizon: 18, season: 12 },
  Weekly: { horizon: 13, season: 1 },
  Daily: { horizon: 14, season: 1 },
  Hourly: { horizon: 48, season: 24 },
} as const satisfies Record<string, { horizon: number; season: number }>;

/** An M4 frequency name. */
export type M4Frequency = keyof typeof M4_FREQUENCIES;

/** Mean sMAPE (percent) and MASE over series, and OWA against Naive2 on the same series. */
export interface M4Score {
  smape: number;
  mase: number;
  owa: number;
}

/** Input of m4Scores(): the training series, the actual future values and each model's forecasts. */
export interface M4Input {
  /** Training series (the in-sample part, which scales MASE and feeds Naive2). */
  train: readonly ArrayLike<number>[];
  /** Actual values after each training series (H values each). */
  test: readonly ArrayLike<number>[];
  /** Forecasts by model name, one array of H values per series, in the order of `train`. */
  forecasts: Readonly<Record<string, readonly ArrayLike<number>[]>>;
  /** Season length m of the MASE scale and of Naive2 (M4_FREQUENCIES[f].season). */
  season: number;
}

/**
 * Scores forecasts as the M4 competition did: per series sMAPE = mean 200|y−f|/(|y|+|f|) and
 * MASE = mean|y−f| / mean|x_t − x_{t−m}| (in-sample seasonal naive), each averaged over all series;
 * OWA = ½(sMAPE/sMAPE_Naive2 + MASE/MASE_Naive2), with Naive2 computed here from `train`.
 * @example
 * const s = m4Scores({ train: [[1, 2, 3, 4]], test: [[5, 6]], forecasts: { last: [[4, 4]] }, season: 1 });
 * s.last.owa  //=> 1 (Naive2 is the last value when season is 1)
 */
export function m4Scores(input: M4Input): Record<string, M4Score> {
  const where = 'm4Scores';
  const { train, test, forecasts } = input;
  const season = checkPositiveInt(input.season, 'season', where);
  if (train.length === 0 || train.length !== test.length)
    throw new DataError(
      `needs as many test series as training series (at least one), got ${train.length} and ${test.length}`,
      where,
    );
  const reference = naive2({ season });
  const naive2Forecasts = train.map((x, i) => reference.predict(x, test[i].length));
  const mean = (fs: readonly ArrayLike<number>[], name: string) => {
    if (fs.length !== train.length)
      throw new DataError(`model '${name}' has ${fs.length} forecasts for ${train.length} series`, where);
    let s = 0,
      m = 0;
    for (let i = 0; i < train.length; i++) {
      s += smape(test[i], fs[i]);
      m += mase(test[i], fs[i], train[i], season);
    }
    return { smape: s / train.length, mase: m / train.length };
  };
  const base = mean(naive2Forecasts, 'Naive2');
  const out: Record<string, M4Score> = {};
  for (const [name, fs] of Object.entries(forecasts)) {
    const r = mean(fs, name);
    out[name] = { ...r, owa: 0.5 * (r.smape / base.smape + r.mase / base.mase) };
  }
  return out;
}
