// `lstmkit forecast` on many series: a long CSV (--id), a wide file (--wide) or a folder of CSV files.
// Flags -> readPanel (streamed, only this --shard's series kept) -> forecastPanel (lstmkit/node writes
// the output folder as it goes) -> the summary's sentences and table. The forecasting flags that
// mean something for a panel map onto it (horizon, season, levels, and the global LSTM's training);
// the single-series ones are refused with the reason.

import { statSync } from 'node:fs';
import {
  type ForecastConfig,
  forecastPanel,
  type PanelOptions,
  type PanelProgress,
  PANEL_DEFAULTS,
  PANEL_MODELS,
  panelSummaryLines,
  type Shard,
} from 'lstmkit';
import { forecastPanelToFolder, readPanel, withWorkerThreads } from 'lstmkit/node';
import { type CommandSpec, choiceValue, intValue, listValue, show } from './args.js';
import { configFromFlags, flagOf } from './config-flags.js';
import { UsageError } from './errors.js';
import { checkOut } from './output.js';

const group = 'many series (a long file with --id, a wide file with --wide, or a folder of CSV files)';

/** The flags of panel runs (in the forecast command's table). */
export const PANEL_OPTIONS: CommandSpec['options'] = {
  id: {
    type: 'string',
    description: 'long file: the column naming each series (--target: values, --date: dates)',
    value: 'col',
    group,
  },
  wide: {
    type: 'boolean',
    description: "one series a line: its id, then its values (as M4's Hourly-train.csv; .gz read too)",
    group,
  },
  models: {
    type: 'string',
    description: `models to compare (default: all, with ETS only when the season is at most 12): ${PANEL_MODELS.join(',')}; the LSTM's --epochs, --units, ... default to the global model's own defaults`,
    value: 'a,b',
    group,
  },
  'future-model': {
    type: 'string',
    description: 'model whose future is forecast: a model name, or best (the lowest OWA on the test parts)',
    default: PANEL_DEFAULTS.futureModel,
    value: 'name',
    group,
  },
  shard: {
    type: 'string',
    description: 'forecast only the i-th of N groups of series, 0 <= i < N (see docs/scaling.md)',
    value: 'i/N',
    group,
  },
  workers: {
    type: 'string',
    description: 'worker threads training the global LSTM',
    default: 'all cores',
    value: 'N',
    group,
  },
  pages: {
    type: 'string',
    description: 'series the report shows one by one: this many worst and as many best',
    default: String(PANEL_DEFAULTS.pages),
    value: 'N',
    group,
  },
  float32: { type: 'boolean', description: 'store values as 32-bit floats (half the memory, about 7 digits)', group },
};

/** Forecasting options with a meaning for the global LSTM, and its option of the same meaning. */
const GLOBAL_FLAGS = {
  seed: 'seed',
  epochs: 'epochs',
  units: 'units',
  layers: 'layers',
  learningRate: 'learningRate',
  batchSize: 'batchSize',
  patience: 'patience',
  loss: 'loss',
  repeats: 'seeds',
  lookback: 'lookbacks',
} as const;
const PANEL_FLAGS = new Set<string>(['horizon', 'season', 'levels', ...Object.keys(GLOBAL_FLAGS)]);

