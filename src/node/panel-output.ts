// The output folder of a panel run, written as the run goes: results.json (a line per series, then
// the summary) and forecast.csv grow in the output folder's hidden stage (stageFolder); the run's
// per-series results are read back from results.json for the summary; at the end pages.json and
// report.html are added and the staged files replace their older versions by the same crash-safe
// commit as every other output, leaving the folder's other files alone.

import { closeSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { join } from 'node:path';
import type { PanelSetup } from '../forecast/panel/options.js';
import {
  type FutureRow,
  forecastCsvHeader,
  forecastCsvLine,
  parseResultsLine,
  resultsHead,
  resultsSeriesLine,
  resultsTail,
  type SeriesResult,
} from '../forecast/panel/records.js';
import type { PanelStore } from '../forecast/panel/forecast-panel.js';
import { type OutputFolderOptions, stageFolder } from './output-folder.js';

/** Characters gathered before a write: small, so the pieces die young instead of filling the old generation. */
const BUFFER = 1 << 13;

/** An append-only text file with a write buffer. */
class TextSink {
  private fd: number;
  private parts: string[] = [];
  private size = 0;
  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }
  write(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size >= BUFFER) this.flush();
  }
  flush(): void {
    if (this.parts.length) writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
  close(): void {
    if (this.fd < 0) return;
    this.flush();
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = -1;
  }
}

/**
 * The lines of a plain text file, read synchronously a block at a time: each line's objects die
 * before the next is read (an asynchronous reader's queue of lines keeps them long enough to fill
 * the old generation when a large file is read several times).
 * @example for (const line of textLines('out/hourly/forecast.csv')) console.log(line)
 */
export function* textLines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  const decoder = new StringDecoder('utf8');
  const block = Buffer.allocUnsafe(1 << 16);
  let rest = '';
  try {
    for (;;) {
      const n = readSync(fd, block, 0, block.length, null);
      const text = rest + (n > 0 ? decoder.write(block.subarray(0, n)) : decoder.end());
      const lines = text.split('\n');
      rest = n > 0 ? lines.pop()! : '';
      for (const line of lines) yield line.endsWith('\r') ? line.slice(0, -1) : line;
      if (n === 0) break;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the per-series results of a results.json file (complete or still being written).
 * @example for (const r of readSeriesResults('out/hourly/results.json')) console.log(r.id, r.error ?? r.models?.SES)
 */
export function* readSeriesResults(path: string): Generator<SeriesResult> {
  for (const line of textLines(path)) {
    const l = parseResultsLine(line, path);
    if (l.kind === 'series') yield l.result;
  }
}

/** A panel output folder being written. */
export interface PanelOutput {
  /** forecastPanel's hooks: the setup, the results store and the future rows. */
  onSetup(setup: PanelSetup): void;
  store: PanelStore;
  onFuture(rows: FutureRow[]): void;
  /** Writes the tail of results.json, the other files, and moves the folder into place; returns its path. */
  finish(summary: object, future: object, files: ReadonlyMap<string, string>): Promise<string>;
  /** Removes the unfinished folder (after a failure). */
  discard(): Promise<void>;
}

/**
 * Starts writing a panel output folder at `dir` (checked first: a new folder or an earlier lstmkit
 * output, or any folder with `overwrite`). The files grow in the folder's hidden stage and replace
 * their older versions on finish, crash-safely, leaving every other file alone (as writeFolder).
 * @example const out = await panelOutput('out/hourly'); const r = await forecastPanel(panel, options, out); await out.finish(r.summary, r.future, new Map());
 */
export async function panelOutput(dir: string, options: OutputFolderOptions = {}): Promise<PanelOutput> {
  const staged = await stageFolder(dir, options);
  const tmp = staged.stagePath;
  const results = new TextSink(join(tmp, 'results.json'));
  let csv: TextSink | null = null;
  let first = true;
  return {
    onSetup(setup) {
      results.write(`${resultsHead(setup)}\n`);
      csv = new TextSink(join(tmp, 'forecast.csv'));
      csv.write(`${forecastCsvHeader(setup.levels)}\n`);
    },
    store: {
      add(rs) {
        for (const r of rs) {
          results.write(`${resultsSeriesLine(r, first)}\n`);
          first = false;
        }
      },
      results() {
        results.flush();
        return readSeriesResults(results.path);
      },
    },
    onFuture(rows) {
      for (const r of rows) csv!.write(`${forecastCsvLine(r)}\n`);
    },
    async finish(summary, future, files) {
      results.write(`${resultsTail(summary, future)}\n`);
      results.close();
      csv?.close();
      for (const [name, content] of files) {
        const f = new TextSink(join(tmp, name));
        f.write(content);
        f.close();
      }
      return staged.commit();
    },
    async discard() {
      results.close();
      csv?.close();
      staged.discard();
    },
  };
}
