// The training worker: runs the forecaster (web/forecasting.ts) or a demonstration's own model
// (web/demo.ts) off the main thread, reports every training and epoch, honours pause and stop between
// epochs, saves and loads forecasters, and answers look-inside requests.

import {
  type DataSource,
  forecasterArtifacts,
  forecastNumbers,
  inspectLstm,
  loadForecaster,
  type NeuralForecaster,
  type Sequential,
  saveForecaster,
} from 'lstmkit';
import type { DemoSettings, SeriesInput } from './data.ts';
import { prepareDemo } from './data.ts';
import { demoModel, fitDemo, type Probe, symbolProbes, symbolReport } from './demo.ts';
import { forecasterView, modelView, runForecast, scoreLoaded } from './forecasting.ts';
import type { FromWorker, LoadSource, ToWorker } from './protocol.ts';

/** The network the look-inside view reads, and its windows. */
let inspected: Sequential | null = null;
let probes: Probe[] = [];
/** The forecaster that Save writes: the final model of the last run, or the one loaded. */
let forecaster: NeuralForecaster | null = null;
/** How its data were read (null for a loaded one): saved with it, as the CLI records its columns. */
let source: DataSource | null = null;
/** The demonstration model being trained (stop sets its stopTraining). */
let demo: Sequential | null = null;
let paused = false;
let stopped = false;

/** Thrown from an epoch callback to end a forecasting run when the user presses Stop. */
class StopRun extends Error {}

const post = (m: FromWorker) => (self as unknown as Worker).postMessage(m);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function betweenEpochs(): Promise<void> {
  while (paused && !stopped) await sleep(50);
}

async function runSeries(series: SeriesInput, options: ToWorker & { type: 'forecast' }): Promise<void> {
  const r = await runForecast(series, options.options, {
    onTraining: (e) => post({ type: 'training', ...e }),
    onEpoch: async (epoch, epochs, logs) => {
      post({ type: 'epoch', epoch, epochs, logs });
      await betweenEpochs();
      if (stopped) throw new StopRun('stopped');
    },
  });
  forecaster = r.finalModel;
  source = { target: series.name, date: series.dateColumn ?? null, features: [] };
  const v = forecasterView(r.finalModel, series);
  inspected = r.finalModel.fitted.members[0];
  probes = v.probes;
  post({ type: 'forecast', result: forecastNumbers(r), view: v.view });
}

async function runDemo(dataset: 'memory' | 'text', s: DemoSettings): Promise<void> {
  const task = prepareDemo(dataset, s);
  const model = demoModel(s, task);
  demo = model;
  post({
    type: 'training',
    model: 'demo',
    phase: 'training',
    member: 0,
    members: 1,
    epochs: s.epochs,
    index: 0,
    total: 1,
  });
  const epochsRun = await fitDemo(model, task, s, async (epoch, logs) => {
    post({ type: 'epoch', epoch, epochs: s.epochs, logs });
    await betweenEpochs();
  });
  inspected = model;
  probes = symbolProbes(task);
  post({
    type: 'demo',
    stopped,
    epochsRun,
    symbols: symbolReport(model, task, probes),
    view: modelView(model, probes),
  });
}

async function load(from: LoadSource, series: SeriesInput): Promise<void> {
  const f =
    from.kind === 'indexeddb' ? await loadForecaster(`indexeddb://${from.name}`) : await loadForecaster(from.artifacts);
  const where = from.kind === 'indexeddb' ? `IndexedDB '${from.name}'` : from.from;
  const report = await scoreLoaded(f, series, where);
  forecaster = f;
  source = null;
  const v = forecasterView(f, series);
  inspected = f.fitted.members[0];
  probes = v.probes;
  post({ type: 'loaded', report, view: v.view });
}

self.onmessage = async (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  try {
    if (msg.type === 'forecast' || msg.type === 'demo') {
      paused = stopped = false;
      demo = null;
      if (msg.type === 'forecast') await runSeries(msg.series, msg);
      else await runDemo(msg.dataset, msg.settings);
    } else if (msg.type === 'load') await load(msg.source, msg.series);
    else if (msg.type === 'save') {
      if (!forecaster) throw new Error('forecast a series (or load a forecaster) before saving');
      if (msg.target === 'indexeddb') {
        await saveForecaster(forecaster, `indexeddb://${msg.name}`, source);
        post({ type: 'saved', target: 'indexeddb', name: msg.name });
      } else
        post({ type: 'saved', target: 'download', name: msg.name, artifacts: forecasterArtifacts(forecaster, source) });
    } else if (msg.type === 'pause') paused = true;
    else if (msg.type === 'resume') paused = false;
    else if (msg.type === 'stop') {
      // Between epochs: a demonstration's fit() checks stopTraining before the next epoch and is
      // still evaluated; a forecasting run ends (its result would mix stopped and finished trainings).
      stopped = true;
      if (demo) demo.stopTraining = true;
      paused = false;
    } else if (msg.type === 'inspect') {
      if (!inspected || !probes[msg.probe]) throw new Error('train a model first');
      const r = inspectLstm(inspected, msg.layer, probes[msg.probe].x);
      post({ type: 'inspection', probe: msg.probe, steps: probes[msg.probe].steps, data: r });
    }
  } catch (err) {
    if (err instanceof StopRun || (stopped && msg.type === 'forecast')) post({ type: 'stopped' });
    else post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
