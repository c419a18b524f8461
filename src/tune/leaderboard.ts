// The leaderboard of a search: trial records grouped by configuration into mean ± std validation
// scores, ranked; the text table `lstmkit tune` prints; and best.json, what `forecast --config` reads.

import type { TuneConfig } from './space.js';
import type { TrialRecord } from './trial.js';
import type { TuneResult } from './tune.js';
import { maxOf } from '../array-stats.js';

/** One leaderboard row: a configuration's validation scores over its repeats. */
export interface LeaderboardRow {
  key: string;
  config: TuneConfig;
  reference: boolean;
  repeats: number;
  rmseMean: number;
  rmseStd: number;
  maeMean: number;
  /** Mean epoch count whose weights were kept (+1), the epochs to train with for a fixed budget. */
  epochsMean: number;
  /** Most common diagnosis verdict over the repeats. */
  verdict: string;
}

/** Mean and sample standard deviation. */
function meanStd(v: readonly number[]): [number, number] {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return [m, v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1)) : 0];
}

/**
 * Aggregates trial records into leaderboard rows, best first.
 * @example leaderboard(records)[0].rmseMean;
 */
export function leaderboard(records: readonly TrialRecord[]): LeaderboardRow[] {
  const groups = new Map<string, TrialRecord[]>();
  for (const r of records) {
    const k = `${r.reference ? 'ref ' : ''}${r.key}`;
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(r);
  }
  const rows = [...groups.values()].map((rs): LeaderboardRow => {
    const [rmseMean, rmseStd] = meanStd(rs.map((r) => r.rmse));
    const votes = new Map<string, number>();
    for (const r of rs) votes.set(r.verdict, (votes.get(r.verdict) ?? 0) + 1);
    return {
      key: rs[0].key,
      config: rs[0].config,
      reference: rs[0].reference,
      repeats: rs.length,
      rmseMean,
      rmseStd,
      maeMean: meanStd(rs.map((r) => r.mae))[0],
      epochsMean: meanStd(rs.map((r) => r.bestEpoch + 1))[0],
      verdict: [...votes].sort((a, b) => b[1] - a[1])[0][0],
    };
  });
  const score = (r: LeaderboardRow) => (Number.isFinite(r.rmseMean) ? r.rmseMean : Infinity);
  return rows.sort((a, b) => score(a) - score(b));
}

const num = (v: number, d = 4) => (Number.isFinite(v) ? Number(v.toPrecision(d)).toString() : 'NaN');

/**
 * The leaderboard as a text table (best first; the forecasting defaults marked).
 * @example console.log(formatLeaderboard(result, { top: 10 }));
 */
export function formatLeaderboard(result: TuneResult, options: { top?: number } = {}): string {
  const rows = result.leaderboard.slice(0, options.top ?? 15);
  if (result.defaults && !rows.includes(result.defaults)) rows.push(result.defaults);
  const head = [
    '#',
    'units',
    'layers',
    'lookback',
    'lr',
    'batch',
    'dropout',
    'diff',
    'epochs',
    'val RMSE (mean ± std)',
    'val MAE',
    'verdict',
  ];
  const body = rows.map((r) => [
    r.reference ? 'defaults' : String(result.leaderboard.filter((x) => !x.reference).indexOf(r) + 1),
    String(r.config.units),
    String(r.config.layers),
    String(r.config.lookback),
    num(r.config.learningRate, 3),
    String(r.config.batchSize),
    String(r.config.dropout),
    r.config.difference ? 'yes' : 'no',
    `${Math.round(r.epochsMean)}/${r.config.epochs}`,
    `${num(r.rmseMean)} ± ${num(r.rmseStd, 3)} (n=${r.repeats})`,
    num(r.maeMean),
    r.verdict,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, maxOf(body.map((b) => b[i].length))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** The JSON saved as best.json: the winning configuration, its scores, and the options `forecast` reuses. */
export interface BestConfigJson {
  lstmkit: 'tune';
  /** Options for forecast() / `lstmkit forecast --config` (epochs = the mean early-stopped epoch count). */
  forecast: {
    lookback: number;
    units: number;
    layers: number;
    epochs: number;
    batchSize: number;
    learningRate: number;
    difference: boolean;
    log: boolean;
    horizon: number;
    /** Size of the test part the search left untouched. */
    test: number;
  };
  config: TuneConfig;
  validation: {
    rmseMean: number;
    rmseStd: number;
    maeMean: number;
    repeats: number;
    values: number;
    trainEnd: number;
    validationEnd: number;
  };
  defaults: { config: TuneConfig; rmseMean: number; rmseStd: number } | null;
}

/**
 * The best configuration as plain JSON (what `lstmkit tune` writes to best.json).
 * @example JSON.stringify(bestConfigJson(result), null, 1);
 */
export function bestConfigJson(result: TuneResult): BestConfigJson {
  const b = result.best,
    ctx = result.context;
  return {
    lstmkit: 'tune',
    forecast: {
      lookback: b.config.lookback,
      units: b.config.units,
      layers: b.config.layers,
      epochs: Math.max(1, Math.round(b.epochsMean)),
      batchSize: b.config.batchSize,
      learningRate: b.config.learningRate,
      difference: b.config.difference === 1,
      log: ctx.log,
      horizon: ctx.horizon,
      test: ctx.split.length - ctx.split.validationEnd,
    },
    config: b.config,
    validation: {
      rmseMean: b.rmseMean,
      rmseStd: b.rmseStd,
      maeMean: b.maeMean,
      repeats: b.repeats,
      values: ctx.split.validationEnd - ctx.split.trainEnd,
      trainEnd: ctx.split.trainEnd,
      validationEnd: ctx.split.validationEnd,
    },
    defaults: result.defaults
      ? { config: result.defaults.config, rmseMean: result.defaults.rmseMean, rmseStd: result.defaults.rmseStd }
      : null,
  };
}
