// Reading wide series files (one series a row, as M4's Hourly-train.csv) from disk, plain or gzip
// (.gz), line by line so that large files need memory only for the series kept.

import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { type WideOptions, type WideSeries, wideLineParser } from '../data/wide.js';
import { DataError } from '../errors.js';

/**
 * Streams the series of a wide file (.csv, or .csv.gz decompressed on the fly), one at a time.
 * @example for await (const s of streamWideFile('datasets/m4/Hourly-test.csv.gz')) console.log(s.id, s.values.length)  // H1 48 ...
 */
export async function* streamWideFile(path: string, options: WideOptions = {}): AsyncGenerator<WideSeries> {
  const where = 'streamWideFile()';
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch (e) {
    throw new DataError(`cannot read ${path}: ${(e as Error).message}`, where);
  }
  if (!isFile) throw new DataError(`${path} is not a regular file`, where);
  const raw = createReadStream(path);
  const input = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const parse = wideLineParser({ source: path, ...options });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) {
      const s = parse(line);
      if (s) yield s;
    }
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError(`cannot read ${path}: ${(e as Error).message}`, where);
  } finally {
    lines.close();
    raw.destroy();
  }
}

/**
 * Reads every series of a wide file (.csv or .csv.gz).
 * @example (await readWideFile('datasets/m4/Weekly-test.csv.gz')).length  //=> 359
 */
export async function readWideFile(path: string, options: WideOptions = {}): Promise<WideSeries[]> {
  const out: WideSeries[] = [];
  for await (const s of streamWideFile(path, options)) out.push(s);
  return out;
}
