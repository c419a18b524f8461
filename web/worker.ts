// The training worker: builds and fits an lstmkit model off the main thread, reports every epoch,
// honours pause/stop between epochs, then evaluates against baselines and answers look-inside requests.

import { dense, inspectLstm, Lstm, lstm, type Sequential, sequential, setRandomSeed, adam } from 'lstmkit';
import { prepare, type SeriesTask, type SymbolTask, type TrainSettings } from './data.ts';
import { seriesReport } from './evaluate.ts';
import type { FromWorker, LayerBox, ToWorker } from './protocol.ts';

let model: Sequential | null = null;
let probes: { label: string; x: number[][]; steps: string[] }[] = [];
let paused = false;
const control = { aborted: false };

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

function compile(m: Sequential, s: TrainSettings, classify: boolean): string {
  const optimizer = adam({ learningRate: s.learningRate });
  if (classify) {
    try {
      m.compile({ optimizer, loss: 'categoricalCrossentropy' });
      return 'categoricalCrossentropy';
    } catch {
      // Not every build of lstmkit registers cross-entropy; mean squared error on softmax outputs also learns.
    }
  }
  m.compile({ optimizer, loss: 'mse' });
  return 'mse';
}

function diagram(m: Sequential, inputShape: number[]): LayerBox[] {
  const shapes = m.outputShapes();
  return [
    { name: 'input', className: 'Input', shape: `(None, ${inputShape.join(', ')})`, params: 0 },
    ...m.layers.map((l, i) => ({
      name: l.name,
      className: l.className,
      shape: `(None, ${shapes[i].join(', ')})`,
      params: l.countParams(),
    })),
  ];
}

async function train(s: TrainSettings): Promise<void> {
  paused = false;
  control.aborted = false;
  setRandomSeed(s.seed);
  const task = prepare(s);
  const series = task.kind === 'series';
  const T = series ? task.lookback : task.x[0].length;
  const D = series ? 1 : task.vocab.length;
  const m = buildModel(s, T, D, series ? task.horizon : task.vocab.length, !series, !series);
  const loss = compile(m, s, !series);
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
  post({ type: 'started', loss, samples: x.length, summary: m.summary(false), diagram: diagram(m, [T, D]) });
  const history = await m.fit(x, y, {
    epochs: s.epochs,
    batchSize: s.batchSize,
    ...(validationData ? { validationData } : {}),
    signal: control,
    callbacks: {
      onEpochEnd: async (epoch, logs) => {
        post({ type: 'epoch', epoch, epochs: s.epochs, logs });
        while (paused && !control.aborted) await sleep(50);
      },
    },
  });
  probes = series ? seriesProbes(task) : symbolProbes(task);
  const lstmLayers = m.layers.flatMap((l, i) =>
    l instanceof Lstm ? [{ index: i, name: l.name, units: l.units }] : [],
  );
  post({
    type: 'done',
    stopped: control.aborted,
    epochsRun: history.epoch.length,
    ...(series
      ? { series: seriesReport(task, (xs) => predictRows(m, column(xs))) }
      : { symbols: symbolReport(m, task) }),
    probes: probes.map((p) => p.label),
    lstmLayers,
  });
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
  let memory: string | null = null;
  if (task.name === 'memory') memory = memoryFinding(m);
  return { accuracy: right / (task.x.length * T), lastStepAccuracy: lastRight / task.x.length, rows, memory };
}

/** Finds the unit whose cell state separates "3 0 1 2" from "4 0 1 2" most consistently over the steps. */
function memoryFinding(m: Sequential): string {
  const [a, b] = probes.map((p) => inspectLstm(m, 0, p.x));
  let best = 0,
    bestGap = -1;
  for (let j = 0; j < a.units; j++) {
    const gap = Math.min(...a.cell.map((row, t) => Math.abs(row[j] - b.cell[t][j])));
    if (gap > bestGap) {
      bestGap = gap;
      best = j;
    }
  }
  const fmt = (v: number) => v.toFixed(2);
  return `Unit ${best} holds the first symbol: its cell state is ${a.cell.map((r) => fmt(r[best])).join(' → ')} after "${probes[0].label}" and ${b.cell.map((r) => fmt(r[best])).join(' → ')} after "${probes[1].label}" (smallest gap ${fmt(bestGap)} over the 4 steps).`;
}

self.onmessage = async (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  try {
    if (msg.type === 'train') await train(msg.settings);
    else if (msg.type === 'pause') paused = true;
    else if (msg.type === 'resume') paused = false;
    else if (msg.type === 'stop') {
      control.aborted = true;
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
