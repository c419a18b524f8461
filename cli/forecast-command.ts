// `lstmkit forecast <file.csv> --target <col> ...`: flags -> Partial<ForecastConfig> -> forecast()
// -> the presenter's sentences, the table, and (with --out) report.html, forecast.csv, results.json
// and the final model as a saved forecaster (model/), written as one folder.

import { join } from 'node:path';
import {
  checkForecastConfig,
  configFromResolved,
  type ForecastConfig,
  type ForecastResult,
  forecast,
  forecastReport,
  forecastSummary,
  MISSING_POLICIES,
  metricsTable,
  renderDiagnosis,
  timeAxis,
} from 'lstmkit';
import { forecasterFiles, trainingMemoryLimit, writeFolder } from 'lstmkit/node';
import { type CommandSpec, choiceValue, listValue, parseCommand } from './args.js';
import { configFromFlags, configOptions } from './config-flags.js';
import { readConfigFile } from './config-file.js';
import { UsageError } from './errors.js';
import { loadSeries, type SeriesInput } from './load-series.js';
import { checkOut, FORCE_OPTION } from './output.js';
import { isPanelRun, PANEL_OPTIONS, panelForecastCommand } from './panel-command.js';
import { progressCallback } from './progress.js';

/** Options that say which file columns to read and how. */
export const DATA_OPTIONS: CommandSpec['options'] = {
  target: { type: 'string', description: 'column to forecast (required)', value: 'col', group: 'data' },
  date: { type: 'string', description: 'date column (calendar seasons, dated output)', value: 'col', group: 'data' },
  features: { type: 'string', description: 'covariate columns, comma-separated', value: 'a,b', group: 'data' },
  categorical: { type: 'string', description: 'covariates that are categories', value: 'a,b', group: 'data' },
  encoding: {
    type: 'string',
    description: 'category encoding: onehot|label',
    default: 'onehot',
    value: 'e',
    group: 'data',
  },
  missing: {
    type: 'string',
    description: `missing values: ${MISSING_POLICIES.join('|')}`,
    default: 'interpolate',
    value: 'p',
    group: 'data',
  },
};

export const FORECAST: CommandSpec = {
  name: 'forecast',
  summary:
    'Train an LSTM ensemble, evaluate it walk-forward on the test part against baselines, then retrain it on the whole series and forecast the next values with calibrated intervals. Many series (a long file with --id, a wide file with --wide, or a folder of CSV files): a global LSTM and the M4 statistical set scored on the last horizon of every series, then the best one forecasts each series.',
  positionals: '<file.csv | folder>',
  arity: [1, 1],
  options: {
    ...DATA_OPTIONS,
    ...configOptions(),
    config: {
      type: 'string',
      description: 'options from a best.json written by lstmkit tune (flags override it)',
      value: 'file',
      group: 'run',
    },
    'no-mlp': { type: 'boolean', description: 'skip the window-MLP comparison', group: 'run' },
    out: {
      type: 'string',
      description: 'write report.html, forecast.csv, results.json and model/ to this folder',
      value: 'dir',
      group: 'run',
    },
    force: FORCE_OPTION,
    json: { type: 'boolean', description: 'print a JSON summary instead of text', group: 'run' },
    ...PANEL_OPTIONS,
  },
  examples: [
    'lstmkit forecast datasets/airline-passengers.csv --target Passengers --date Month --out out/airline',
    'lstmkit forecast sales.csv --target units --date day --features price,promo --categorical promo --horizon 14',
    'lstmkit forecast data.csv --target y --config out/tune-data/best.json',
    'lstmkit forecast datasets/m4/Hourly-train.csv.gz --wide --horizon 48 --season 24 --out out/hourly',
    'lstmkit forecast sales.csv --id store --date day --target units --shard 0/4 --future-model LSTM --out out/shard-0',
  ],
};

/** The config of a command line: best.json's config (if any) overridden by flags. */
export function commandConfig(values: Record<string, string | boolean | undefined>): Partial<ForecastConfig> {
  const fromFile = typeof values.config === 'string' ? readConfigFile(values.config) : {};
  const merged = { ...fromFile, ...configFromFlags(values) };
  checkForecastConfig(merged, 'options');
  return merged;
}

/** Reads the series a command works on, with the data flags. */
export function readSeries(file: string, values: Record<string, string | boolean | undefined>): SeriesInput {
  if (typeof values.target !== 'string' || !values.target)
    throw new UsageError('--target is required; pass --target <column> naming the column to forecast');
  const features = listValue(values.features);
  const categorical = listValue(values.categorical);
  const encoding = choiceValue(values.encoding, 'encoding', ['onehot', 'label'] as const);
  const missing = choiceValue(values.missing, 'missing', MISSING_POLICIES);
  return loadSeries(file, {
    target: values.target,
    ...(typeof values.date === 'string' ? { date: values.date } : {}),
    ...(features ? { features } : {}),
    ...(categorical ? { categorical } : {}),
    ...(encoding ? { encoding } : {}),
    ...(missing ? { missing } : {}),
  });
}

/** Result summary printed by --json and saved as results.json (numbers and sentences, no models). */
export function resultJson(r: ForecastResult, out: string | null): Record<string, unknown> {
  const s = forecastSummary(r);
  return {
    length: r.length,
    calibrationStart: r.calibrationStart,
    testStart: r.testStart,
    config: configFromResolved(r.config),
    decisions: r.decisions,
    models: r.models.map((m) => ({
      name: m.name,
      kind: m.kind,
      overall: m.overall,
      memberSpread: m.memberSpread,
      perHorizon: m.perHorizon,
      future: m.future,
    })),
    ranking: s.ranking,
    verdict: s.verdict,
    advice: s.advice,
    warnings: s.warnings,
    diagnosis: { verdict: s.diagnosis.verdict, evidence: s.diagnosis.evidence },
    skill: r.skill,
    shift: r.shift,
    intervals: r.intervals && {
      levels: r.intervals.levels,
      coverage: r.intervals.coverage,
      calibrationRmse: r.intervals.calibrationRmse,
    },
    future: r.future,
    out,
  };
}

