// The training worker: builds and fits an lstmkit model off the main thread, reports every epoch,
// honours pause/stop between epochs, then evaluates against baselines and answers look-inside requests.

import {
  adam,
  dense,
  inspectLstm,
  Lstm,
  loadModel,
  lstm,
  type ModelArtifacts,
  plotModel,
  Sequential,
  sequential,
  setRandomSeed,
} from 'lstmkit';
import { prepare, type SeriesTask, type SymbolTask, type Task, type TrainSettings } from './data.ts';
import { seriesReport } from './evaluate.ts';
import type { FromWorker, MemoryFinding, ToWorker } from './protocol.ts';

let model: Sequential | null = null;
let probes: { label: string; x: number[][]; steps: string[] }[] = [];
let paused = false;
let stopped = false;

const post = (m: FromWorker) => (self as unknown as Worker).postMessage(m);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const column = (rows: number[][]) => rows.map((r) => r.map((v) => [v]));

function buildModel(
  s: TrainSettings,
  T: number,
  D: number,
  out: number,
  perStep: boolean,
  softmax: boolean,
): Sequential {
  const layers = [];
  for (let k = 0; k < s.layers; k++) {
    layers.push(
      lstm({
        units: s.units,
        returnSequences: perStep || k < s.layers - 1,
        ...(k === 0 ? { inputShape: [T, D] } : {}),
      }),
    );
  }
  layers.push(dense({ units: out, ...(softmax ? { activation: 'softmax' as const } : {}) }));
  return sequential(layers, { name: 'playground' });
}

/**
 * Mean squared error for both tasks. For the per-step softmax outputs (T, V) cross-entropy would be
 * the textbook choice, but lstmkit's categoricalCrossentropy normalizes over all T·V values of a
 * sample rather than per step, so its minimum is T·log T, not 0; MSE on softmax learns cleanly.
 */
function compile(m: Sequential, s: TrainSettings): string {
  m.compile({ optimizer: adam({ learningRate: s.learningRate }), loss: 'mse' });
  return 'mse';
}

/** The model diagram the page shows: plotModel's, as `lstmkit summary` writes it. */
const diagram = (m: Sequential) => plotModel(m, { showShapes: true, showLayerNames: true, showParams: true });

async function train(s: TrainSettings): Promise<void> {
  paused = false;
  stopped = false;
  setRandomSeed(s.seed);
  const task = prepare(s);
  const series = task.kind === 'series';
  const T = series ? task.lookback : task.x[0].length;
  const D = series ? 1 : task.vocab.length;
  const m = buildModel(s, T, D, series ? task.horizon : task.vocab.length, !series, !series);
  const loss = compile(m, s);
  model = m;
  let x: number[][][],
    y: number[][] | number[][][],
    validationData: [number[][][], number[][] | number[][][]] | null = null;
  if (series) {
    const split = Math.ceil(task.trainX.length * 0.85);
    x = column(task.trainX.slice(0, split));
    y = task.trainY.slice(0, split);
    validationData = [column(task.trainX.slice(split)), task.trainY.slice(split)];
  } else {
    x = task.x;
    y = task.y;
    if (task.name === 'text') {
      const split = Math.ceil(task.x.length * 0.9);
      x = task.x.slice(0, split);
      y = task.y.slice(0, split);
      validationData = [task.x.slice(split), task.y.slice(split)];
    }
  }
  post({ type: 'started', loss, samples: x.length, summary: m.summary(false), diagram: diagram(m) });
  const history = await m.fit(x, y, {
    epochs: s.epochs,
    batchSize: s.batchSize,
    ...(validationData ? { validationData } : {}),
    callbacks: {
      onEpochEnd: async (epoch, logs) => {
        post({ type: 'epoch', epoch, epochs: s.epochs, logs });
        while (paused && !stopped) await sleep(50);
      },
    },
  });
  finish(m, task, s, stopped, history.epoch.length, null);
}

/** Evaluates a trained (or loaded) model on its task and posts the report. */
function finish(
  m: Sequential,
  task: Task,
  s: TrainSettings,
  stopped: boolean,
  epochsRun: number,
  loaded: string | null,
): void {
  probes = task.kind === 'series' ? seriesProbes(task) : symbolProbes(task);
  const lstmLayers = m.layers.flatMap((l, i) =>
    l instanceof Lstm ? [{ index: i, name: l.name, units: l.units }] : [],
  );
  post({
    type: 'done',
    stopped,
    epochsRun,
    loaded,
    lookback: s.lookback,
    horizon: s.horizon,
    ...(task.kind === 'series'
      ? { series: seriesReport(task, (xs) => predictRows(m, column(xs))) }
      : { symbols: symbolReport(m, task) }),
    probes: probes.map((p) => p.label),
    lstmLayers,
  });
}

/** Restores a model saved in the native format and evaluates it on the chosen dataset. */
async function load(artifacts: ModelArtifacts, s: TrainSettings, from: string): Promise<void> {
  const m = await loadModel(artifacts);
  if (!(m instanceof Sequential))
    throw new Error('the playground shows Sequential models; this file holds another kind');
  const [T, D] = m.inputShapes()![0];
  const out = m.outputShapes().at(-1)!;
  const kind = s.dataset === 'memory' || s.dataset === 'text' ? 'symbols' : 'series';
  // Windows must match the model: take lookback (and horizon) from its shapes.
  const adjusted = { ...s, lookback: T, ...(kind === 'series' ? { horizon: out[out.length - 1] } : {}) };
  const task = prepare(adjusted);
  const want = task.kind === 'series' ? 1 : task.vocab.length;
  if (D !== want || (task.kind === 'series') !== (out.length === 1)) {
    throw new Error(
      `this model reads ${D} feature(s) per step and outputs ${out.join('x')} per window; it does not fit the chosen dataset. Pick the dataset it was trained on.`,
    );
  }
  model = m;
  post({ type: 'started', loss: 'loaded', samples: 0, summary: m.summary(false), diagram: diagram(m) });
  finish(m, task, adjusted, false, 0, from);
}

