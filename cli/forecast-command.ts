// `lstmkit forecast <file.csv> --target <col> ...`: loads the series, runs forecast(), prints the
// table (or JSON), and writes report.html, forecast.csv and the trained model to --out atomically.

import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { forecast, type ForecastResult } from '../src/forecast/forecast.js';
import { STRATEGIES, type Strategy } from '../src/forecast/neural.js';
import { formatTime, forecastReport, futureTime, metricsTable } from '../src/forecast/report.js';
import { MISSING_POLICIES, type MissingPolicy } from '../src/forecast/missing.js';
import { saveModel } from '../src/node/model-files.js';
import { UsageError } from './errors.js';
import { loadSeries } from './load-series.js';
import { stageDir } from './output.js';
import { progressCallback } from './progress.js';
import { readTunedConfig } from './tune.js';
import { diagnose, renderDiagnosis } from '../src/tune/diagnose.js';
import { EVALUATION_OPTIONS, MODEL_OPTIONS, SERIES_OPTIONS, checkSeriesArgs } from './options.js';

export const FORECAST_USAGE = `usage: lstmkit forecast <file.csv> --target <col> [--date <col>] [--features a,b] [--categorical a]
  [--encoding onehot|label] [--missing interpolate|ffill|zero|drop|error] [--lookback N] [--horizon H]
  [--test N | --test-fraction f] [--season m] [--difference auto|yes|no] [--log] [--units U] [--layers L]
  [--epochs E] [--batch-size B] [--learning-rate r] [--dropout p] [--patience P] [--repeats R] [--seed S]
  [--strategy direct|recursive|encoder-decoder] [--no-mlp] [--config best.json] [--out dir [--force]] [--json]`;

