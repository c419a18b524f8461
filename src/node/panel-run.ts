// A panel run written to an output folder as it goes: results.json, forecast.csv, pages.json and
// report.html (see panel-output.ts for how the folder is written).

import type { Panel } from '../data/panel.js';
import { forecastPanel, type PanelHooks, type PanelResult } from '../forecast/panel/forecast-panel.js';
import { GLOBAL_MODEL } from '../forecast/panel/global-model.js';
import { defaultPanelModels } from '../forecast/panel/models.js';
import type { PanelOptions } from '../forecast/panel/options.js';
import { globalWorkerRunner } from './global-workers.js';
import { panelReport } from '../forecast/panel/report.js';
import { panelOutput } from './panel-output.js';

/**
 * forecastPanel() with its outputs written to the folder `out`; returns the result (without the
 * per-series results and rows, which are in the folder) and the folder's path.
 * @example const r = await forecastPanelToFolder(await readPanel('Hourly-train.csv.gz'), { horizon: 48, season: 24 }, 'out/hourly');
 */
export async function forecastPanelToFolder(
  panel: Panel,
  options: PanelOptions,
  out: string,
  hooks: Pick<PanelHooks, 'onProgress'> & { title?: string; overwrite?: boolean } = {},
): Promise<PanelResult & { dir: string }> {
  const output = await panelOutput(out, { overwrite: hooks.overwrite === true });
  try {
    const r = await forecastPanel(panel, options, {
      onSetup: output.onSetup,
      store: output.store,
      onFuture: output.onFuture,
      ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
    });
    const report = panelReport({ ...r, ...(hooks.title ? { title: hooks.title } : {}) });
    const dir = await output.finish(
      r.summary,
      r.future,
      new Map([
        ['pages.json', `${JSON.stringify(r.pages)}\n`],
        ['report.html', report],
      ]),
    );
    return { ...r, dir };
  } catch (e) {
    await output.discard();
    throw e;
  }
}

/**
 * The options with the global LSTM's ensemble members trained on worker threads (all cores unless
 * `workers` is given), when it runs and no runner was chosen.
 * @example await forecastPanel(panel, withWorkerThreads({ horizon: 48, season: 24 }))
 */
export function withWorkerThreads(options: PanelOptions, workers?: number): PanelOptions {
  const season = typeof options.season === 'number' ? options.season : 1;
  const models = options.models ?? defaultPanelModels(season);
  if (!models.includes(GLOBAL_MODEL) || options.global?.runner) return options;
  return { ...options, global: { ...options.global, runner: globalWorkerRunner(workers ? { workers } : {}) } };
}
