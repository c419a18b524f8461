// Throwaway M4 reader and scoring for the global-LSTM experiments until the m4-stats branch lands
// (its reader, Naive2 and M4 scoring replace this file). Reads ../shared/data/m4/<Set>-{train,test}.csv.

import { readFileSync } from 'node:fs';
import { mase, smape } from '../../src/forecast/metrics.js';

export const SETS = {
  Hourly: { horizon: 48, season: 24 },
  Weekly: { horizon: 13, season: 1 },
} as const;
export type SetName = keyof typeof SETS;

const DIR = process.env.M4_DIR ?? '/work/shared/data/m4';

function readWide(file: string): { id: string; values: number[] }[] {
  const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  return lines.map((line) => {
    const cells = line.split(',').map((c) => c.replace(/"/g, ''));
    return {
      id: cells[0],
      values: cells
        .slice(1)
        .filter((c) => c !== '')
        .map(Number),
    };
  });
}

export function readSet(name: SetName, part: 'train' | 'test'): { id: string; values: number[] }[] {
  return readWide(`${DIR}/${name}-${part}.csv`);
}

function acf(x: number[], maxLag: number): number[] {
  const n = x.length,
    mean = x.reduce((a, b) => a + b, 0) / n;
  let d = 0;
  for (const v of x) d += (v - mean) ** 2;
  const r: number[] = [];
  for (let k = 1; k <= maxLag; k++) {
    let s = 0;
    for (let t = k; t < n; t++) s += (x[t] - mean) * (x[t - k] - mean);
    r.push(s / d);
  }
  return r;
}

function seasonalityTest(x: number[], m: number): boolean {
  if (x.length < 3 * m) return false;
  const r = acf(x, m);
  let s = 1;
  for (let k = 0; k < m - 1; k++) s += 2 * r[k] ** 2;
  return Math.abs(r[m - 1]) > (1.645 / Math.sqrt(x.length)) * Math.sqrt(s);
}

/** Naive2 as in the organisers' R code (classical multiplicative decomposition when seasonal). */
export function naive2(x: number[], h: number, m: number): number[] {
  if (m < 2 || !seasonalityTest(x, m)) return new Array(h).fill(x[x.length - 1]);
  const n = x.length,
    half = m / 2;
  const ratio: number[][] = Array.from({ length: m }, () => []);
  for (let t = half; t < n - half; t++) {
    let s = 0.5 * (x[t - half] + x[t + half]);
    for (let k = t - half + 1; k < t + half; k++) s += x[k];
    ratio[t % m].push(x[t] / (s / m));
  }
  const fig = ratio.map((r) => r.reduce((a, b) => a + b, 0) / r.length);
  const mf = fig.reduce((a, b) => a + b, 0) / m;
  const si = fig.map((v) => v / mf);
  const last = x[n - 1] / si[(n - 1) % m];
  return Array.from({ length: h }, (_, k) => last * si[(n + k) % m]);
}

export interface SetScore {
  smape: number;
  mase: number;
  owa: number;
}

/** Mean sMAPE, MASE and OWA (against Naive2 on the same histories) of forecasts for every series. */
export function scoreSet(histories: number[][], actuals: number[][], forecasts: number[][], m: number): SetScore {
  let s = 0,
    q = 0,
    sN = 0,
    qN = 0;
  histories.forEach((x, i) => {
    const h = actuals[i].length;
    const n2 = naive2(x, h, m);
    s += smape(actuals[i], forecasts[i]);
    q += mase(actuals[i], forecasts[i], x, m);
    sN += smape(actuals[i], n2);
    qN += mase(actuals[i], n2, x, m);
  });
  return { smape: s / histories.length, mase: q / histories.length, owa: 0.5 * (s / sN + q / qN) };
}
