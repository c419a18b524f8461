// CSV text to typed columns: numeric (NaN for missing), categorical (strings, null for missing) and
// date columns (UTC milliseconds). Parsing is papaparse's; this file adds types, NA tokens, column
// selection and errors that name the row and column. Reading files: readCsvFile in lstmkit/node.

import Papa from 'papaparse';
import { ConfigError, DataError, FormatError } from '../errors.js';
import { type DateFormat, parseDateColumn, parseDateText } from './dates.js';
import { NA_TOKENS } from './missing.js';
import { parseNumberCell, quoteCell } from './number-cell.js';

/** Options of parseCsv(). */
export interface CsvOptions {
  /** Keep only these columns, in this order. Default: every column. */
  columns?: readonly string[];
  /** Columns parsed as dates into UTC milliseconds (see parseDate for the accepted forms). */
  dateColumns?: readonly string[];
  /** Columns kept as strings (categories); encode them with labelEncode/oneHotEncode. */
  categorical?: readonly string[];
  /** Cells read as missing. Default ['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '?']. */
  naTokens?: readonly string[];
  /** Year added to short 'Y-MM' dates ('1-01' = January of baseYear + 1). Default 0: year 1 of the calendar, printed back as '1-01'. */
  baseYear?: number;
  /** Field delimiter. Default: detected by papaparse. */
  delimiter?: string;
  /** False when the first line is data; columns are then named 'column1', 'column2', ... Default true. */
  header?: boolean;
  /** Name used in error messages, e.g. the file name. */
  source?: string;
}

/** A parsed CSV: plain JSON-serializable columns. */
export interface CsvTable {
  /** Column names, in output order. */
  names: string[];
  rowCount: number;
  /** Numeric columns; NaN marks a missing value. */
  numeric: Record<string, number[]>;
  /** Categorical columns; null marks a missing value. */
  categorical: Record<string, (string | null)[]>;
  /** Date columns in UTC milliseconds since 1970; NaN marks a missing value. */
  dates: Record<string, number[]>;
  /** The one form each date column was read in (format outputs back in it). */
  dateFormats: Record<string, DateFormat>;
}

/** Column names listed in a message, at most. */
const LISTED_COLUMNS = 20;

/** Column names for a message: each trimmed, at most LISTED_COLUMNS of them. */
function listColumns(names: readonly string[]): string {
  const shown = names.slice(0, LISTED_COLUMNS).map((n) => (n.length > 40 ? quoteCell(n) : n));
  return names.length > LISTED_COLUMNS ? `${shown.join(', ')}, ... (${names.length} columns)` : shown.join(', ');
}

/**
 * The text papaparse gets: without a byte-order mark, line ends '\r\r\n' (text converted twice)
 * read as one, and NUL characters refused (binary data or UTF-16 read as UTF-8 is not CSV).
 */
function cleanText(text: string, where: string): string {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const line = text.slice(0, nul).split('\n').length;
    throw new DataError(
      `the text has a NUL character on line ${line}: this is binary data or UTF-16 text, not CSV; save the data as UTF-8 CSV text`,
      where,
    );
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.includes('\r\r') ? body.replace(/\r+\n/g, '\n') : body;
}

/**
 * Parses one date string to UTC milliseconds in the first accepted form it fits (parseDateText; the
 * forms are DATE_FORMATS in data/dates.ts; for a whole column parseDateColumn chooses one form). A
 * `Y-MM` year index is year baseYear + Y (default 0: '1-01' is January of year 1, never 1901; formatDate
 * prints it back as '1-01'). NaN when not a date.
 * @example new Date(parseDate('1949-03')).toISOString()  //=> '1949-03-01T00:00:00.000Z'
 */
export function parseDate(text: string, baseYear = 0): number {
  return parseDateText(text, { baseYear });
}

/**
 * Parses CSV text into typed columns. Every column not named in `categorical` or `dateColumns` must
 * be numeric; a bad cell throws a DataError naming its row, line and column.
 * @example
 * const t = parseCsv('Month,Sales\n1-01,266.0\n1-02,NA\n', { dateColumns: ['Month'] });
 * // t.numeric.Sales = [266, NaN]; t.dates.Month = January and February of year 1 (t.dateFormats.Month = 'Y-MM')
 */
