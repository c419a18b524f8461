// npm run bench: lstmkit against the peers users would pick: PyTorch and Keras 3 on the CPU (when a
// python3 with them is found; skipped with a note otherwise), onnxruntime-node for serving, lstmkit's
// own onnxruntime serving path; optionally the JavaScript peers (tfjs cpu/wasm, brain.js, lstmkit's
// TypeScript reference). Peers are interleaved (A B A B, order alternating per round, >= 3 rounds);
// each cell is the median over rounds with its spread (min-max) and the process CPU time per wall second.
// Sections: peers (S, M, L: training and inference, 1 and 2 threads, ratio tables), scaling (H = 32..512
// and B = 1..128 at T=50, F=8), streaming (model.step at B=1 for H = 50, 128, 256). Writes bench/results.json.
// Options: --sections=peers,threads,scaling,streaming  --configs=S,M,L  --peers=name,...  --js (add the JS peers)
//          --rounds=3  --seconds=1.5 (per block)  --scaling-h=32,64,128,256,512  --scaling-b=1,2,4,...,128
//          --stream-h=50,128,256  --python=python3  --threads=1,2
// Section threads: lstmkit 2 threads against 1 over the scaling grid, with the tasks split per call
// (0 = the size runs the one-thread code).

import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getBackend } from '../src/backend/backend.js';
import { setThreads } from '../src/node/threads.js';
import { type Config, type Measurement, type Mode, measure, pythonRunner, type Runner, type Stat } from './harness.js';
import { brainRunner, lstmkitOnnxRunner, lstmkitRunner, lstmkitSplits, onnxRunner, tfjsRunner } from './peers.js';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const list = (name: string, def: string) => (arg(name) ?? def).split(',').filter(Boolean);
const nums = (name: string, def: string) => list(name, def).map(Number);
const sections = list('sections', 'peers,threads,scaling,streaming');
const rounds = Math.max(3, Number(arg('rounds') ?? 3));
const seconds = Number(arg('seconds') ?? 1.5);
const python = arg('python') ?? 'python3';
const threadList = nums('threads', '1,2');
const PEER_CONFIGS: Config[] = [
  { name: 'S', T: 3, F: 1, H: 50, B: 32 },
  { name: 'M', T: 50, F: 8, H: 128, B: 64 },
  { name: 'L', T: 100, F: 32, H: 256, B: 128 },
].filter((c) => list('configs', 'S,M,L').includes(c.name));
const BRAIN_SAMPLES: Record<string, number> = { S: 32, M: 8, L: 4 };
const brainN = (c: Config) => Math.min(c.B, BRAIN_SAMPLES[c.name] ?? 4);

// --- contestants ---
const runners: Runner[] = [];
const notes: string[] = [];
for (const n of threadList) runners.push(lstmkitRunner(`lstmkit-${n}t`, 'wasm', n));
// The same one-thread build measured twice: the spread of identical code, against which a 2t/1t ratio
// at a size that splits nothing (the same code too) is read. Run where nothing is split (S).
const CONTROL = 'lstmkit-1t-control';
runners.push(lstmkitRunner(CONTROL, 'wasm', 1));
for (const n of threadList) runners.push(lstmkitOnnxRunner(`lstmkit-onnx-${n}t`, n));
for (const n of threadList) runners.push(onnxRunner(`onnxruntime-${n}t`, n));
for (const fw of ['torch', 'keras'] as const)
  for (const n of threadList) {
    const name = `${fw === 'torch' ? 'pytorch' : 'keras'}-${n}t`;
    const { runner, note } = await pythonRunner(name, python, join(here, 'python', 'peer.py'), fw, n);
    notes.push(note);
    if (runner) runners.push(runner);
  }
if (process.argv.includes('--js')) {
  runners.push(lstmkitRunner('lstmkit-reference', 'reference', 1));
  runners.push(tfjsRunner('tfjs-cpu', 'cpu'), tfjsRunner('tfjs-wasm', 'wasm'));
  runners.push(brainRunner('brain.js', brainN));
}
const only = arg('peers')?.split(',');
const chosen = runners.filter((r) => !only || only.includes(r.name));

/** Forward FLOPs per sample: input and recurrent GEMMs per step plus the head (elementwise not counted). */
const forwardFlops = (c: Config) => c.T * (2 * c.F * 4 * c.H + 2 * c.H * 4 * c.H) + 2 * c.H;
const fmt = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3));
const cell = (s: Stat | undefined, w = 22) =>
  ` ${(s ? `${fmt(s.median)} (${fmt(s.min)}-${fmt(s.max)}) cpu ${s.cpuPerWall.toFixed(2)}` : '-').padStart(w - 1)}`;
