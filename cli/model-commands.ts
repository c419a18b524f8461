// `lstmkit train | predict | evaluate`: saved forecasters (the format of the library's
// saveForecaster: forecaster.json + member-<r>/ models). `train` uses exactly forecast()'s
// defaults and trainer; `forecast --out` writes the same format under model/.

import { checkForecastMemory, evaluateForecaster, resolveForecastConfig, trainOnAll } from 'lstmkit';
import { forecasterFiles, loadForecaster, trainingMemoryLimit, writeFolder } from 'lstmkit/node';
import { type CommandSpec, intValue, parseCommand } from './args.js';
import { configOptions } from './config-flags.js';
import { UsageError } from './errors.js';
import { commandConfig, DATA_OPTIONS, readSeries } from './forecast-command.js';
import { checkOut, FORCE_OPTION } from './output.js';
import { loadSeries } from './load-series.js';
import { progressCallback } from './progress.js';

export const TRAIN: CommandSpec = {
  name: 'train',
  summary:
    "Train the forecaster (forecast's defaults and trainer) on the whole series and save it; the epochs come from a first run that holds out the end of the series for early stopping.",
  positionals: '<file.csv>',
  arity: [1, 1],
  options: {
    ...DATA_OPTIONS,
    ...configOptions(),
    config: {
      type: 'string',
      description: 'options from a best.json written by lstmkit tune',
      value: 'file',
      group: 'run',
    },
    out: { type: 'string', description: 'folder for the saved forecaster (required)', value: 'dir', group: 'run' },
    force: FORCE_OPTION,
    json: { type: 'boolean', description: 'print a JSON summary', group: 'run' },
  },
  examples: ['lstmkit train datasets/airline-passengers.csv --target Passengers --date Month --out out/airline-model'],
};

export const PREDICT: CommandSpec = {
  name: 'predict',
  summary: 'Forecast the next values after the series in a CSV file with a saved forecaster.',
  positionals: '<model-dir> <file.csv>',
  arity: [2, 2],
  options: { json: { type: 'boolean', description: 'print JSON' } },
  examples: ['lstmkit predict out/airline-model datasets/airline-passengers.csv'],
};

export const EVALUATE: CommandSpec = {
  name: 'evaluate',
  summary:
    'Walk-forward errors of a saved forecaster over the last values of a CSV file, next to the baselines; warns when those values were used to train it.',
  positionals: '<model-dir> <file.csv>',
  arity: [2, 2],
  options: {
    test: {
      type: 'string',
      description: 'values at the end to score',
      default: 'as forecast: 20%, at least the horizon',
      value: 'N',
    },
    json: { type: 'boolean', description: 'print JSON' },
  },
  examples: ['lstmkit evaluate out/airline-model new-months.csv --test 24'],
};

export async function trainCommand(argv: string[]): Promise<void> {
  const parsed = parseCommand(TRAIN, argv);
  if (!parsed) return;
  const { values: o, positionals } = parsed;
  if (typeof o.out !== 'string') throw new UsageError('--out is required; pass --out <dir> for the saved forecaster');
  const options = commandConfig(o);
  await checkOut(o.out, o.force === true);
  const input = readSeries(positionals[0], o);
  const { config } = resolveForecastConfig(input.target, options, {
    ...(input.dates ? { dates: input.dates } : {}),
    covariates: input.covariates?.[0]?.length ?? 0,
  });
  checkForecastMemory(config, input.covariates?.[0]?.length ?? 0, input.target.length, trainingMemoryLimit());
  const json = o.json === true;
  const f = await trainOnAll(input.target, config, input.covariates, {
    ...(json ? {} : { callbacks: [progressCallback('LSTM', config.epochs)] }),
    ...(input.dates ? { dates: input.dates } : {}),
  });
  const data = {
    target: o.target as string,
    date: typeof o.date === 'string' ? o.date : null,
    features: input.covariateNames,
  };
  const dir = await writeFolder(o.out, forecasterFiles(f, data), { overwrite: o.force === true });
  const loss = f.fitted.histories[0].history['loss']?.at(-1);
  if (json) process.stdout.write(`${JSON.stringify({ out: dir, name: f.name, epochs: f.fitted.epochsKept, loss })}\n`);
  else
    console.log(
      `saved ${f.name} (trained on all ${input.target.length} values for ${f.fitted.epochsKept.join('/')} epochs, final loss ${loss?.toExponential(3)}) to ${dir}`,
    );
}

/** Loads a saved forecaster and the series of a CSV file read the way it was trained. */
async function forecasterAndSeries(dir: string, file: string) {
  const { forecaster, data } = await loadForecaster(dir);
  if (!data)
    throw new UsageError(
      `${dir} was saved without its data columns; read the file yourself and call predict() from the library`,
    );
  const input = loadSeries(file, {
    target: data.target,
    ...(data.date ? { date: data.date } : {}),
    ...(data.features.length ? { features: data.features } : {}),
  });
  const need = forecaster.config.lookback + forecaster.fitted.inputs.pipeline.lag;
  if (input.target.length < need)
    throw new UsageError(
      `${file} has ${input.target.length} values of '${data.target}'; this model needs at least ${need} (its lookback)`,
    );
  return { forecaster, input };
}

export async function predictCommand(argv: string[]): Promise<void> {
  const parsed = parseCommand(PREDICT, argv);
  if (!parsed) return;
  const [dir, file] = parsed.positionals;
  const { forecaster, input } = await forecasterAndSeries(dir, file);
  const values = forecaster.predict(input.target, forecaster.config.horizon, input.covariates);
  if (parsed.values.json) process.stdout.write(`${JSON.stringify({ model: forecaster.name, forecast: values })}\n`);
  else for (const [h, v] of values.entries()) console.log(`t+${h + 1}\t${v.toFixed(4)}`);
}

export async function evaluateCommand(argv: string[]): Promise<void> {
  const parsed = parseCommand(EVALUATE, argv);
  if (!parsed) return;
  const [dir, file] = parsed.positionals;
  const { forecaster, input } = await forecasterAndSeries(dir, file);
  const e = await evaluateForecaster(forecaster, input.target, {
    ...(parsed.values.test !== undefined ? { test: intValue(parsed.values.test, 'test') as number } : {}),
    ...(input.dates ? { dates: input.dates } : {}),
    ...(input.covariates ? { covariates: input.covariates } : {}),
  });
  const H = forecaster.config.horizon;
  const rows = e.models.map((m) => ({ model: m.name, ...m.overall }));
  if (parsed.values.json) {
    process.stdout.write(
      `${JSON.stringify({ test: e.test, forecasts: e.origins.length, warning: e.warning, models: rows })}\n`,
    );
    return;
  }
  if (e.warning) console.log(`warning: ${e.warning}`);
  console.log(
    `walk-forward over the last ${e.test} values (${e.origins.length} forecasts of ${H} step${H > 1 ? 's' : ''})`,
  );
  const head = ['model', 'MAE', 'RMSE', 'MAPE %', 'sMAPE %', 'MASE'];
  const body = rows.map((r) => [
    r.model,
    ...[r.mae, r.rmse, r.mape, r.smape, r.mase].map((v) => (Number.isFinite(v) ? v.toFixed(3) : 'n/a')),
  ]);
  const widths = head.map((h, i) => body.reduce((w, b) => Math.max(w, b[i].length), h.length));
  for (const row of [head, ...body])
    console.log(row.map((v, i) => (i ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  '));
}