/** Parses an integer option; throws a UsageError naming the flag. */
export function intOption(v: string | undefined, flag: string, min = 1): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be an integer >= ${min}, got '${v}'`);
  return n;
}

/** Parses a number option in (lo, hi]; throws a UsageError naming the flag. */
export function numOption(v: string | undefined, flag: string, lo = 0, hi = Infinity): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!(n > lo && n <= hi)) throw new UsageError(`${flag} must be a number in (${lo}, ${hi}], got '${v}'`);
  return n;
}

const list = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/** Result summary printed by --json (numbers only, no model objects). */
export function resultJson(r: ForecastResult, out: string | null): Record<string, unknown> {
  return {
    length: r.length,
    trainEnd: r.trainEnd,
    horizon: r.horizon,
    lookback: r.lookback,
    season: r.season,
    difference: r.difference,
    repeats: r.repeats,
    models: r.models.map((m) => ({ name: m.name, kind: m.kind, overall: m.overall, perHorizon: m.perHorizon })),
    skill: r.skill,
    shift: r.shift,
    warnings: r.warnings,
    verdict: r.verdict,
    diagnosis: diagnose(r.history),
    intervals: r.intervals,
    future: r.future,
    out,
  };
}

export async function forecastCommand(argv: string[]): Promise<void> {
  const { values: o, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...SERIES_OPTIONS,
      ...MODEL_OPTIONS,
      ...EVALUATION_OPTIONS,
      features: { type: 'string' },
      categorical: { type: 'string' },
      encoding: { type: 'string' },
      season: { type: 'string' },
      repeats: { type: 'string' },
      strategy: { type: 'string' },
      'no-mlp': { type: 'boolean' },
      json: { type: 'boolean' },
      config: { type: 'string' },
    },
  });
  checkSeriesArgs('forecast', FORECAST_USAGE, positionals, o);
  const strategy = o.strategy as Strategy | undefined;
  if (strategy !== undefined && !STRATEGIES.includes(strategy))
    throw new UsageError(`--strategy must be one of ${STRATEGIES.join(', ')}, got '${strategy}'`);
  const missing = o.missing as MissingPolicy | undefined;
  if (missing !== undefined && !MISSING_POLICIES.includes(missing))
    throw new UsageError(`--missing must be one of ${MISSING_POLICIES.join(', ')}, got '${missing}'`);
  if (o.encoding !== undefined && o.encoding !== 'onehot' && o.encoding !== 'label')
    throw new UsageError(`--encoding must be onehot or label, got '${o.encoding}'`);
  const diff =
    o.difference === undefined || o.difference === 'auto'
      ? 'auto'
      : o.difference === 'yes'
        ? true
        : o.difference === 'no'
          ? false
          : null;
  if (diff === null) throw new UsageError(`--difference must be auto, yes or no, got '${o.difference}'`);
  // --config best.json (from lstmkit tune): its values are defaults that explicit flags override
  const tuned = o.config ? readTunedConfig(o.config) : null;
  if (tuned) {
    for (const k of ['lookback', 'horizon', 'units', 'layers', 'epochs', 'learning-rate', 'batch-size'] as const) {
      const key = k.replace(/-(.)/g, (_, c: string) => c.toUpperCase()) as keyof typeof tuned;
      o[k] ??= String(tuned[key]);
    }
    o.log ??= tuned.log;
    if (o['test-fraction'] === undefined) o.test ??= String(tuned.test);
  }
  const diffFinal = o.difference === undefined && tuned ? tuned.difference : diff;
  const features = list(o.features);
  const opts = {
    lookback: intOption(o.lookback, '--lookback'),
    horizon: intOption(o.horizon, '--horizon'),
    test: intOption(o.test, '--test'),
    testFraction: numOption(o['test-fraction'], '--test-fraction', 0, 0.9),
    season: intOption(o.season, '--season'),
    units: intOption(o.units, '--units'),
    layers: intOption(o.layers, '--layers'),
    epochs: intOption(o.epochs, '--epochs'),
    batchSize: intOption(o['batch-size'], '--batch-size'),
    learningRate: numOption(o['learning-rate'], '--learning-rate', 0, 10),
    dropout: o.dropout === '0' ? 0 : numOption(o.dropout, '--dropout', 0, 0.9),
    patience: intOption(o.patience, '--patience', 0),
    repeats: intOption(o.repeats, '--repeats'),
    seed: intOption(o.seed, '--seed', 0),
  };
  const file = positionals[0];
  const input = loadSeries(file, {
    target: o.target,
    ...(o.date ? { date: o.date } : {}),
    ...(features ? { features } : {}),
    ...(o.categorical ? { categorical: list(o.categorical)! } : {}),
    ...(o.encoding ? { encoding: o.encoding as 'onehot' | 'label' } : {}),
    ...(missing ? { missing } : {}),
  });
  const n = input.target.length,
    horizon = opts.horizon ?? 1;
  const test = opts.test ?? Math.max(horizon, Math.round(n * (opts.testFraction ?? 0.2)));
  const lookback = opts.lookback ?? 1;
  if (n < lookback + horizon + test + 3) {
    throw new UsageError(
      `the series '${o.target}' has ${n} values, too short for lookback ${opts.lookback ?? '(auto)'} + horizon ${horizon} + test ${test}; use a smaller --lookback, --horizon or --test, or a longer series`,
    );
  }
  const stage = o.out ? stageDir(o.out, { force: o.force ?? false }) : null;
  try {
    const progress = o.json ? null : progressCallback('LSTM', opts.epochs ?? 200);
    const clean = Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined));
    const r = await forecast(input.target, {
      ...clean,
      difference: diffFinal,
      ...(o.log ? { log: true } : {}),
      ...(strategy ? { strategy } : {}),
      ...(o['no-mlp'] ? { mlp: false } : {}),
      ...(input.covariates ? { covariates: input.covariates } : {}),
      ...(progress ? { callbacks: [progress] } : {}),
      ...(o.json
        ? {}
        : {
            onTrainStart: (m: string, rep: number) =>
              process.stderr.write(
                `training ${m}${(opts.repeats ?? 1) > 1 ? ` (repeat ${rep + 1}/${opts.repeats})` : ''}...\n`,
              ),
          }),
    });
    let outDir: string | null = null;
    if (stage) {
      stage.write(
        'report.html',
        forecastReport(input.target, r, {
          title: `${o.target}: lstmkit forecast`,
          target: o.target,
          ...(input.dates ? { dates: input.dates } : {}),
        }),
      );
      stage.write('forecast.csv', forecastCsv(r, input.dates));
      await saveModel(r.lstm.model, join(stage.path, 'model'));
      stage.write(
        'model/forecaster.json',
        JSON.stringify({ target: o.target, date: o.date ?? null, features: features ?? [], ...r.lstm.spec }, null, 1),
      );
      stage.write('results.json', JSON.stringify(resultJson(r, null), null, 1));
      outDir = stage.commit();
    }
    if (o.json) {
      process.stdout.write(`${JSON.stringify(resultJson(r, outDir))}\n`);
      return;
    }
    console.log(metricsTable(r));
    console.log('');
    for (const w of r.warnings) console.log(`warning: ${w}`);
    console.log(r.verdict);
    console.log(renderDiagnosis(diagnose(r.history)));
    console.log(`next ${r.horizon}: ${r.future.values.map((v) => v.toFixed(2)).join(', ')}`);
    if (outDir) console.log(`report: ${join(outDir, 'report.html')}  (forecast.csv, model/ beside it)`);
  } catch (e) {
    stage?.discard();
    throw e;
  }
}

function forecastCsv(r: ForecastResult, dates: number[] | undefined): string {
  const n = r.length;
  const step = dates && n > 1 ? dates[n - 1] - dates[n - 2] : 0;
  const when = (h: number) => (dates ? formatTime(futureTime(dates, h), step) : String(n + h));
  const pct = r.intervals.levels.map((l) => Math.round(l * 100));
  const head = ['time', 'forecast', ...pct.flatMap((p) => [`lower_${p}`, `upper_${p}`])];
  const rows = r.future.values.map((v, h) =>
    [when(h), v, ...pct.flatMap((_, li) => [r.future.lower[li][h], r.future.upper[li][h]])].join(','),
  );
  return `${head.join(',')}\n${rows.join('\n')}\n`;
}
