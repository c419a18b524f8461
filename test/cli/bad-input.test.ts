// Every bad input of the reliability issue's CLI list, as a subprocess: one line `lstmkit: error: ...`,
// exit code 2, no stack trace, nothing trained before the refusal where an option is at fault.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const dir = mkdtempSync(join(tmpdir(), 'lstmkit-bad-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.trim() };
}

function refused(args: string[], pattern: RegExp): void {
  const r = cli(...args);
  assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code}: ${r.stderr}`);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('lstmkit:'));
  assert.equal(lines.length, 1, r.stderr);
  assert.doesNotMatch(r.stderr, /\n\s+at |internal error/, 'no stack trace');
  assert.match(lines[0], /^lstmkit: error: /);
  assert.match(lines[0], pattern);
  assert.ok(lines[0].length < 600, `one short line: ${lines[0].length} characters`);
}

const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const AIR = ['datasets/airline-passengers.csv', '--target', 'Passengers'];

test('model sizes that would not fit are refused with the estimate, before training', () => {
  refused(['forecast', ...AIR, '--units', '100000'], /--units must be an integer in 1\.\.65536, got "100000"/);
  refused(['forecast', ...AIR, '--units', '30000'], /units \(--units\) needs about [\d.]+ [GT]B .*more than the .* allowed/);
  const best = file('big.json', JSON.stringify({ lstmkit: 'tune', config: { units: 1_000_000 } }));
  refused(['forecast', ...AIR, '--config', best], /needs about [\d.]+ [GTP]B/);
});

test('option values are checked before any work: empty, negative, out of range', () => {
  refused(['forecast', ...AIR, '--patience', ''], /--patience must be an integer >= 0, got ""/);
  refused(['forecast', ...AIR, '--seed', ''], /--seed must be an integer in 0\.\.\d+, got ""/);
  refused(['forecast', ...AIR, '--learning-rate', '-1'], /--learning-rate must be a number in \(0, 10\], got "-1"/);
  refused(['forecast', ...AIR, '--season', '100000'], /season 100000 needs at least two seasons of training values/);
  refused(['tune', ...AIR, '--top', '0'], /--top must be an integer in 1\.\.10000, got "0"/);
  const notFolder = file('a-file', 'x');
  refused(['tune', ...AIR, '--out', notFolder], /--out .*a-file is a file; pass a folder path/);
});

test('config files that are not forecasting options are one line each', () => {
  refused(['forecast', ...AIR, '--config', file('null.json', 'null')], /must hold a JSON object .*got null/);
  refused(
    ['forecast', ...AIR, '--config', file('cnull.json', JSON.stringify({ lstmkit: 'tune', config: null }))],
    /"config" must be an object of forecasting options, got null/,
  );
  refused(
    ['forecast', ...AIR, '--config', file('banana.json', JSON.stringify({ difference: 'banana' }))],
    /difference must be true, false or 'auto', got "banana"/,
  );
  refused(['forecast', ...AIR, '--config', file('text.json', 'not json')], /is not JSON/);
});

test('saved forecasters that are damaged: forecaster.json not JSON, null or {}, a missing weights.bin', () => {
  for (const [name, text, pattern] of [
    ['notjson', 'not json', /not valid JSON/],
    ['null', 'null', /must be a JSON object written by lstmkit/],
    ['empty', '{}', /"format" must be "lstmkit-forecaster"/],
  ] as const) {
    const d = join(dir, `f-${name}`);
    mkdirSync(d);
    writeFileSync(join(d, 'forecaster.json'), text);
    refused(['predict', d, AIR[0]], pattern);
  }
  const t = cli('train', ...AIR, '--epochs', '1', '--repeats', '1', '--out', join(dir, 'trained'), '--json');
  assert.equal(t.code, 0, t.stderr);
  rmSync(join(dir, 'trained', 'member-0', 'weights.bin'));
  refused(['predict', join(dir, 'trained'), AIR[0]], /weights\.bin/);
});

test('cells: hex, beyond float32, a 5 MB text cell (quoted short), with row and column', () => {
  const rows = (cell: string) => `t,y\n${Array.from({ length: 40 }, (_, i) => `${i},${i === 7 ? cell : 100 + i}`).join('\n')}\n`;
  refused(['forecast', file('hex.csv', rows('0x8D')), '--target', 'y'], /data row 8.*"0x8D"/);
  refused(['forecast', file('big.csv', rows('1e39')), '--target', 'y'], /data row 8.*1e39/);
  refused(['forecast', file('long.csv', rows('x'.repeat(5_000_000))), '--target', 'y'], /data row 8/);
});

test('a very short series: the verdict ranks only the models that ran', () => {
  const p = file('short.csv', `t,y\n${Array.from({ length: 20 }, (_, i) => `${i},${10 + (i % 3)}`).join('\n')}\n`);
  const r = cli('forecast', p, '--target', 'y', '--epochs', '2', '--repeats', '1', '--json');
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  const ran = j.models.map((m: { name: string }) => m.name);
  for (const m of j.ranking) assert.ok(ran.includes(m.name));
  assert.doesNotMatch(j.verdict, /MLP|linear AR/.test(ran.join()) ? /^$/ : /MLP|linear AR/);
});