const results: Record<string, unknown>[] = [];
const t0 = performance.now();
const record = (section: string, c: Config, m: Measurement) =>
  results.push({
    section,
    config: c,
    load: m.load,
    errors: Object.fromEntries(m.errors),
    stats: Object.fromEntries([...m.stats].map(([k, v]) => [k, v])),
  });

console.log(
  `lstmkit benchmark: ${cpus().length} cores (${cpus()[0]?.model}), Node ${process.version}, wasm backend: ${getBackend().name}`,
);
console.log(
  `load average at start: ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}`,
);
for (const n of notes) console.log(`  ${n}`);
console.log(
  `${rounds} interleaved rounds of ${seconds} s blocks; cells: median samples/s (min-max over rounds) and process CPU s per wall s\n`,
);

const samplesOf = (c: Config) => (r: Runner, m: Mode) => (m === 'step' ? c.B : r.name === 'brain.js' ? brainN(c) : c.B);
const get = (m: Measurement, peer: string, mode: Mode) => m.stats.get(peer)?.[mode];
/** A table cell: the median, or '-' when not measured; and the ratio of two medians. */
const median = (s?: Stat) => (s ? fmt(s.median) : '-');
const medianRatio = (a?: Stat, b?: Stat) => (a && b ? (a.median / b.median).toFixed(2) : '-');

function ratioLine(
  m: Measurement,
  label: string,
  num: string,
  den: string,
  mode: Mode,
  target?: number,
): string | null {
  const a = get(m, num, mode),
    b = get(m, den, mode);
  if (!a || !b) return null;
  const r = a.median / b.median;
  const verdict = target === undefined ? '' : r >= target ? `  (>= ${target}: met)` : `  (>= ${target}: MISSED)`;
  return `    ${label.padEnd(50)} ${r.toFixed(2)}x  [rounds ${a.perRound.map((v, i) => (v / b.perRound[i]).toFixed(2)).join(' ')}]${verdict}`;
}

