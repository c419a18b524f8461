// The series a panel report shows one by one (the worst and the best by the chosen model's sMAPE):
// the end of the history, the test part with the forecasts scored on it, and the future. Interval
// bounds are not stored: the report draws them from the summary's widths and the series' scale, so a
// merge of shards, which recalibrates the widths, draws the same pages as an unsharded run.

import { type Panel, type SeriesEntry, seriesTime } from '../../data/panel.js';
import type { SeriesResult } from './records.js';

/** One series page. */
export interface SeriesPage {
  id: string;
  group: 'worst' | 'best';
  result: SeriesResult;
  /** x of the history, test and future values in order: UTC milliseconds with dates, else positions. */
  x: number[];
  dated: boolean;
  /** The last values before the test part. */
  history: number[];
  /** The test part. */
  actual: number[];
  /** The chosen model's future (empty when it failed on this series). */
  future: number[];
}

/**
 * Values of history a page shows before the test part: four horizons or three seasons, whichever is more.
 * @example pageHistory(48, 24)  //=> 192
 */
export function pageHistory(horizon: number, season: number): number {
  return Math.max(4 * horizon, 3 * season);
}

/**
 * Builds the page of a series from its values (values[0] at the entry's step `offset`).
 * @example seriesPage(panel, entry, 0, values, result, 'worst', [1, 2], 2, 1).history.length
 */
export function seriesPage(
  panel: Pick<Panel, 'frequency'>,
  entry: SeriesEntry,
  offset: number,
  values: ArrayLike<number>,
  result: SeriesResult,
  group: 'worst' | 'best',
  future: readonly number[],
  horizon: number,
  season: number,
): SeriesPage {
  const n = values.length;
  const from = Math.max(0, n - horizon - pageHistory(horizon, season));
  const dated = panel.frequency !== undefined && entry.start !== undefined;
  const x: number[] = [];
  for (let k = offset + from; k < offset + n + future.length; k++)
    x.push(dated ? seriesTime(entry, k, panel.frequency!) : k);
  return {
    id: entry.id,
    group,
    result,
    x,
    dated,
    history: Array.from(values).slice(from, n - horizon),
    actual: Array.from(values).slice(n - horizon),
    future: [...future],
  };
}
