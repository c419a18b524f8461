// Memory and time of the many-series path at scale: a generated panel of 100,000 series of 1,000
// hourly values (a wide .gz file, or a long CSV with --layout=long), forecast by `lstmkit forecast`
// in its own process with cheap models, printing wall time, CPU time and peak resident memory.
// The file is generated once into the system's temporary folder (seeded; about 300 MB gzipped).
// Options: --series=100000 --length=1000 --layout=wide|long --models=Naive,sNaive,Naive2 --float32

import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { Rng } from '../src/rng.js';
import { runCliMeasured } from './measure-cli.js';

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const series = Number(arg('series', '100000'));
const length = Number(arg('length', '1000'));
const layout = arg('layout', 'wide');
const models = arg('models', 'Naive,sNaive,Naive2');
const HOUR = 3_600_000;
const T0 = Date.UTC(2020, 0, 1);

/** Writes the panel: series i has its own level, daily amplitude and phase, a slow trend and noise. */
async function generate(file: string): Promise<void> {
  const tmp = `${file}.part`;
  const gz = createGzip({ level: 4 });
  const out = createWriteStream(tmp);
  gz.pipe(out);
  const write = (s: string) =>
    gz.write(s) ? Promise.resolve() : new Promise<void>((r) => gz.once('drain', () => r()));
  const rng = new Rng(7);
  if (layout === 'long') await write('id,time,value\n');
  const iso = (k: number) => new Date(T0 + k * HOUR).toISOString().slice(0, 16).replace('T', ' ');
  for (let i = 0; i < series; i++) {
    const level = 50 + 1000 * rng.next(),
      amp = 0.1 + 0.4 * rng.next(),
      phase = 2 * Math.PI * rng.next(),
      trend = (rng.next() - 0.5) * 0.001;
    const v = (t: number) =>
      (
        level *
        (1 + amp * Math.sin((2 * Math.PI * t) / 24 + phase)) *
        (1 + trend * t) *
        (1 + 0.05 * (rng.next() - 0.5))
      ).toFixed(2);
    if (layout === 'long') {
      const rows: string[] = [];
      for (let t = 0; t < length; t++) rows.push(`S${i},${iso(t)},${v(t)}`);
      await write(`${rows.join('\n')}\n`);
    } else {
      const cells = new Array<string>(length);
      for (let t = 0; t < length; t++) cells[t] = v(t);
      await write(`S${i},${cells.join(',')}\n`);
    }
  }
  await new Promise<void>((r) => {
    out.on('finish', () => r());
    gz.end();
  });
  renameSync(tmp, file);
}

async function main(): Promise<void> {
  const folder = join(tmpdir(), 'lstmkit-panel-memory');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `panel-${series}x${length}-${layout}.csv.gz`);
  if (!existsSync(file)) {
    const t0 = performance.now();
    await generate(file);
    console.error(`generated ${file} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const out = join(folder, 'out');
  rmSync(out, { recursive: true, force: true });
  const args = [
    'forecast',
    file,
    ...(layout === 'long' ? ['--id', 'id', '--date', 'time', '--target', 'value'] : ['--wide']),
    '--horizon',
    '24',
    '--season',
    '24',
    '--models',
    models,
    '--future-model',
    'Naive2',
    '--out',
    out,
    '--json',
  ];
  if (process.argv.includes('--float32')) args.push('--float32');
  const run = runCliMeasured(args);
  const { summary } = JSON.parse(run.stdout.trim().split('\n').pop()!) as {
    summary: { scored: number; skipped: number };
  };
  console.log(
    `${series} series x ${length} values (${layout}${process.argv.includes('--float32') ? ', float32' : ''}), models ${models}: ` +
      `wall ${run.wallS.toFixed(1)} s, CPU ${run.cpuS.toFixed(1)} s, peak RSS ${run.peakMB.toFixed(0)} MB, ` +
      `${summary.scored} scored, ${summary.skipped} skipped; load average ${run.load[0].toFixed(1)} -> ${run.load[1].toFixed(1)}`,
  );
  console.log(`command: lstmkit ${args.join(' ')}`);
}

await main();
