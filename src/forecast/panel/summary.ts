// The summary of a panel run, computed from its per-series results alone, so that a single run and a
// merge of shards compute it by the same code: mean sMAPE and MASE of every model over the series all
// models forecast, OWA against Naive2 (as m4Scores), ranks, the model whose future is forecast, and
// its intervals: one normalized conformal quantile per step over all series, errors divided by each
// series' scale (calibratedWidths), checked on the test parts.

import { DataError } from '../../errors.js';
import { calibratedWidths } from '../conformal.js';
import { REFERENCE_MODEL } from './models.js';
import type { PanelSetup } from './options.js';
import { isFailure, type ModelScore, type SeriesResult } from './records.js';

/** One model over the panel. */
export interface PanelModelSummary {
  name: string;
  /** Means over the scored series (those every model forecast). */
  smape: number;
  mase: number;
  /** ½ (sMAPE / sMAPE of Naive2 + MASE / MASE of Naive2). */
  owa: number;
  /** 1 = the lowest OWA. */
  rank: number;
  /** Mean rank by sMAPE among the models on each scored series (ties share their mean rank). */
  meanRank: number;
  /** Scored series on which it had the lowest sMAPE (ties count for each). */
  wins: number;
  /** Series it could not forecast. */
  failed: number;
  /** Mean |error| / scale at each step of the test part. */
  maseByStep: number[];
}

/** Prediction intervals of the chosen model, in units of each series' scale. */
export interface IntervalSummary {
  levels: number[];
  /** Half-width per level and step for the test parts, calibrated on the calibration windows only. */
  testWidths: number[][];
  /** Half-width per level and step for the future, calibrated on the calibration windows and the test parts. */
  futureWidths: number[][];
  /** Share of test values inside the test-part interval, per level, and per level and step. */
  coverage: number[];
  coverageByStep: number[][];
  /** Series the intervals were calibrated on. */
  series: number;
}

/** A series that was not forecast, or that some model failed on. */
export interface SeriesProblem {
  id: string;
  error: string;
}

/** Most problems listed by name in a summary (all are in the per-series results). */
export const PROBLEMS_LISTED = 20;

/** The summary of a panel run. */
export interface PanelSummary {
  /** Series in the run (the shard, when sharded). */
  series: number;
  /** Series every model forecast: the means are over these. */
  scored: number;
  /** Series not forecast (bad input), with the first reasons. */
  skipped: number;
  skippedExamples: SeriesProblem[];
  /** Series forecast by some models only (left out of the means). */
  partial: number;
  partialExamples: SeriesProblem[];
  /** Every model, best first. */
  models: PanelModelSummary[];
  /** The OWA reference. */
  reference: string;
  /** The model whose future is forecast, and why. */
  chosen: string;
  chosenWhy: string;
  intervals: IntervalSummary;
  /** Ids of the series shown first in the report: the worst and the best by the chosen model's sMAPE. */
  pages: { worst: string[]; best: string[] };
}

type Records = () => Iterable<SeriesResult> | AsyncIterable<SeriesResult>;

