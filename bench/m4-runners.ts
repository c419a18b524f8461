// The models npm run bench:m4 scores on M4 Hourly and Weekly: a list of named runners, each turning
// the training series of one frequency into H-step forecasts. Per-series models wrap a Forecaster;
// a global model (trained across series) is one more entry whose forecast() sees the whole panel.

import type { Forecaster } from '../src/forecast/baselines.js';
import { autoEts } from '../src/forecast/stats/auto-ets.js';
import { m4Benchmarks } from '../src/forecast/stats/benchmarks.js';

/** What a runner is given: the training series of one M4 frequency, its horizon and season length. */
export interface M4Task {
  frequency: 'Hourly' | 'Weekly';
  train: Float64Array[];
  horizon: number;
  season: number;
}

/** A named model: forecasts `horizon` values after each training series (may train across series). */
export interface M4Runner {
  name: string;
  /** The published row it reproduces, if any (an M4 benchmark name). */
  benchmark?: string;
  forecast(task: M4Task): Promise<number[][]> | number[][];
}

/** A runner that fits a fresh per-series Forecaster on each series and forecasts from its end. */
export function perSeries(name: string, make: (task: M4Task) => Forecaster, benchmark?: string): M4Runner {
  return {
    name,
    ...(benchmark ? { benchmark } : {}),
    async forecast(task) {
      const out: number[][] = [];
      for (const x of task.train) {
        const model = make(task);
        await model.fit(x); // a Forecaster's fit may be asynchronous (neural models)
        out.push(model.predict(x, task.horizon));
      }
      return out;
    },
  };
}

/** Every runner, in table order: the eight M4 statistical benchmarks, then automatic ETS. */
export const M4_RUNNERS: M4Runner[] = [
  ...m4Benchmarks().map((b, i) => perSeries(`lstmkit ${b.name}`, (t) => m4Benchmarks({ season: t.season })[i], b.name)),
  perSeries('lstmkit ETS (auto, AICc)', (t) => autoEts({ season: t.season })),
];
