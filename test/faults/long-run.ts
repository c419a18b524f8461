// npm run test:faults: the long fault suite. Kills at every fault point (twice in a row), random
// SIGKILLs during saves and --out commits, hostile folders, a loader fuzz of 10,000+ seeded mutations
// (in child processes, so a load that blocks is seen), CLI cases as subprocesses, training faults and
// the peak memory of a load. The last lines give cases tried and held per category; the exit code is
// 1 when any case did not hold. Sizes: LSTMKIT_FAULT_KILLS (default 300), LSTMKIT_FAULT_MUTATIONS (12000).

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dense } from '../../src/layers/dense.js';
import { lstm } from '../../src/layers/lstm.js';
import { setPrinter } from '../../src/model/callbacks.js';
import { sequential } from '../../src/model/sequential.js';
import { terminateOnNaN } from '../../src/model/training-callbacks.js';
import { saveModel } from '../../src/node/model-files.js';
import { sgd } from '../../src/optim/optimizer.js';
import { Rng, setRandomSeed } from '../../src/rng.js';
import { Tensor } from '../../src/tensor.js';
import {
  complete,
  inspect,
  killAfter,
  type Mode,
  placeUserFile,
  runChild,
  runHostile,
  Tally,
  temporaries,
} from './harness.js';
import type { FuzzResult } from './loader-fuzz.js';
import { MODES } from './writers.js';

const KILLS = Number(process.env.LSTMKIT_FAULT_KILLS ?? 300);
const MUTATIONS = Number(process.env.LSTMKIT_FAULT_MUTATIONS ?? 12_000);
const root = mkdtempSync(join(tmpdir(), 'lstmkit-faults-'));
const tally = new Tally();
const log = (s: string) => process.stderr.write(`${s}\n`);
const TSX = ['--import', 'tsx'];

/** Kills that left a write unfinished (temporaries or a journal behind): the ones that tested something. */
let interrupted = 0;

async function afterKill(mode: Mode, dir: string, allowed: number[], next: number, what: string): Promise<void> {
  if (temporaries(dir).length > 0) interrupted++;
  const seen = await inspect(mode, dir, allowed);
  tally.record(`data loss: ${what}`, seen.problems.length === 0, seen.problems.join('; '));
  await complete(mode, dir, next);
  const done = await inspect(mode, dir, [next]);
  const left = temporaries(dir);
  tally.record(
    'data loss: the run after a kill finishes it, no temporaries left',
    done.problems.length === 0 && left.length === 0,
    [...done.problems, ...left].join('; '),
  );
}

async function faultPoints(): Promise<void> {
  for (const mode of MODES) {
    const dir = join(root, `points-${mode}`);
    mkdirSync(dir);
    placeUserFile(dir);
    let cur = 0;
    const points = await complete(mode, dir, cur);
    for (let at = 0; at < points.length; at++) {
      runChild(mode, dir, cur + 1, at);
      const first = await inspect(mode, dir, [cur, cur + 1]);
      tally.record('data loss: a kill at each fault point', first.problems.length === 0, first.problems.join('; '));
      runChild(mode, dir, cur + 2, at); // killed again, possibly while recovering the first kill
      await afterKill(mode, dir, [cur, cur + 1, cur + 2], cur + 3, 'a second kill at each fault point');
      cur += 3;
    }
    log(`fault points (${mode}): ${points.length} points, each killed twice`);
  }
}

async function randomKills(): Promise<void> {
  interrupted = 0;
  const r = new Rng(7);
  const dirs = {
    save: join(root, 'random-save'),
    output: join(root, 'random-output'),
    folder: join(root, 'random-folder'),
  };
  const cur = { save: 0, output: 0, folder: 0 };
  for (const mode of MODES) {
    mkdirSync(dirs[mode]);
    placeUserFile(dirs[mode]);
    await complete(mode, dirs[mode], 0);
  }
  for (let i = 0; i < KILLS; i++) {
    const mode = MODES[i % MODES.length];
    const dir = dirs[mode];
    // Two of three kills by the clock, 0-150 ms after the first finished version (anywhere, inside system
    // calls too); one at a random fault point of the first few versions.
    const byPoint = Math.floor(i / MODES.length) % 3 === 2;
    const delay = byPoint ? Number.NaN : r.uniform(0, 150);
    const base = await killAfter(mode, dir, cur[mode] + 1, delay, byPoint ? r.int(60) : -1);
    await afterKill(mode, dir, [base, base + 1], base + 2, 'random kills during saves and --out commits');
    cur[mode] = base + 2;
    if ((i + 1) % 50 === 0) log(`random kills: ${i + 1}/${KILLS}`);
  }
  log(`random kills: ${interrupted} of ${KILLS} left a save or commit unfinished (the rest fell between writes)`);
}