/** Whether the command line asks for a panel run: --id, --wide or a folder. */
export function isPanelRun(values: Record<string, unknown>, file: string | undefined): boolean {
  if (values.id !== undefined || values.wide === true) return true;
  try {
    return file !== undefined && statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Parses `--shard i/N`.
 * @example parseShard('2/8')  //=> { index: 2, count: 8 }
 */
export function parseShard(v: string | boolean | undefined): Shard | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(String(v).trim());
  const index = m ? Number(m[1]) : Number.NaN,
    count = m ? Number(m[2]) : Number.NaN;
  if (!(count >= 1 && index >= 0 && index < count))
    throw new UsageError(`--shard must be i/N with N >= 1 and 0 <= i < N (e.g. 0/4 ... 3/4), got ${show(v)}`);
  return { index, count };
}

/** The panel options of a command line. */
export function panelOptions(o: Record<string, string | boolean | undefined>): PanelOptions {
  const config = configFromFlags(o);
  for (const k of Object.keys(config))
    if (!PANEL_FLAGS.has(k))
      throw new UsageError(
        `--${flagOf(k as keyof ForecastConfig)} applies to one series; a panel run (--id, --wide or a folder) takes --horizon, --season, --levels and the global LSTM's ${Object.keys(
          GLOBAL_FLAGS,
        )
          .map((f) => `--${flagOf(f as keyof ForecastConfig)}`)
          .join(', ')}`,
      );
  if (Array.isArray(config.season))
    throw new UsageError(`--season takes one season length for a panel, got ${show(o.season)}`);
  if (config.loss === 'huber') throw new UsageError('--loss huber is not available to the global LSTM; use mae or mse');
  const global: Record<string, unknown> = {};
  for (const [k, g] of Object.entries(GLOBAL_FLAGS)) {
    const v = config[k as keyof ForecastConfig];
    if (v === undefined || v === 'auto') continue;
    global[g] = g === 'lookbacks' ? [v] : v;
  }
  const missing = choiceValue(o.missing, 'missing', ['interpolate', 'ffill', 'zero', 'error'] as const);
  const shard = parseShard(o.shard);
  const models = listValue(o.models);
  const pages = intValue(o.pages, 'pages', 0, 1000);
  return {
    ...(config.horizon !== undefined ? { horizon: config.horizon as number | 'auto' } : {}),
    ...(config.season !== undefined ? { season: config.season as number | 'auto' } : {}),
    ...(config.levels ? { levels: config.levels } : {}),
    ...(models ? { models } : {}),
    ...(typeof o['future-model'] === 'string' ? { futureModel: o['future-model'] } : {}),
    ...(Object.keys(global).length ? { global: { config: global } } : {}),
    ...(shard ? { shard } : {}),
    ...(missing ? { missing } : {}),
    ...(pages !== undefined ? { pages } : {}),
  };
}

/** Progress lines on stderr: each stage, and every tenth of a stage's series. */
function progressLines(): (p: PanelProgress) => void {
  let last = '';
  return (p) => {
    if (p.stage === 'train') return void process.stderr.write(`training ${p.model} on ${p.total} series...\n`);
    const tenth = Math.floor((10 * p.done) / Math.max(1, p.total));
    const key = `${p.stage}:${tenth}`;
    if (key === last) return;
    last = key;
    process.stderr.write(
      `${p.stage === 'evaluate' ? 'evaluating' : 'forecasting the future'}: ${p.done}/${p.total} series\n`,
    );
  };
}

export async function panelForecastCommand(
  o: Record<string, string | boolean | undefined>,
  file: string,
): Promise<void> {
  for (const f of ['features', 'categorical', 'config', 'no-mlp'])
    if (o[f] !== undefined)
      throw new UsageError(`--${f} applies to one series, not to a panel run (--id, --wide or a folder)`);
  let folder = false;
  try {
    folder = statSync(file).isDirectory();
  } catch {
    throw new UsageError(`file not found: ${file}; check the path to the panel file or folder`);
  }
  if (o.wide === true && (o.id !== undefined || folder))
    throw new UsageError(`--wide reads one file of one series a line; drop ${folder ? 'the folder' : '--id'}`);
  if (o.wide !== true && typeof o.target !== 'string')
    throw new UsageError(
      `--target is required; pass --target <column> naming the value column of ${folder ? 'each file' : 'the long file'}`,
    );
  if (o.wide === true && (o.target !== undefined || o.date !== undefined))
    throw new UsageError('a wide file has no columns to name: drop --target and --date (its values are in time order)');
  const options = panelOptions(o);
  const workers = intValue(o.workers, 'workers', 1, 1024);
  if (typeof o.out === 'string') await checkOut(o.out, o.force === true); // before the panel is read
  const json = o.json === true;
  const onProgress = json ? undefined : progressLines();
  const panel = await readPanel(file, {
    layout: folder ? 'folder' : o.wide === true ? 'wide' : 'long',
    ...(typeof o.id === 'string' ? { id: o.id } : {}),
    ...(typeof o.target === 'string' ? { value: o.target } : {}),
    ...(typeof o.date === 'string' ? { date: o.date } : {}),
    ...(options.shard ? { shard: options.shard } : {}),
    ...(o.float32 === true ? { valueType: 'float32' as const } : {}),
  });
  const onEpoch = (e: { lookback: number; seed: number; epoch: number; loss: number; valLoss?: number }) =>
    process.stderr.write(
      `LSTM (lookback ${e.lookback}, seed ${e.seed}) epoch ${e.epoch + 1}: loss ${e.loss.toFixed(4)}${e.valLoss !== undefined ? `, validation ${e.valLoss.toFixed(4)}` : ''}\n`,
    );
  const run = withWorkerThreads(json ? options : { ...options, global: { ...options.global, onEpoch } }, workers);
  const r =
    typeof o.out === 'string'
      ? await forecastPanelToFolder(panel, run, o.out, {
          ...(onProgress ? { onProgress } : {}),
          title: `${file}: lstmkit forecast`,
          overwrite: o.force === true,
        })
      : { ...(await forecastPanel(panel, run, onProgress ? { onProgress } : {})), dir: null };
  if (json) {
    process.stdout.write(`${JSON.stringify({ setup: r.setup, summary: r.summary, future: r.future, out: r.dir })}\n`);
    return;
  }
  const lines = panelSummaryLines(r);
  if (r.dir) lines.push(`report: ${r.dir}/report.html  (forecast.csv, results.json, pages.json beside it)`);
  else lines.push('(pass --out <dir> to write forecast.csv, results.json and report.html)');
  console.log(lines.join('\n'));
}