/** forecast.csv: the next values with their intervals, one row per step. */
export function forecastCsv(r: ForecastResult, input: Pick<SeriesInput, 'dates' | 'dateFormat'>): string {
  const n = r.length;
  const axis = input.dates && n > 1 ? timeAxis(input.dates, input.dateFormat) : null;
  const when = (h: number) => (axis ? axis.label(axis.time(n + h)) : String(n + h));
  const pct = r.intervals ? r.intervals.levels.map((l) => Math.round(l * 100)) : [];
  const head = ['time', 'forecast', ...pct.flatMap((p) => [`lower_${p}`, `upper_${p}`])];
  const rows = r.future.values.map((v, h) =>
    [when(h), v, ...pct.flatMap((_, li) => [r.future.lower[li][h], r.future.upper[li][h]])].join(','),
  );
  return `${head.join(',')}\n${rows.join('\n')}\n`;
}

export async function forecastCommand(argv: string[]): Promise<void> {
  const parsed = parseCommand(FORECAST, argv);
  if (!parsed) return;
  const { values: o, positionals } = parsed;
  if (isPanelRun(o, positionals[0])) return panelForecastCommand(o, positionals[0]);
  for (const k of Object.keys(PANEL_OPTIONS))
    if (o[k] !== undefined)
      throw new UsageError(
        `--${k} applies to many series; pass --id <column> (a long file), --wide (a series a line) or a folder`,
      );
  const config = commandConfig(o);
  if (typeof o.out === 'string') await checkOut(o.out, o.force === true);
  const input = readSeries(positionals[0], o);
  const json = o.json === true;
  const progress = json ? null : progressCallback('LSTM', typeof config.epochs === 'number' ? config.epochs : 200);
  const r = await forecast(input.target, {
    ...config,
    ...(o['no-mlp'] ? { mlp: false } : {}),
    memoryLimit: trainingMemoryLimit(),
    ...(input.covariates ? { covariates: input.covariates } : {}),
    ...(input.dates ? { dates: input.dates } : {}),
    ...(progress ? { callbacks: [progress] } : {}),
    ...(json
      ? {}
      : {
          onTrainStart: (e) =>
            process.stderr.write(
              `training ${e.model} (${e.phase} model${e.members > 1 ? `, member ${e.member + 1}/${e.members}` : ''})...\n`,
            ),
        }),
  });
  if (input.missing.count > 0)
    r.decisions.unshift({
      option: 'missing',
      value: input.missing.count,
      why: `${input.missing.count} row(s) had a missing value: ${input.missing.policy}`,
    });
  let outDir: string | null = null;
  if (typeof o.out === 'string') {
    const target = o.target as string;
    const files = new Map<string, string | Uint8Array>([
      [
        'report.html',
        forecastReport(input.target, r, {
          title: `${target}: lstmkit forecast`,
          target,
          ...(input.dates ? { dates: input.dates } : {}),
        }),
      ],
      ['forecast.csv', forecastCsv(r, input)],
      ['results.json', `${JSON.stringify(resultJson(r, null), null, 1)}\n`],
    ]);
    const data = { target, date: typeof o.date === 'string' ? o.date : null, features: input.covariateNames };
    for (const [name, content] of forecasterFiles(r.finalModel, data)) files.set(`model/${name}`, content);
    outDir = await writeFolder(o.out, files, { overwrite: o.force === true });
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(resultJson(r, outDir))}\n`);
    return;
  }
  const s = forecastSummary(r);
  const lines = [
    ...s.decisions.map((d) => `data: ${d}`),
    '',
    metricsTable(r),
    '',
    ...s.warnings.map((w) => `warning: ${w}`),
    `verdict: ${s.verdict}`,
    ...s.advice.map((a) => `advice: ${a}`),
    renderDiagnosis({ ...s.diagnosis, advice: [] }),
    '',
    `${s.futureNote}:`,
    futureTable(r, input),
  ];
  if (r.intervals)
    lines.push(
      `interval coverage on the test part: ${r.intervals.levels.map((l, i) => `${Math.round(l * 100)}% nominal -> ${(r.intervals!.coverage[i] * 100).toFixed(0)}%`).join(', ')}`,
    );
  if (outDir) lines.push(`report: ${join(outDir, 'report.html')}  (forecast.csv, results.json, model/ beside it)`);
  console.log(lines.join('\n'));
}

/** The future as an aligned text table. */
function futureTable(r: ForecastResult, input: Pick<SeriesInput, 'dates' | 'dateFormat'>): string {
  const n = r.length;
  const axis = input.dates && n > 1 ? timeAxis(input.dates, input.dateFormat) : null;
  const when = (h: number) => (axis ? axis.label(axis.time(n + h)) : `t+${h + 1}`);
  const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(4));
  const iv = r.intervals;
  const head = ['time', 'forecast', ...(iv ? iv.levels.map((l) => `${Math.round(l * 100)}% interval`) : [])];
  const rows = r.future.values.map((v, h) => [
    when(h),
    fmt(v),
    ...(iv ? iv.levels.map((_, li) => `${fmt(r.future.lower[li][h])} .. ${fmt(r.future.upper[li][h])}`) : []),
  ]);
  const widths = head.map((c, i) => Math.max(c.length, ...rows.map((row) => row[i].length)));
  return [head, ...rows].map((row) => row.map((c, i) => c.padStart(widths[i])).join('  ')).join('\n');
}
