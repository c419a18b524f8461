// The playground's datasets and their preparation: embedded CSV series (airline, shampoo, daily
// minimum temperatures), pasted CSV, the memory-demonstration sequences and a text sample.
// Pure functions; the worker turns a Prepared task into tensors and a model.

import airlineCsv from '../datasets/airline-passengers.csv?raw';
import temperaturesCsv from '../datasets/daily-min-temperatures.csv?raw';
import shampooCsv from '../datasets/shampoo.csv?raw';
import { parseNumberCell, quoteCell } from 'lstmkit';
import { parsePastedSeries } from './paste.ts';
import { prepareSeries, type SeriesTask } from './series-task.ts';

export { prepareSeries, type SeriesTask };

export type DatasetId = 'airline' | 'shampoo' | 'temperatures' | 'memory' | 'text' | 'csv';

/** What the user sets in the form. */
export interface TrainSettings {
  dataset: DatasetId;
  csv: string;
  lookback: number;
  horizon: number;
  units: number;
  layers: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

export interface DatasetInfo {
  id: DatasetId;
  label: string;
  note: string;
  defaults: Partial<TrainSettings>;
}

export const DATASETS: DatasetInfo[] = [
  {
    id: 'airline',
    label: 'Airline passengers (monthly, 1949-1960)',
    note: '144 months, trend and a 12-month season.',
    defaults: { lookback: 12, horizon: 1, units: 16, layers: 1, epochs: 60, batchSize: 16, learningRate: 0.01 },
  },
  {
    id: 'shampoo',
    label: 'Shampoo sales (monthly, 3 years)',
    note: '36 months, a noisy upward trend.',
    defaults: { lookback: 6, horizon: 1, units: 8, layers: 1, epochs: 80, batchSize: 8, learningRate: 0.01 },
  },
  {
    id: 'temperatures',
    label: 'Daily minimum temperatures (Melbourne, 1981-1990)',
    note: '3650 days; a yearly cycle plus daily noise.',
    defaults: { lookback: 30, horizon: 1, units: 16, layers: 1, epochs: 8, batchSize: 64, learningRate: 0.005 },
  },
  {
    id: 'memory',
    label: 'Memory demonstration: 3 0 1 2 3 vs 4 0 1 2 4',
    note: 'Predict the next symbol at every step; the last one is the first symbol again, so a unit must hold it across the 0 1 2 in between.',
    defaults: { lookback: 4, horizon: 1, units: 4, layers: 1, epochs: 150, batchSize: 16, learningRate: 0.03, seed: 2 },
  },
  {
    id: 'text',
    label: 'Text sample (next character)',
    note: 'Character-level: predict the next character at every step of a window.',
    defaults: { lookback: 12, horizon: 1, units: 32, layers: 1, epochs: 25, batchSize: 32, learningRate: 0.01 },
  },
  {
    id: 'csv',
    label: 'Paste CSV…',
    note: 'A header row, then rows; the last numeric column is the series.',
    defaults: { lookback: 8, horizon: 1, units: 16, layers: 1, epochs: 50, batchSize: 16, learningRate: 0.01 },
  },
];

export const TEXT_SAMPLE = `the cat sat on the mat. the dog sat on the log. the cat saw the dog and the dog saw the cat. a bird sat on the dog. the bird sang and the cat ran. the dog ran after the cat and the bird flew over the mat. the cat sat on the log and the dog sat on the mat.`;

/** The memory-demonstration sequences (Hochreiter & Schmidhuber's long time lag idea, tiny). */
export const MEMORY_SEQUENCES = [
  [3, 0, 1, 2, 3],
  [4, 0, 1, 2, 4],
];

/** Parses a CSV with a header; the series is its last column of numbers (web/paste.ts). */
export function parseSeriesCsv(text: string): { name: string; values: number[]; labels: string[] } {
  return parsePastedSeries(text, parseNumberCell, quoteCell);
}

export function datasetCsv(id: DatasetId, pasted: string): string {
  if (id === 'airline') return airlineCsv;
  if (id === 'shampoo') return shampooCsv;
  if (id === 'temperatures') return temperaturesCsv;
  return pasted;
}

/** Season length used by the seasonal-naive baseline (0: none). */
export function seasonOf(id: DatasetId): number {
  return id === 'airline' ? 12 : id === 'temperatures' ? 365 : 0;
}

/** A next-symbol task: one-hot windows, the target at every step is the following symbol. */
export interface SymbolTask {
  kind: 'symbols';
  name: string;
  vocab: string[];
  x: number[][][];
  y: number[][][];
  /** Windows offered to the look-inside view, with a label each. */
  probes: { label: string; x: number[][] }[];
}

export type Task = SeriesTask | SymbolTask;

const oneHot = (k: number, V: number) => Array.from({ length: V }, (_, j) => (j === k ? 1 : 0));

export function prepareMemory(): SymbolTask {
  const V = 5;
  const x: number[][][] = [],
    y: number[][][] = [];
  for (let r = 0; r < 16; r++) {
    for (const seq of MEMORY_SEQUENCES) {
      x.push(seq.slice(0, 4).map((k) => oneHot(k, V)));
      y.push(seq.slice(1).map((k) => oneHot(k, V)));
    }
  }
  const probes = MEMORY_SEQUENCES.map((seq) => ({ label: seq.join(' '), x: seq.slice(0, 4).map((k) => oneHot(k, V)) }));
  return { kind: 'symbols', name: 'memory', vocab: ['0', '1', '2', '3', '4'], x, y, probes };
}

export function prepareText(text: string, lookback: number): SymbolTask {
  const vocab = [...new Set(text)].sort();
  const V = vocab.length,
    ids = [...text].map((ch) => vocab.indexOf(ch));
  const x: number[][][] = [],
    y: number[][][] = [];
  for (let o = 0; o + lookback < ids.length; o += 2) {
    x.push(ids.slice(o, o + lookback).map((k) => oneHot(k, V)));
    y.push(ids.slice(o + 1, o + lookback + 1).map((k) => oneHot(k, V)));
  }
  const probes = [0, 40, 120]
    .filter((o) => o + lookback <= ids.length)
    .map((o) => ({
      label: JSON.stringify(text.slice(o, o + lookback)),
      x: ids.slice(o, o + lookback).map((k) => oneHot(k, V)),
    }));
  return { kind: 'symbols', name: 'text', vocab, x, y, probes };
}

export function prepare(s: TrainSettings): Task {
  if (s.dataset === 'memory') return prepareMemory();
  if (s.dataset === 'text') return prepareText(TEXT_SAMPLE, s.lookback);
  const { name, values, labels } = parseSeriesCsv(datasetCsv(s.dataset, s.csv));
  return prepareSeries(name, values, labels, s.lookback, s.horizon, seasonOf(s.dataset));
}
