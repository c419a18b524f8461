// What a panel run writes, in one place: the per-series result (scores of every model, errors by
// step on the test part and on the calibration window before it), the rows of forecast.csv, and the
// line layout of results.json, which is one JSON document written as it goes: a head line, one line
// per series, then the summary, so that large runs stream it out and merges stream it back in.

import { csvField, splitCsvLine } from '../../data/panel-csv.js';
import { FormatError } from '../../errors.js';
import { mase, smape } from '../metrics.js';

/** A model's scores on one series. */
export interface ModelScore {
  /** sMAPE (percent) and MASE (scaled by the series' `scale`) on the test part. */
  smape: number;
  mase: number;
  /** actual − forecast at each step of the test part (ERROR_DIGITS significant digits). */
  errors: number[];
  /** actual − forecast at each step of the calibration window (the `horizon` values before the test part). */
  calibration: number[];
}

/** A model that could not forecast this series. */
export interface ModelFailure {
  error: string;
}

/** The result of one series. */
export interface SeriesResult {
  id: string;
  /** Values forecast from (after trimming and filling), or read when refused. */
  length: number;
  /** MASE's scale on the training part (mean |x_t − x_{t−m}|). */
  scale?: number;
  /** Why the series was not forecast (one line). */
  error?: string;
  /** What was done to its values. */
  note?: string;
  /** Every model's scores, or its failure. */
  models?: Record<string, ModelScore | ModelFailure>;
}

/** Significant digits of the stored errors by step (the summary's intervals are computed from these). */
export const ERROR_DIGITS = 7;

/**
 * A number rounded to ERROR_DIGITS significant digits.
 * @example roundError(1.23456789)  //=> 1.234568
 */
export function roundError(v: number): number {
  return v === 0 ? 0 : Number(v.toPrecision(ERROR_DIGITS));
}

/**
 * Scores one model's forecasts of one series.
 * @example scoreModel([10, 12], [11, 12], [8, 9, 10, 11], [9, 10], [8, 9], 1).smape  //=> 100 * (2 / 21) / 2
 */
export function scoreModel(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  train: ArrayLike<number>,
  calibrationActual: ArrayLike<number>,
  calibrationForecast: ArrayLike<number>,
  season: number,
): ModelScore {
  return {
    smape: smape(actual, forecast),
    mase: mase(actual, forecast, train, season),
    errors: Array.from(actual, (y, h) => roundError(y - forecast[h])),
    calibration: Array.from(calibrationActual, (y, h) => roundError(y - calibrationForecast[h])),
  };
}

/** Whether a model's entry in a result is a failure. */
export const isFailure = (s: ModelScore | ModelFailure | undefined): s is ModelFailure | undefined =>
  !s || 'error' in s;

/** One row of forecast.csv: a future value of a series with its interval bounds per level. */
export interface FutureRow {
  id: string;
  /** 1..horizon. */
  step: number;
  /** The date (panels with dates) or the position after the series' last value. */
  time: string;
  model: string;
  forecast: number;
  lower: number[];
  upper: number[];
}

const pct = (l: number) => Math.round(l * 1000) / 10;

/**
 * The header line of forecast.csv.
 * @example forecastCsvHeader([0.8, 0.95])  //=> 'id,step,time,model,forecast,lower_80,upper_80,lower_95,upper_95'
 */
export function forecastCsvHeader(levels: readonly number[]): string {
  return [
    'id',
    'step',
    'time',
    'model',
    'forecast',
    ...levels.flatMap((l) => [`lower_${pct(l)}`, `upper_${pct(l)}`]),
  ].join(',');
}

/**
 * One line of forecast.csv (ids and times quoted when needed).
 * @example forecastCsvLine({ id: 'a,b', step: 1, time: '7', model: 'SES', forecast: 5, lower: [4], upper: [6] })  //=> '"a,b",1,7,SES,5,4,6'
 */
