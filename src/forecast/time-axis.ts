// The time axis of a dated series for outputs: its calendar frequency, the times after its end
// (data/dates.ts futureTimes: month ends stay month ends, no daylight saving), and labels at the
// frequency's resolution, in the form the dates were read in ('1-01' stays '1-01').

import { type DateFormat, type Frequency, formatDate, futureTimes, inferFrequency } from '../data/dates.js';

/** Times and labels of a dated series and of the steps after it. */
export interface TimeAxis {
  frequency: Frequency;
  /** Time of index i: a date of the series, or one of the steps after its end. */
  time(i: number): number;
  /** Label of a time at the frequency's resolution. */
  label(t: number): string;
}

/**
 * The time axis of dated values (at least 2 dates).
 * @example timeAxis([Date.UTC(1960, 10, 1), Date.UTC(1960, 11, 1)]).label(timeAxis([Date.UTC(1960, 10, 1), Date.UTC(1960, 11, 1)]).time(2)) //=> '1961-01'
 */
export function timeAxis(dates: readonly number[], format?: DateFormat): TimeAxis {
  const frequency = inferFrequency(dates);
  const n = dates.length;
  const regular = frequency.name !== 'irregular';
  const cache: number[] = [];
  const future = (h: number): number => {
    if (!regular) return dates[n - 1] + (h + 1) * frequency.step;
    while (cache.length <= h)
      cache.push(...futureTimes(dates, frequency, Math.max(2 * cache.length, 16)).slice(cache.length));
    return cache[h];
  };
  return {
    frequency,
    time: (i) => (i < n ? dates[i] : future(i - n)),
    label: (t) => formatDate(t, frequency, format),
  };
}
