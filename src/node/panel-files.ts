// Reading panels from disk, line by line (plain or .gz): a long CSV (id, date and value columns), a
// wide file (a series a line, as M4's), or a folder of CSV files (a series each, its id the file
// name). Only the values are kept, compactly (src/data/panel.ts), so the file's text never sits in memory.

import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { type Panel, PanelBuilder, type PanelBuildOptions } from '../data/panel.js';
import { longCsvReader, wideReader } from '../data/panel-readers.js';
import { ConfigError, DataError } from '../errors.js';
import { type Shard, shardFilter } from '../forecast/panel/shard.js';

/** How a panel file is laid out. */
export type PanelLayout = 'long' | 'wide' | 'folder';

/** Options of readPanel(). */
export interface ReadPanelOptions extends Pick<PanelBuildOptions, 'valueType'> {
  /** Default: 'folder' for a folder, 'long' when `id` is given, else 'wide'. */
  layout?: PanelLayout;
  /** Long files: the id column. */
  id?: string;
  /** Long files and folders: the value column. */
  value?: string;
  /** Long files and folders: the date column (without it, rows are in time order). */
  date?: string;
  delimiter?: string;
  /** Read only this group of series (the others are dropped while reading). */
  shard?: Shard;
}

/**
 * The lines of a text file (.gz decompressed on the fly), one at a time.
 * @example for await (const line of fileLines('datasets/m4/Hourly-test.csv.gz')) console.log(line)
 */
export async function* fileLines(path: string): AsyncGenerator<string> {
  const raw = createReadStream(path);
  const input = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) yield line;
  } catch (e) {
    throw new DataError(`cannot read ${path}: ${(e as Error).message}`, 'readPanel');
  } finally {
    lines.close();
    raw.destroy();
  }
}

const SERIES_FILE = /\.(csv|txt)(\.gz)?$/i;

/**
 * Reads a panel: a long CSV file, a wide file or a folder of CSV files (see ReadPanelOptions).
 * Problems of single series (duplicate times, bad cells, another frequency) become their `error`.
 * @example const panel = await readPanel('datasets/m4/Hourly-train.csv.gz'); panel.series.length  //=> 414
 */
export async function readPanel(path: string, options: ReadPanelOptions = {}): Promise<Panel> {
  const where = 'readPanel';
  const info = await stat(path).catch((e: Error) => {
    throw new DataError(`cannot read ${path}: ${e.message}`, where);
  });
  const layout = options.layout ?? (info.isDirectory() ? 'folder' : options.id !== undefined ? 'long' : 'wide');
  if (layout === 'folder' ? !info.isDirectory() : !info.isFile())
    throw new DataError(
      `${path} is ${info.isDirectory() ? 'a folder' : 'not a regular file'}; layout '${layout}' reads ${layout === 'folder' ? 'a folder of CSV files' : 'one file'}`,
      where,
    );
  const builder = new PanelBuilder({
    ...(options.valueType ? { valueType: options.valueType } : {}),
    ...(options.shard ? { keep: shardFilter(options.shard, where) } : {}),
  });
  const delimiter = options.delimiter ?? ',';
  if (layout === 'wide') {
    const read = wideReader(builder, { source: path, delimiter });
    for await (const line of fileLines(path)) read(line);
  } else if (layout === 'long') {
    if (options.id === undefined || options.value === undefined)
      throw new ConfigError('a long file needs its id column (id) and value column (value)', where);
    const reader = longCsvReader(builder, {
      id: options.id,
      value: options.value,
      source: path,
      delimiter,
      ...(options.date !== undefined ? { date: options.date } : {}),
    });
    for await (const line of fileLines(path)) reader.line(line);
    reader.end();
  } else if (layout === 'folder') {
    if (options.value === undefined)
      throw new ConfigError('a folder of series files needs the value column (value)', where);
    const files = (await readdir(path)).filter((f) => SERIES_FILE.test(f)).sort();
    if (files.length === 0) throw new DataError(`${path} holds no .csv files`, where);
    for (const f of files) {
      const id = basename(f).replace(SERIES_FILE, '');
      if (!builder.wants(id)) continue;
      const file = join(path, f);
      if (!(await stat(file)).isFile()) continue;
      try {
        const reader = longCsvReader(builder, {
          seriesId: id,
          value: options.value,
          source: f,
          delimiter,
          ...(options.date !== undefined ? { date: options.date } : {}),
        });
        for await (const line of fileLines(file)) reader.line(line);
        reader.end();
      } catch (e) {
        if (!(e instanceof DataError)) throw e;
        builder.addError(id, e.message.replace(/^panel [^:]*: /, ''));
      }
    }
  } else throw new ConfigError(`unknown layout ${JSON.stringify(layout)}; expected 'long', 'wide' or 'folder'`, where);
  return builder.finish();
}
