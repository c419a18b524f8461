// `lstmkit summary <model-dir> [--svg file.svg]`: prints the saved model's summary table and writes
// its diagram (plotModel, with shapes, layer names and parameter counts) as an SVG file.

import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, lstatSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GraphModel, loadModel, PLOT_MODEL_KIND, plotModel, Sequential } from '../src/node/index.js';
import { UsageError } from './errors.js';

export const SUMMARY_USAGE = `lstmkit summary <model-dir> [--svg <file.svg>]
  prints the model's layers, output shapes and parameter counts, and writes its diagram
  --svg   where to write the diagram (default: <model-dir>.svg beside the folder)`;

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
  const { values: o, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { svg: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError(`usage: ${SUMMARY_USAGE.split('\n')[0]}`);
  const dir = resolve(positionals[0]);
  const svgPath = resolve(o.svg ?? `${dir.replace(/[\\/]+$/, '')}.svg`);
  if (!svgPath.endsWith('.svg')) throw new UsageError(`--svg must name a .svg file, got ${o.svg}`);
  checkReplaceable(svgPath);
  const model = await loadModel(dir);
  if (!(model instanceof Sequential || model instanceof GraphModel))
    throw new UsageError(`${dir} holds a model that is neither Sequential nor functional`);
  console.log(model.summary(false));
  writeAtomic(
    svgPath,
    plotModel(model, { showShapes: true, showLayerNames: true, showParams: true, title: model.name }),
  );
  console.log(`diagram: ${svgPath}`);
}
