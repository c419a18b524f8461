// The playground's datasets: embedded CSV series (airline, shampoo, daily minimum temperatures) and
// pasted CSV, which the forecaster (lstmkit's forecast(): DEFAULTS plus the options below) forecasts;
// and the memory and text demonstrations, which keep their own small models (they are not forecasting).
// Pure functions; the worker trains.

import airlineCsv from '../datasets/airline-passengers.csv?raw';
import temperaturesCsv from '../datasets/daily-min-temperatures.csv?raw';
import shampooCsv from '../datasets/shampoo.csv?raw';
import { type DateFormat, type ForecastConfig, parseDateColumn, parseNumberCell, quoteCell } from 'lstmkit';
import { parsePastedSeries } from './paste.ts';

export type DatasetId = 'airline' | 'shampoo' | 'temperatures' | 'memory' | 'text' | 'csv';

/** The settings of a demonstration's own model (the memory and text demonstrations). */
export interface DemoSettings {
  lookback: number;
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
  /** A series to forecast: the ForecastConfig options it needs besides DEFAULTS (each with its reason). */
  forecast?: Partial<ForecastConfig>;
  /** A demonstration: its model's settings. */
  demo?: DemoSettings;
}

export const DATASETS: DatasetInfo[] = [
  {
    id: 'airline',
    label: 'Airline passengers (monthly, 1949-1960)',
    note: '144 months, trend and a 12-month season.',
    forecast: {},
  },
  {
    id: 'shampoo',
    label: 'Shampoo sales (monthly, 3 years)',
    note: '36 months, a noisy upward trend.',
    forecast: {},
  },
  {
    id: 'temperatures',
    label: 'Daily minimum temperatures (Melbourne, 1981-1990)',
    note: '3650 days; a yearly cycle plus daily noise.',
    // 3,650 days make about 2,900 training windows per network: with DEFAULTS (3 members, each
    // trained 5 times: calibration, evaluation, final and the MLP twice) forecast() took 64 s in
    // Node, with one member 35 s (18 s in Chromium). One member keeps the page interactive.
    forecast: { repeats: 1 },
  },
  {
    id: 'memory',
    label: 'Memory demonstration: 3 0 1 2 3 vs 4 0 1 2 4',
    note: 'Predict the next symbol at every step; the last one is the first symbol again, so a unit must hold it across the 0 1 2 in between.',
    demo: { lookback: 4, units: 4, layers: 1, epochs: 150, batchSize: 16, learningRate: 0.03, seed: 2 },
  },
  {
    id: 'text',
    label: 'Text sample (next character)',
    note: 'Character-level: predict the next character at every step of a window.',
    demo: { lookback: 12, units: 32, layers: 1, epochs: 25, batchSize: 32, learningRate: 0.01, seed: 42 },
  },
  {
    id: 'csv',
    label: 'Paste CSV…',
    note: 'A header row, then rows; the last numeric column is the series, a first column of dates gives its calendar.',
    forecast: {},
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

/** A series to forecast, with its dates when its first column holds them. */
export interface SeriesInput {
  name: string;
  values: number[];
  labels: string[];
  /** UTC ms of each value (calendar seasons, the horizon, date axes). */
  dates?: number[];
  dateFormat?: DateFormat;
  /** The dates' column name (recorded in saved forecasters, so `lstmkit predict` reads files alike). */
  dateColumn?: string;
}

/**
 * The series of a dataset (or of the pasted CSV), with dates when every label reads as one.
 * @example seriesInput('airline', '').dates?.length  //=> 144
 */
export function seriesInput(id: DatasetId, pasted: string): SeriesInput {
  const csv = datasetCsv(id, pasted);
  const { name, values, labels } = parseSeriesCsv(csv);
  try {
    const col = parseDateColumn(labels);
    const header = /^\uFEFF?"?([^,;\t"]*)/.exec(csv.trimStart())?.[1]?.trim() || 'date';
    if (col.missing === 0)
      return { name, values, labels, dates: col.times, dateFormat: col.format, dateColumn: header };
  } catch {
    // not dates: the series is indexed by step
  }
  return { name, values, labels };
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

/** The task of a demonstration. */
export function prepareDemo(id: 'memory' | 'text', settings: DemoSettings): SymbolTask {
  return id === 'memory' ? prepareMemory() : prepareText(TEXT_SAMPLE, settings.lookback);
}
