// The results table of docs/hochreiter-1997.md from trials as run.ts --verbose prints them (JSON lines
// on stderr): one row per experiment, setting and protocol, the paper's numbers beside ours. Trials
// marked "long": true (a run with a larger --max) are left out of the table.
// Usage: npx tsx experiments/hochreiter-1997/run.ts 4 --verbose 2>> trials.jsonl
//        npx tsx experiments/hochreiter-1997/table.ts trials.jsonl
import { readFileSync } from 'node:fs';
import { paperRow } from './paper.js';
import { SETTINGS, type TrialResult } from './experiments.js';

type T = TrialResult & { long?: boolean };
const trials: T[] = readFileSync(process.argv[2], 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('{'))
  .map((l) => JSON.parse(l));
const fmt = (n: number) => Math.round(n).toLocaleString('en');
// the paper's fraction of 2560 test sequences misclassified (tables 4-6)
const PAPER_FRACTION: Record<string, string> = {
  '3a T=100 N=3': '0.000195',
  '3a T=100 N=1': '0.000117',
  '3a T=1000 N=3': '0.000078',
  '3b T=100 N=3': '0.00828',
  '3b T=100 N=1': '0.0150',
  '3c T=100 N=3': '0.00558',
  '3c T=100 N=1': '0.00441',
};
const NAMES: Record<string, (v: number) => string> = {
  wrongStrings: (v) => `wrong strings ${v}`,
  maxError: (v) => `max error ${v.toFixed(2)}`,
  wrongOfConfirm: (v) => `wrong of 10,000: ${v}`,
  st1: (v) => `ST1 at ${fmt(v)}`,
  fractionMisclassified: (v) => `misclassified ${v.toPrecision(2)}`,
  wrongOf2560: (v) => `wrong of 2560: ${Number.isInteger(v) ? v : v.toFixed(1)}`,
  testMse: (v) => `test MSE ${v.toPrecision(2)}`,
};
function details(rs: T[]): string {
  const use = rs.some((r) => r.sequences !== null) ? rs.filter((r) => r.sequences !== null) : rs;
  const keys = [...new Set(use.flatMap((r) => Object.keys(r.report)))];
  return keys
    .map((k) => {
      const v = use.map((r) => r.report[k]).filter(Number.isFinite);
      if (v.length === 0) return '';
      return NAMES[k](v.reduce((a, b) => a + b, 0) / v.length);
    })
    .filter(Boolean)
    .join(', ');
}
const rows: string[] = [];
rows.push(
  '| exp | setting | paper: success (trials), sequences | protocol | ours: success | ours: sequences, mean (range) | ours: details (means) | CPU min |',
);
rows.push('|---|---|---|---|---|---|---|---|');
for (const id of ['1', '2a', '2b', '2c', '3a', '3b', '3c', '4', '5', '6a', '6b']) {
  for (const s of SETTINGS[id]()) {
    const p = paperRow(s.id, s.setting)!;
    const st = /^3[ab]$/.test(s.id);
    const frac = PAPER_FRACTION[`${s.id} ${s.setting}`];
    const paper = `${p.successPercent}% (${p.trials}), ${st ? `ST1 ${fmt(p.sequences)}, ${p.extra}` : fmt(p.sequences)}${!st && p.extra ? `; ${p.extra}` : ''}${frac ? `; misclassified ${frac}` : ''}`;
    for (const v of ['adam', 'paper'] as const) {
      const label =
        v === 'adam'
          ? `Adam ${s.adam.learningRate}, batch ${s.adam.batchSize}`
          : `online SGD, lr ${s.paper.learningRate}`;
      if (v === 'adam' && s.sameAdamAs) {
        rows.push(`| ${s.id} | ${s.setting} | ${paper} | Adam | as lr 0.1 (Adam has no paper rate) | | | |`);
        continue;
      }
      const mine = trials.filter((t) => t.id === s.id && t.setting === s.setting && t.variant === v && !t.long);
      if (mine.length === 0) {
        rows.push(`| ${s.id} | ${s.setting} | ${paper} | ${label} | not run (CPU time) | | | |`);
        continue;
      }
      const ok = mine.filter((t) => t.sequences !== null).map((t) => t.sequences!);
      const mean = ok.length ? ok.reduce((a, b) => a + b, 0) / ok.length : 0;
      const range = ok.length > 1 ? ` (${fmt(Math.min(...ok))}-${fmt(Math.max(...ok))})` : '';
      const cpu = mine.reduce((a, t) => a + t.seconds, 0) / 60;
      rows.push(
        `| ${s.id} | ${s.setting} | ${paper} | ${label} | ${ok.length}/${mine.length} | ${ok.length ? fmt(mean) + range : `none within ${fmt(s.maxSequences)}`} | ${details(mine)} | ${cpu.toFixed(1)} |`,
      );
    }
  }
}
console.log(rows.join('\n'));
