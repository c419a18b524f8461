// Which folders hold only lstmkit's outputs. lstmkit writes into a folder without asking when every
// entry is a file it writes (recognized by name) or one of its temporaries; any other entry makes
// the caller ask ({ overwrite: true }, --force), and even then only lstmkit's own files are replaced.

import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isTemporaryName } from './commit.js';

/** Every file name that lstmkit's saves and commands write into an output folder (see docs/interop.md). */
export const OUTPUT_FILE_NAMES: ReadonlySet<string> = new Set([
  // saveModel
  'model.json',
  'weights.bin',
  // the CLI: beside a saved model, then forecast and tune outputs
  'forecaster.json',
  'vocab.json',
  'report.html',
  'forecast.csv',
  'results.json',
  'best.json',
  'leaderboard.txt',
  'diagnosis.html',
  'trials.jsonl',
]);

/** Subfolders that lstmkit's commands write (holding only the names above). */
export const OUTPUT_FOLDER_NAMES: ReadonlySet<string> = new Set(['model']);

/**
 * Up to `limit` entries of `dir` (relative paths) that lstmkit did not write; [] when the folder is
 * missing, empty or holds only lstmkit's outputs. Its known subfolders are checked one level down.
 * @example foreignEntries('.')  //=> ['data.csv'] in a folder holding a user's CSV
 */
export function foreignEntries(dir: string, limit = 5, depth = 0): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of names.sort()) {
    if (out.length >= limit) break;
    if (isTemporaryName(name)) continue;
    const path = join(dir, name);
    const s = lstatSync(path, { throwIfNoEntry: false });
    if (s?.isFile() && OUTPUT_FILE_NAMES.has(name)) continue;
    if (s?.isDirectory() && depth === 0 && OUTPUT_FOLDER_NAMES.has(name)) {
      for (const inner of foreignEntries(path, limit - out.length, 1)) out.push(`${name}/${inner}`);
      continue;
    }
    out.push(name);
  }
  return out;
}
