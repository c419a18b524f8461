// The season rule of the forecaster: which seasons a series has, and why. With dates, their
// calendar frequency (data/dates.ts inferFrequency) proposes the calendar periods; detectSeasons
// (seasonality.ts) confirms or rejects each with a significance test, or searches without dates.

import { type Frequency, inferFrequency } from '../data/dates.js';
import { detectSeasons } from './seasonality.js';

/** What the season rule found: the confirmed seasons (shortest first) and the evidence in words. */
export interface SeasonFinding {
  seasons: number[];
  why: string;
  /** The calendar frequency of the dates ('hourly', 'daily', 'monthly', ...; 'fixed' or 'irregular' otherwise). */
  frequency?: string;
}

/**
 * The seasons of a training part, shortest first, with the dates' frequency when there are dates.
 * @example findSeasons(Array.from({ length: 48 }, (_, t) => t + 10 * Math.sin((2 * Math.PI * t) / 12))).seasons //=> [12]
 */
export function findSeasons(train: readonly number[], dates?: readonly number[]): SeasonFinding {
  let frequency: Frequency | undefined;
  if (dates && dates.length >= 2) frequency = inferFrequency(dates);
  const d = detectSeasons(train, frequency && frequency.name !== 'irregular' ? { frequency } : {});
  const seasons = d.seasons.map((s) => s.period).sort((a, b) => a - b);
  return {
    seasons,
    why: frequency ? `${frequency.name} dates (${frequency.evidence}); ${d.summary}` : d.summary,
    ...(frequency ? { frequency: frequency.name } : {}),
  };
}
