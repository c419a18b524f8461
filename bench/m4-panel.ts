// The whole many-series path on M4, from files to summary, as a user runs it: `lstmkit forecast
// <file> --wide --horizon H --season m --out dir` in its own process, on a wide file holding each M4
// training series followed by its test values, so that the run's own test parts are exactly M4's
// test: the summary's sMAPE, MASE and OWA of every model are M4 scores through the panel path.
// Prints them beside the published rows, with wall time, CPU time, peak resident memory (the whole
// process, worker threads included) and the machine's load. Writes bench/m4-panel-results.json.
// Options: --frequencies=Hourly,Weekly   and any forecast flags after `--` (e.g. -- --models Naive2,SES)

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { PanelSummary } from '../src/forecast/panel/summary.js';
import { M4_FREQUENCIES } from '../src/forecast/m4.js';
import { readWideFile } from '../src/node/wide-file.js';
import { runCliMeasured } from './measure-cli.js';
import { M4_PUBLISHED } from './m4-published.js';

type Frequency = 'Hourly' | 'Weekly';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const extra = process.argv.includes('--') ? process.argv.slice(process.argv.indexOf('--') + 1) : [];

/** Each training series followed by its test values, one a line, gzipped (made once, not timed). */
async function trainAndTest(frequency: Frequency, folder: string): Promise<string> {
  const file = join(folder, `${frequency}-train+test.csv.gz`);
  const train = await readWideFile(join(root, `datasets/m4/${frequency}-train.csv.gz`));
  const test = await readWideFile(join(root, `datasets/m4/${frequency}-test.csv.gz`));
  const lines = train.map((s, i) => [JSON.stringify(s.id), ...s.values, ...test[i].values].join(','));
  writeFileSync(file, gzipSync(`${lines.join('\n')}\n`));
  return file;
}

async function main(): Promise<void> {
  const frequencies = (arg('frequencies') ?? 'Hourly,Weekly').split(',') as Frequency[];
  const folder = join(tmpdir(), 'lstmkit-m4-panel');
  mkdirSync(folder, { recursive: true });
  const measured: Record<string, unknown> = {};
  for (const f of frequencies) {
    const { horizon, season } = M4_FREQUENCIES[f];
    const file = await trainAndTest(f, folder);
    const out = join(folder, `${f}-out`);
    const args = [
      'forecast',
      file,
      '--wide',
      '--horizon',
      String(horizon),
      '--season',
      String(season),
      '--out',
      out,
      '--json',
      ...extra,
    ];
    const run = runCliMeasured(args);
    const { summary } = JSON.parse(run.stdout.trim().split('\n').pop()!) as { summary: PanelSummary };
    const { wallS, cpuS, peakMB, load } = run;
    const [load0, load1] = load;
    measured[f] = {
      command: `lstmkit ${args.join(' ')}`,
      wallS,
      cpuS,
      peakMB,
      load,
      models: summary.models,
      chosen: summary.chosen,
      coverage: summary.intervals.coverage,
    };
    console.log(
      `\n## M4 ${f} through \`lstmkit forecast --wide\` (${summary.series} series, H = ${horizon}, m = ${season})`,
    );
    console.log(
      `wall ${wallS.toFixed(1)} s, CPU ${cpuS.toFixed(1)} s, peak RSS ${peakMB.toFixed(0)} MB, load average ${load0.toFixed(1)} -> ${load1.toFixed(1)}`,
    );
    console.log(
      `future by ${summary.chosen}; interval coverage ${summary.intervals.levels.map((l, i) => `${l * 100}%: ${(100 * summary.intervals.coverage[i]).toFixed(1)}%`).join(', ')}\n`,
    );
    console.log('| model | sMAPE | MASE | OWA | rank | published sMAPE / MASE / OWA |\n|---|---|---|---|---|---|');
    for (const m of summary.models) {
      const p = M4_PUBLISHED.find((x) => x.benchmark === m.name)?.[f];
      console.log(
        `| ${m.name} | ${m.smape.toFixed(3)} | ${m.mase.toFixed(3)} | ${m.owa.toFixed(3)} | ${m.rank} | ${p ? p.map((v) => v.toFixed(3)).join(' / ') : ''} |`,
      );
    }
  }
  const path = join(root, 'bench/m4-panel-results.json');
  const previous = (() => {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    } catch {
      return {};
    }
  })();
  writeFileSync(path, `${JSON.stringify({ ...previous, ...measured }, null, 1)}\n`);
}

await main();
