// The models npm run bench:m4 scores on M4 Hourly and Weekly: a list of named runners, each turning
// the training series of one frequency into H-step forecasts. Per-series models wrap a Forecaster;
// a global model (trained across series) is one more entry whose forecast() sees the whole panel.

import type { Forecaster } from '../src/forecast/forecaster.js';
import { forecastPanel } from '../src/forecast/panel/forecast-panel.js';
import type { PanelOptions } from '../src/forecast/panel/options.js';
import { autoEts } from '../src/forecast/stats/auto-ets.js';
import { m4Benchmarks } from '../src/forecast/stats/benchmarks.js';
import { withWorkerThreads } from '../src/node/panel-run.js';

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

/**
 * A runner of forecastPanel (the many-series path): every model is scored on the last H values of each
 * training series, the chosen one is refitted on whole training series (the global LSTM retrained on
 * worker threads) and its future is the forecast scored on the test file. NaN where it failed.
 */
export function panelRunner(name: string, options: Omit<PanelOptions, 'horizon' | 'season'> = {}): M4Runner {
  return {
    name,
    async forecast(task) {
      const series = task.train.map((values, i) => ({ id: String(i), values }));
      const r = await forecastPanel(
        { series },
        withWorkerThreads({ ...options, horizon: task.horizon, season: task.season }),
      );
      const out = task.train.map(() => new Array<number>(task.horizon).fill(Number.NaN));
      for (const row of r.rows!) out[Number(row.id)][row.step - 1] = row.forecast;
      process.stderr.write(
        `${name} on ${task.frequency}: the future by ${r.summary.chosen} (${r.summary.chosenWhy})\n`,
      );
      return out;
    },
  };
}

/** Every runner, in table order: the eight M4 statistical benchmarks, automatic ETS, then the many-series path. */
export const M4_RUNNERS: M4Runner[] = [
  ...m4Benchmarks().map((b, i) => perSeries(`lstmkit ${b.name}`, (t) => m4Benchmarks({ season: t.season })[i], b.name)),
  perSeries('lstmkit ETS (auto, AICc)', (t) => autoEts({ season: t.season })),
  panelRunner('lstmkit panel (default: the best of the global LSTM and the statistical set)'),
  panelRunner('lstmkit global LSTM (panel path)', { models: ['LSTM'], futureModel: 'LSTM' }),
];
