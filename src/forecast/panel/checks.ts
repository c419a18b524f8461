// Which series of a panel can be forecast, and the values they are forecast from: leading and
// trailing missing values are trimmed, inner ones filled (or the series refused), and every reason to
// refuse a series is one line naming what is wrong and what it would take.

import { fillMissing } from '../../data/missing.js';
import type { SeriesEntry } from '../../data/panel.js';
import { maseScale } from '../metrics.js';
import type { PanelSetup } from './options.js';

/** A series ready to forecast. */
export interface PreparedSeries {
  /** Position in the panel's series. */
  index: number;
  entry: SeriesEntry;
  /** The values forecast from (the entry's own array when nothing had to change). */
  values: Float64Array | Float32Array;
  /** Steps trimmed from the entry's start: values[0] is the entry's step `offset`. */
  offset: number;
  /** MASE's scale on the training part (the values before the test part); > 0. */
  scale: number;
  /** What was done to the values, if anything. */
  note?: string;
}

/** A series that cannot be forecast. */
export interface RefusedSeries {
  index: number;
  entry: SeriesEntry;
  length: number;
  error: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Prepares one series or says in one line why it cannot be forecast.
 * @example prepareSeries({ id: 'a', values: new Float64Array(10).fill(3) }, 0, setup).error  //=> 'constant series (every value is 3): ...'
 */
export function prepareSeries(
  entry: SeriesEntry,
  index: number,
  setup: Pick<PanelSetup, 'horizon' | 'season' | 'minLength' | 'missing'>,
): PreparedSeries | RefusedSeries {
  const raw = entry.values;
  const refuse = (error: string, length = raw.length): RefusedSeries => ({ index, entry, length, error });
  if (entry.error) return refuse(entry.error);
  if (raw.length === 0) return refuse('no values');
  let first = 0,
    last = raw.length - 1;
  while (first <= last && Number.isNaN(raw[first])) first++;
  while (last >= first && Number.isNaN(raw[last])) last--;
  if (first > last) return refuse(`all ${raw.length} values are missing`);
  const notes: string[] = [];
  if (first > 0 || last < raw.length - 1)
    notes.push(`${plural(first + raw.length - 1 - last, 'missing value')} at the ends trimmed`);
  let values: Float64Array | Float32Array = first > 0 || last < raw.length - 1 ? raw.subarray(first, last + 1) : raw;
  let inner = 0;
  for (let t = 0; t < values.length; t++) if (Number.isNaN(values[t])) inner++;
  if (inner > 0) {
    if (setup.missing === 'error')
      return refuse(
        `${plural(inner, 'value')} inside the series ${inner === 1 ? 'is' : 'are'} missing (missing: 'error')`,
      );
    const method = setup.missing === 'zero' ? 'value' : setup.missing;
    values = Float64Array.from(fillMissing(Array.from(values), { method, value: 0 }));
    notes.push(`${plural(inner, 'missing value')} filled (${setup.missing})`);
  }
  const n = values.length;
  const { horizon: H, season: m } = setup;
  if (n < setup.minLength)
    return refuse(
      `too short: ${plural(n, 'value')}; the test part (${H}), the calibration window (${H}) and a training part of more than ${Math.max(H, m)} values need at least ${setup.minLength}`,
      n,
    );
  if (values.every((v) => v === values[0]))
    return refuse(
      `constant series (every value is ${values[0]}): nothing to forecast but that value, and MASE is undefined (its scale is 0)`,
      n,
    );
  const scale = maseScale(values.subarray(0, n - H), m);
  if (!(scale > 0))
    return refuse(
      `its training part repeats itself exactly every ${m} step${m === 1 ? '' : 's'} (the seasonal naive error is 0), so MASE is undefined`,
      n,
    );
  return { index, entry, values, offset: first, scale, ...(notes.length ? { note: notes.join('; ') } : {}) };
}
