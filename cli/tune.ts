// `lstmkit tune <file.csv> --target <col> ...`: the forecaster's options searched on worker threads,
// scored walk-forward on the validation part (forecast's calibration part) before the test part.
// Every forecast flag works: a single value sets the base option; a comma list (or lo:hi for the
// learning rate) on a searchable option is searched. Writes trials.jsonl (resumable log),
// leaderboard.txt, diagnosis.html and best.json: the recommended ForecastConfig (the defaults when
// no searched configuration reliably beats them).

import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  adam,
  bestConfigJson,
  buildForecastModel,
  configKey,
  defaultSpace,
  diagnose,
  type ForecastConfig,
  diagnosisHtml,
  featureCount,
  findLearningRate,
  formatLeaderboard,
  type GradientNormTracker,
  gradientNormTracker,
  lrFinderSvg,
  type RangeSpec,
  renderDiagnosis,
  type ResolvedForecastConfig,
  type SearchSpace,
  setRandomSeed,
  trainingWindows,
  trainTrial,
  trialConfig,
  TUNE_KEYS,
  type TuneConfig,
  type TuneResult,
} from 'lstmkit';
import { tuneWithLog, writeFolder } from 'lstmkit/node';
import { type CommandSpec, choiceValue, intValue, parseCommand } from './args.js';
import { configOptions, flagOf } from './config-flags.js';
import { UsageError } from './errors.js';
import { commandConfig, DATA_OPTIONS, readSeries } from './forecast-command.js';
import { checkOut } from './output.js';

export const TUNE: CommandSpec = {
  name: 'tune',
  summary:
    "Search the forecaster's options, scoring each configuration walk-forward on the validation part (forecast's calibration part) before the untouched test part; write best.json for `lstmkit forecast --config`.",
  positionals: '<file.csv>',
  arity: [1, 1],
  options: {
    ...DATA_OPTIONS,
    ...configOptions(
      'base options (a comma list on units, layers, lookback, batch-size, dropout, recurrent-dropout, epochs, difference, or lo:hi on learning-rate, is searched)',
    ),
    config: { type: 'string', description: 'base options from a best.json', value: 'file', group: 'search' },
    search: { type: 'string', description: 'random|grid', default: 'random', value: 's', group: 'search' },
    trials: {
      type: 'string',
      description: 'configurations drawn by the random search',
      default: '20',
      value: 'N',
      group: 'search',
    },
    workers: {
      type: 'string',
      description: 'worker threads (0 = this thread)',
      default: 'all cores',
      value: 'W',
      group: 'search',
    },
    top: { type: 'string', description: 'leaderboard rows printed', default: '15', value: 'K', group: 'search' },
    out: {
      type: 'string',
      description: 'folder for trials.jsonl, leaderboard.txt, best.json, diagnosis.html',
      default: 'out/tune-<file>',
      value: 'dir',
      group: 'search',
    },
    fresh: { type: 'boolean', description: 'ignore an existing trials.jsonl', group: 'search' },
    force: {
      type: 'boolean',
      description: "write into an --out folder that holds other files too (only lstmkit's files are replaced)",
      group: 'search',
    },
  },
  examples: [
    'lstmkit tune datasets/airline-passengers.csv --target Passengers --date Month --trials 10',
    'lstmkit tune data.csv --target y --units 16,32,64 --learning-rate 1e-3:1e-2 --search grid',
  ],
};

const SEARCHABLE = TUNE_KEYS.filter((k) => k !== 'difference');

