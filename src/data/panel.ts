// Panels: many series, each stored compactly (one typed array of values on a regular time grid plus
// its start time; the grid step is the panel's one frequency), with one line saying what keeps a
// series from being forecast. PanelBuilder collects rows (long files), whole series (wide files) or
// one file a series in any order and checks each series on its own: a bad series gets an `error`,
// never an exception that stops the others.

import { DataError } from '../errors.js';
import { type DateFormat, type Frequency, formatDate, inferFrequency, utcTime } from './dates.js';

/** One series of a panel. */
export interface SeriesEntry {
  id: string;
  /** Values in time order; with dates, one per step of the grid from `start` (NaN where a step has no row). */
  values: Float64Array | Float32Array;
  /** UTC milliseconds of values[0], when the panel has dates. */
  start?: number;
  /** Month-based frequencies: the series sits on month ends (so its future does too). */
  monthEnd?: boolean;
  /** Why this series cannot be forecast (one line); its values may then be empty. */
  error?: string;
}

/** Many series of one frequency. */
export interface Panel {
  series: SeriesEntry[];
  /** The calendar frequency of the dates (absent without dates: steps are positions). */
  frequency?: Frequency;
  /** The form the dates were read in (outputs write them back in it). */
  dateFormat?: DateFormat;
}

/** Options of PanelBuilder. */
export interface PanelBuildOptions {
  /** Element type of the stored values: 'float64' (default, exact) or 'float32' (half the memory). */
  valueType?: 'float64' | 'float32';
  /** Keep only the series whose id passes (e.g. one shard); rows of other series are dropped at once. */
  keep?: (id: string) => boolean;
}

const DAY = 86_400_000;
const daysIn = (y: number, m1: number) =>
  Math.round((utcTime(m1 === 12 ? y + 1 : y, m1 === 12 ? 1 : m1 + 1, 1) - utcTime(y, m1, 1)) / DAY);
const monthIndex = (t: number) => {
  const d = new Date(t);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};
const isMonthEnd = (t: number) => {
  const d = new Date(t);
  return d.getUTCDate() === daysIn(d.getUTCFullYear(), d.getUTCMonth() + 1);
};
const frequencyKey = (f: Frequency) => `${f.unit}:${f.step}`;

/**
 * The time of step k of a dated series (k may run past its end: the future).
 * @example seriesTime({ id: 'a', values: new Float64Array(2), start: Date.UTC(2020, 0, 31), monthEnd: true }, 1, inferFrequency([Date.UTC(2020, 0, 31), Date.UTC(2020, 1, 29)]))  //=> Date.UTC(2020, 1, 29)
 */
export function seriesTime(entry: SeriesEntry, k: number, frequency: Frequency): number {
  if (entry.start === undefined) throw new DataError(`series '${entry.id}' has no dates`, 'seriesTime');
  if (frequency.unit === 'ms') return entry.start + k * frequency.step;
  const d = new Date(entry.start);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + k * frequency.step;
  const y = Math.floor(total / 12),
    m = (total % 12) + 1;
  const day = entry.monthEnd ? daysIn(y, m) : Math.min(d.getUTCDate(), daysIn(y, m));
  return utcTime(y, m, day) + (entry.start - utcTime(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));
}

/**
 * The label of step k of a series: its date in the panel's form, or the position k without dates.
 * @example stepLabel({ series: [] }, { id: 'a', values: new Float64Array(3) }, 3)  //=> '3'
 */
export function stepLabel(panel: Pick<Panel, 'frequency' | 'dateFormat'>, entry: SeriesEntry, k: number): string {
  if (!panel.frequency || entry.start === undefined) return String(k);
  return formatDate(seriesTime(entry, k, panel.frequency), panel.frequency, panel.dateFormat);
}

/** Rows of one series in arrival order: values, and times kept as start + step while they stay regular. */
class SeriesRows {
  constructor(readonly id: string) {}
  n = 0;
  values: Float64Array = new Float64Array(16);
  t0 = Number.NaN;
  step = Number.NaN;
  times: Float64Array | null = null;
  error: string | undefined;

  push(t: number, v: number): void {
    if (this.n === this.values.length) this.values = grow(this.values);
    if (!Number.isNaN(t)) {
      if (this.n === 0) this.t0 = t;
      else if (!this.times && this.n === 1 && t > this.t0) this.step = t - this.t0;
      else if (!this.times && t !== this.t0 + this.n * this.step) this.materialize();
      if (this.times) {
        if (this.n === this.times.length) this.times = grow(this.times);
        this.times[this.n] = t;
      }
    }
    this.values[this.n++] = v;
  }

  private materialize(): void {
    const times = new Float64Array(this.values.length);
    for (let i = 0; i < this.n; i++) times[i] = this.t0 + i * (this.n > 1 ? this.step : 0);
    this.times = times;
  }
}

