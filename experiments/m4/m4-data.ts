// The M4 sets for the global-LSTM experiments: the repository's copies (datasets/m4, read by
// readWideFile) and the M4 scores (m4Scores: sMAPE, MASE, OWA against Naive2).

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