/** Splits the searched lists off the flags: returns the space and the remaining (base) flags. */
function searchSpace(values: Record<string, string | boolean | undefined>): {
  space: SearchSpace;
  base: Record<string, string | boolean | undefined>;
} {
  const space: SearchSpace = {};
  const base = { ...values };
  for (const k of SEARCHABLE) {
    const flag = flagOf(k);
    const v = values[flag];
    if (typeof v !== 'string') continue;
    if (k === 'learningRate' && v.includes(':')) {
      const [min, max] = v.split(':').map(Number);
      if (!(min > 0 && max >= min && max <= 10))
        throw new UsageError(`--learning-rate range must be lo:hi with 0 < lo <= hi <= 10, got '${v}'`);
      space.learningRate = { min, max, log: true, gridPoints: 4 } satisfies RangeSpec;
      delete base[flag];
    } else if (v.includes(',')) {
      const xs = v.split(',').map((s) => Number(s.trim()));
      const integer = !['learningRate', 'dropout', 'recurrentDropout'].includes(k);
      if (xs.some((x) => !Number.isFinite(x) || x < 0 || (integer && (!Number.isInteger(x) || x < 1))))
        throw new UsageError(
          `--${flag} must be a comma list of ${integer ? 'positive integers' : 'numbers'}, got '${v}'`,
        );
      space[k as keyof TuneConfig] = xs;
      delete base[flag];
    }
  }
  const d = values.difference;
  if (typeof d === 'string' && d.includes(',')) {
    const xs = d.split(',').map((s) => choiceValue(s.trim(), 'difference', ['yes', 'no'] as const));
    space.difference = xs.map((x) => (x === 'yes' ? 1 : 0));
    delete base.difference;
  }
  return { space, base };
}