// --- peers: S, M, L ---
if (sections.includes('peers')) {
  for (const c of PEER_CONFIGS) {
    const splits = threadList.includes(2) ? await lstmkitSplits(c, 2) : null;
    const unsplit = splits !== null && splits.train === 0 && splits.infer === 0;
    const peers = chosen.filter((r) => r.name !== CONTROL || unsplit);
    const m = await measure(peers, c, 'seq', rounds, seconds, samplesOf(c));
    record('peers', c, m);
    const fwd = forwardFlops(c);
    console.log(`${c.name}: T=${c.T} F=${c.F} H=${c.H} B=${c.B}  (load ${m.load[0]} -> ${m.load[1]})`);
    console.log(
      `  ${'peer'.padEnd(20)}${'train samples/s (min-max) cpu/wall'.padStart(38)}${'GFLOP/s'.padStart(9)}${'infer samples/s (min-max) cpu/wall'.padStart(38)}${'GFLOP/s'.padStart(9)}`,
    );
    for (const r of peers) {
      const s = m.stats.get(r.name);
      const err = m.errors.get(r.name);
      if (!s && !err) continue;
      const g = (st: Stat | undefined, f: number) => (st ? ((st.median * f) / 1e9).toFixed(1) : '-').padStart(9);
      console.log(
        `  ${r.name.padEnd(20)}${cell(s?.train, 38)}${g(s?.train, 3 * fwd)}${cell(s?.infer, 38)}${g(s?.infer, fwd)}${err ? `  error: ${err}` : ''}`,
      );
    }
    if (splits)
      console.log(
        `  tasks split across 2 threads: ${splits.train} a training batch, ${splits.infer} an inference call${unsplit ? ' (none: 2 threads run the one-thread code at this size, so 2t/1t is read against the 1t/1t control)' : ''}`,
      );
    console.log('  ratios (median of the per-round values; each round measured the pair back to back):');
    const lines = [
      ratioLine(
        m,
        'training lstmkit 1t / PyTorch 1t',
        'lstmkit-1t',
        'pytorch-1t',
        'train',
        c.name === 'S' ? 2.5 : undefined,
      ),
      ratioLine(m, 'training lstmkit 1t / Keras 1t', 'lstmkit-1t', 'keras-1t', 'train'),
      ratioLine(m, 'training lstmkit 2t / PyTorch 2t', 'lstmkit-2t', 'pytorch-2t', 'train'),
      ratioLine(
        m,
        'training lstmkit 2t / PyTorch 1t',
        'lstmkit-2t',
        'pytorch-1t',
        'train',
        c.name === 'M' ? 0.5 : undefined,
      ),
      ratioLine(m, 'training lstmkit 2t / lstmkit 1t', 'lstmkit-2t', 'lstmkit-1t', 'train', unsplit ? undefined : 1.6),
      ratioLine(m, 'training lstmkit 1t / lstmkit 1t (control)', CONTROL, 'lstmkit-1t', 'train'),
      ratioLine(
        m,
        'inference lstmkit 1t / onnxruntime 1t',
        'lstmkit-1t',
        'onnxruntime-1t',
        'infer',
        c.name === 'S' ? 0.5 : 0.35,
      ),
      ratioLine(m, 'inference lstmkit 2t / onnxruntime 2t', 'lstmkit-2t', 'onnxruntime-2t', 'infer'),
      ratioLine(m, 'inference lstmkit 1t / PyTorch 1t', 'lstmkit-1t', 'pytorch-1t', 'infer'),
      ratioLine(m, 'inference lstmkit 1t / Keras 1t', 'lstmkit-1t', 'keras-1t', 'infer'),
      ratioLine(m, 'inference lstmkit 2t / lstmkit 1t', 'lstmkit-2t', 'lstmkit-1t', 'infer', unsplit ? undefined : 1.6),
      ratioLine(m, 'inference lstmkit 1t / lstmkit 1t (control)', CONTROL, 'lstmkit-1t', 'infer'),
      // biome-ignore format: one ratio a line
      ratioLine(m, 'inference lstmkit-onnx 1t / onnxruntime 1t', 'lstmkit-onnx-1t', 'onnxruntime-1t', 'infer', c.name === 'S' ? undefined : 0.9),
      // biome-ignore format: one ratio a line
      ratioLine(m, 'inference lstmkit-onnx 2t / onnxruntime 2t', 'lstmkit-onnx-2t', 'onnxruntime-2t', 'infer', c.name === 'S' ? undefined : 0.9),
      ratioLine(m, 'training lstmkit 1t / tfjs-wasm', 'lstmkit-1t', 'tfjs-wasm', 'train'),
      ratioLine(m, 'training lstmkit 1t / brain.js', 'lstmkit-1t', 'brain.js', 'train'),
    ];
    for (const l of lines) if (l) console.log(l);
    console.log('');
  }
}

// --- threads: 2 against 1 over the scaling grid (never slower: sizes that split nothing run the 1t code) ---
if (sections.includes('threads') && threadList.includes(2)) {
  const pair = chosen.filter((r) => ['lstmkit-1t', 'lstmkit-2t'].includes(r.name));
  console.log(
    `Two threads against one (T=50, F=8; samples/s, median of ${rounds} rounds; split = tasks a call hands to the pool)`,
  );
  console.log(
    `  ${'config'.padEnd(16)}${'train 1t'.padStart(11)}${'train 2t'.padStart(11)}${'ratio'.padStart(7)}${'split'.padStart(7)}${'infer 1t'.padStart(11)}${'infer 2t'.padStart(11)}${'ratio'.padStart(7)}${'split'.padStart(7)}`,
  );
  const grid = [
    ...nums('scaling-h', '32,64,128,256,512').map((H) => ({ name: `H=${H} B=64`, T: 50, F: 8, H, B: 64 })),
    ...nums('scaling-b', '1,2,4,8,16,32,64,128')
      .filter((B) => B !== 64)
      .map((B) => ({ name: `H=128 B=${B}`, T: 50, F: 8, H: 128, B })),
  ];
  for (const c of grid) {
    const splits = await lstmkitSplits(c, 2);
    const m = await measure(pair, c, 'seq', rounds, seconds, samplesOf(c));
    record('threads', c, m);
    const [t1, t2, i1, i2] = [
      get(m, 'lstmkit-1t', 'train'),
      get(m, 'lstmkit-2t', 'train'),
      get(m, 'lstmkit-1t', 'infer'),
      get(m, 'lstmkit-2t', 'infer'),
    ];
    console.log(
      `  ${c.name.padEnd(16)}${median(t1).padStart(11)}${median(t2).padStart(11)}${medianRatio(t2, t1).padStart(7)}${String(splits.train).padStart(7)}${median(i1).padStart(11)}${median(i2).padStart(11)}${medianRatio(i2, i1).padStart(7)}${String(splits.infer).padStart(7)}   load ${m.load[1]}`,
    );
  }
  console.log('');
}