function hostile(): void {
  const results = runHostile(join(root, 'hostile'), 60_000);
  for (const r of results) {
    tally.record('hangs: hostile folders', r.outcome !== 'hang', r.name);
    tally.record('stack traces: hostile folders', r.outcome !== 'untyped', `${r.name}: ${r.message}`);
  }
  log(`hostile folders: ${results.length}`);
}

function fuzz(): void {
  const chunk = 2000;
  for (let first = 0; first < MUTATIONS; first += chunk) {
    const count = Math.min(chunk, MUTATIONS - first);
    const p = spawnSync(
      process.execPath,
      [...TSX, join(import.meta.dirname, 'fuzz-child.ts'), join(root, 'fuzz'), '2025', String(first), String(count)],
      { encoding: 'utf8', timeout: 600_000 },
    );
    const r = p.stdout ? (JSON.parse(p.stdout) as FuzzResult) : null;
    for (let k = 0; k < count; k++) {
      tally.record('hangs: loader fuzz (seeded mutations)', r !== null, `cases ${first}..${first + count} timed out`);
      tally.record(
        'stack traces: loader fuzz (seeded mutations)',
        r !== null && k >= r.untyped.length && !r.polluted,
        r ? (r.untyped[k] ?? 'Object.prototype polluted') : p.stderr.slice(-300),
      );
    }
    log(`loader fuzz: ${first + count}/${MUTATIONS}`);
  }
}