export async function tuneCommand(argv: string[]): Promise<void> {
  const parsed = parseCommand(TUNE, argv);
  if (!parsed) return;
  const { values: o, positionals } = parsed;
  const { space: given, base: baseFlags } = searchSpace(o);
  const options = commandConfig(baseFlags);
  const search = choiceValue(o.search, 'search', ['random', 'grid'] as const) ?? 'random';
  const trials = intValue(o.trials, 'trials', 1, 10_000);
  const workers = intValue(o.workers, 'workers', 0, 256);
  const top = intValue(o.top, 'top', 1, 10_000) ?? 15;
  const file = positionals[0];
  const out = typeof o.out === 'string' ? o.out : join('out', `tune-${basename(file).replace(/\.[^.]*$/, '')}`);
  const overwrite = o.force === true;
  await checkOut(out, overwrite);
  const input = readSeries(file, o);
  mkdirSync(out, { recursive: true });
  const controller = new AbortController();
  const onSigint = () => {
    process.stderr.write('\nstopping: finishing no more trials (rerun the same command to resume)\n');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  let finished = 0;
  const t0 = Date.now();
  try {
    const r = await tuneWithLog(input.target, {
      ...options,
      ...(input.covariates ? { covariates: input.covariates } : {}),
      ...(input.dates ? { dates: input.dates } : {}),
      logFile: join(out, 'trials.jsonl'),
      space: (b, trainLength) => ({ ...defaultSpaceFor(b, trainLength, options.difference), ...given }),
      search,
      ...(trials !== undefined ? { trials } : {}),
      ...(workers !== undefined ? { workers } : {}),
      ...(o.fresh ? { fresh: true } : {}),
      signal: controller.signal,
      onTrial: (t) => {
        finished++;
        process.stderr.write(
          `trial ${finished}: ${t.reference ? '(defaults) ' : ''}${t.key} member ${t.member + 1} -> val RMSE ${t.rmse.toFixed(3)} (${t.epochsRun} epochs, ${t.seconds.toFixed(1)}s, ${t.verdict})\n`,
        );
      },
    });
    const best = bestConfigJson(r.context, r.leaderboard);
    const { split } = r.context;
    const lines = [
      `${o.target}: ${input.target.length} values; train [0, ${split.trainEnd}), validation [${split.trainEnd}, ${split.validationEnd}) (walk-forward, ${split.origins.length} origins), test [${split.validationEnd}, ${split.length}) not used`,
      `${r.records.length} trial members (${r.skipped} from the log)${r.pending ? `, ${r.pending} not run (stopped)` : ''}, ${((Date.now() - t0) / 1000).toFixed(0)}s`,
      '',
      formatLeaderboard(r.leaderboard, { top }),
      '',
      `recommendation: ${best.recommendation === 'defaults' ? 'keep the defaults' : 'use the best searched configuration'}: ${best.reason}`,
      'the validation part chose the winner, so its score is optimistic: check it on the test part with lstmkit forecast --config best.json',
    ];
    const text = lines.join('\n');
    const { text: diagnosis, html } = await diagnoseRecommended(r, best.recommendation === 'defaults', text);
    // the results replace their older versions crash-safely; trials.jsonl (appended during the run) stays
    await writeFolder(
      out,
      new Map([
        ['leaderboard.txt', `${text}\n`],
        ['diagnosis.html', html],
        ['best.json', `${JSON.stringify({ ...best, data: { target: o.target, date: o.date ?? null } }, null, 1)}\n`],
      ]),
      { overwrite },
    );
    console.log(text);
    console.log(`\n${diagnosis}`);
    console.log(
      `wrote ${join(out, 'best.json')} (${best.recommendation}; lstmkit forecast ${file} --target ${o.target}${o.date ? ` --date ${o.date}` : ''} --config ${join(out, 'best.json')}), leaderboard.txt, diagnosis.html, trials.jsonl`,
    );
  } finally {
    process.off('SIGINT', onSigint);
  }
}

function defaultSpaceFor(
  b: ResolvedForecastConfig,
  trainLength: number,
  difference: ForecastConfig['difference'] | undefined,
): SearchSpace {
  return defaultSpace(b, trainLength, difference === undefined || difference === 'auto');
}

/**
 * Retrains the recommended configuration's first member with per-layer gradient norms and runs the
 * learning-rate finder on a fresh copy; writes both with the learning curves to `htmlPath`.
 */
async function diagnoseRecommended(
  r: TuneResult,
  defaults: boolean,
  leaderboardText: string,
): Promise<{ text: string; html: string }> {
  const row = defaults && r.defaults ? r.defaults : r.best;
  const c: TuneConfig = row.config;
  const tracker: GradientNormTracker = gradientNormTracker();
  const job = { key: configKey(c), config: c, member: 0, reference: defaults };
  const { member, config } = await trainTrial(r.context, job, () => [tracker]);
  const norms = tracker.norms.perEpoch.length ? tracker.norms : undefined;
  const d = diagnose(member.history, { baselineLoss: member.meanLoss, ...(norms ? { gradientNorms: norms } : {}) });
  const resolved = trialConfig(r.context.base, c);
  const train = r.context.series.slice(0, r.context.split.trainEnd);
  const w = trainingWindows(member.inputs, train, r.context.covariates?.slice(0, r.context.split.trainEnd), resolved);
  setRandomSeed(resolved.seed);
  const fresh = buildForecastModel(config, {
    lookback: config.lookback,
    features: featureCount(member.inputs),
    outputs: config.strategy === 'recursive' ? 1 : config.horizon,
  });
  fresh.compile({ optimizer: adam({ learningRate: c.learningRate }), loss: config.loss });
  const lr = await findLearningRate(fresh, w.x, w.y, {
    minLr: 1e-5,
    maxLr: 1,
    steps: 100,
    batchSize: config.batchSize,
  });
  const lrLine = `learning-rate finder on the recommended configuration: suggested ${lr.suggested.toPrecision(2)} (steepest descent of the smoothed loss; minimum-loss rate / 10 = ${(lr.minLossRate / 10).toPrecision(2)}); it uses ${c.learningRate}`;
  const html = [
    '<!doctype html><html><head><meta charset="utf-8"><title>lstmkit tune</title>',
    '<style>body{font-family:sans-serif;max-width:920px;margin:2em auto}pre{font-size:12px;overflow-x:auto}</style></head><body>',
    '<h1>lstmkit tune</h1>',
    `<pre>${leaderboardText.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre>`,
    `<p>The recommended configuration's first member retrained (seed ${resolved.seed}):</p>`,
    diagnosisHtml(member.history, d, norms),
    `<h2>Learning-rate finder</h2><p>${lrLine}.</p>`,
    lrFinderSvg(lr),
    '</body></html>',
  ].join('\n');
  return { text: `recommended configuration retrained once: ${renderDiagnosis(d)}\n${lrLine}`, html };
}
