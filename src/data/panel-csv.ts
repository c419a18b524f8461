// CSV cells one line at a time for the panel readers and writers: a fast split for lines without
// quotes, papaparse for the rest (RFC 4180 quoting: a field with a delimiter, quote or line break is
// quoted, quotes doubled). A quoted field may not span lines in a panel file.

import Papa from 'papaparse';
import { DataError } from '../errors.js';

/**
 * The cells of one CSV line.
 * @example splitCsvLine('"a,""b""",1.5')  //=> ['a,"b"', '1.5']
 */
export function splitCsvLine(line: string, delimiter = ',', where = 'splitCsvLine'): string[] {
  if (!line.includes('"')) return line.split(delimiter);
  const parsed = Papa.parse<string[]>(line, { delimiter });
  if (parsed.errors.length) throw new DataError(`${parsed.errors[0].message} in ${JSON.stringify(line)}`, where);
  return parsed.data[0] ?? [];
}

/**
 * One CSV field, quoted when it holds the delimiter, a quote or a line break.
 * @example csvField('a,"b"')  //=> '"a,""b"""'
 */
export function csvField(value: string | number, delimiter = ','): string {
  const s = String(value);
  return s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
