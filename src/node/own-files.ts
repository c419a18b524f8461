// Which folders hold only lstmkit's outputs. lstmkit writes into a folder without asking when every
// entry is a file it writes (recognized by name) or one of its temporaries; any other entry makes
// the caller ask ({ overwrite: true }, --force), and even then only lstmkit's own files are replaced.

import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Names of stage folders (commit.ts): `.lstmkit-stage-<pid>-<hex>`. */
export const STAGE_PREFIX = '.lstmkit-stage-';
/** The journal of a replacement in progress (commit.ts). */
export const JOURNAL = '.lstmkit-commit.json';
/** Names of the journal's temporary before its atomic rename: `.lstmkit-commit.json.tmp-<pid>-<hex>`. */
export const JOURNAL_TMP = `${JOURNAL}.tmp-`;

/**
 * True when lstmkit created this name as a temporary (a stage folder, the journal or its temporary).
 * @example isTemporaryName('.lstmkit-stage-42-0a1b')  //=> true
 */
export function isTemporaryName(name: string): boolean {
  return name.startsWith(STAGE_PREFIX) || name.startsWith(JOURNAL_TMP) || name === JOURNAL;
}

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
 * True for a relative path (with '/') that lstmkit writes: an output file name, or one inside an
 * output subfolder ('model/weights.bin').
 * @example [isOutputPath('model/weights.bin'), isOutputPath('../x'), isOutputPath('notes.txt')]  //=> [true, false, false]
 */
export function isOutputPath(rel: string): boolean {
  const parts = rel.split('/');
  if (parts.length === 1) return OUTPUT_FILE_NAMES.has(parts[0]);
  return parts.length === 2 && OUTPUT_FOLDER_NAMES.has(parts[0]) && OUTPUT_FILE_NAMES.has(parts[1]);
}

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
