// Reading CSV files from disk (Node only): a bounded read of a regular file, the text encoding
// sniffed from the bytes (UTF-8, or UTF-16 with a byte-order mark), then the core's parseCsv.

import { type CsvOptions, type CsvTable, parseCsv } from '../data/csv.js';
import { DataError, FormatError } from '../errors.js';
import { readRegularFile } from './safe-read.js';

/** Largest CSV file read: V8's longest string is about this many characters. */
const MAX_CSV_BYTES = 512 << 20;
/** Bytes looked at to tell binary data from text. */
const SNIFF_BYTES = 1 << 16;

/**
 * The text of a CSV file's bytes. UTF-8 (a byte-order mark is dropped) and UTF-16 with a byte-order
 * mark are decoded; NUL bytes without one mean binary data or BOM-less UTF-16, refused with a word
 * about the encoding.
 * @example decodeCsvBytes(new Uint8Array([0xff, 0xfe, 0x61, 0x00]), 'a.csv')  //=> 'a'
 */
export function decodeCsvBytes(bytes: Uint8Array, source: string): string {
  const where = 'readCsvFile()';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = bytes.subarray(0, SNIFF_BYTES);
  const nul = head.indexOf(0);
  if (nul >= 0) {
    let oddZeros = 0,
      evenZeros = 0;
    for (let i = 0; i < head.length; i++) if (head[i] === 0) i % 2 ? oddZeros++ : evenZeros++;
    const pairs = head.length / 2;
    if (oddZeros > 0.3 * pairs || evenZeros > 0.3 * pairs)
      throw new DataError(
        `${source} looks like UTF-16 text without a byte-order mark (every other byte is 0); save it as UTF-8 (or UTF-16 with a byte-order mark)`,
        where,
      );
    throw new DataError(
      `${source} is a binary file, not CSV text (a NUL byte at offset ${nul}); export the data as a UTF-8 CSV file`,
      where,
    );
  }
  return new TextDecoder('utf-8').decode(bytes); // drops a UTF-8 byte-order mark
}

/**
 * Reads and parses a CSV file (UTF-8, or UTF-16 with a byte-order mark). Errors name the file, the
 * row and the column; FIFOs, devices and files over 512 MiB are refused before reading.
 * @example
 * const t = readCsvFile('datasets/airline-passengers.csv', { dateColumns: ['Month'] });
 * t.numeric.Passengers.length  //=> 144
 */
export function readCsvFile(path: string, options: CsvOptions = {}): CsvTable {
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(path, {
      where: 'readCsvFile()',
      maxBytes: MAX_CSV_BYTES,
      limitFrom: 'the 512 MiB a CSV file may have',
    });
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
    throw new DataError(`cannot read ${e.message.slice('readCsvFile(): '.length)}`, 'readCsvFile()');
  }
  return parseCsv(decodeCsvBytes(bytes, path), { source: path, ...options });
}
