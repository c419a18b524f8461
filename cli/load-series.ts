// Reads the forecast inputs from a CSV file: the target column, optional dates and covariates
// (numeric, or categorical encoded one-hot or as labels), with a missing-value policy.

import { existsSync, statSync } from 'node:fs';
import {
  applyMissingPolicy,
  type CsvTable,
  type DateFormat,
  type Encoding,
  encodeCategories,
  type MissingPolicy,
  NA_TOKENS,
  parseDateColumn,
  parseNumberCell,
  quoteCell,
} from 'lstmkit';
import { readCsvFile } from 'lstmkit/node';
import { UsageError } from './errors.js';

export interface SeriesInput {
  target: number[];
  /** UTC ms per row, when --date was given. */
  dates?: number[];
  /** The form the dates were read in (outputs are written back in it). */
  dateFormat?: DateFormat;
  /** Covariate rows aligned with target; undefined without --features. */
  covariates?: number[][];
  covariateNames: string[];
  /** Missing target or covariate values found, and what was done about them. */
  missing: { count: number; policy: MissingPolicy };
}

export interface LoadOptions {
  target: string;
  date?: string;
  features?: string[];
  categorical?: string[];
  encoding?: Encoding;
  missing?: MissingPolicy;
}

function readTable(file: string, columns: string[], options: LoadOptions): CsvTable {
  if (!existsSync(file)) throw new UsageError(`file not found: ${file}; check the path to the CSV file`);
  if (statSync(file).isDirectory()) throw new UsageError(`${file} is a folder; pass a CSV file`);
  try {
    // Read every requested column as text first, to give our own messages for bad cells.
    return readCsvFile(file, { columns, categorical: columns });
  } catch (e) {
    const m = (e as Error).message;
    const cols = /the CSV has: (.*)$/.exec(m);
    if (cols) {
      const missing = columns.find((c) => !cols[1].split(', ').includes(c));
      const flag = missing === options.target ? '--target' : missing === options.date ? '--date' : '--features';
      throw new UsageError(`column '${missing}' is not in ${file}; the columns are: ${cols[1]} (fix ${flag})`);
    }
    throw new UsageError(`cannot read ${file}: ${m}`);
  }
}

/**
 * Loads target, dates and covariates from a CSV file with the CLI's checks and messages.
 * @example const s = loadSeries('datasets/airline-passengers.csv', { target: 'Passengers', date: 'Month' });
 */
export function loadSeries(file: string, options: LoadOptions): SeriesInput {
  const features = options.features ?? [];
  const columns = [...new Set([...(options.date ? [options.date] : []), options.target, ...features])];
  const table = readTable(file, columns, options);
  const text = (name: string) => table.categorical[name];
  const NA = new Set(NA_TOKENS);
  const numeric = (name: string, flag: string): number[] =>
    text(name).map((v, r) => {
      if (v === null || NA.has(v)) return Number.NaN;
      const x = parseNumberCell(v);
      if (x.problem === null) return x.value;
      throw new UsageError(
        x.problem.startsWith('is not')
          ? `column '${name}' is not numeric (data row ${r + 1}: ${quoteCell(v)}); choose a numeric ${flag} column or mark it with --categorical`
          : `column '${name}', data row ${r + 1}: ${quoteCell(v)} ${x.problem}; rescale the column`,
      );
    });
  const policy = options.missing ?? 'interpolate';
  let target = numeric(options.target, '--target');
  let dates: number[] | undefined;
  let dateFormat: DateFormat | undefined;
  if (options.date) {
    try {
      const col = parseDateColumn(text(options.date), { name: options.date });
      dates = col.times;
      dateFormat = col.format;
    } catch (e) {
      throw new UsageError(
        `--date column ${(e as Error).message.replace(/^parseDateColumn\(\): /, '')}; fix the cell or drop --date`,
      );
    }
    const d = dates;
    const missingDate = d.findIndex(Number.isNaN);
    if (missingDate >= 0)
      throw new UsageError(
        `--date column '${options.date}' has no date in data row ${missingDate + 1}; fill it or drop --date`,
      );
    for (let i = 1; i < d.length; i++) {
      if (d[i] <= d[i - 1])
        throw new UsageError(
          `dates in '${options.date}' are not increasing at data row ${i + 1}; sort the file by date`,
        );
    }
  }
  const categorical = new Set(options.categorical ?? []);
  const blocks: { names: string[]; rows: number[][] }[] = [];
  for (const f of features) {
    if (categorical.has(f)) {
      blocks.push(encodeCategories(text(f), f, options.encoding ?? 'onehot'));
    } else {
      blocks.push({ names: [f], rows: numeric(f, '--features').map((v) => [v]) });
    }
  }
  let covariates: number[][] | undefined = features.length
    ? target.map((_, t) => blocks.flatMap((b) => b.rows[t]))
    : undefined;
  let count = 0;
  for (let t = 0; t < target.length; t++) if (Number.isNaN(target[t]) || covariates?.[t].some(Number.isNaN)) count++;
  const filled = applyMissingPolicy(target, covariates, policy, options.target);
  target = filled.target;
  covariates = filled.covariates;
  if (dates && filled.kept) dates = filled.kept.map((i) => dates![i]);
  return {
    target,
    ...(dates ? { dates } : {}),
    ...(dateFormat ? { dateFormat } : {}),
    ...(covariates ? { covariates } : {}),
    covariateNames: blocks.flatMap((b) => b.names),
    missing: { count, policy },
  };
}
