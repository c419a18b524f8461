// The playground's pasted CSV: finds the series column (the last one holding numbers) and refuses,
// with a message naming the row and the column, a series with text or empty cells, instead of quietly
// training on another column. Fields may be separated by ',', ';' or tabs; with ';' or tabs decimal
// commas ('1,5') are read. Loops only, so 200,000 rows are fine. The number grammar is passed in
// (lstmkit's parseNumberCell), which keeps this file free of imports and testable in Node.

/** Reads one cell: its value, or why it is not a number (lstmkit's parseNumberCell). */
export type CellReader = (
  text: string,
  options: { decimalComma?: boolean },
) => { value: number; problem: string | null };

/** The series found in pasted text. */
export interface PastedSeries {
  name: string;
  values: number[];
  /** The first column's text per row (dates, usually), or '' when the series is the first column. */
  labels: string[];
}

/** Rows quoted in a message, at most. */
const LISTED = 5;

function delimiterOf(header: string): string {
  if (header.includes('\t')) return '\t';
  if (header.includes(';')) return ';';
  return ',';
}

function rowList(rows: number[]): string {
  const shown = rows.slice(0, LISTED).join(', ');
  return rows.length > LISTED ? `${shown} and ${rows.length - LISTED} more` : shown;
}

/**
 * Finds the series in pasted CSV text (a header row, then rows): the last column holding any number.
 * Throws an Error naming rows and the column when that column also has text or empty cells (it is
 * never skipped for another column), or when rows have more fields than the header (decimal commas
 * in a comma-separated paste).
 * @example parsePastedSeries('t;y\n1;2,5\n2;3\n', parseNumberCell, quoteCell).values  //=> [2.5, 3]
 */
export function parsePastedSeries(text: string, read: CellReader, quote: (s: string) => string): PastedSeries {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r*\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  if (lines.length < 3) throw new Error('CSV needs a header row and at least two data rows');
  const delimiter = delimiterOf(lines[0]);
  const decimalComma = delimiter !== ',';
  const split = (l: string) => l.split(delimiter).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
  const header = split(lines[0]);
  const rows: string[][] = [];
  for (let r = 1; r < lines.length; r++) {
    const cells = split(lines[r]);
    if (cells.length > header.length)
      throw new Error(
        `row ${r} has ${cells.length} fields but the header has ${header.length}${delimiter === ',' ? ": decimal commas? separate the fields with ';' or tabs, or write decimals with '.'" : ''}`,
      );
    rows.push(cells);
  }
  const nameOf = (c: number) => quote(header[c] || `column ${c + 1}`);
  for (let c = header.length - 1; c >= 0; c--) {
    const values: number[] = new Array(rows.length);
    const empty: number[] = [],
      bad: number[] = [];
    for (let r = 0; r < rows.length; r++) {
      const cell = rows[r][c] ?? '';
      if (cell === '') {
        empty.push(r + 1);
        continue;
      }
      const n = read(cell, { decimalComma });
      if (n.problem === null) values[r] = n.value;
      else bad.push(r + 1);
    }
    if (bad.length + empty.length === rows.length) continue; // no number at all: a text column, look further left
    if (bad.length > 0) {
      const r = bad[0] - 1;
      throw new Error(
        `the series column ${nameOf(c)} has ${bad.length} cell(s) that are not numbers (row ${rowList(bad)}; row ${bad[0]}: ${quote(rows[r][c])} ${read(rows[r][c], { decimalComma }).problem}); fix or remove those rows`,
      );
    }
    if (empty.length > 0)
      throw new Error(
        `the series column ${nameOf(c)} has ${empty.length} empty cell(s) (row ${rowList(empty)}); fill them in or remove those rows`,
      );
    return { name: header[c] || `column ${c + 1}`, values, labels: rows.map((row) => (c > 0 ? (row[0] ?? '') : '')) };
  }
  throw new Error(`no column of numbers; the header is: ${header.map(quote).join(', ')}`);
}
