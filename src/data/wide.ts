// Wide series files: one series a row, the id in the first cell, then its values in time order;
// rows may differ in length (empty trailing cells), as the M4 competition's files. Pure parsing, line
// by line, so a reader can stream (readWideFile in lstmkit/node); quoting follows papaparse.

import Papa from 'papaparse';
import { DataError } from '../errors.js';
import { NA_TOKENS } from './missing.js';

/** One series of a wide file. */
export interface WideSeries {
  id: string;
  values: Float64Array;
}

/** Options of parseWide() and wideLineParser(). */
export interface WideOptions {
  /** Whether the first line names the columns: true, false, or 'auto' (a header has a non-numeric value cell). Default 'auto'. */
  header?: boolean | 'auto';
  /** Field delimiter. Default ','. */
  delimiter?: string;
  /** Name used in error messages, e.g. the file name. */
  source?: string;
}

/**
 * A parser for the lines of one wide file, in order: returns the series of a data line, or null for
 * the header and blank lines. Trailing empty cells are dropped; inner NA cells become NaN.
 * @example
 * const parse = wideLineParser();
 * parse('"V1","V2","V3"')  //=> null
 * parse('"H1","605","586"')  //=> { id: 'H1', values: Float64Array [605, 586] }
 */
export function wideLineParser(options: WideOptions = {}): (line: string) => WideSeries | null {
  const delimiter = options.delimiter ?? ',';
  const where = options.source ? `wide file ${options.source}` : 'wide file';
  let lineNo = 0,
    first = true;
  return (line) => {
    lineNo++;
    if (line.trim() === '') return null;
    const parsed = Papa.parse<string[]>(line, { delimiter });
    if (parsed.errors.length) throw new DataError(`line ${lineNo}: ${parsed.errors[0].message}`, where);
    const cells = parsed.data[0] ?? [];
    let end = cells.length;
    while (end > 1 && cells[end - 1].trim() === '') end--;
    const isFirst = first;
    first = false;
    const numeric = (c: string) => NA_TOKENS.includes(c.trim()) || Number.isFinite(Number(c));
    if (isFirst && (options.header ?? 'auto') !== false) {
      if (options.header === true || cells.slice(1, end).some((c) => !numeric(c))) return null;
    }
    const values = new Float64Array(end - 1);
    for (let j = 1; j < end; j++) {
      const c = cells[j];
      if (NA_TOKENS.includes(c.trim())) values[j - 1] = Number.NaN;
      else {
        const v = Number(c);
        if (!Number.isFinite(v))
          throw new DataError(
            `line ${lineNo} (series ${JSON.stringify(cells[0])}), column ${j + 1}: ${JSON.stringify(c)} is not a number`,
            where,
          );
        values[j - 1] = v;
      }
    }
    return { id: cells[0], values };
  };
}

/**
 * Parses the text of a wide file into series (for the browser; Node streams files with readWideFile).
 * @example parseWide('id,v1,v2\nA,1,2\nB,3,\n')  //=> [{ id: 'A', values: Float64Array [1, 2] }, { id: 'B', values: Float64Array [3] }]
 */
export function parseWide(text: string, options: WideOptions = {}): WideSeries[] {
  const parse = wideLineParser(options);
  const out: WideSeries[] = [];
  for (const line of text.split(/\r?\n/)) {
    const s = parse(line);
    if (s) out.push(s);
  }
  return out;
}
