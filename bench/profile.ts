// npm run bench:profile -- --config=M --mode=train: where the time of one configuration goes. Runs the
// bench model (LSTM + Dense, Adam, MSE) under V8's sampling profiler on a build of the kernels that keeps
// wasm function names, and splits self time into GEMM (micro-kernel, packing), matrix-vector, gate
// passes, optimizer, copies and layout, JavaScript (model, allocation) and GC.
// Options: --config=S|M|L|H32|stream128|stream256  --mode=train|infer|step  --seconds=5
// (one thread: the profiler samples the calling thread, and the named build is not the pool's module)

import { spawnSync } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setBackend } from '../src/backend/backend.js';
import { createWasmBackend } from '../src/backend/wasm/backend.js';
import { loadSync } from '../src/backend/wasm/module.js';
import { dense, lstm, sequential, setRandomSeed, Tensor } from '../src/index.js';
import type { Config } from './harness.js';
import { benchData } from './peers.js';

const arg = (name: string, def: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def;
const CONFIGS: Record<string, Config> = {
  S: { name: 'S', T: 3, F: 1, H: 50, B: 32 },
  M: { name: 'M', T: 50, F: 8, H: 128, B: 64 },
  L: { name: 'L', T: 100, F: 32, H: 256, B: 128 },
  H32: { name: 'H32', T: 50, F: 8, H: 32, B: 64 },
  stream128: { name: 'stream128', T: 1, F: 8, H: 128, B: 1 },
  stream256: { name: 'stream256', T: 1, F: 8, H: 256, B: 1 },
};
const c = CONFIGS[arg('config', 'M')];
const mode = arg('mode', c.name.startsWith('stream') ? 'step' : 'train');
const seconds = Number(arg('seconds', '5'));

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wasmFile = join(tmpdir(), `lstmkit-names-${process.pid}.wasm`);
const built = spawnSync(process.execPath, [join(root, 'scripts', 'build-wasm.mjs'), `--names=${wasmFile}`], {
  stdio: 'inherit',
});
if (built.status !== 0) process.exit(1);
const rt = loadSync({ bytes: new Uint8Array(readFileSync(wasmFile)) });
rmSync(wasmFile, { force: true });
if (!rt) throw new Error('could not load the named kernel build');
const be = createWasmBackend(rt);
setBackend(be);

setRandomSeed(1);
const model = sequential([lstm({ units: c.H, inputShape: [c.T, c.F] }), dense({ units: 1 })]);
model.compile({ optimizer: 'adam', loss: 'mse' });
const { x: xd, y: yd } = benchData(c);
const x = new Tensor(be.alloc(xd.length), [c.B, c.T, c.F]);
x.data.set(xd);
const y = new Tensor(be.alloc(yd.length), [c.B, 1]);
y.data.set(yd);
const xt = new Tensor(be.alloc(c.B * c.F), [c.B, c.F]);
const call =
  mode === 'train'
    ? () => model.trainOnBatch([x], [y], null)
    : mode === 'infer'
      ? () => model.predict(x, { batchSize: c.B })
      : () => model.step(xt);
for (let i = 0; i < 20; i++) call();

const CATEGORIES: [string, RegExp][] = [
  ['GEMM micro-kernel', /^(micro|gemmRange|gemm)$/],
  ['GEMM packing', /^(packA|packB|packAll)$/],
  ['matrix-vector', /^(row1|row2|row4|matvecPacked|recurrentProduct)$/],
  ['gate passes', /Step|Seq$|^rows|^fwd|^bwd|restoreMasked|^gru|^rnn|^cand|^reset|actInPlace|addInto/],
  ['optimizer', /adamUpdate|update$/],
  ['copies, bias, sums, layout', /fillRows|addColumnSums|timeMajor|writeOutputs|memory|copy|fill|set$/],
  ['garbage collection', /\(garbage collector\)/],
  ['profiler (inspector dispatch)', /^dispatch$/],
  ['idle / program', /\(idle\)|\(program\)|\(root\)/],
];
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
let calls = 0;
const t0 = performance.now();
while (performance.now() - t0 < seconds * 1000) {
  call();
  calls++;
}
const ms = performance.now() - t0;
const { profile } = await session.post('Profiler.stop');
const self = new Map<string, number>();
const fns = new Map<string, number>();
const dt = new Map<number, number>();
for (let i = 0; i < profile.samples!.length; i++)
  dt.set(profile.samples![i], (dt.get(profile.samples![i]) ?? 0) + (profile.timeDeltas![i] ?? 0));
let total = 0;
for (const n of profile.nodes) {
  const t = dt.get(n.id) ?? 0;
  if (!t) continue;
  const name = n.callFrame.functionName || `(anonymous ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber})`;
  const base = name.split('/').pop() ?? name;
  const cat = CATEGORIES.find(([, re]) => re.test(base))?.[0] ?? 'JavaScript (model, allocation, calls)';
  self.set(cat, (self.get(cat) ?? 0) + t);
  fns.set(name, (fns.get(name) ?? 0) + t);
  total += t;
}
console.log(
  `${c.name} (T=${c.T} F=${c.F} H=${c.H} B=${c.B}) ${mode}: ${calls} calls, ${((ms / calls) * 1000).toFixed(0)} µs a call`,
);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]))
  console.log(`  ${k.padEnd(40)} ${((100 * v) / total).toFixed(1)} %`);
console.log('  top functions:');
for (const [k, v] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, Number(arg('top', '12'))))
  console.log(`    ${k.slice(0, 50).padEnd(52)} ${((100 * v) / total).toFixed(1)} %`);
process.exit(0);
