// `lstmkit tune <file.csv> --target <col> ...`: hyperparameter search on worker threads, scored
// walk-forward on the validation part before the test part; prints the leaderboard and writes
// trials.jsonl (resumable log), leaderboard.txt and best.json (for `lstmkit forecast --config`).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { tuneWithLog } from '../src/node/tune-workers.js';
import type { RangeSpec, SearchSpace, TuneConfig } from '../src/tune/space.js';
import { adam } from '../src/optim/optimizer.js';
import { setRandomSeed } from '../src/rng.js';
import { diagnose, diagnosisHtml, renderDiagnosis } from '../src/tune/diagnose.js';
import { type GradientNormTracker, gradientNormTracker } from '../src/tune/gradient-norms.js';
import { findLearningRate, lrFinderSvg } from '../src/tune/lr-finder.js';
import { defaultBuilder, trainTrial } from '../src/tune/trial.js';
import { type BestConfigJson, bestConfigJson, formatLeaderboard } from '../src/tune/leaderboard.js';
import { defaultSpace, type TuneResult } from '../src/tune/tune.js';
import { UsageError } from './errors.js';
import { loadSeries } from './load-series.js';
import { intOption, numOption } from './forecast-command.js';
import { MISSING_POLICIES, type MissingPolicy } from '../src/forecast/missing.js';
import { EVALUATION_OPTIONS, MODEL_OPTIONS, SERIES_OPTIONS, checkSeriesArgs } from './options.js';

export const TUNE_USAGE = `usage: lstmkit tune <file.csv> --target <col> [--date <col>] [--missing policy]
  [--strategy random|grid] [--trials N] [--repeats R] [--validation N] [--test N | --test-fraction f]
  [--horizon H] [--difference search|auto|yes|no] [--log] [--patience P] [--stop-on holdout|validation]
  [--workers W] [--seed S]
  [--units 8,16,32] [--layers 1,2] [--lookback 6,12] [--learning-rate 3e-4:3e-2 | 0.001,0.01]
  [--batch-size 8,16] [--dropout 0,0.2] [--epochs 300] [--out dir] [--fresh] [--top K]
  Values are comma lists; --learning-rate also takes a log-scale range lo:hi. The log
  <out>/trials.jsonl makes a stopped search resume when the same command is run again.`;

function parseList(v: string | undefined, flag: string, integer: boolean): number[] | undefined {
  if (v === undefined) return undefined;
  const xs = v.split(',').map((s) => Number(s.trim()));
  if (!xs.length || xs.some((x) => !Number.isFinite(x) || x < 0 || (integer && (!Number.isInteger(x) || x < 1))))
    throw new UsageError(`${flag} must be a comma list of ${integer ? 'positive integers' : 'numbers'}, got '${v}'`);
  return xs;
}

function parseRate(v: string | undefined): number[] | RangeSpec | undefined {
  if (v === undefined || !v.includes(':')) return parseList(v, '--learning-rate', false);
  const [min, max] = v.split(':').map(Number);
  if (!(min > 0 && max >= min))
    throw new UsageError(`--learning-rate range must be lo:hi with 0 < lo <= hi, got '${v}'`);
  return { min, max, log: true, gridPoints: 4 };
}

/**
 * Reads the forecast options from a best.json written by `lstmkit tune` (for `forecast --config`).
 * @example const o = readTunedConfig('out/tune-airline/best.json'); o.units;
 */
export function readTunedConfig(path: string): BestConfigJson['forecast'] {
  if (!existsSync(path))
    throw new UsageError(`--config ${path} not found; run lstmkit tune first (it writes best.json)`);
  let j: Partial<BestConfigJson>;
  try {
    j = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`--config ${path} is not JSON (${(e as Error).message})`);
  }
  if (j?.lstmkit !== 'tune' || typeof j.forecast !== 'object')
    throw new UsageError(`--config ${path} is not a best.json written by lstmkit tune (no "forecast" section)`);
  return j.forecast;
}

