// readCsvFile sniffs the bytes: UTF-16 with a byte-order mark is decoded, BOM-less UTF-16 and binary
// files are refused with a word about the encoding, and FIFOs or devices are never read.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DataError } from '../../src/errors.js';
import { readCsvFile } from '../../src/node/csv-file.js';

const dir = mkdtempSync(join(tmpdir(), 'lstmkit-csvfile-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const TEXT = 'Month,Sales\n1949-01,112\n1949-02,118\n';

function file(name: string, bytes: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}
function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(out.buffer);
  let off = 0;
  if (bom) view.setUint16((off += 2) - 2, 0xfeff, !bigEndian);
  for (const ch of text) view.setUint16((off += 2) - 2, ch.charCodeAt(0), !bigEndian);
  return out;
}
function refused(path: string, pattern: RegExp): void {
  assert.throws(
    () => readCsvFile(path),
    (e: unknown) => e instanceof DataError && pattern.test((e as Error).message),
  );
}

test('UTF-8 with a byte-order mark and UTF-16 LE/BE with one read the same columns', () => {
  const expected = readCsvFile(file('plain.csv', TEXT), { dateColumns: ['Month'] });
  for (const [name, bytes] of [
    ['bom8.csv', `\uFEFF${TEXT}`],
    ['le.csv', utf16(TEXT, false, true)],
    ['be.csv', utf16(TEXT, true, true)],
  ] as const) {
    assert.deepEqual(readCsvFile(file(name, bytes), { dateColumns: ['Month'] }), expected, name);
  }
});

test('UTF-16 without a byte-order mark and binary files are refused with a word about the encoding', () => {
  refused(
    file('nobom.csv', utf16(TEXT, false, false)),
    /looks like UTF-16 text without a byte-order mark.*save it as UTF-8/,
  );
  const zip = new Uint8Array(200).map((_, i) => (i * 37) % 256);
  zip.set([0x50, 0x4b, 3, 4, 0, 0]);
  refused(file('data.xlsx', zip), /is a binary file, not CSV text \(a NUL byte at offset 4\)/);
});

test('a FIFO or a device is refused without reading it', { skip: process.platform === 'win32' }, () => {
  const fifo = join(dir, 'pipe.csv');
  execFileSync('mkfifo', [fifo]);
  refused(fifo, /cannot read .*pipe\.csv: is a FIFO/);
  const zero = join(dir, 'zero.csv');
  symlinkSync('/dev/zero', zero);
  refused(zero, /cannot read .*zero\.csv: is a character device/);
});