/** CLI cases of this area: bad CSV cells and files, refused --out folders, hostile model folders. */
async function cliCases(): Promise<void> {
  const dir = join(root, 'cli');
  mkdirSync(dir);
  const file = (name: string, content: string | Uint8Array) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };
  const series = (cell: string) =>
    `t,y\n${Array.from({ length: 30 }, (_, i) => `${i},${i === 7 ? cell : i + 1}`).join('\n')}\n`;
  const text = readFileSync('datasets/shampoo.csv', 'utf8');
  const le = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) le[2 * i] = text.charCodeAt(i);
  const zip = new Uint8Array(300).map((_, i) => (i * 37) % 256);
  zip.set([0x50, 0x4b, 3, 4, 0, 0]);
  const fifo = join(dir, 'pipe.csv');
  execFileSync('mkfifo', [fifo]);
  const zero = join(dir, 'zero.csv');
  symlinkSync('/dev/zero', zero);
  const userDir = join(dir, 'user');
  mkdirSync(userDir);
  writeFileSync(join(userDir, 'data.csv'), text);
  // A trained model, then broken copies of it for predict.
  const model = join(dir, 'model');
  spawnSync(process.execPath, [
    ...TSX,
    'cli/main.ts',
    'train',
    'datasets/shampoo.csv',
    '--target',
    'Sales',
    '--lookback',
    '3',
    '--epochs',
    '1',
    '--out',
    model,
    '--json',
  ]);
  // a copy of the saved forecaster (forecaster.json, member-r/model.json and weights.bin), then broken
  const broken = (name: string, edit: (d: string, member: string) => void) => {
    const d = join(dir, name);
    cpSync(model, d, { recursive: true });
    edit(d, join(d, 'member-0'));
    return d;
  };
  const fifoWeights = broken('fifo-weights', (_, m) => {
    unlinkSync(join(m, 'weights.bin'));
    execFileSync('mkfifo', [join(m, 'weights.bin')]);
  });
  const zeroJson = broken('zero-json', (_, m) => {
    unlinkSync(join(m, 'model.json'));
    symlinkSync('/dev/zero', join(m, 'model.json'));
  });
  const noWeights = broken('no-weights', (_, m) => unlinkSync(join(m, 'weights.bin')));
  const badJournal = broken('bad-journal', (d) =>
    writeFileSync(join(d, '.lstmkit-commit.json'), '{"stage":"../x","files":[]}'),
  );
  const cases: [string, string[]][] = [
    ['a hex cell', ['forecast', file('hex.csv', series('0x8D')), '--target', 'y']],
    ['a 1e39 cell', ['forecast', file('big.csv', series('1e39')), '--target', 'y']],
    ['a 5 MB cell', ['forecast', file('long.csv', series('z'.repeat(5_000_000))), '--target', 'y']],
    ['a binary file', ['forecast', file('data.xlsx', zip), '--target', 'y']],
    ['UTF-16 without a byte-order mark', ['forecast', file('nobom.csv', le), '--target', 'Sales']],
    ['a FIFO as the CSV file', ['forecast', fifo, '--target', 'y']],
    ['/dev/zero as the CSV file', ['forecast', zero, '--target', 'y']],
    ['--out holding a user file', ['train', 'datasets/shampoo.csv', '--target', 'Sales', '--out', userDir]],
    [
      '--out that is a file',
      ['train', 'datasets/shampoo.csv', '--target', 'Sales', '--out', join(userDir, 'data.csv')],
    ],
    ['predict: weights.bin is a FIFO', ['predict', fifoWeights, 'datasets/shampoo.csv']],
    ['predict: model.json links to /dev/zero', ['predict', zeroJson, 'datasets/shampoo.csv']],
    ['predict: weights.bin is missing', ['predict', noWeights, 'datasets/shampoo.csv']],
    ['predict: a forged commit journal', ['predict', badJournal, 'datasets/shampoo.csv']],
  ];
  for (const [name, args] of cases) {
    const r = spawnSync(process.execPath, [...TSX, 'cli/main.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
    const lines = r.stderr.trim().split('\n');
    const clean =
      r.status === 2 &&
      lines.filter((l) => l.startsWith('lstmkit:')).length === 1 &&
      /^lstmkit: error: /.test(lines[lines.length - 1]) &&
      !/\n\s+at /.test(r.stderr);
    tally.record('hangs: CLI cases', r.error === undefined, `${name}: timed out`);
    tally.record(
      'stack traces: CLI cases (exit 2, one line)',
      clean,
      `${name}: exit ${r.status}: ${r.stderr.slice(0, 300)}`,
    );
  }
  log(`CLI cases: ${cases.length}`);
}

async function training(): Promise<void> {
  setPrinter(() => {}); // terminateOnNaN's notices would fill the report
  for (const lr of [50, 1e3, 1e6, 1e9])
    for (let seed = 0; seed < 8; seed++) {
      setRandomSeed(seed);
      const m = sequential([lstm({ units: 4, inputShape: [5, 2] }), dense({ units: 1 })]);
      m.compile({ optimizer: sgd({ learningRate: lr, momentum: seed % 2 ? 0.9 : 0 }), loss: 'mse' });
      const r = new Rng(seed);
      const x = new Tensor(
        Float32Array.from({ length: 160 }, () => r.uniform(-3, 3)),
        [16, 5, 2],
      );
      const y = new Tensor(
        Float32Array.from({ length: 16 }, () => r.uniform(-10, 10)),
        [16, 1],
      );
      await m.fit(x, y, { epochs: 30, batchSize: 4, callbacks: [terminateOnNaN()] });
      const ok = m.getWeights().every((t) => t.data.every(Number.isFinite)) && m.predict(x).data.every(Number.isFinite);
      tally.record('NaN weights: terminateOnNaN keeps finite weights and predictions', ok, `lr ${lr} seed ${seed}`);
    }
}

async function loadMemory(): Promise<void> {
  for (const withOptimizer of [false, true]) {
    setRandomSeed(1);
    const m = sequential([dense({ units: 2048, inputShape: [2048] }), dense({ units: 2048 }), dense({ units: 1 })]);
    m.build([[2048]]);
    if (withOptimizer) {
      m.compile({ optimizer: 'adam', loss: 'mse' });
      await m.fit(new Tensor(new Float32Array(4096), [2, 2048]), new Tensor(new Float32Array(2), [2, 1]), {
        epochs: 1,
      });
    }
    const dir = join(root, `memory-${withOptimizer}`);
    await saveModel(m, dir);
    const p = spawnSync(process.execPath, [...TSX, join(import.meta.dirname, 'load-memory.ts'), dir], {
      encoding: 'utf8',
    });
    const r = JSON.parse(p.stdout) as { file: number; modelBytes: number; peakGrowth: number };
    const mb = (b: number) => (b / 1e6).toFixed(1);
    log(
      `load memory (${withOptimizer ? 'with' : 'without'} Adam state): weights.bin ${mb(r.file)} MB, model in memory ${mb(r.modelBytes)} MB, peak growth ${mb(r.peakGrowth)} MB = ${(r.peakGrowth / r.modelBytes).toFixed(2)}x the model, ${(r.peakGrowth / r.file).toFixed(2)}x weights.bin`,
    );
    tally.record(
      'memory: a load peaks at <= 2x the model (no copy of the file kept)',
      r.peakGrowth <= 2 * r.modelBytes,
      JSON.stringify(r),
    );
  }
}

try {
  await faultPoints();
  await randomKills();
  hostile();
  fuzz();
  await cliCases();
  await training();
  await loadMemory();
} finally {
  rmSync(root, { recursive: true, force: true });
}
for (const f of tally.failures()) log(`FAILED ${f}`);
for (const line of tally.lines()) console.log(line);
for (const category of ['data loss', 'hangs', 'stack traces']) console.log(tally.total(category));
process.exitCode = tally.failures().length ? 1 : 0;
