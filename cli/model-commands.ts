// `lstmkit train | predict | evaluate` on saved forecasting models (a folder with model.json,
// weights.bin and forecaster.json). Text models: text-commands.ts.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { persistence } from '../src/forecast/baselines.js';
import { type NeuralSpec, neuralForecaster, STRATEGIES, type Strategy, trainNeural } from '../src/forecast/neural.js';
import { scoreWalkForward, testOrigins, walkForwardForecasts } from '../src/forecast/walk-forward.js';
import { Sequential } from '../src/model/sequential.js';
import { loadModel, saveModel } from '../src/node/model-files.js';
import { UsageError } from './errors.js';
import { intOption, numOption } from './forecast-command.js';
import { loadSeries } from './load-series.js';
import { stageDir } from './output.js';
import { progressCallback } from './progress.js';
import { MODEL_OPTIONS, SERIES_OPTIONS } from './options.js';

interface SavedForecaster extends NeuralSpec {
  target: string;
  date: string | null;
  features: string[];
}

async function loadForecaster(dir: string) {
  const specPath = join(dir, 'forecaster.json');
  if (!existsSync(join(dir, 'model.json')))
    throw new UsageError(
      `no saved model in ${dir}; pass the model folder written by 'lstmkit train' or 'lstmkit forecast --out' (its model/ subfolder)`,
    );
  if (!existsSync(specPath))
    throw new UsageError(
      `${dir} has no forecaster.json; it is not a forecasting model (train one with 'lstmkit train')`,
    );
  const spec = JSON.parse(readFileSync(specPath, 'utf8')) as SavedForecaster;
  if (spec.features?.length)
    throw new UsageError(
      `this model uses covariates (${spec.features.join(', ')}); predict/evaluate support target-only models, use 'lstmkit forecast' instead`,
    );
  const model = await loadModel(dir);
  if (!(model instanceof Sequential))
    throw new UsageError(`${dir} holds a graph model; forecasting models are sequential`);
  return { spec, forecaster: neuralForecaster(model, spec) };
}

/** `lstmkit train <file.csv> --target col --out dir`: trains on the whole series and saves it. */
export async function trainCommand(argv: string[]): Promise<void> {
  const { values: o, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...SERIES_OPTIONS,
      ...MODEL_OPTIONS,
      strategy: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (positionals.length !== 1)
    throw new UsageError('usage: lstmkit train <file.csv> --target <col> --out <dir> [--lookback N] [--horizon H] ...');
  if (!o.target) throw new UsageError('--target is required; pass --target <column> naming the column to model');
  if (!o.out) throw new UsageError('--out is required; pass --out <dir> for the saved model');
  const strategy = (o.strategy ?? 'direct') as Strategy;
  if (!STRATEGIES.includes(strategy))
    throw new UsageError(`--strategy must be one of ${STRATEGIES.join(', ')}, got '${o.strategy}'`);
  if (o.difference !== undefined && o.difference !== 'yes' && o.difference !== 'no')
    throw new UsageError(`--difference must be yes or no, got '${o.difference}'`);
  const input = loadSeries(positionals[0], { target: o.target, ...(o.date ? { date: o.date } : {}) });
  const epochs = intOption(o.epochs, '--epochs') ?? 100;
  const stage = stageDir(o.out);
  try {
    const f = await trainNeural(input.target, {
      kind: 'lstm',
      lookback: intOption(o.lookback, '--lookback') ?? 12,
      horizon: intOption(o.horizon, '--horizon') ?? 1,
      strategy,
      units: intOption(o.units, '--units') ?? 32,
      layers: intOption(o.layers, '--layers') ?? 1,
      epochs,
      batchSize: intOption(o['batch-size'], '--batch-size') ?? 16,
      learningRate: numOption(o['learning-rate'], '--learning-rate', 0, 10) ?? 0.003,
      difference: o.difference === 'yes',
      log: o.log ?? false,
      seed: intOption(o.seed, '--seed', 0) ?? 42,
      ...(o.json ? {} : { callbacks: [progressCallback('LSTM', epochs)] }),
    });
    await saveModel(f.model, stage.path);
    stage.write(
      'forecaster.json',
      JSON.stringify({ target: o.target, date: o.date ?? null, features: [], ...f.spec }, null, 1),
    );
    const dir = stage.commit();
    const loss = f.history.history['loss']?.at(-1);
    if (o.json)
      process.stdout.write(
        `${JSON.stringify({ out: dir, loss, valLoss: f.history.history['val_loss']?.at(-1) ?? null })}\n`,
      );
    else console.log(`saved ${f.name} to ${dir} (final training loss ${loss?.toExponential(3)})`);
  } catch (e) {
    stage.discard();
    throw e;
  }
}

/** `lstmkit predict <model-dir> <file.csv>`: the next H values after the file's series. */
export async function predictCommand(argv: string[]): Promise<void> {
  const { values: o, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean' } },
  });
  if (positionals.length !== 2) throw new UsageError('usage: lstmkit predict <model-dir> <file.csv> [--json]');
  const { spec, forecaster } = await loadForecaster(positionals[0]);
  const input = loadSeries(positionals[1], { target: spec.target });
  const need = spec.lookback + (spec.transform.difference ? 1 : 0);
  if (input.target.length < need)
    throw new UsageError(
      `the series has ${input.target.length} values; this model needs at least ${need} (lookback ${spec.lookback})`,
    );
  const values = forecaster.predictAt(input.target, [input.target.length])[0];
  if (o.json) process.stdout.write(`${JSON.stringify({ target: spec.target, forecast: values })}\n`);
  else {
    for (const [h, v] of values.entries()) console.log(`t+${h + 1}\t${v.toFixed(4)}`);
  }
}

/** `lstmkit evaluate <model-dir> <file.csv> --test N`: walk-forward over the last N values, against persistence. */
export async function evaluateCommand(argv: string[]): Promise<void> {
  const { values: o, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { test: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (positionals.length !== 2)
    throw new UsageError('usage: lstmkit evaluate <model-dir> <file.csv> [--test N] [--json]');
  const { spec, forecaster } = await loadForecaster(positionals[0]);
  const y = loadSeries(positionals[1], { target: spec.target }).target;
  const test = intOption(o.test, '--test') ?? Math.max(spec.horizon, Math.round(y.length * 0.2));
  const need = spec.lookback + (spec.transform.difference ? 1 : 0);
  if (y.length - test < need)
    throw new UsageError(
      `the series has ${y.length} values; --test ${test} leaves fewer than the ${need} the model needs before the first forecast; use a smaller --test`,
    );
  const origins = testOrigins(y.length, test, spec.horizon);
  const lstmScores = scoreWalkForward(y, origins, forecaster.predictAt(y, origins), y.length - test);
  const p = persistence();
  const naive = scoreWalkForward(y, origins, walkForwardForecasts(y, p, origins, spec.horizon), y.length - test);
  const rows = [
    { model: forecaster.name, ...lstmScores.overall },
    { model: 'persistence', ...naive.overall },
  ];
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ test, forecasts: origins.length, models: rows })}\n`);
    return;
  }
  console.log(`walk-forward over the last ${test} values (${origins.length} forecasts of ${spec.horizon} steps)`);
  console.log(['model'.padEnd(16), 'MAE', 'RMSE', 'MAPE %', 'sMAPE %', 'MASE'].join('\t'));
  for (const r of rows)
    console.log(
      [r.model.padEnd(16), r.mae, r.rmse, r.mape, r.smape, r.mase]
        .map((v) => (typeof v === 'number' ? v.toFixed(3) : v))
        .join('\t'),
    );
}