// --- scaling over H and B against PyTorch (one thread each) ---
if (sections.includes('scaling')) {
  const peers = chosen.filter((r) => ['lstmkit-1t', 'pytorch-1t'].includes(r.name));
  const table = (title: string) => {
    console.log(`${title}  (lstmkit 1 thread vs PyTorch 1 thread; samples/s, median of ${rounds} rounds)`);
    console.log(
      `  ${'config'.padEnd(22)}${'lstmkit train'.padStart(15)}${'GFLOP/s'.padStart(9)}${'PyTorch train'.padStart(15)}${'ratio'.padStart(7)}${'lstmkit infer'.padStart(15)}${'PyTorch infer'.padStart(15)}${'ratio'.padStart(7)}`,
    );
  };
  const row = (c: Config, m: Measurement) => {
    const lt = get(m, 'lstmkit-1t', 'train'),
      pt = get(m, 'pytorch-1t', 'train'),
      li = get(m, 'lstmkit-1t', 'infer'),
      pi = get(m, 'pytorch-1t', 'infer');
    const gf = lt ? ((lt.median * 3 * forwardFlops(c)) / 1e9).toFixed(1) : '-';
    console.log(
      `  ${`${c.name}`.padEnd(22)}${median(lt).padStart(15)}${gf.padStart(9)}${median(pt).padStart(15)}${medianRatio(lt, pt).padStart(7)}${median(li).padStart(15)}${median(pi).padStart(15)}${medianRatio(li, pi).padStart(7)}   load ${m.load[1]}`,
    );
  };
  const hs = nums('scaling-h', '32,64,128,256,512');
  if (hs.length) table('Scaling over H (T=50, F=8, B=64)');
  for (const H of hs) {
    const c = { name: `H=${H}`, T: 50, F: 8, H, B: 64 };
    const m = await measure(peers, c, 'seq', rounds, seconds, samplesOf(c));
    record('scaling-h', c, m);
    row(c, m);
  }
  const bs = nums('scaling-b', '1,2,4,8,16,32,64,128');
  if (bs.length) table('\nScaling over B (T=50, F=8, H=128)');
  for (const B of bs) {
    const c = { name: `B=${B}`, T: 50, F: 8, H: 128, B };
    const m = await measure(peers, c, 'seq', rounds, seconds, samplesOf(c));
    record('scaling-b', c, m);
    row(c, m);
  }
  console.log('');
}

// --- streaming: one step at a time at B=1 ---
if (sections.includes('streaming')) {
  const peers = chosen.filter((r) => ['lstmkit-1t', 'pytorch-1t', 'keras-1t', 'onnxruntime-1t'].includes(r.name));
  console.log(
    'Streaming, B=1, F=8: steps/s (µs a step), median of rounds; lstmkit model.step, PyTorch LSTMCell, Keras LSTMCell, onnxruntime LSTM with state fed back',
  );
  for (const H of nums('stream-h', '50,128,256')) {
    const c = { name: `stream H=${H}`, T: 1, F: 8, H, B: 1 };
    const m = await measure(peers, c, 'stream', rounds, seconds, samplesOf(c));
    record('streaming', c, m);
    const cells = peers.map((r) => {
      const s = get(m, r.name, 'step');
      return `${r.name} ${s ? `${fmt(s.median)} (${(1e6 / s.median).toFixed(1)} µs)` : '-'}`;
    });
    console.log(`  H=${String(H).padEnd(5)} ${cells.join('   ')}   load ${m.load[1]}`);
    for (const l of [
      ratioLine(m, `H=${H}: lstmkit / PyTorch LSTMCell`, 'lstmkit-1t', 'pytorch-1t', 'step', H === 50 ? undefined : 1),
      ratioLine(m, `H=${H}: lstmkit / onnxruntime`, 'lstmkit-1t', 'onnxruntime-1t', 'step', H === 50 ? undefined : 0.5),
    ])
      if (l) console.log(l);
  }
  console.log('');
}

for (const r of runners) r.close();
await setThreads(1);
const out = join(here, 'results.json');
writeFileSync(
  out,
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, backend: getBackend().name, notes, rounds, seconds, results }, null, 2)}\n`,
);
console.log(
  `load average at end: ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}`,
);
console.log(`wrote ${out} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
process.exit(0);
