// npm run bench:m4: every runner of bench/m4-runners.ts on M4 Hourly and Weekly (datasets/m4), scored
// as the M4 competition did (m4Scores: sMAPE, MASE, OWA against Naive2), printed inside the published
// table with wall time, CPU time and peak memory. Each (model, frequency) runs in its own process, so
// its peak resident memory is its own. Forecasts start at the end of each training series; the test
// files are read once, to score. Writes bench/m4-results.json.
// Options: --models=name,name (substrings of runner names)   --frequencies=Hourly,Weekly

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { M4_FREQUENCIES, m4Scores } from '../src/forecast/m4.js';
import { readWideFile } from '../src/node/wide-file.js';
import { M4_PUBLISHED, type Row } from './m4-published.js';
import { M4_RUNNERS } from './m4-runners.js';

type Frequency = 'Hourly' | 'Weekly';
interface Measured {
  scores: Row;
  wallS: number;
  cpuS: number;
  peakMB: number;
  dataMB: number;
}

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Child: run one model on one frequency and print its scores and costs as one JSON line. */
async function child(model: string, frequency: Frequency): Promise<void> {
  const runner = M4_RUNNERS.find((r) => r.name === model);
  if (!runner) throw new Error(`no runner named ${model}`);
  const { horizon, season } = M4_FREQUENCIES[frequency];
  const train = (await readWideFile(join(root, `datasets/m4/${frequency}-train.csv.gz`))).map((s) => s.values);
  const dataMB = process.memoryUsage().rss / 2 ** 20;
  const cpu0 = process.cpuUsage(),
    t0 = performance.now();
  const forecasts = await runner.forecast({ frequency, train, horizon, season });
  const wallS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const peakMB = process.resourceUsage().maxRSS / 1024;
  const test = (await readWideFile(join(root, `datasets/m4/${frequency}-test.csv.gz`))).map((s) => s.values);
  const s = m4Scores({ train, test, forecasts: { [model]: forecasts }, season })[model];
  const out: Measured = {
    scores: [s.smape, s.mase, s.owa],
    wallS,
    cpuS: (cpu.user + cpu.system) / 1e6,
    peakMB,
    dataMB,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function runChild(model: string, frequency: Frequency): Measured {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', `--model=${model}`, `--frequency=${frequency}`],
    { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`${model} on ${frequency} failed (exit ${r.status})`);
  return JSON.parse(line) as Measured;
}

const fmt = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : '-');
const cells = (r: Row | undefined) => (r ? r.map((v) => fmt(v)) : ['', '', '']);

async function main(): Promise<void> {
  if (process.argv.includes('--child')) return child(arg('model') ?? '', (arg('frequency') ?? 'Hourly') as Frequency);
  const only = arg('models')?.split(',');
  const frequencies = (arg('frequencies') ?? 'Hourly,Weekly').split(',') as Frequency[];
  const runners = M4_RUNNERS.filter((r) => !only || only.some((o) => r.name.includes(o)));
  const results: Record<string, Partial<Record<Frequency, Measured>>> = {};
  for (const r of runners) {
    results[r.name] = {};
    for (const f of frequencies) {
      const m = runChild(r.name, f);
      results[r.name][f] = m;
      console.error(
        `${r.name} ${f}: OWA ${fmt(m.scores[2])}, ${fmt(m.wallS, 1)} s (CPU ${fmt(m.cpuS, 1)} s), peak ${fmt(m.peakMB, 0)} MB`,
      );
    }
  }
  // the published table with our rows beside theirs: a benchmark's row right after the published one
  const header = [
    'method',
    'Hourly sMAPE',
    'MASE',
    'OWA',
    'Weekly sMAPE',
    'MASE',
    'OWA',
    'wall / CPU H (s)',
    'wall / CPU W (s)',
    'peak MB H',
    'peak MB W',
  ];
  const time = (m: Measured | undefined) => (m ? `${fmt(m.wallS, 1)} / ${fmt(m.cpuS, 1)}` : '');
  const rows: string[][] = [];
  const ours = (r: (typeof runners)[number]) => {
    const m = results[r.name];
    return [
      `**${r.name}**`,
      ...cells(m.Hourly?.scores),
      ...cells(m.Weekly?.scores),
      time(m.Hourly),
      time(m.Weekly),
      m.Hourly ? fmt(m.Hourly.peakMB, 0) : '',
      m.Weekly ? fmt(m.Weekly.peakMB, 0) : '',
    ];
  };
  for (const p of M4_PUBLISHED) {
    rows.push([p.method, ...cells(p.Hourly), ...cells(p.Weekly), '', '', '', '']);
    for (const r of runners.filter((x) => x.benchmark && x.benchmark === p.benchmark)) rows.push(ours(r));
  }
  for (const r of runners.filter((x) => !x.benchmark)) rows.push(ours(r));
  const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  console.log(table);
  writeFileSync(join(root, 'bench/m4-results.json'), `${JSON.stringify(results, null, 2)}\n`);
}

await main();