export function forecastCsvLine(r: FutureRow): string {
  const cells = [csvField(r.id), r.step, csvField(r.time), csvField(r.model), r.forecast];
  for (let l = 0; l < r.lower.length; l++) cells.push(r.lower[l], r.upper[l]);
  return cells.join(',');
}

/**
 * Reads a line of forecast.csv back.
 * @example parseForecastCsvLine('"a,b",1,7,SES,5,4,6', 1).id  //=> 'a,b'
 */
export function parseForecastCsvLine(line: string, levels: number): FutureRow {
  const c = splitCsvLine(line, ',', 'forecast.csv');
  if (c.length !== 5 + 2 * levels)
    throw new FormatError(`expected ${5 + 2 * levels} cells, got ${c.length}: ${line}`, 'forecast.csv');
  const num = (i: number) => Number(c[i]);
  return {
    id: c[0],
    step: num(1),
    time: c[2],
    model: c[3],
    forecast: num(4),
    lower: Array.from({ length: levels }, (_, l) => num(5 + 2 * l)),
    upper: Array.from({ length: levels }, (_, l) => num(6 + 2 * l)),
  };
}

/** The format name in results.json's head line. */
export const PANEL_RESULTS_FORMAT = 'lstmkit-panel-results';
/** Its version. */
export const PANEL_RESULTS_VERSION = 1;

/**
 * The head line of results.json.
 * @example resultsHead({ horizon: 2 })  //=> '{"format":"lstmkit-panel-results","version":1,"setup":{"horizon":2},"series":['
 */
export function resultsHead(setup: object): string {
  const head = JSON.stringify({ format: PANEL_RESULTS_FORMAT, version: PANEL_RESULTS_VERSION, setup });
  return `${head.slice(0, -1)},"series":[`;
}

/** The line of a series in results.json (the first without a leading comma). */
export function resultsSeriesLine(r: SeriesResult, first: boolean): string {
  return `${first ? '' : ','}${JSON.stringify(r)}`;
}

/** The last lines of results.json: the end of the series, the summary and how the future went. */
export function resultsTail(summary: object, future: object): string {
  return `],\n"summary":${JSON.stringify(summary)},\n"future":${JSON.stringify(future)}}`;
}

/** A line of results.json read back. */
export type ResultsLine =
  | { kind: 'head'; setup: unknown }
  | { kind: 'series'; result: SeriesResult }
  | { kind: 'summary'; summary: unknown }
  | { kind: 'future'; future: unknown }
  | { kind: 'end' };

/**
 * Reads one line of results.json (as written by resultsHead, resultsSeriesLine and resultsTail).
 * @example parseResultsLine(',{"id":"a","length":3}')  //=> { kind: 'series', result: { id: 'a', length: 3 } }
 */
export function parseResultsLine(line: string, where = 'results.json'): ResultsLine {
  try {
    if (line.startsWith('{"format"')) {
      const head = JSON.parse(`${line.slice(0, -',"series":['.length)}}`) as {
        format?: string;
        version?: number;
        setup?: unknown;
      };
      if (head.format !== PANEL_RESULTS_FORMAT || head.version !== PANEL_RESULTS_VERSION)
        throw new FormatError(`not a version-${PANEL_RESULTS_VERSION} ${PANEL_RESULTS_FORMAT} file`, where);
      return { kind: 'head', setup: head.setup };
    }
    if (line.startsWith('{') || line.startsWith(',{'))
      return { kind: 'series', result: JSON.parse(line.replace(/^,/, '')) as SeriesResult };
    if (line.startsWith('"summary":'))
      return { kind: 'summary', summary: JSON.parse(line.slice('"summary":'.length, -1)) };
    if (line.startsWith('"future":')) return { kind: 'future', future: JSON.parse(line.slice('"future":'.length, -1)) };
    if (line === '],' || line === '') return { kind: 'end' };
  } catch (e) {
    if (e instanceof FormatError) throw e;
    throw new FormatError(`cannot read a line: ${(e as Error).message}`, where);
  }
  throw new FormatError(`unexpected line ${JSON.stringify(line.slice(0, 60))}`, where);
}
