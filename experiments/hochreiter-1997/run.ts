// Runs experiments of Hochreiter & Schmidhuber (1997) and prints the paper's row beside ours.
// Usage: npx tsx experiments/hochreiter-1997/run.ts [ids...] [--variant paper|adam|both] [--trials N]
//        [--first-seed S] [--max SEQUENCES] [--setting "T=100 N=3"] [--small] [--verbose]
// --small runs the versions `npm test` runs; --verbose prints each trial as JSON on stderr.
// ids: 1 2a 2b 2c 3a 3b 3c 4 5 6a 6b (default: all). Each trial is seeded (seeds S..S+N-1, S = 1).

import { parseArgs } from 'node:util';
import { runTrial, SETTINGS, SMALL, type TrialResult, type VariantKind } from './experiments.js';
import { paperRow } from './paper.js';

/** Mean and range of the successful trials' sequence counts, and the success rate, as table cells. */
export function summarize(results: TrialResult[]): { success: string; sequences: string } {
  const ok = results.filter((r) => r.sequences !== null).map((r) => r.sequences!);
  const pct = Math.round((100 * ok.length) / results.length);
  if (ok.length === 0) return { success: `0% of ${results.length}`, sequences: '-' };
  const mean = ok.reduce((a, b) => a + b, 0) / ok.length;
  const range =
    ok.length > 1 ? ` (${Math.min(...ok).toLocaleString('en')}-${Math.max(...ok).toLocaleString('en')})` : '';
  return {
    success: `${pct}% of ${results.length}`,
    sequences: `${Math.round(mean).toLocaleString('en')}${range}`,
  };
}

/** Mean of each report field over the successful trials (all trials when none succeeded). */
export function meanReport(results: TrialResult[]): string {
  const use = results.some((r) => r.sequences !== null) ? results.filter((r) => r.sequences !== null) : results;
  const keys = [...new Set(use.flatMap((r) => Object.keys(r.report)))];
  return keys
    .map((k) => {
      const v = use.map((r) => r.report[k]).filter(Number.isFinite);
      if (v.length === 0) return `${k} -`;
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      return `${k} ${Number.isInteger(m) ? m : m.toPrecision(3)}`;
    })
    .join(', ');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values: o, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      variant: { type: 'string', default: 'both' },
      trials: { type: 'string', default: '3' },
      'first-seed': { type: 'string', default: '1' },
      max: { type: 'string' },
      setting: { type: 'string' },
      small: { type: 'boolean' },
      verbose: { type: 'boolean' },
    },
  });
  const table = o.small ? Object.fromEntries(Object.entries(SMALL).map(([k, f]) => [k, () => [f()]])) : SETTINGS;
  const ids = positionals.length ? positionals : Object.keys(table);
  const variants: VariantKind[] = o.variant === 'both' ? ['paper', 'adam'] : [o.variant as VariantKind];
  const trials = Number(o.trials),
    firstSeed = Number(o['first-seed']);
  const header = [
    'exp',
    'setting',
    'paper: success, sequences',
    'variant',
    'ours: success',
    'ours: sequences',
    'ours: details',
    'CPU min',
  ];
  console.log(header.join(' | '));
  for (const id of ids) {
    const make = table[id];
    if (!make) throw new Error(`unknown experiment '${id}'; use one of ${Object.keys(table).join(' ')}`);
    for (const s of make()) {
      if (o.setting && s.setting !== o.setting) continue;
      const p = paperRow(s.id, s.setting);
      for (const v of variants) {
        if (v === 'adam' && s.sameAdamAs) {
          console.log(
            [
              s.id,
              s.setting,
              p ? `${p.successPercent}%, ${p.sequences.toLocaleString('en')}` : '-',
              'Adam',
              `as ${s.sameAdamAs}`,
            ].join(' | '),
          );
          continue;
        }
        const results: TrialResult[] = [];
        for (let seed = firstSeed; seed < firstSeed + trials; seed++) {
          const r = await runTrial(s, v, seed, o.max ? Number(o.max) : undefined);
          if (o.verbose) console.error(JSON.stringify(r));
          results.push(r);
        }
        const sum = summarize(results);
        const minutes = results.reduce((a, r) => a + r.seconds, 0) / 60;
        console.log(
          [
            s.id,
            s.setting,
            p ? `${p.successPercent}%, ${p.sequences.toLocaleString('en')}${p.extra ? ` (${p.extra})` : ''}` : '-',
            v === 'paper'
              ? `online SGD lr ${s.paper.learningRate}`
              : `Adam ${s.adam.learningRate}, batch ${s.adam.batchSize}`,
            sum.success,
            sum.sequences,
            meanReport(results),
            minutes.toFixed(1),
          ].join(' | '),
        );
      }
    }
  }
}
