// Reading CSV files from disk (Node only); parsing itself is the core's parseCsv (papaparse).

import { readFileSync } from 'node:fs';
import { type CsvOptions, type CsvTable, parseCsv } from '../data/csv.js';
import { DataError } from '../errors.js';

/**
 * Reads and parses a CSV file (UTF-8). Errors name the file, the row and the column.
 * @example
 * const t = readCsvFile('datasets/airline-passengers.csv', { dateColumns: ['Month'] });
 * t.numeric.Passengers.length  //=> 144
 */
export function readCsvFile(path: string, options: CsvOptions = {}): CsvTable {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new DataError(`cannot read ${path}: ${(e as Error).message}`, 'readCsvFile()');
  }
  return parseCsv(text, { source: path, ...options });
}
