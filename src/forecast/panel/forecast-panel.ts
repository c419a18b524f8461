// forecastPanel: many series in, many forecasts out, by the M4 protocol. Per series, the last
// `horizon` values are the test part and the `horizon` before them the calibration window; every model
// forecasts both from the values before them (a global model is trained once, on the values before
// each test part). The summary ranks the models; the chosen one (the lowest OWA unless named) is then
// fitted on whole series (the global model retrained) and forecasts the future with intervals.
// Series flow through in chunks: results and future rows go out as they are made.

import type { Panel } from '../../data/panel.js';
import { stepLabel } from '../../data/panel.js';
import { type PreparedSeries, prepareSeries, type RefusedSeries } from './checks.js';
import { type PanelForecaster, panelModel } from './models.js';
import { type PanelOptions, type PanelSetup, resolvePanelSetup } from './options.js';
import { type SeriesPage, seriesPage } from './pages.js';
import { type FutureRow, type ModelFailure, type ModelScore, type SeriesResult, scoreModel } from './records.js';
import { shardFilter } from './shard.js';
import { type PanelSummary, PROBLEMS_LISTED, type SeriesProblem, summarizePanel } from './summary.js';

/** Where per-series results go; read back (twice) for the summary. */
export interface PanelStore {
  add(results: SeriesResult[]): void | Promise<void>;
  results(): Iterable<SeriesResult> | AsyncIterable<SeriesResult>;
}

/**
 * A store keeping the results in memory.
 * @example const s = memoryStore(); s.add([{ id: 'a', length: 0, error: 'no values' }]); s.list.length  //=> 1
 */
export function memoryStore(): PanelStore & { list: SeriesResult[] } {
  const list: SeriesResult[] = [];
  return {
    list,
    add(results) {
      for (const r of results) list.push(r);
    },
    results: () => list,
  };
}

/** Progress of a panel run. */
export interface PanelProgress {
  stage: 'train' | 'evaluate' | 'future';
  /** Series done of the total (train: the model being trained). */
  done: number;
  total: number;
  model?: string;
}

/** Where a panel run's outputs go as they are made (defaults: kept in memory and returned). */
export interface PanelHooks {
  /** Called once the setup is resolved, before any result. */
  onSetup?: (setup: PanelSetup) => void | Promise<void>;
  store?: PanelStore;
  /** Rows of forecast.csv, a chunk of series at a time. */
  onFuture?: (rows: FutureRow[]) => void | Promise<void>;
  onProgress?: (p: PanelProgress) => void;
}

/** How the future went. */
export interface FutureSummary {
  model: string;
  /** Series forecast, and those the model failed on (with the first reasons). */
  series: number;
  failed: number;
  failures: SeriesProblem[];
}

/** The outcome of forecastPanel(). */
export interface PanelResult {
  setup: PanelSetup;
  summary: PanelSummary;
  future: FutureSummary;
  /** The report's series pages: the worst first, then the best. */
  pages: SeriesPage[];
  /** Per-series results (when no store was given). */
  results?: SeriesResult[];
  /** forecast.csv's rows (when no onFuture was given). */
  rows?: FutureRow[];
}

/** Series forecast together (one call of each model): bounds the memory of results and rows in flight. */
export const PANEL_CHUNK = 256;

const message = (e: Error) => e.message.replace(/\s*\n\s*/g, ' ') || 'failed';

/**
 * Forecasts every series of a panel (see the file header for the protocol).
 * @example
 * const r = await forecastPanel({ series: [{ id: 'a', values: a }, { id: 'b', values: b }] }, { horizon: 12, season: 12, models: ['SES', 'Theta'] });
 * r.summary.models[0].name  // the model with the lowest OWA; r.rows: its next 12 values of each series
 */