/** Ranks of values (1 = smallest), ties sharing their mean rank. */
function ranks(values: number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    for (let k = i; k <= j; k++) out[order[k]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/** Calls `f` on every record: in a plain loop for a synchronous source (each record's objects die young). */
async function each(
  source: Iterable<SeriesResult> | AsyncIterable<SeriesResult>,
  f: (r: SeriesResult) => void,
): Promise<void> {
  if (Symbol.iterator in source) for (const r of source) f(r);
  else for await (const r of source) f(r);
}

/** Keeps the `size` records with the largest key (ties: the smaller id first). */
class Top {
  readonly items: { key: number; r: SeriesResult }[] = [];
  constructor(private readonly size: number) {}
  add(key: number, r: SeriesResult): void {
    if (this.size === 0) return;
    const before = (a: { key: number; r: SeriesResult }) => a.key > key || (a.key === key && a.r.id < r.id);
    let i = this.items.length;
    while (i > 0 && !before(this.items[i - 1])) i--;
    if (i >= this.size) return;
    this.items.splice(i, 0, { key, r });
    if (this.items.length > this.size) this.items.pop();
  }
}

/**
 * Summarizes per-series results (read twice: once for the means, once for the chosen model's intervals).
 * Throws a DataError when no series was scored.
 * @example const { summary } = await summarizePanel(() => results, setup); summary.models[0].name  // the lowest OWA
 */
export async function summarizePanel(
  records: Records,
  setup: Pick<PanelSetup, 'models' | 'futureModel' | 'levels' | 'pages' | 'horizon'>,
): Promise<{ summary: PanelSummary; pageRecords: SeriesResult[] }> {
  const where = 'summarizePanel';
  const H = setup.horizon;
  // A model that forecast no series at all (say, its training failed) is listed but leaves the others' means alone.
  const succeeded = new Map(setup.models.map((n) => [n, 0]));
  await each(records(), (r) => {
    if (r.error === undefined)
      for (const n of setup.models) if (!isFailure(r.models?.[n])) succeeded.set(n, succeeded.get(n)! + 1);
  });
  const names = setup.models.filter((n) => succeeded.get(n)! > 0 || n === REFERENCE_MODEL);
  const dead = setup.models.filter((n) => !names.includes(n));
  const sum = names.map(() => ({ smape: 0, mase: 0, rank: 0, wins: 0, failed: 0, byStep: new Float64Array(H) }));
  let series = 0,
    scored = 0,
    skipped = 0,
    partial = 0;
  const skippedExamples: SeriesProblem[] = [],
    partialExamples: SeriesProblem[] = [];
  await each(records(), (r) => {
    series++;
    if (r.error !== undefined) {
      skipped++;
      if (skippedExamples.length < PROBLEMS_LISTED) skippedExamples.push({ id: r.id, error: r.error });
      return;
    }
    const scores = names.map((n) => r.models?.[n]);
    let complete = true;
    scores.forEach((s, k) => {
      if (isFailure(s)) {
        sum[k].failed++;
        complete = false;
      }
    });
    if (!complete) {
      partial++;
      if (partialExamples.length < PROBLEMS_LISTED) {
        const k = scores.findIndex((s) => isFailure(s));
        const s = scores[k] as { error?: string } | undefined;
        partialExamples.push({ id: r.id, error: `${names[k]}: ${s?.error ?? 'no result'}` });
      }
      return;
    }
    scored++;
    const ok = scores as ModelScore[];
    const rk = ranks(ok.map((s) => s.smape));
    ok.forEach((s, k) => {
      const a = sum[k];
      a.smape += s.smape;
      a.mase += s.mase;
      a.rank += rk[k];
      if (rk[k] === Math.min(...rk)) a.wins++;
      for (let h = 0; h < H; h++) a.byStep[h] += Math.abs(s.errors[h]) / r.scale!;
    });
  });
  if (scored === 0) {
    const why = [...skippedExamples, ...partialExamples].slice(0, 3).map((p) => `'${p.id}': ${p.error}`);
    throw new DataError(
      `none of the ${series} series could be scored (${skipped} skipped, ${partial} failed in some model)${why.length ? `; e.g. ${why.join('; ')}` : ''}`,
      where,
    );
  }
  const ref = names.indexOf(REFERENCE_MODEL);
  if (ref < 0) throw new DataError(`the models must include the OWA reference ${REFERENCE_MODEL}`, where);
  const means = sum.map((a) => ({ smape: a.smape / scored, mase: a.mase / scored }));
  const models: PanelModelSummary[] = names.map((name, k) => ({
    name,
    ...means[k],
    owa: 0.5 * (means[k].smape / means[ref].smape + means[k].mase / means[ref].mase),
    rank: 0,
    meanRank: sum[k].rank / scored,
    wins: sum[k].wins,
    failed: sum[k].failed,
    maseByStep: Array.from(sum[k].byStep, (v) => v / scored),
  }));
  models.sort((a, b) => a.owa - b.owa || names.indexOf(a.name) - names.indexOf(b.name));
  for (const name of dead)
    models.push({
      name,
      smape: Number.NaN,
      mase: Number.NaN,
      owa: Number.NaN,
      rank: 0,
      meanRank: Number.NaN,
      wins: 0,
      failed: series - skipped,
      maseByStep: new Array<number>(H).fill(Number.NaN),
    });
  models.forEach((m, i) => {
    m.rank = i + 1;
  });
  const chosen = setup.futureModel === 'best' || dead.includes(setup.futureModel) ? models[0].name : setup.futureModel;
  const fm = setup.futureModel;
  const chosenWhy = dead.includes(fm)
    ? `${fm} (futureModel) forecast no series; the lowest OWA instead`
    : fm === 'best'
      ? `the lowest OWA (${models[0].owa.toFixed(3)}) on the test parts of ${scored} series`
      : 'chosen by the futureModel option';

  // Second pass: the chosen model's errors in units of each series' scale, and the report's pages.
  // typed, allocated once: a large panel's errors would otherwise be copied as the arrays grow
  const cal = Array.from({ length: H }, () => new Float64Array(series)),
    test = Array.from({ length: H }, () => new Float64Array(series));
  let n = 0;
  const worst = new Top(setup.pages),
    best = new Top(setup.pages);
  await each(records(), (r) => {
    const s = r.models?.[chosen];
    if (r.error !== undefined || isFailure(s)) return;
    for (let h = 0; h < H; h++) {
      cal[h][n] = s.calibration[h] / r.scale!;
      test[h][n] = s.errors[h] / r.scale!;
    }
    n++;
    worst.add(s.smape, r);
    best.add(-s.smape, r);
  });
  const widths = (residuals: Float64Array[]) => {
    try {
      return calibratedWidths(residuals, setup.levels).widths;
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      return setup.levels.map(() => new Array<number>(H).fill(0)); // every error is 0
    }
  };
  // sorted, so that the sums inside do not depend on the order of the series (a merge of shards gives the same bits)
  const testWidths = widths(cal.map((c) => c.slice(0, n).sort()));
  const futureWidths = widths(
    cal.map((c, h) => {
      const both = new Float64Array(2 * n);
      both.set(c.subarray(0, n));
      both.set(test[h].subarray(0, n), n);
      return both.sort();
    }),
  );
  const inside = (e: Float64Array, w: number) => {
    let k = 0;
    for (let i = 0; i < n; i++) if (Math.abs(e[i]) <= w) k++;
    return k;
  };
  const coverageByStep = testWidths.map((w) => w.map((wh, h) => (n ? inside(test[h], wh) / n : Number.NaN)));
  const coverage = coverageByStep.map((c) => c.reduce((a, b) => a + b, 0) / H);
  const worstIds = new Set(worst.items.map((x) => x.r.id));
  const bestItems = best.items.filter((x) => !worstIds.has(x.r.id));
  return {
    summary: {
      series,
      scored,
      skipped,
      skippedExamples,
      partial,
      partialExamples,
      models,
      reference: REFERENCE_MODEL,
      chosen,
      chosenWhy,
      intervals: { levels: [...setup.levels], testWidths, futureWidths, coverage, coverageByStep, series: n },
      pages: { worst: worst.items.map((x) => x.r.id), best: bestItems.map((x) => x.r.id) },
    },
    pageRecords: [...worst.items, ...bestItems].map((x) => x.r),
  };
}
