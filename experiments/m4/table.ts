// Prints experiments/m4/results.jsonl (one line per run-global.ts phase) as a markdown table:
//   npx tsx experiments/m4/table.ts [--set Hourly]
// A row per (tag, set): validation and (when run) test sMAPE / MASE / OWA, members' validation OWAs,
// wall and CPU seconds, peak RSS and the 1-minute load average at start / end of the run.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: a } = parseArgs({ options: { set: { type: 'string' } } });
interface Row {
  tag: string;
  set: string;
  kind: 'val' | 'test';
  smape: number;
  mase: number;
  owa: number;
  memberOwa: number[];
  sec: number;
  cpuSec?: number;
  peakRssMB: number;
  load: number[];
  workers?: number;
  config: string;
}
const rows: Row[] = readFileSync('experiments/m4/results.jsonl', 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const key = (r: Row) => `${r.set} ${r.tag}`;
const byKey = new Map<string, { val?: Row; test?: Row }>();
for (const r of rows) {
  if (a.set && r.set !== a.set) continue;
  const e = byKey.get(key(r)) ?? {};
  e[r.kind] = r; // the last run of a tag wins
  byKey.set(key(r), e);
}
const cost = (r: Row) =>
  `${r.sec} s / ${r.cpuSec ?? '-'} s | ${r.peakRssMB} MB | ${r.load.map((l) => l.toFixed(0)).join('-')}${r.workers && r.workers > 1 ? ` (${r.workers} workers)` : ''}`;
console.log(
  '| set | tag | config | val sMAPE / MASE / OWA | members | test sMAPE / MASE / OWA | wall / CPU (val run) | peak RSS | load |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const [, { val, test }] of byKey) {
  const r = val ?? test!;
  const score = (x?: Row) => (x ? `${x.smape.toFixed(2)} / ${x.mase.toFixed(3)} / **${x.owa.toFixed(3)}**` : '');
  const members =
    val && val.memberOwa.length > 1
      ? `${Math.min(...val.memberOwa).toFixed(3)}-${Math.max(...val.memberOwa).toFixed(3)}`
      : '';
  console.log(`| ${r.set} | ${r.tag} | \`${r.config}\` | ${score(val)} | ${members} | ${score(test)} | ${cost(r)} |`);
}
