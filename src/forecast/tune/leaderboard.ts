// The leaderboard of a search: trial members grouped by configuration; each row scored as the
// forecaster scores itself (the median of its members' forecasts), with the members' spread; the
// text table `lstmkit tune` prints; and best.json, a ForecastConfig that `forecast --config` reads.

import { configFromResolved, type ForecastConfig } from '../config.js';
import type { TuneConfig } from './space.js';
import { type TrialContext, type TrialRecord, trialConfig, validationRmse } from './trial.js';

/** One leaderboard row: a configuration's validation scores. */
export interface LeaderboardRow {
  key: string;
  config: TuneConfig;
  reference: boolean;
  members: number;
  /** RMSE of the ensemble (median of the members' forecasts), what forecast() would score. */
  rmse: number;
  /** Mean and sample standard deviation of the members' own RMSEs. */
  memberRmseMean: number;
  memberRmseStd: number;
  /** Mean epoch count whose weights were kept. */
  epochsMean: number;
  /** Most common diagnosis verdict over the members. */
  verdict: string;
}

function meanStd(v: readonly number[]): [number, number] {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return [m, v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1)) : 0];
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b),
    m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Aggregates trial records into leaderboard rows, best (lowest ensemble RMSE) first; NaN last.
 * @example leaderboard(context, records)[0].rmse;
 */
export function leaderboard(ctx: TrialContext, records: readonly TrialRecord[]): LeaderboardRow[] {
  const groups = new Map<string, TrialRecord[]>();
  for (const r of records) {
    const k = `${r.reference ? 'ref ' : ''}${r.key}`;
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(r);
  }
  const rows = [...groups.values()].map((rs): LeaderboardRow => {
    rs.sort((a, b) => a.member - b.member);
    const ensemble = ctx.split.origins.map((_, i) =>
      rs[0].predictions[i].map((_, h) => median(rs.map((r) => r.predictions[i][h]))),
    );
    const [memberRmseMean, memberRmseStd] = meanStd(rs.map((r) => r.rmse));
    const votes = new Map<string, number>();
    for (const r of rs) votes.set(r.verdict, (votes.get(r.verdict) ?? 0) + 1);
    return {
      key: rs[0].key,
      config: rs[0].config,
      reference: rs[0].reference,
      members: rs.length,
      rmse: validationRmse(ctx, ensemble),
      memberRmseMean,
      memberRmseStd,
      epochsMean: meanStd(rs.map((r) => r.epochsKept))[0],
      verdict: [...votes].sort((a, b) => b[1] - a[1])[0][0],
    };
  });
  const score = (r: LeaderboardRow) => (Number.isFinite(r.rmse) ? r.rmse : Infinity);
  return rows.sort((a, b) => score(a) - score(b));
}

/** Which row tune recommends, and why (one sentence). */
export interface Recommendation {
  row: LeaderboardRow;
  choice: 'searched' | 'defaults';
  reason: string;
}

const num = (v: number, d = 4) => (Number.isFinite(v) ? Number(v.toPrecision(d)).toString() : 'NaN');

/**
 * Recommends the best searched configuration only when it beats the defaults by more than two
 * standard errors of the members' spread; otherwise the defaults (a smaller gain is noise).
 * @example recommend(rows).choice //=> 'defaults'
 */
export function recommend(rows: readonly LeaderboardRow[]): Recommendation {
  const searched = rows.filter((r) => !r.reference);
  const defaults = rows.find((r) => r.reference) ?? null;
  const best = searched[0];
  if (!defaults)
    return {
      row: best,
      choice: 'searched',
      reason: `the best of ${searched.length} searched configurations (no defaults row to compare with)`,
    };
  if (!best || !(best.rmse < defaults.rmse))
    return {
      row: defaults,
      choice: 'defaults',
      reason: `no searched configuration beats the defaults on the validation part (best ${num(best?.rmse ?? Number.NaN)} vs defaults ${num(defaults.rmse)})`,
    };
  const se = Math.sqrt(best.memberRmseStd ** 2 / best.members + defaults.memberRmseStd ** 2 / defaults.members);
  if (defaults.rmse - best.rmse <= 2 * se)
    return {
      row: defaults,
      choice: 'defaults',
      reason: `the best searched configuration (${num(best.rmse)}) beats the defaults (${num(defaults.rmse)}) by less than two standard errors of the members' spread (${num(2 * se, 3)}): not a reliable win`,
    };
  return {
    row: best,
    choice: 'searched',
    reason: `the best searched configuration beats the defaults on the validation part: RMSE ${num(best.rmse)} vs ${num(defaults.rmse)} (${num((1 - best.rmse / defaults.rmse) * 100, 3)}% lower, beyond two standard errors ${num(2 * se, 3)})`,
  };
}

/**
 * The leaderboard as a text table (best first; the defaults marked).
 * @example console.log(formatLeaderboard(rows, { top: 10 }));
 */
export function formatLeaderboard(rows: readonly LeaderboardRow[], options: { top?: number } = {}): string {
  const searched = rows.filter((r) => !r.reference);
  const shown = searched.slice(0, options.top ?? 15);
  const d = rows.find((r) => r.reference);
  if (d) shown.push(d);
  const head = [
    '#',
    'units',
    'layers',
    'lookback',
    'lr',
    'batch',
    'dropout',
    'rec.drop',
    'diff',
    'epochs',
    'val RMSE',
    'members (mean ± std)',
    'verdict',
  ];
  const body = shown.map((r) => [
    r.reference ? 'defaults' : String(searched.indexOf(r) + 1),
    String(r.config.units),
    String(r.config.layers),
    String(r.config.lookback),
    num(r.config.learningRate, 3),
    String(r.config.batchSize),
    String(r.config.dropout),
    String(r.config.recurrentDropout),
    r.config.difference ? 'yes' : 'no',
    `${Math.round(r.epochsMean)}/${r.config.epochs}`,
    num(r.rmse),
    `${num(r.memberRmseMean)} ± ${num(r.memberRmseStd, 3)} (n=${r.members})`,
    r.verdict,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** best.json: the recommended ForecastConfig, why, and its validation score. */
export interface BestConfigJson {
  lstmkit: 'tune';
  version: 1;
  recommendation: 'searched' | 'defaults';
  reason: string;
  /** Options for forecast() / `lstmkit forecast --config`: every value explicit. */
  config: ForecastConfig;
  validation: {
    rmse: number;
    memberRmseMean: number;
    memberRmseStd: number;
    members: number;
    trainEnd: number;
    validationEnd: number;
  };
  defaults: { rmse: number; memberRmseMean: number; memberRmseStd: number } | null;
}

/**
 * The recommended configuration as plain JSON (what `lstmkit tune` writes to best.json).
 * @example JSON.stringify(bestConfigJson(context, rows), null, 1);
 */
export function bestConfigJson(ctx: TrialContext, rows: readonly LeaderboardRow[]): BestConfigJson {
  const rec = recommend(rows);
  const d = rows.find((r) => r.reference);
  return {
    lstmkit: 'tune',
    version: 1,
    recommendation: rec.choice,
    reason: rec.reason,
    config: configFromResolved(trialConfig(ctx.base, rec.row.config)),
    validation: {
      rmse: rec.row.rmse,
      memberRmseMean: rec.row.memberRmseMean,
      memberRmseStd: rec.row.memberRmseStd,
      members: rec.row.members,
      trainEnd: ctx.split.trainEnd,
      validationEnd: ctx.split.validationEnd,
    },
    defaults: d ? { rmse: d.rmse, memberRmseMean: d.memberRmseMean, memberRmseStd: d.memberRmseStd } : null,
  };
}
