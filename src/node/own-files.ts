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

/** Marker file that lstmkit's folder writers (writeFolder) put into each output folder. */
export const OUTPUT_MARKER = '.lstmkit-output';

/** Every file name that lstmkit's saves and commands write into an output folder (see docs/interop.md). */
export const OUTPUT_FILE_NAMES: ReadonlySet<string> = new Set([
  OUTPUT_MARKER,
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

/** Subfolders that lstmkit writes: a forecast's model/, a saved forecaster's member-<r>/ (ensemble members). */
export function isOutputFolderName(name: string): boolean {
  return name === 'model' || /^member-\d{1,4}$/.test(name);
}

/** Deepest output file below an output folder: 'model/member-0/weights.bin'. */
const MAX_OUTPUT_DEPTH = 3;

/**
 * True for a relative path (with '/') that lstmkit writes: an output file name, possibly inside
 * output subfolders ('model/member-0/weights.bin').
 * @example [isOutputPath('model/weights.bin'), isOutputPath('../x'), isOutputPath('notes.txt')]  //=> [true, false, false]
 */
export function isOutputPath(rel: string): boolean {
  const parts = rel.split('/');
  return (
    parts.length <= MAX_OUTPUT_DEPTH &&
    OUTPUT_FILE_NAMES.has(parts[parts.length - 1]) &&
    parts.slice(0, -1).every(isOutputFolderName)
  );
}

/**
 * Up to `limit` entries of `dir` (relative paths) that lstmkit did not write; [] when the folder is
 * missing, empty or holds only lstmkit's outputs. Its output subfolders are checked too.
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
    if (s?.isDirectory() && depth < MAX_OUTPUT_DEPTH - 1 && isOutputFolderName(name)) {
      for (const inner of foreignEntries(path, limit - out.length, depth + 1)) out.push(`${name}/${inner}`);
      continue;
    }
    out.push(name);
  }
  return out;
}
