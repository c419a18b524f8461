// The presenter of forecast(): turns its numbers into the sentences the CLI prints and the report
// shows — the ranking of every model that ran, one verdict, warnings that never contradict it, the
// diagnosis of the learning curves against the mean-prediction loss, and what was done to the data.

import { type Diagnosis, diagnose } from './diagnose.js';
import type { ForecastNumbers, ModelResult } from './forecast.js';

/** Models ordered by test RMSE (lowest first), with their rank. */
export interface RankedModel {
  rank: number;
  name: string;
  kind: ModelResult['kind'];
  rmse: number;
  mase: number;
}

/** The sentences of a forecast. */
export interface ForecastSummary {
  ranking: RankedModel[];
  /** The model to use: the lowest test RMSE. */
  best: RankedModel;
  /** True when the LSTM is the best model. */
  lstmWins: boolean;
  /** One paragraph: which model to use and why. */
  verdict: string;
  warnings: string[];
  diagnosis: Diagnosis;
  /** Advice that agrees with the verdict. */
  advice: string[];
  /** What was done to the data and why, one line each. */
  decisions: string[];
  /** How the future was made. */
  futureNote: string;
}

/**
 * How forecasts and errors are written in sentences and reports: 1 decimal from 100, 3 from 1,
 * else 3 significant digits; 'n/a' when not finite.
 * @example formatNumber(451.234) //=> '451.2'
 */
export const formatNumber = (v: number): string =>
  !Number.isFinite(v) ? 'n/a' : Math.abs(v) >= 100 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(3) : v.toPrecision(3);
const fmt = formatNumber;

/**
 * Ranks every model by test RMSE (NaN last; ties keep the table order).
 * @example rankModels(result.models)[0].name
 */
export function rankModels(models: readonly ModelResult[]): RankedModel[] {
  return models
    .map((m, i) => ({ m, i }))
    .sort((a, b) => {
      const x = a.m.overall.rmse,
        y = b.m.overall.rmse;
      if (Number.isNaN(x) !== Number.isNaN(y)) return Number.isNaN(x) ? 1 : -1;
      return x - y || a.i - b.i;
    })
    .map(({ m }, rank) => ({ rank: rank + 1, name: m.name, kind: m.kind, rmse: m.overall.rmse, mase: m.overall.mase }));
}

/**
 * The sentences of a forecast() result.
 * @example const s = forecastSummary(await forecast(series)); console.log(s.verdict);
 */
export function forecastSummary(r: ForecastNumbers): ForecastSummary {
  const ranking = rankModels(r.models);
  const lstm = ranking.find((m) => m.kind === 'lstm')!;
  const best = ranking[0];
  const lstmWins = best.kind === 'lstm';
  const next = ranking.find((m) => m.kind !== 'lstm');
  const verdict = lstmWins
    ? `Use the LSTM: it has the lowest test RMSE of the ${ranking.length} models that ran (${fmt(lstm.rmse)}${next ? `; next best ${next.name} ${fmt(next.rmse)}` : ''}).`
    : `Use ${best.name}: it beats the LSTM on the test part (RMSE ${fmt(best.rmse)} vs ${fmt(lstm.rmse)}; the LSTM ranks ${lstm.rank} of ${ranking.length}).`;

  const warnings: string[] = [];
  const persistence = r.models.find((m) => m.name === 'persistence');
  if (persistence && r.skill < 0)
    warnings.push(
      `the LSTM does not beat persistence (RMSE ${fmt(lstm.rmse)} vs ${fmt(persistence.overall.rmse)}, skill ${r.skill.toFixed(3)} < 0)`,
    );
  if (r.shift?.shifted)
    warnings.push(
      `the LSTM's one-step forecast tracks the truth one step late (correlation ${r.shift.lag1.toFixed(3)} with the previous value > ${r.shift.lag0.toFixed(3)} with the target): it mostly repeats the last value`,
    );
  if (r.intervals) {
    r.intervals.levels.forEach((l, i) => {
      const c = r.intervals!.coverage[i];
      if (Math.abs(c - l) > 0.15)
        warnings.push(`the ${Math.round(l * 100)}% interval covered ${(c * 100).toFixed(0)}% of the test values`);
    });
  }

  const diagnosis = diagnose(r.history, { baselineLoss: r.meanLoss });
  const advice: string[] = [];
  if (lstmWins) {
    if (diagnosis.verdict === 'good fit') advice.push('keep this setup');
    else advice.push(`the LSTM wins but its training was ${diagnosis.verdict}: ${diagnosis.advice[0]}`);
  } else {
    advice.push(`forecast with ${best.name}, or change the LSTM's setup`);
    if (diagnosis.verdict !== 'good fit')
      advice.push(`the LSTM's training was ${diagnosis.verdict}: ${diagnosis.advice[0]}`);
    else
      advice.push(
        'its training curves look healthy, so more capacity or epochs are unlikely to help: try another lookback, differencing or more data',
      );
  }

  const c = r.config;
  const decisions = r.decisions.map((d) => `${d.option} ${d.value}: ${d.why}`);
  decisions.unshift(
    `parts: training ${r.calibrationStart} values, calibration ${c.calibration}, test ${c.test} (walk-forward, ${r.origins.length} origins of ${c.horizon} step${c.horizon > 1 ? 's' : ''})`,
  );
  const futureNote = `next ${c.horizon}: the LSTM retrained on all ${r.future.trainedOn} values for ${r.future.epochs.join('/')} epochs (the evaluation model's early-stopping counts)${r.intervals ? `, intervals calibrated on ${r.intervals.future.residuals} held-out errors` : ', no intervals (no calibration part)'}`;
  return { ranking, best, lstmWins, verdict, warnings, diagnosis, advice, decisions, futureNote };
}