export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  const where = options.source ? `parseCsv(${options.source})` : 'parseCsv()';
  if (typeof text !== 'string') throw new DataError(`expected CSV text (a string), got ${typeof text}`, where);
  const parsed = Papa.parse<string[]>(cleanText(text, where), {
    header: false,
    skipEmptyLines: true,
    dynamicTyping: false,
    ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
  });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) {
    throw new FormatError(
      `${fatal.message} at data row ${(fatal.row ?? 0) + (options.header === false ? 1 : 0)}`,
      where,
    );
  }
  const lines = parsed.data;
  const hasHeader = options.header ?? true;
  if (lines.length === 0 || (hasHeader && lines.length === 1)) throw new DataError('the CSV has no data rows', where);
  const width = lines[0].length;
  const header = hasHeader ? lines[0].map((h) => h.trim()) : Array.from({ length: width }, (_, i) => `column${i + 1}`);
  const body = hasHeader ? lines.slice(1) : lines;
  const lineOf = (r: number) => r + (hasHeader ? 2 : 1);
  body.forEach((row, r) => {
    if (row.length !== width) {
      throw new DataError(
        `ragged rows: data row ${r + 1} (line ${lineOf(r)}) has ${row.length} fields but the header has ${width}${row.length > width ? ' (decimal commas in a comma-separated file? quote those cells or separate fields with ;)' : ''}`,
        where,
      );
    }
  });
  const known = new Set(header);
  const check = (list: readonly string[] | undefined, what: string) => {
    for (const name of list ?? []) {
      if (!known.has(name))
        throw new ConfigError(`${what} names column '${name}', but the CSV has: ${listColumns(header)}`, where);
    }
  };
  check(options.columns, 'columns');
  check(options.dateColumns, 'dateColumns');
  check(options.categorical, 'categorical');
  const names = options.columns ? [...options.columns] : header;
  const na = new Set(options.naTokens ?? NA_TOKENS);
  const baseYear = options.baseYear ?? 0;
  const table: CsvTable = { names, rowCount: body.length, numeric: {}, categorical: {}, dates: {}, dateFormats: {} };
  for (const name of names) {
    const c = header.indexOf(name);
    const cell = (r: number) => body[r][c].trim();
    const bad = (r: number, want: string, hint: string): never => {
      throw new DataError(
        `data row ${r + 1} (line ${lineOf(r)}), column ${name.length > 40 ? quoteCell(name) : `'${name}'`}: ${quoteCell(body[r][c])} ${want}${hint}`,
        where,
      );
    };
    if (options.categorical?.includes(name)) {
      table.categorical[name] = body.map((_, r) => (na.has(cell(r)) ? null : cell(r)));
    } else if (options.dateColumns?.includes(name)) {
      // one form for the whole column (data/dates.ts), so '1-01' is never read as 1901 in one row and 2001 in another
      const col = parseDateColumn(
        body.map((_, r) => cell(r)),
        { baseYear, naTokens: [...na], name },
      );
      table.dates[name] = col.times;
      table.dateFormats[name] = col.format;
    } else {
      table.numeric[name] = body.map((_, r) => {
        const s = cell(r);
        if (na.has(s)) return Number.NaN;
        const n = parseNumberCell(s);
        if (n.problem === null) return n.value;
        return bad(
          r,
          n.problem,
          n.problem.startsWith('is not')
            ? '; list the column in categorical or dateColumns, or add the token to naTokens'
            : '',
        );
      });
    }
  }
  return table;
}

/**
 * One numeric or date column of a parsed CSV, as numbers.
 * @example csvColumn(parseCsv('a,b\n1,2\n3,4\n'), 'b')  //=> [2, 4]
 */
export function csvColumn(table: CsvTable, name: string): number[] {
  const col = table.numeric[name] ?? table.dates[name];
  if (col) return [...col];
  if (table.categorical[name])
    throw new DataError(
      `column '${name}' is categorical; encode it first (labelEncode or oneHotEncode)`,
      'csvColumn()',
    );
  throw new ConfigError(`no column '${name}'; the table has: ${table.names.join(', ')}`, 'csvColumn()');
}

/**
 * Numeric columns as rows [time][feature], ready for windows() or a scaler.
 * @example csvRows(parseCsv('a,b\n1,2\n3,4\n'), ['b', 'a'])  //=> [[2, 1], [4, 3]]
 */
export function csvRows(table: CsvTable, names: readonly string[] = table.names): number[][] {
  const cols = names.map((n) => csvColumn(table, n));
  return Array.from({ length: table.rowCount }, (_, t) => cols.map((c) => c[t]));
}
