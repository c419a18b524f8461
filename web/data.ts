// The playground's datasets and their preparation: embedded CSV series (airline, shampoo, daily
// minimum temperatures), pasted CSV, the memory-demonstration sequences and a text sample.
// Pure functions; the worker turns a Prepared task into tensors and a model.

import airlineCsv from '../datasets/airline-passengers.csv?raw';
import temperaturesCsv from '../datasets/daily-min-temperatures.csv?raw';
import shampooCsv from '../datasets/shampoo.csv?raw';

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

/** Parses a CSV with a header; returns the last column whose values are all numeric. */
export function parseSeriesCsv(text: string): { name: string; values: number[]; labels: string[] } {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  if (lines.length < 3) throw new Error('CSV needs a header row and at least two data rows');
  const split = (l: string) => l.split(/[,;\t]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const header = split(lines[0]);
  const rows = lines.slice(1).map(split);
  for (let col = header.length - 1; col >= 0; col--) {
    const values = rows.map((r) => Number(r[col]));
    if (values.every((v) => Number.isFinite(v)) && rows.every((r) => r[col] !== undefined && r[col] !== '')) {
      return { name: header[col] || `column ${col + 1}`, values, labels: rows.map((r) => (col > 0 ? r[0] : '')) };
    }
  }
  throw new Error(`no column with only numbers; header: ${header.join(', ')}`);
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

/** A forecasting task: scaled windows for training and testing, and what is needed to undo scaling. */
export interface SeriesTask {
  kind: 'series';
  name: string;
  values: number[];
  labels: string[];
  /** Index of the first test value. */
  testStart: number;
  min: number;
  max: number;
  lookback: number;
  horizon: number;
  /** Scaled windows: x (N, lookback), y (N, horizon); train windows end before testStart. */
  trainX: number[][];
  trainY: number[][];
  /** Test windows by forecast origin o (first forecast index), o = testStart .. n - horizon. */
  testX: number[][];
  testY: number[][];
  testOrigins: number[];
  season: number;
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

export function prepareSeries(
  name: string,
  values: number[],
  labels: string[],
  lookback: number,
  horizon: number,
  season: number,
): SeriesTask {
  const n = values.length;
  const testStart = Math.max(lookback + horizon + 4, Math.round(n * 0.8));
  if (testStart + horizon > n)
    throw new Error(
      `the series has ${n} values: too short for lookback ${lookback} and horizon ${horizon} with a 20% test part`,
    );
  const train = values.slice(0, testStart);
  const min = Math.min(...train),
    max = Math.max(...train);
  const span = max - min || 1;
  const s = values.map((v) => (v - min) / span);
  const trainX: number[][] = [],
    trainY: number[][] = [],
    testX: number[][] = [],
    testY: number[][] = [],
    testOrigins: number[] = [];
  for (let o = lookback; o + horizon <= n; o++) {
    const x = s.slice(o - lookback, o),
      y = s.slice(o, o + horizon);
    if (o + horizon <= testStart) {
      trainX.push(x);
      trainY.push(y);
    } else if (o >= testStart) {
      testX.push(x);
      testY.push(y);
      testOrigins.push(o);
    }
  }
  if (trainX.length < 8) throw new Error(`only ${trainX.length} training windows; use a shorter lookback`);
  return {
    kind: 'series',
    name,
    values,
    labels,
    testStart,
    min,
    max: min + span,
    lookback,
    horizon,
    trainX,
    trainY,
    testX,
    testY,
    testOrigins,
    season,
  };
}

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