export async function forecastPanel(
  panel: Panel,
  options: PanelOptions = {},
  hooks: PanelHooks = {},
): Promise<PanelResult> {
  const setup = resolvePanelSetup(panel, options);
  await hooks.onSetup?.(setup);
  const { horizon: H, season: m } = setup;
  const keep = setup.shard ? shardFilter(setup.shard) : () => true;
  const memory = hooks.store ? null : memoryStore();
  const store = hooks.store ?? memory!;
  const rows: FutureRow[] | null = hooks.onFuture ? null : [];
  const emit = hooks.onFuture ?? ((r: FutureRow[]) => void rows!.push(...r));
  const progress = hooks.onProgress ?? (() => {});

  const items: (PreparedSeries | RefusedSeries)[] = [];
  panel.series.forEach((e, i) => {
    if (keep(e.id)) items.push(prepareSeries(e, i, setup));
  });
  const prepared = items.filter((p): p is PreparedSeries => !('error' in p));
  const context = { horizon: H, season: m };
  const models = setup.models.map((name) => panelModel(name, context, options.global ?? {}));
  const fitErrors = new Map<string, string>();
  const fitAll = async (model: PanelForecaster, stage: 'evaluation' | 'final', histories: ArrayLike<number>[]) => {
    if (!model.fit) return;
    progress({ stage: 'train', done: 0, total: histories.length, model: model.name });
    try {
      await model.fit(histories, stage);
    } catch (e) {
      fitErrors.set(model.name, message(e as Error));
    }
  };
  const trainPart = (p: PreparedSeries) => p.values.subarray(0, p.values.length - H);
  if (prepared.length) for (const model of models) await fitAll(model, 'evaluation', prepared.map(trainPart));

  // Evaluation: every model on the calibration window and the test part of every series.
  const forecastAll = async (model: PanelForecaster, histories: ArrayLike<number>[]) => {
    const failed = fitErrors.get(model.name);
    return failed !== undefined
      ? histories.map(() => new Error(`training failed: ${failed}`))
      : await model.forecast(histories);
  };
  let done = 0;
  for (let c = 0; c < items.length; c += PANEL_CHUNK) {
    const chunk = items.slice(c, c + PANEL_CHUNK);
    const ps = chunk.filter((p): p is PreparedSeries => !('error' in p));
    const train = ps.map(trainPart);
    const before = ps.map((p) => p.values.subarray(0, p.values.length - 2 * H));
    const byModel: { cal: (number[] | Error)[]; test: (number[] | Error)[] }[] = [];
    for (const model of models)
      byModel.push({ cal: await forecastAll(model, before), test: await forecastAll(model, train) });
    let k = 0;
    const results: SeriesResult[] = chunk.map((p) => {
      if ('error' in p) return { id: p.entry.id, length: p.length, error: p.error };
      const i = k++;
      const n = p.values.length;
      const scores: Record<string, ModelScore | ModelFailure> = {};
      models.forEach((model, j) => {
        const { cal, test } = { cal: byModel[j].cal[i], test: byModel[j].test[i] };
        if (cal instanceof Error || test instanceof Error)
          scores[model.name] = { error: message(test instanceof Error ? test : (cal as Error)) };
        else
          scores[model.name] = scoreModel(
            p.values.subarray(n - H),
            test,
            train[i],
            p.values.subarray(n - 2 * H, n - H),
            cal,
            m,
          );
      });
      return {
        id: p.entry.id,
        length: n,
        scale: p.scale,
        ...(p.note ? { note: p.note } : {}),
        models: scores,
      };
    });
    await store.add(results);
    done += chunk.length;
    progress({ stage: 'evaluate', done, total: items.length });
  }

  const { summary, pageRecords } = await summarizePanel(() => store.results(), setup);

  // The future: the chosen model on whole series, with the future widths times each series' scale.
  const chosen = models.find((model) => model.name === summary.chosen)!;
  fitErrors.delete(chosen.name);
  await fitAll(
    chosen,
    'final',
    prepared.map((p) => p.values),
  );
  const widths = summary.intervals.futureWidths;
  const pageOf = new Map<string, { group: 'worst' | 'best'; result: SeriesResult }>();
  for (const r of pageRecords)
    pageOf.set(r.id, { group: summary.pages.worst.includes(r.id) ? 'worst' : 'best', result: r });
  const pages: SeriesPage[] = [];
  const future: FutureSummary = { model: chosen.name, series: 0, failed: 0, failures: [] };
  done = 0;
  for (let c = 0; c < prepared.length; c += PANEL_CHUNK) {
    const ps = prepared.slice(c, c + PANEL_CHUNK);
    const forecasts = await forecastAll(
      chosen,
      ps.map((p) => p.values),
    );
    for (const [i, p] of ps.entries()) {
      const f = forecasts[i];
      const page = pageOf.get(p.entry.id);
      if (f instanceof Error) {
        future.failed++;
        if (future.failures.length < PROBLEMS_LISTED) future.failures.push({ id: p.entry.id, error: message(f) });
      } else {
        future.series++;
        const n = p.values.length;
        const out: FutureRow[] = [];
        for (let h = 0; h < H; h++)
          out.push({
            id: p.entry.id,
            step: h + 1,
            time: stepLabel(panel, p.entry, p.offset + n + h),
            model: chosen.name,
            forecast: f[h],
            lower: widths.map((w) => f[h] - w[h] * p.scale),
            upper: widths.map((w) => f[h] + w[h] * p.scale),
          });
        await emit(out); // a series at a time: its rows die young
      }
      if (page)
        pages.push(
          seriesPage(panel, p.entry, p.offset, p.values, page.result, page.group, f instanceof Error ? [] : f, H, m),
        );
    }
    done += ps.length;
    progress({ stage: 'future', done, total: prepared.length });
  }
  const order = [...summary.pages.worst, ...summary.pages.best];
  pages.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  return {
    setup,
    summary,
    future,
    pages,
    ...(memory ? { results: memory.list } : {}),
    ...(rows ? { rows } : {}),
  };
}
