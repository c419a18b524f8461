// The memory and text demonstrations: their own small models (one-hot symbols in, the next symbol
// at every step out), trained with fit() and read back as accuracies and the memory unit. They are
// not forecasting, so they do not go through the forecaster.

import { adam, dense, inspectLstm, lstm, type Sequential, sequential, setRandomSeed } from 'lstmkit';
import type { DemoSettings, SymbolTask } from './data.ts';
import type { MemoryFinding, SymbolReport } from './protocol.ts';

/** A probe for the look-inside view: its label, input (T, D) and step labels. */
export interface Probe {
  label: string;
  x: number[][];
  steps: string[];
}

/**
 * Mean squared error on the per-step softmax outputs. Cross-entropy would be the textbook choice,
 * but lstmkit's categoricalCrossentropy normalizes over all T·V values of a sample rather than per
 * step, so its minimum is T·log T, not 0; MSE on softmax learns cleanly.
 */
export function demoModel(s: DemoSettings, task: SymbolTask): Sequential {
  setRandomSeed(s.seed);
  const T = task.x[0].length,
    V = task.vocab.length;
  const layers = [];
  for (let k = 0; k < s.layers; k++)
    layers.push(lstm({ units: s.units, returnSequences: true, ...(k === 0 ? { inputShape: [T, V] } : {}) }));
  layers.push(dense({ units: V, activation: 'softmax' }));
  const m = sequential(layers, { name: 'playground' });
  m.compile({ optimizer: adam({ learningRate: s.learningRate }), loss: 'mse' });
  return m;
}

/** Trains a demonstration's model; `onEpoch` may wait (pause); model.stopTraining ends it after an epoch. */
export async function fitDemo(
  model: Sequential,
  task: SymbolTask,
  s: DemoSettings,
  onEpoch: (epoch: number, logs: Record<string, number>) => Promise<void>,
): Promise<number> {
  let { x, y } = task;
  let validationData: [number[][][], number[][][]] | null = null;
  if (task.name === 'text') {
    const split = Math.ceil(task.x.length * 0.9);
    x = task.x.slice(0, split);
    y = task.y.slice(0, split);
    validationData = [task.x.slice(split), task.y.slice(split)];
  }
  const history = await model.fit(x, y, {
    epochs: s.epochs,
    batchSize: s.batchSize,
    ...(validationData ? { validationData } : {}),
    callbacks: { onEpochEnd: onEpoch },
  });
  return history.epoch.length;
}

export function symbolProbes(task: SymbolTask): Probe[] {
  return task.probes.map((p) => ({ ...p, steps: p.x.map((row) => task.vocab[row.indexOf(1)]) }));
}

export function symbolReport(m: Sequential, task: SymbolTask, probes: Probe[]): SymbolReport {
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
  const memory = task.name === 'memory' ? memoryFinding(m, probes) : null;
  return { accuracy: right / (task.x.length * T), lastStepAccuracy: lastRight / task.x.length, rows, memory };
}

/** Finds the unit whose cell state separates "3 0 1 2" from "4 0 1 2" most consistently over the steps. */
function memoryFinding(m: Sequential, probes: Probe[]): MemoryFinding {
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
