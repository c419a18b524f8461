// The M4 sets for the global-LSTM experiments: the repository's copies (datasets/m4, read by
// readWideFile) and the M4 scores (m4Scores: sMAPE, MASE, OWA against Naive2).

import { readFileSync } from 'node:fs';
import { M4_FREQUENCIES, m4Scores } from '../../src/forecast/m4.js';
import { readWideFile } from '../../src/node/wide-file.js';

export const SETS = { Hourly: M4_FREQUENCIES.Hourly, Weekly: M4_FREQUENCIES.Weekly } as const;
export type SetName = keyof typeof SETS;

export async function readSet(name: SetName, part: 'train' | 'test'): Promise<{ id: string; values: number[] }[]> {
  return (await readWideFile(`datasets/m4/${name}-${part}.csv.gz`)).map((s) => ({
    id: s.id,
    values: Array.from(s.values),
  }));
}

export interface SetScore {
  smape: number;
  mase: number;
  owa: number;
}

/** Mean sMAPE, MASE and OWA (against Naive2 on the same histories) of forecasts for every series. */
export function scoreSet(histories: number[][], actuals: number[][], forecasts: number[][], m: number): SetScore {
  return m4Scores({ train: histories, test: actuals, forecasts: { f: forecasts }, season: m }).f;
}

/**
 * What a phase forecasts from and is scored on: 'val' cuts the last H values off each training series
 * (they score); 'test' forecasts from whole training series and reads the test file to score.
 */
export async function phaseData(
  name: SetName,
  kind: 'val' | 'test',
): Promise<{ train: { id: string; values: number[] }[]; histories: number[][]; actual: number[][] }> {
  const H = SETS[name].horizon;
  const train = await readSet(name, 'train');
  if (kind === 'val')
    return {
      train,
      histories: train.map((s) => s.values.slice(0, -H)),
      actual: train.map((s) => s.values.slice(-H)),
    };
  return { train, histories: train.map((s) => s.values), actual: (await readSet(name, 'test')).map((s) => s.values) };
}

/** The member forecasts saved by run-global.ts under out/m4/ for these tags, all in one list. */
export function savedMembers(name: SetName, kind: string, tags: string): number[][][] {
  return tags
    .split(',')
    .flatMap((tag) => JSON.parse(readFileSync(`out/m4/${tag}-${name}-${kind}.json`, 'utf8')).members);
}
