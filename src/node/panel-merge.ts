// Merging the output folders of panel runs over disjoint series (the shards of one panel) into one
// output, as if the panel had been forecast at once: the per-series results are concatenated, the
// summary is recomputed from them by the same code (summarizePanel), the intervals are recalibrated
// over all series and forecast.csv's bounds redrawn with them, and the report's pages re-chosen.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError } from '../errors.js';
import type { FutureSummary } from '../forecast/panel/forecast-panel.js';
import type { PanelSetup } from '../forecast/panel/options.js';
import type { SeriesPage } from '../forecast/panel/pages.js';
import {
  type FutureRow,
  forecastCsvHeader,
  parseForecastCsvLine,
  parseResultsLine,
  type SeriesResult,
} from '../forecast/panel/records.js';
import { panelReport } from '../forecast/panel/report.js';
import { type PanelSummary, PROBLEMS_LISTED, summarizePanel } from '../forecast/panel/summary.js';
import { panelOutput, readSeriesResults, textLines } from './panel-output.js';

/** What a merge wrote. */
export interface MergeResult {
  setup: PanelSetup;
  summary: PanelSummary;
  future: FutureSummary;
  pages: SeriesPage[];
  /** The output folder. */
  dir: string;
}

/** Setup fields every merged output must share. */
const SHARED = [
  'horizon',
  'season',
  'levels',
  'models',
  'futureModel',
  'minLength',
  'missing',
  'frequency',
  'global',
] as const;

interface Part {
  dir: string;
  setup: PanelSetup;
  summary: PanelSummary | null;
  future: FutureSummary | null;
}

async function readPart(dir: string): Promise<Part> {
  const path = join(dir, 'results.json');
  let setup: PanelSetup | null = null,
    summary: PanelSummary | null = null,
    future: FutureSummary | null = null;
  for (const line of textLines(path)) {
    const l = parseResultsLine(line, path);
    if (l.kind === 'head') setup = l.setup as PanelSetup;
    else if (l.kind === 'summary') summary = l.summary as PanelSummary;
    else if (l.kind === 'future') future = l.future as FutureSummary;
  }
  if (!setup) throw new DataError(`${path} has no head line; is it a panel run's results.json?`, 'mergePanelOutputs');
  if (!summary || !future)
    throw new DataError(`${path} is unfinished (no summary); rerun that shard`, 'mergePanelOutputs');
  return { dir, setup, summary, future };
}

/**
 * Merges panel output folders (e.g. every `--shard i/N` of one panel) into `out`.
 * @example await mergePanelOutputs(['out/shard-0', 'out/shard-1'], 'out/all')
 */
