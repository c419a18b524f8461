#!/usr/bin/env node
// The lstmkit command line. Thin: each command parses its flags (cli/args.ts), calls the public
// API ('lstmkit', 'lstmkit/node'), prints, and writes files. Exit codes: 0 success, 1 an internal
// failure (a bug: please report it), 2 bad input or usage (one line on stderr saying what and how to fix).

import { readFileSync } from 'node:fs';
import { type CommandSpec, commandHelp } from './args.js';
import { withFlags } from './config-flags.js';
import { describeError, UsageError } from './errors.js';
import { FORECAST, forecastCommand } from './forecast-command.js';
import { MERGE, mergeCommand } from './merge-command.js';
import { EVALUATE, evaluateCommand, PREDICT, predictCommand, TRAIN, trainCommand } from './model-commands.js';
import { SUMMARY, summaryCommand } from './summary-command.js';
import { GENERATE, generateCommand, TRAIN_TEXT, trainTextCommand } from './text-commands.js';
import { TUNE, tuneCommand } from './tune.js';

const COMMANDS: Record<string, { spec: CommandSpec; run: (argv: string[]) => Promise<void> }> = {
  forecast: { spec: FORECAST, run: forecastCommand },
  train: { spec: TRAIN, run: trainCommand },
  predict: { spec: PREDICT, run: predictCommand },
  evaluate: { spec: EVALUATE, run: evaluateCommand },
  tune: { spec: TUNE, run: tuneCommand },
  summary: { spec: SUMMARY, run: summaryCommand },
  merge: { spec: MERGE, run: mergeCommand },
  'train-text': { spec: TRAIN_TEXT, run: trainTextCommand },
  generate: { spec: GENERATE, run: generateCommand },
};

/** The package version, from the package.json above this file (source or dist). */
function version(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const p = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (p.name === 'lstmkit' && p.version) return p.version;
    } catch {}
  }
  return 'unknown';
}

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length)) + 2;
  return [
    'usage: lstmkit <command> [options]',
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(
      ([name, c]) => `  ${name.padEnd(width)}${c.spec.summary.split('. ')[0].replace(/\.$/, '')}`,
    ),
    '',
    "lstmkit <command> --help (or lstmkit help <command>) lists a command's options with their defaults.",
    'lstmkit --version prints the version.',
    'exit codes: 0 success, 1 internal error, 2 bad input or usage.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    if (cmd === '--version' || cmd === '-v' || cmd === 'version') {
      console.log(version());
      return 0;
    }
    if (cmd === '--help' || cmd === '-h') {
      console.log(usage());
      return 0;
    }
    if (cmd === 'help') {
      if (!rest.length) console.log(usage());
      else if (COMMANDS[rest[0]]) console.log(commandHelp(COMMANDS[rest[0]].spec));
      else throw new UsageError(`unknown command '${rest[0]}'; use one of: ${Object.keys(COMMANDS).join(', ')}`);
      return 0;
    }
    if (!cmd) {
      console.error(usage());
      throw new UsageError(`no command given; use one of: ${Object.keys(COMMANDS).join(', ')}`);
    }
    const c = COMMANDS[cmd];
    if (!c)
      throw new UsageError(
        `unknown command '${cmd}'; use one of: ${Object.keys(COMMANDS).join(', ')} (lstmkit --help)`,
      );
    await c.run(rest);
    return 0;
  } catch (e) {
    const { line, code } = describeError(e, withFlags);
    console.error(line);
    return code;
  }
}

process.exitCode = await main(process.argv.slice(2));