function predictRows(m: Sequential, x: number[][][]): number[][] {
  const p = m.predict(x);
  const K = p.size / p.shape[0];
  return Array.from({ length: p.shape[0] }, (_, i) => Array.from(p.data.subarray(i * K, (i + 1) * K)));
}

function seriesProbes(task: SeriesTask): typeof probes {
  const n = task.testX.length,
    count = Math.min(n, 24);
  return Array.from({ length: count }, (_, k) => {
    const i = Math.round((k * (n - 1)) / Math.max(1, count - 1));
    const o = task.testOrigins[i];
    const steps = Array.from(
      { length: task.lookback },
      (_, t) => task.labels[o - task.lookback + t] || String(o - task.lookback + t),
    );
    return { label: `window before ${task.labels[o] || `#${o}`}`, x: task.testX[i].map((v) => [v]), steps };
  });
}

function symbolProbes(task: SymbolTask): typeof probes {
  return task.probes.map((p) => ({ ...p, steps: p.x.map((row) => task.vocab[row.indexOf(1)]) }));
}

function symbolReport(m: Sequential, task: SymbolTask) {
  const V = task.vocab.length,
    T = task.x[0].length;
  const pred = m.predict(task.x);
  let right = 0,
    lastRight = 0;
  for (let i = 0; i < task.x.length; i++) {
    for (let t = 0; t < T; t++) {
      const off = (i * T + t) * V;
      let best = 0;
      for (let k = 1; k < V; k++) if (pred.data[off + k] > pred.data[off + best]) best = k;
      const ok = task.y[i][t][best] === 1;
      right += ok ? 1 : 0;
      if (t === T - 1) lastRight += ok ? 1 : 0;
    }
  }
  const rows = task.probes.map((p) => {
    const out = m.predict([p.x]).data;
    const guess = Array.from({ length: T }, (_, t) => {
      let best = 0;
      for (let k = 1; k < V; k++) if (out[t * V + k] > out[t * V + best]) best = k;
      return task.vocab[best];
    });
    return {
      input: p.label,
      predicted: guess.join(task.name === 'text' ? '' : ' '),
      confidence: Math.max(...out.slice((T - 1) * V, T * V)),
    };
  });
  const memory = task.name === 'memory' ? memoryFinding(m) : null;
  return { accuracy: right / (task.x.length * T), lastStepAccuracy: lastRight / task.x.length, rows, memory };
}

/** Finds the unit whose cell state separates "3 0 1 2" from "4 0 1 2" most consistently over the steps. */
function memoryFinding(m: Sequential): MemoryFinding {
  const [a, b] = probes.map((p) => inspectLstm(m, 0, p.x));
  let unit = 0,
    gap = -1;
  for (let j = 0; j < a.units; j++) {
    const g = Math.min(...a.cell.map((row, t) => Math.abs(row[j] - b.cell[t][j])));
    if (g > gap) {
      gap = g;
      unit = j;
    }
  }
  const fmt = (v: number) => v.toFixed(2);
  const [la, lb] = probes.map((p) => p.label);
  const path = (r: number[][]) => r.map((row) => fmt(row[unit])).join(' → ');
  const text =
    gap >= 0.3
      ? `Unit ${unit} holds the first symbol: its cell state is ${path(a.cell)} after "${la}" and ${path(b.cell)} after "${lb}" (smallest gap ${fmt(gap)} over the 4 steps).`
      : `No single unit clearly holds the first symbol here (best: unit ${unit}, smallest gap ${fmt(gap)}); the memory is spread over several units. Try another seed or fewer units.`;
  return { text, unit, gap, cells: a.cell.map((row, t) => [row[unit], b.cell[t][unit]]), sequences: [la, lb] };
}

self.onmessage = async (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  try {
    if (msg.type === 'train') await train(msg.settings);
    else if (msg.type === 'load') await load(msg.artifacts, msg.settings, msg.from);
    else if (msg.type === 'save') {
      if (!model) throw new Error('train or load a model before saving');
      const { artifacts } = await model.save();
      post({ type: 'saved', target: msg.target, name: msg.name, artifacts });
    } else if (msg.type === 'pause') paused = true;
    else if (msg.type === 'resume') paused = false;
    else if (msg.type === 'stop') {
      // Between epochs: fit() checks stopTraining before the next epoch starts. (Its `signal` option
      // would end the next epoch after zero batches and still log it, with a loss of 0.)
      stopped = true;
      if (model) model.stopTraining = true;
      paused = false;
    } else if (msg.type === 'inspect') {
      if (!model || !probes[msg.probe]) throw new Error('train a model first');
      const r = inspectLstm(model, msg.layer, probes[msg.probe].x);
      post({ type: 'inspection', probe: msg.probe, steps: probes[msg.probe].steps, data: r });
    }
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
