// Line readers that feed a PanelBuilder: long CSV text (one row per (id, time, value); also one file
// a series, with a fixed id) and wide text (one series a line, as M4's files). Pure: Node streams
// files into them line by line (src/node/panel-files.ts); a browser can split text into lines.
// Problems of one series (a bad value or date cell) become that series' error; only a problem of the
// whole input (a missing column) throws.

import { DataError } from '../errors.js';
import { type DateFormat, parseDateColumn } from './dates.js';
import { NA_TOKENS } from './missing.js';
import type { PanelBuilder } from './panel.js';
import { splitCsvLine } from './panel-csv.js';
import { type WideOptions, wideLineParser } from './wide.js';

/** Options of longCsvReader(). */
export interface LongCsvOptions {
  /** Column holding the series id (long files). */
  id?: string;
  /** Fixed id of every row (a file holding one series); used when `id` is absent. */
  seriesId?: string;
  /** Column holding the values. */
  value: string;
  /** Column holding the dates; without it rows are in time order. */
  date?: string;
  delimiter?: string;
  /** Name of the input in messages (e.g. its file name). */
  source?: string;
}

/** A line reader: feed it every line in order, then call end(). */
export interface LineReader {
  line(text: string): void;
  end(): void;
}

/** Rows whose dates are parsed together (one date form is chosen on the first batch). */
const DATE_BATCH = 4096;
const NA = new Set(NA_TOKENS);

/**
 * Reads long CSV lines (a header, then one row per value) into `builder`.
 * @example
 * const b = new PanelBuilder();
 * const r = longCsvReader(b, { id: 'store', date: 'day', value: 'sales' });
 * for (const l of ['store,day,sales', 'a,2020-01-01,5', 'a,2020-01-02,6']) r.line(l);
 * r.end(); b.finish().series[0].values  //=> Float64Array [5, 6]
 */
export function longCsvReader(builder: PanelBuilder, options: LongCsvOptions): LineReader {
  const delimiter = options.delimiter ?? ',';
  const source = options.source ?? 'the CSV text';
  const where = `panel ${source}`;
  if (options.id === undefined && options.seriesId === undefined)
    throw new DataError('needs the id column (id) or a fixed series id (seriesId)', where);
  let columns: { id: number; value: number; date: number } | null = null;
  let lineNo = 0;
  let format: DateFormat | undefined;
  const pending: { id: string; date: string; value: number; line: number }[] = [];

  const header = (cells: string[]) => {
    const names = cells.map((c) => c.trim());
    const find = (name: string | undefined, what: string) => {
      if (name === undefined) return -1;
      const i = names.indexOf(name);
      if (i < 0)
        throw new DataError(
          `the ${what} column '${name}' is not in ${source}; the columns are: ${names.join(', ')}`,
          where,
        );
      return i;
    };
    columns = { id: find(options.id, 'id'), value: find(options.value, 'value'), date: find(options.date, 'date') };
  };

  const flush = () => {
    if (pending.length === 0) return;
    const cells = pending.map((r) => r.date);
    let times: number[] | null = null;
    try {
      const col = parseDateColumn(cells, { ...(format ? { format } : {}), name: options.date! });
      format ??= col.format;
      builder.dateFormat ??= col.format;
      times = col.times;
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
    }
    for (let i = 0; i < pending.length; i++) {
      const r = pending[i];
      let t = times ? times[i] : Number.NaN;
      if (!times && !NA.has(r.date.trim())) {
        try {
          const col = parseDateColumn([r.date], { ...(format ? { format } : {}), name: options.date! });
          format ??= col.format;
          builder.dateFormat ??= col.format;
          t = col.times[0];
        } catch (e) {
          if (!(e instanceof DataError)) throw e;
          const why = e.message.replace(/^parseDateColumn\(\): row 1, /, '');
          builder.addError(r.id, `line ${r.line} of ${source}: ${why}`);
          continue;
        }
      }
      if (Number.isNaN(t))
        builder.addError(r.id, `line ${r.line} of ${source} has no date in column '${options.date}'`);
      else builder.addRow(r.id, t, r.value);
    }
    pending.length = 0;
  };

  return {
    line(text) {
      lineNo++;
      if (text.trim() === '') return;
      const cells = splitCsvLine(text, delimiter, where);
      if (!columns) return header(cells);
      const c = columns as { id: number; value: number; date: number };
      const id = c.id >= 0 ? (cells[c.id] ?? '') : options.seriesId!;
      if (!builder.wants(id)) return;
      const raw = (cells[c.value] ?? '').trim();
      const value = NA.has(raw) ? Number.NaN : Number(raw);
      if (!NA.has(raw) && !Number.isFinite(value)) {
        builder.addError(id, `line ${lineNo} of ${source}: value ${JSON.stringify(raw)} is not a number`);
        return;
      }
      if (c.date < 0) return builder.addRow(id, Number.NaN, value);
      pending.push({ id, date: cells[c.date] ?? '', value, line: lineNo });
      if (pending.length >= DATE_BATCH) flush();
    },
    end() {
      flush();
      if (!columns) throw new DataError(`${source} is empty: no header line`, where);
    },
  };
}

/** The first field of a CSV line (unquoted), without parsing the rest. */
function firstField(line: string, delimiter: string): string {
  if (!line.startsWith('"')) {
    const i = line.indexOf(delimiter);
    return i < 0 ? line : line.slice(0, i);
  }
  let s = '';
  for (let i = 1; i < line.length; i++) {
    if (line[i] !== '"') s += line[i];
    else if (line[i + 1] === '"') {
      s += '"';
      i++;
    } else break;
  }
  return s;
}

/**
 * Reads wide lines (one series a line: the id, then its values) into `builder`. Lines of series the
 * builder does not keep are skipped before parsing.
 * @example
 * const b = new PanelBuilder();
 * const read = wideReader(b);
 * for (const l of ['id,v1,v2', 'H1,1,2', 'H2,3,x']) read(l);
 * b.finish().series.map((s) => s.error ?? s.values.length)  //=> [2, 'line 3 ...: "x" is not a number']
 */
export function wideReader(builder: PanelBuilder, options: WideOptions = {}): (line: string) => void {
  const delimiter = options.delimiter ?? ',';
  const parse = wideLineParser(options);
  let lineNo = 0,
    seen = false;
  return (line) => {
    lineNo++;
    if (line.trim() === '') return void parse('');
    const id = firstField(line, delimiter);
    if (seen && !builder.wants(id)) return void parse(''); // keeps the parser's line numbers
    seen = true;
    try {
      const s = parse(line);
      if (s) builder.addSeries(s.id, s.values, `line ${lineNo}`);
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      const prefix = `${options.source ? `wide file ${options.source}` : 'wide file'}: `;
      builder.addError(id, e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message);
    }
  };
}
