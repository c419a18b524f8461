// CSV files through the CLI: cells and encodings that used to be read silently wrong or reported
// misleadingly now give one short line naming the row, the column or the encoding (exit 2).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const dir = mkdtempSync(join(tmpdir(), 'lstmkit-csvcli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.trim() };
}
function file(name: string, content: string | Uint8Array): string {
  writeFileSync(join(dir, name), content);
  return join(dir, name);
}
function oneLine(args: string[], pattern: RegExp): void {
  const r = cli(...args);
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stderr.split('\n').length, 1, r.stderr.slice(0, 500));
  assert.ok(r.stderr.length < 300, `a ${r.stderr.length}-character error line`);
  assert.match(r.stderr, pattern);
}
const series = (cell: string) =>
  `t,y\n${Array.from({ length: 30 }, (_, i) => `${i},${i === 7 ? cell : i + 1}`).join('\n')}\n`;

test('a hex cell and a 1e39 cell are refused with their row', () => {
  oneLine(
    ['forecast', file('hex.csv', series('0x8D')), '--target', 'y'],
    /column 'y' is not numeric \(data row 8: "0x8D"\)/,
  );
  oneLine(
    ['forecast', file('big.csv', series('1e39')), '--target', 'y'],
    /column 'y', data row 8: "1e39" is beyond the float32 range/,
  );
});

test('a 5 MB non-numeric cell makes a short error line', () => {
  oneLine(
    ['forecast', file('long.csv', series('z'.repeat(5_000_000))), '--target', 'y'],
    /data row 8: "z{40}\.\.\." \(5000000 characters\)/,
  );
});

test('a binary file and BOM-less UTF-16 are named as such; UTF-16 with a BOM and doubled CRs are read', () => {
  const zip = new Uint8Array(300).map((_, i) => (i * 37) % 256);
  zip.set([0x50, 0x4b, 3, 4, 0, 0, 0x22]);
  oneLine(['forecast', file('data.xlsx', zip), '--target', 'y'], /is a binary file, not CSV text/);
  const text = readFileSync('datasets/shampoo.csv', 'utf8');
  const le = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) le[2 * i] = text.charCodeAt(i);
  oneLine(['forecast', file('nobom.csv', le), '--target', 'Sales'], /looks like UTF-16 text without a byte-order mark/);
  const withBom = new Uint8Array(le.length + 2);
  withBom.set([0xff, 0xfe]);
  withBom.set(le, 2);
  const common = ['--target', 'Sales', '--date', 'Month', '--lookback', '3', '--epochs', '1', '--json'];
  const a = cli('train', file('bom.csv', withBom), ...common, '--out', join(dir, 'bom-model'));
  assert.equal(a.code, 0, a.stderr);
  const b = cli(
    'train',
    file('crcr.csv', text.replace(/\r?\n/g, '\r\r\n')),
    ...common,
    '--out',
    join(dir, 'crcr-model'),
  );
  assert.equal(b.code, 0, b.stderr);
});