function grow(a: Float64Array): Float64Array {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

interface Built {
  entry: SeriesEntry;
  frequency?: Frequency;
}

/** Accumulates the series of a panel from rows or whole series, then checks and stores each compactly. */
export class PanelBuilder {
  private readonly items: (SeriesRows | Built)[] = [];
  private readonly ids = new Map<string, number>();
  private readonly keep: (id: string) => boolean;
  private readonly float32: boolean;
  private dated = false;
  /** The form of the first date column read (for outputs). */
  dateFormat: DateFormat | undefined;

  /** @example const b = new PanelBuilder(); b.addRow('a', Date.UTC(2020, 0, 1), 5); b.finish().series[0].values  //=> Float64Array [5] */
  constructor(options: PanelBuildOptions = {}) {
    this.keep = options.keep ?? (() => true);
    this.float32 = options.valueType === 'float32';
  }

  private rows(id: string): SeriesRows | null {
    const i = this.ids.get(id);
    if (i === undefined) {
      const r = new SeriesRows(id);
      this.ids.set(id, this.items.length);
      this.items.push(r);
      return r;
    }
    const item = this.items[i];
    return item instanceof SeriesRows ? item : null;
  }

  /** Whether rows of this id are kept (the `keep` filter). */
  wants(id: string): boolean {
    return this.keep(id);
  }

  /** One (time, value) row of series `id`; time is NaN without dates (rows are then in time order). */
  addRow(id: string, time: number, value: number): void {
    if (!this.keep(id)) return;
    if (!Number.isNaN(time)) this.dated = true;
    const r = this.rows(id);
    if (r && r.error === undefined) r.push(time, value);
  }

  /** Marks series `id` as unusable; the first reason is kept. */
  addError(id: string, message: string): void {
    if (!this.keep(id)) return;
    const r = this.rows(id);
    if (r && r.error === undefined) r.error = message;
    else if (!r) {
      const b = this.items[this.ids.get(id)!] as Built;
      b.entry.error ??= message;
    }
  }

  /** A whole undated series (a line of a wide file, `where` naming it in messages). */
  addSeries(id: string, values: Float64Array | Float32Array, where = ''): void {
    if (!this.keep(id)) return;
    if (this.ids.has(id)) {
      this.items.push({
        entry: {
          id,
          values: new Float64Array(0),
          error: `the id ${JSON.stringify(id)} is used again${where ? ` (${where})` : ''}; every series needs its own id`,
        },
      });
      return;
    }
    this.ids.set(id, this.items.length);
    const v = this.float32 && values instanceof Float64Array ? Float32Array.from(values) : values;
    this.items.push({ entry: { id, values: v } });
  }

  /**
   * Finishes every series (sorted by time, duplicates and irregular dates flagged, values placed on
   * the time grid) and the panel's frequency: the most common one; series of another get an error.
   */
  finish(): Panel {
    for (let i = 0; i < this.items.length; i++) {
      const item = this.items[i];
      if (item instanceof SeriesRows) this.items[i] = this.finishRows(item);
    }
    const built = this.items as Built[];
    const counts = new Map<string, { f: Frequency; count: number }>();
    let datedCount = 0;
    for (const b of built) {
      if (!b.frequency || b.entry.error) continue;
      datedCount++;
      const k = frequencyKey(b.frequency);
      const c = counts.get(k);
      if (c) c.count++;
      else counts.set(k, { f: b.frequency, count: 1 });
    }
    let main: { f: Frequency; count: number } | undefined;
    for (const c of counts.values()) if (!main || c.count > main.count) main = c;
    if (main) {
      for (const b of built) {
        if (!b.frequency || b.entry.error || frequencyKey(b.frequency) === frequencyKey(main.f)) continue;
        b.entry.error = `its dates are ${b.frequency.name} (${b.frequency.evidence}), but the panel is ${main.f.name} (the frequency of ${main.count} of ${datedCount} series); forecast it in a separate run`;
        b.entry.values = new Float64Array(0);
      }
    }
    return {
      series: built.map((b) => b.entry),
      ...(main ? { frequency: main.f } : {}),
      ...(this.dateFormat ? { dateFormat: this.dateFormat } : {}),
    };
  }

  private store(values: Float64Array, n: number): Float64Array | Float32Array {
    return this.float32 ? Float32Array.from(values.subarray(0, n)) : values.slice(0, n);
  }

  private finishRows(r: SeriesRows): Built {
    const id = r.id;
    const fail = (error: string): Built => ({ entry: { id, values: new Float64Array(0), error } });
    if (r.error !== undefined) return fail(r.error);
    if (r.n === 0) return fail('no rows');
    if (!this.dated) return { entry: { id, values: this.store(r.values, r.n) } };
    if (r.n < 2) return { entry: { id, values: this.store(r.values, r.n), start: r.t0 } };
    if (!r.times) {
      const frequency = inferFrequency([r.t0, r.t0 + r.step, r.t0 + 2 * r.step]);
      return { entry: { id, values: this.store(r.values, r.n), start: r.t0 }, frequency };
    }
    const n = r.n,
      times = r.times;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => times[a] - times[b] || a - b);
    const sorted = Float64Array.from(order, (i) => times[i]);
    for (let k = 1; k < n; k++)
      if (sorted[k] === sorted[k - 1])
        return fail(
          `two rows have the same time ${this.label(sorted[k])} (duplicate (id, time) pairs); keep one row per time`,
        );
    const frequency = inferFrequency(sorted);
    if (frequency.name === 'irregular') return fail(`its dates have no regular step: ${frequency.evidence}`);
    const t0 = sorted[0];
    const stepOf = (t: number) =>
      frequency.unit === 'ms'
        ? Math.round((t - t0) / frequency.step)
        : Math.round((monthIndex(t) - monthIndex(t0)) / frequency.step);
    const length = stepOf(sorted[n - 1]) + 1;
    const grid = new Float64Array(length).fill(Number.NaN);
    for (let k = 0; k < n; k++) {
      const j = stepOf(sorted[k]);
      if (k > 0 && j === stepOf(sorted[k - 1]))
        return fail(
          `two rows fall on the same ${frequency.name} step (${this.label(sorted[k])}); keep one row per step`,
        );
      grid[j] = r.values[order[k]];
    }
    const monthEnd = frequency.unit === 'month' && Array.prototype.every.call(sorted, isMonthEnd);
    return {
      entry: { id, values: this.store(grid, length), start: t0, ...(monthEnd ? { monthEnd } : {}) },
      frequency,
    };
  }

  private label(t: number): string {
    return new Date(t).toISOString().replace('T00:00:00.000Z', '').replace('.000Z', 'Z');
  }
}