export async function mergePanelOutputs(
  dirs: readonly string[],
  out: string,
  options: { title?: string; overwrite?: boolean } = {},
): Promise<MergeResult> {
  const where = 'mergePanelOutputs';
  if (dirs.length === 0) throw new DataError('no output folders to merge', where);
  const parts: Part[] = [];
  for (const d of dirs) parts.push(await readPart(d));
  const first = parts[0];
  for (const p of parts.slice(1))
    for (const k of SHARED)
      if (JSON.stringify(p.setup[k]) !== JSON.stringify(first.setup[k]))
        throw new DataError(
          `the outputs disagree on ${k}: ${first.dir} has ${JSON.stringify(first.setup[k])}, ${p.dir} has ${JSON.stringify(p.setup[k])}; run every shard with the same options (give horizon and season explicitly)`,
          where,
        );
  const sharded = parts.filter((p) => p.setup.shard);
  const counts = new Set(sharded.map((p) => p.setup.shard!.count));
  if (counts.size > 1)
    throw new DataError(`the outputs are shards of different counts (${[...counts].join(', ')})`, where);
  const indices = sharded.map((p) => p.setup.shard!.index).sort((a, b) => a - b);
  if (new Set(indices).size !== indices.length)
    throw new DataError(`a shard is given twice (shards ${indices.join(', ')})`, where);
  const count = [...counts][0];
  const missing = count ? Array.from({ length: count }, (_, i) => i).filter((i) => !indices.includes(i)) : [];
  const { shard: _shard, merged: _merged, ...rest } = first.setup;
  const setup: PanelSetup = {
    ...rest,
    merged: {
      outputs: parts.length,
      ...(count ? { shards: indices, count, ...(missing.length ? { missing } : {}) } : {}),
    },
  };

  // Every series once; its scale redraws the bounds of its future.
  const scales = new Map<string, number>();
  const results = function* (): Generator<SeriesResult> {
    for (const p of parts) yield* readSeriesResults(join(p.dir, 'results.json'));
  };
  for (const r of results()) {
    if (scales.has(r.id))
      throw new DataError(`series ${JSON.stringify(r.id)} is in more than one output; merge disjoint shards`, where);
    scales.set(r.id, r.scale ?? Number.NaN);
  }
  const { summary, pageRecords } = await summarizePanel(results, setup);
  for (const p of parts)
    if (p.future!.series > 0 && p.future!.model !== summary.chosen)
      throw new DataError(
        `${p.dir} forecast the future with ${p.future!.model}, but over all series the model to use is ${summary.chosen}; rerun the shards with futureModel ${summary.chosen} (--future-model ${summary.chosen})`,
        where,
      );
  const future: FutureSummary = {
    model: summary.chosen,
    series: parts.reduce((a, p) => a + p.future!.series, 0),
    failed: parts.reduce((a, p) => a + p.future!.failed, 0),
    failures: parts.flatMap((p) => p.future!.failures).slice(0, PROBLEMS_LISTED),
  };

  const output = await panelOutput(out, { overwrite: options.overwrite === true });
  try {
    output.onSetup(setup);
    for (const p of parts) {
      let batch: SeriesResult[] = [];
      for (const r of readSeriesResults(join(p.dir, 'results.json'))) {
        batch.push(r);
        if (batch.length >= 1024) {
          await output.store.add(batch);
          batch = [];
        }
      }
      await output.store.add(batch);
    }
    const widths = summary.intervals.futureWidths;
    const header = forecastCsvHeader(setup.levels);
    for (const p of parts) {
      const path = join(p.dir, 'forecast.csv');
      let rows: FutureRow[] = [],
        line0 = true;
      for (const line of textLines(path)) {
        if (line0) {
          line0 = false;
          if (line !== header)
            throw new DataError(
              `${path} starts with ${JSON.stringify(line)}, expected ${JSON.stringify(header)}`,
              where,
            );
          continue;
        }
        if (!line) continue;
        const r = parseForecastCsvLine(line, setup.levels.length);
        const s = scales.get(r.id) ?? Number.NaN;
        rows.push({
          ...r,
          lower: widths.map((w) => r.forecast - w[r.step - 1] * s),
          upper: widths.map((w) => r.forecast + w[r.step - 1] * s),
        });
        if (rows.length >= 4096) {
          output.onFuture(rows);
          rows = [];
        }
      }
      output.onFuture(rows);
    }
    const wanted = new Set(pageRecords.map((r) => r.id));
    const pages: SeriesPage[] = [];
    for (const p of parts) {
      const text = await readFile(join(p.dir, 'pages.json'), 'utf8').catch(() => '[]');
      for (const page of JSON.parse(text) as SeriesPage[])
        if (wanted.has(page.id))
          pages.push({ ...page, group: summary.pages.worst.includes(page.id) ? 'worst' : 'best' });
    }
    const order = [...summary.pages.worst, ...summary.pages.best];
    pages.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    const report = panelReport({ setup, summary, future, pages, ...(options.title ? { title: options.title } : {}) });
    const dir = await output.finish(
      summary,
      future,
      new Map([
        ['pages.json', `${JSON.stringify(pages)}\n`],
        ['report.html', report],
      ]),
    );
    return { setup, summary, future, pages, dir };
  } catch (e) {
    await output.discard();
    throw e;
  }
}
