// `lstmkit merge <dir...> --out d`: the output folders of panel runs over disjoint series (the shards
// of one panel, --shard i/N) combined into one, with the summary, intervals and report recomputed
// over all series (lstmkit/node mergePanelOutputs).

import { panelSummaryLines } from 'lstmkit';
import { mergePanelOutputs } from 'lstmkit/node';
import { type CommandSpec, parseCommand } from './args.js';
import { UsageError } from './errors.js';
import { FORCE_OPTION } from './output.js';

export const MERGE: CommandSpec = {
  name: 'merge',
  summary:
    'Merge the output folders of panel forecasts over disjoint series (e.g. every --shard i/N) into one: the same results.json, forecast.csv and report as a single run over all series.',
  positionals: '<dir> [<dir> ...]',
  arity: [1, 100_000],
  options: {
    out: { type: 'string', description: 'the merged output folder (required)', value: 'dir' },
    json: { type: 'boolean', description: 'print a JSON summary instead of text' },
    force: FORCE_OPTION,
  },
  examples: [
    'lstmkit merge out/shard-0 out/shard-1 out/shard-2 out/shard-3 --out out/all',
    'lstmkit merge out/shard-* --out out/all --json',
  ],
};

export async function mergeCommand(argv: string[]): Promise<void> {
  const parsed = parseCommand(MERGE, argv);
  if (!parsed) return;
  const { values: o, positionals } = parsed;
  if (typeof o.out !== 'string') throw new UsageError('--out is required; pass --out <dir> for the merged folder');
  const r = await mergePanelOutputs(positionals, o.out, { overwrite: o.force === true });
  if (o.json === true) {
    process.stdout.write(`${JSON.stringify({ setup: r.setup, summary: r.summary, future: r.future, out: r.dir })}\n`);
    return;
  }
  const m = r.setup.merged;
  const lines = [
    `merged ${m?.outputs ?? positionals.length} outputs${m?.count ? ` (shards ${m.shards?.join(', ')} of ${m.count})` : ''}`,
    ...(m?.missing?.length
      ? [`warning: shards ${m.missing.join(', ')} of ${m.count} are missing; the summary covers the others only`]
      : []),
    ...panelSummaryLines(r),
    `report: ${r.dir}/report.html  (forecast.csv, results.json, pages.json beside it)`,
  ];
  console.log(lines.join('\n'));
}