export async function tuneCommand(argv: string[]): Promise<void> {
  const { values: o, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...SERIES_OPTIONS,
      ...MODEL_OPTIONS,
      ...EVALUATION_OPTIONS,
      strategy: { type: 'string' },
      trials: { type: 'string' },
      repeats: { type: 'string' },
      validation: { type: 'string' },
      'stop-on': { type: 'string' },
      workers: { type: 'string' },
      fresh: { type: 'boolean' },
      top: { type: 'string' },
    },
  });
  checkSeriesArgs('tune', TUNE_USAGE, positionals, o);
  const strategy = o.strategy ?? 'random';
  if (strategy !== 'random' && strategy !== 'grid')
    throw new UsageError(`--strategy must be random or grid, got '${strategy}'`);
  const missing = o.missing as MissingPolicy | undefined;
  if (missing !== undefined && !MISSING_POLICIES.includes(missing))
    throw new UsageError(`--missing must be one of ${MISSING_POLICIES.join(', ')}, got '${missing}'`);
  const diffs: Record<string, boolean | 'auto' | 'search'> = { search: 'search', auto: 'auto', yes: true, no: false };
  const diff = diffs[o.difference ?? 'search'];
  if (diff === undefined) throw new UsageError(`--difference must be search, auto, yes or no, got '${o.difference}'`);
  const stopOn = o['stop-on'] ?? 'holdout';
  if (stopOn !== 'holdout' && stopOn !== 'validation')
    throw new UsageError(`--stop-on must be holdout or validation, got '${o['stop-on']}'`);
  const dropout = parseList(o.dropout, '--dropout', false);
  if (dropout?.some((d) => d >= 1)) throw new UsageError(`--dropout rates must be in [0, 1), got '${o.dropout}'`);
  const file = positionals[0];
  const input = loadSeries(file, {
    target: o.target,
    ...(o.date ? { date: o.date } : {}),
    ...(missing ? { missing } : {}),
  });
  const n = input.target.length;
  const horizon = intOption(o.horizon, '--horizon') ?? 1;
  const fraction = numOption(o['test-fraction'], '--test-fraction', 0, 0.9);
  const test = intOption(o.test, '--test', 0) ?? Math.max(horizon, Math.round(n * (fraction ?? 0.2)));
  const given: SearchSpace = {
    // forecast() has no dropout, so best.json stays reusable by default; opt in with --dropout
    dropout: dropout ?? [0],
  };
  const lists = [
    ['units', '--units'],
    ['layers', '--layers'],
    ['lookback', '--lookback'],
    ['batchSize', '--batch-size'],
    ['epochs', '--epochs'],
  ] as const;
  for (const [k, flag] of lists) {
    const v = parseList(o[flag.slice(2) as 'units'], flag, true);
    if (v) given[k] = v;
  }
  const rate = parseRate(o['learning-rate']);
  if (rate) given.learningRate = rate;
  const space = (base: TuneConfig, trainLength: number): SearchSpace => ({
    ...defaultSpace(base, trainLength),
    ...given,
  });
  const out = o.out ?? join('out', `tune-${basename(file).replace(/\.[^.]*$/, '')}`);
  const controller = new AbortController();
  const onSigint = () => {
    process.stderr.write('\nstopping: finishing no more trials (rerun the same command to resume)\n');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  let finished = 0;
  const t0 = Date.now();
  const patience = intOption(o.patience, '--patience', 0);
  const workers = intOption(o.workers, '--workers', 0);
  const repeats = intOption(o.repeats, '--repeats');
  const trials = intOption(o.trials, '--trials');
  const validation = intOption(o.validation, '--validation');
  const seed = intOption(o.seed, '--seed', 0);
  try {
    const r = await tuneWithLog(defaultBuilder, input.target, {
      logFile: join(out, 'trials.jsonl'),
      space,
      strategy,
      horizon,
      test,
      difference: diff,
      ...(o.log ? { log: true } : {}),
      ...(o.fresh ? { fresh: true } : {}),
      ...(trials !== undefined ? { trials } : {}),
      ...(repeats !== undefined ? { repeats } : {}),
      ...(validation !== undefined ? { validation } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(workers !== undefined ? { workers } : {}),
      ...(patience !== undefined || o['stop-on'] !== undefined
        ? { earlyStopping: patience === 0 ? false : { patience: patience ?? 20, on: stopOn } }
        : {}),
      signal: controller.signal,
      onTrial: (t) => {
        finished++;
        process.stderr.write(
          `trial ${finished}: ${t.reference ? '(defaults) ' : ''}${t.key} #${t.repeat + 1} -> val RMSE ${t.rmse.toFixed(3)} (${t.epochsRun} epochs, ${t.seconds.toFixed(1)}s, ${t.verdict})\n`,
        );
      },
    });
    const table = formatLeaderboard(r, { top: intOption(o.top, '--top') ?? 15 });
    const best = bestConfigJson(r);
    const { split } = r.context;
    const lines = [
      `${o.target}: ${n} values; train [0, ${split.trainEnd}), validation [${split.trainEnd}, ${split.validationEnd}) (walk-forward, ${split.origins.length} origins), test [${split.validationEnd}, ${n}) not used`,
      `season ${r.context.season}, ${r.records.length} trials (${r.skipped} from the log)${r.pending ? `, ${r.pending} not run (stopped)` : ''}, ${((Date.now() - t0) / 1000).toFixed(0)}s`,
      '',
      table,
      '',
    ];
    if (r.defaults) {
      const b = r.best,
        d = r.defaults;
      const gain = 1 - b.rmseMean / d.rmseMean;
      // standard error of the difference of the two means: a smaller gain is within the noise of the repeats
      const se = Math.sqrt(b.rmseStd ** 2 / b.repeats + d.rmseStd ** 2 / d.repeats);
      lines.push(
        gain > 0
          ? `best beats the forecasting defaults on the validation part: RMSE ${b.rmseMean.toFixed(3)} ± ${b.rmseStd.toFixed(3)} vs ${d.rmseMean.toFixed(3)} ± ${d.rmseStd.toFixed(3)} (${(gain * 100).toFixed(1)}% lower${d.rmseMean - b.rmseMean < 2 * se ? `; within 2 standard errors (${(2 * se).toFixed(3)}) of the repeats: not a reliable win` : ''})`
          : `no searched configuration beats the forecasting defaults on the validation part (best ${b.rmseMean.toFixed(3)} vs ${d.rmseMean.toFixed(3)}); keep the defaults`,
      );
      lines.push(
        'the validation part picked the winner, so its score is optimistic: check it on the test part with lstmkit forecast --config',
      );
    }
    if (r.best.config.dropout > 0) lines.push(`note: lstmkit forecast has no dropout; --config uses everything else`);
    lines.push(`best configuration: ${JSON.stringify(best.forecast)}`);
    const text = lines.join('\n');
    writeFileSync(join(out, 'leaderboard.txt'), `${text}\n`);
    const diagnosis = await diagnoseBest(r, seed ?? 42, join(out, 'diagnosis.html'), text);
    writeFileSync(
      join(out, 'best.json'),
      `${JSON.stringify({ target: o.target, date: o.date ?? null, ...best }, null, 1)}\n`,
    );
    console.log(text);
    console.log(`\n${diagnosis}`);
    console.log(
      `wrote ${join(out, 'best.json')} (lstmkit forecast ${file} --target ${o.target} --config ${join(out, 'best.json')}), leaderboard.txt, diagnosis.html, trials.jsonl`,
    );
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/**
 * Retrains the best configuration once with per-layer gradient norms and runs the learning-rate
 * finder on a fresh copy; writes both, with the learning curves, to `htmlPath` and returns the text.
 */
async function diagnoseBest(r: TuneResult, seed: number, htmlPath: string, leaderboardText: string): Promise<string> {
  const c = r.best.config;
  let tracker: GradientNormTracker | null = null;
  const job = { key: r.best.key, config: c, repeat: 0, seed, reference: false };
  const detail = await trainTrial(defaultBuilder, r.context, job, {
    callbacks: (m) => [(tracker = gradientNormTracker(m))],
  });
  const norms = (tracker as GradientNormTracker | null)?.norms;
  const d = diagnose(detail.history, norms ? { gradientNorms: norms } : {});
  setRandomSeed(seed);
  const fresh = defaultBuilder(c, { lookback: c.lookback, features: 1, outputs: r.context.horizon });
  fresh.compile({ optimizer: adam({ learningRate: c.learningRate }), loss: 'mse' });
  const lr = await findLearningRate(fresh, detail.x, detail.y, {
    minLr: 1e-5,
    maxLr: 1,
    steps: 100,
    batchSize: c.batchSize,
  });
  const lrLine = `learning-rate finder on the best configuration: suggested ${lr.suggested.toPrecision(2)} (steepest descent of the smoothed loss; minimum-loss rate / 10 = ${(lr.minLossRate / 10).toPrecision(2)}); the search chose ${c.learningRate}`;
  const html = [
    '<!doctype html><html><head><meta charset="utf-8"><title>lstmkit tune</title>',
    '<style>body{font-family:sans-serif;max-width:920px;margin:2em auto}pre{font-size:12px;overflow-x:auto}</style></head><body>',
    '<h1>lstmkit tune</h1>',
    `<pre>${leaderboardText.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre>`,
    `<p>The best configuration retrained once (seed ${seed}):</p>`,
    diagnosisHtml(detail.history, d, norms),
    `<h2>Learning-rate finder</h2><p>${lrLine}.</p>`,
    lrFinderSvg(lr),
    '</body></html>',
  ].join('\n');
  writeFileSync(htmlPath, html);
  return `best configuration retrained once (seed ${seed}): ${renderDiagnosis(d)}\n${lrLine}`;
}
