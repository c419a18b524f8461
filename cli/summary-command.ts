// `lstmkit summary <model-dir> [--svg file.svg]`: prints the saved model's summary table and writes
// its diagram (plotModel, with shapes, layer names and parameter counts) as an SVG file.

import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  lstatSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { FORECASTER_SPEC_FILE, GraphModel, PLOT_MODEL_KIND, plotModel, Sequential } from 'lstmkit';
import { loadForecaster, loadModel } from 'lstmkit/node';
import { type CommandSpec, parseCommand } from './args.js';
import { UsageError } from './errors.js';

export const SUMMARY: CommandSpec = {
  name: 'summary',
  summary:
    "Print a saved model's layers, output shapes and parameter counts, and write its diagram as SVG (for a saved forecaster: its first member).",
  positionals: '<model-dir>',
  arity: [1, 1],
  options: {
    svg: {
      type: 'string',
      description: 'where to write the diagram',
      default: '<model-dir>.svg beside the folder',
      value: 'file.svg',
    },
  },
  examples: ['lstmkit summary out/airline/model', 'lstmkit summary models/char --svg char.svg'],
};

/** Whether `path` may be (re)written: absent, or an SVG this command wrote before (bounded read). */
function checkReplaceable(path: string): void {
  let info: ReturnType<typeof lstatSync>;
  try {
    info = lstatSync(path);
  } catch {
    return; // does not exist yet
  }
  if (!info.isFile()) throw new UsageError(`--svg ${path} exists and is not a file; pass another path`);
  const head = Buffer.alloc(Math.min(4096, info.size));
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!head.toString('utf8').includes(`data-lstmkit="${PLOT_MODEL_KIND}"`))
    throw new UsageError(`${path} exists and is not a diagram written by lstmkit; pass --svg <new file> to keep it`);
}

/** Writes beside the target, flushes, then renames over it: a crash leaves the old file or the new one. */
function writeAtomic(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(3).toString('hex')}`);
  try {
    const fd = openSync(tmp, 'wx');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** `lstmkit summary <model-dir>`: the summary table on stdout, the diagram in an SVG file. */
export async function summaryCommand(argv: string[]): Promise<void> {
  const parsed = parseCommand(SUMMARY, argv);
  if (!parsed) return;
  const o = parsed.values;
  const dir = resolve(parsed.positionals[0]);
  const svg = typeof o.svg === 'string' ? o.svg : undefined;
  const svgPath = resolve(svg ?? `${dir.replace(/[\\/]+$/, '')}.svg`);
  if (!svgPath.endsWith('.svg')) throw new UsageError(`--svg must name a .svg file, got ${svg}`);
  checkReplaceable(svgPath);
  const forecaster =
    existsSync(join(dir, FORECASTER_SPEC_FILE)) || existsSync(join(dir, 'model', FORECASTER_SPEC_FILE));
  const model = forecaster ? (await loadForecaster(dir)).forecaster.fitted.members[0] : await loadModel(dir);
  if (!(model instanceof Sequential || model instanceof GraphModel))
    throw new UsageError(`${dir} holds a model that is neither Sequential nor functional`);
  console.log(model.summary(false));
  writeAtomic(
    svgPath,
    plotModel(model, { showShapes: true, showLayerNames: true, showParams: true, title: model.name }),
  );
  console.log(`diagram: ${svgPath}`);
}
