#!/usr/bin/env node
// The lstmkit command line: forecast, train, predict, evaluate, generate. Thin: it parses
// arguments (node:util parseArgs), calls the public API, prints, and writes files.

import { describeError, UsageError } from './errors.js';
import { FORECAST_USAGE, forecastCommand } from './forecast-command.js';
import { evaluateCommand, predictCommand, trainCommand } from './model-commands.js';
import { generateCommand, trainTextCommand } from './text-commands.js';
import { TUNE_USAGE, tuneCommand } from './tune.js';

const USAGE = `lstmkit <command> [options]

commands:
  forecast <file.csv> --target <col> ...   train an LSTM, evaluate walk-forward against baselines, write a report
  train <file.csv> --target <col> --out d  train a forecasting LSTM on the whole series and save it
  predict <model-dir> <file.csv>           forecast the next values after the file's series
  evaluate <model-dir> <file.csv> --test N walk-forward errors of a saved model against persistence
  train-text <file.txt> --out d            train a character model (truncated BPTT) and save it with vocab.json
  generate <model-dir> --seed-text s       sample text from a character model (--length, --temperature, --top-k)
  tune <file.csv> --target <col> ...       search hyperparameters (walk-forward on a validation part), write best.json

${FORECAST_USAGE}

${TUNE_USAGE}`;

const COMMANDS: Record<string, (argv: string[]) => Promise<void>> = {
  forecast: forecastCommand,
  train: trainCommand,
  predict: predictCommand,
  evaluate: evaluateCommand,
  generate: generateCommand,
  'train-text': trainTextCommand,
  tune: tuneCommand,
};

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
    console.log(USAGE);
    return cmd ? 0 : 2;
  }
  const run = COMMANDS[cmd];
  try {
    if (!run) throw new UsageError(`unknown command '${cmd}'; use one of: ${Object.keys(COMMANDS).join(', ')}`);
    await run(rest);
    return 0;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const { line, code } = err?.code?.startsWith?.('ERR_PARSE_ARGS')
      ? { line: `lstmkit: error: ${err.message}; see 'lstmkit --help'`, code: 2 }
      : describeError(e);
    console.error(line);
    return code;
  }
}

process.exitCode = await main(process.argv.slice(2));
