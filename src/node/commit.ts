// Crash-safe replacement of files inside a folder that may also hold the user's own files (model
// folders, the CLI's --out). (1) New files go to a stage folder inside the target, fsynced. (2) A
// journal naming them is written atomically (write, fsync, rename): the commit point. (3) Staged
// files are renamed over the old ones, one by one. (4) The stage and the journal are removed.
// A crash before (2) leaves the old files and a stale stage that the next run removes; after (2) the
// next run rolls forward, and readers meanwhile take the staged copy of any file not yet moved
// (currentPath). Only the files the journal lists are ever replaced; only lstmkit's own temporaries
// are ever deleted. One writer per folder at a time (a second one is refused while the first lives).

import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  type Stats,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FormatError, StateError } from '../errors.js';
import { expectArray, expectObject, expectString, parseJsonSafe } from '../io/safe-json.js';
import { faultPoint } from './fault-points.js';
import { isOutputFolderName, isOutputPath, isTemporaryName, JOURNAL, JOURNAL_TMP, STAGE_PREFIX } from './own-files.js';
import { readRegularFile } from './safe-read.js';

const STAGE_NAME = /^\.lstmkit-stage-\d+-[0-9a-f]+$/;
const MAX_JOURNAL_BYTES = 1 << 20;

interface Journal {
  stage: string;
  files: string[];
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/**
 * Writes a file and fsyncs it before returning (durable once the folder entry is fsynced too).
 * @example writeDurable('out/.lstmkit-stage-1-ab/report.html', html);
 */
export function writeDurable(path: string, data: Uint8Array | string): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const fd = openSync(path, 'w');
  try {
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a folder's entries (creations, renames) durable; a no-op where folders cannot be opened (Windows). */
function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // some file systems refuse fsync on folders; the renames are still atomic
  } finally {
    closeSync(fd);
  }
}

function ownerPid(name: string): number {
  const m = /-(\d+)-[0-9a-f]+$/.exec(name);
  return m ? Number(m[1]) : Number.NaN;
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function checkRelative(rel: string, what: string, where: string): void {
  if (!isOutputPath(rel))
    throw new FormatError(
      `${what} names ${JSON.stringify(rel).slice(0, 80)}, which is not a file lstmkit writes`,
      where,
    );
}

function readJournal(dir: string, where: string): Journal | null {
  const path = join(dir, JOURNAL);
  if (!lstatOrNull(path)) return null;
  const text = Buffer.from(readRegularFile(path, { where, maxBytes: MAX_JOURNAL_BYTES, within: dir })).toString();
  const o = expectObject(parseJsonSafe(text, `${where} (${path})`), path, where);
  const stage = expectString(o.stage, `${path}: stage`, where);
  if (!STAGE_NAME.test(stage))
    throw new FormatError(`${path}: stage ${JSON.stringify(stage)} is not a stage folder`, where);
  const files = expectArray(o.files, `${path}: files`, where, 10_000).map((f) =>
    expectString(f, `${path}: file`, where),
  );
  for (const f of files) checkRelative(f, path, where);
  const st = lstatOrNull(join(dir, stage));
  if (st && !st.isDirectory())
    throw new FormatError(
      `${path}: ${stage} is not a folder (a symbolic link?); lstmkit writes its stages as folders`,
      where,
    );
  return { stage, files };
}

function rollForward(dir: string, j: Journal): void {
  const touched = new Set<string>([dir]);
  for (const rel of j.files) {
    const from = join(dir, j.stage, rel);
    if (!lstatOrNull(from)) continue; // moved before a crash
    const to = join(dir, rel);
    mkdirSync(dirname(to), { recursive: true });
    renameSync(from, to);
    touched.add(dirname(to));
    faultPoint('commit:renamed');
  }
  for (const d of touched) fsyncDir(d);
  faultPoint('commit:moved');
  rmSync(join(dir, j.stage), { recursive: true, force: true });
  faultPoint('commit:stage-removed');
  unlinkSync(join(dir, JOURNAL));
  fsyncDir(dir);
}

/**
 * Finishes a replacement a crash interrupted (rolls the journal forward) and deletes the stale
 * temporaries of killed runs, in `dir` and its output subfolders (model/). Refuses while another
 * live process is committing into `dir`.
 * @example recoverFolder('out/airline', 'lstmkit forecast');
 */
export function recoverFolder(dir: string, where: string): void {
  const j = readJournal(dir, where);
  if (j) {
    const pid = ownerPid(j.stage);
    if (pid !== process.pid && alive(pid))
      throw new StateError(
        `${dir} is being written by another lstmkit process (pid ${pid}); wait for it to finish`,
        where,
      );
    rollForward(dir, j);
  }
  for (const name of readdirSync(dir)) {
    if (isOutputFolderName(name) && lstatOrNull(join(dir, name))?.isDirectory()) recoverFolder(join(dir, name), where);
    if (name === JOURNAL || !isTemporaryName(name) || alive(ownerPid(name))) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/**
 * Creates a fresh stage folder inside `dir` (which must exist) and returns its name.
 * @example const stage = createStage('out/model'); writeDurable(join('out/model', stage, 'a.txt'), 'hi');
 */
export function createStage(dir: string): string {
  const name = `${STAGE_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`;
  mkdirSync(join(dir, name));
  return name;
}

function filesUnder(root: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) for (const f of filesUnder(root, rel)) out.push(f);
    else out.push(rel);
  }
  return out;
}

/**
 * Moves every file of the stage over its counterpart in `dir`, crash-safely (see the file header).
 * Returns the relative paths replaced.
 * @example commitStage('out/model', stage, 'saveModel');
 */
export function commitStage(dir: string, stage: string, where: string): string[] {
  const files = filesUnder(join(dir, stage)).sort();
  // Refuse before the commit point whatever a rename could not do, so no journal is left that cannot finish.
  for (const rel of files) {
    if (!isOutputPath(rel))
      throw new StateError(
        `${rel} is not among the files lstmkit writes (OUTPUT_FILE_NAMES in src/node/own-files.ts); a folder holding it would not be recognized as lstmkit's on the next run`,
        where,
      );
    const to = lstatOrNull(join(dir, rel));
    if (to?.isDirectory())
      throw new StateError(`${join(dir, rel)} is a folder; lstmkit would have to replace it by a file`, where);
    const parts = rel.split('/');
    for (let k = 1; k < parts.length; k++) {
      const p = lstatOrNull(join(dir, ...parts.slice(0, k)));
      if (p && !p.isDirectory())
        throw new StateError(`${join(dir, ...parts.slice(0, k))} is a file; lstmkit would write a folder there`, where);
    }
  }
  for (const d of new Set(files.map((f) => dirname(join(dir, stage, f))))) fsyncDir(d);
  faultPoint('commit:staged');
  const journal: Journal = { stage, files };
  const tmp = join(dir, `${JOURNAL_TMP}${process.pid}-${randomBytes(4).toString('hex')}`);
  writeDurable(tmp, JSON.stringify(journal));
  faultPoint('commit:journal-written');
  renameSync(tmp, join(dir, JOURNAL));
  fsyncDir(dir);
  faultPoint('commit:journal');
  rollForward(dir, journal);
  return files;
}

/**
 * Removes a stage after a failure, unless a journal already commits it (then the next run finishes it).
 * @example discardStage('out/model', stage);
 */
export function discardStage(dir: string, stage: string): void {
  try {
    if (readJournal(dir, 'discard')?.stage === stage) return;
  } catch {
    // an unreadable journal is reported by the next run; the stage stays for it
    return;
  }
  rmSync(join(dir, stage), { recursive: true, force: true });
}

/**
 * Where the current version of `dir/rel` is: the staged copy while a committed replacement (of `dir`,
 * or of the output folder above it for model/ and member-<r>/ subfolders) is not finished, else `dir/rel`. `root` is the folder that reads
 * of it must stay inside (the folder of the journal that names it).
 * @example const { path } = currentPath('out/airline/model', 'model.json', 'loadModel');
 */
export function currentPath(dir: string, rel: string, where: string): { path: string; root: string } {
  // The journal of an output folder may sit up to two levels above: out/ for out/model/member-0/weights.bin.
  let root = dir,
    sub = rel;
  for (let up = 0; up < 3; up++) {
    const j = readJournal(root, where);
    const staged = join(root, j?.stage ?? '', sub);
    if (j?.files.includes(sub) && lstatOrNull(staged)) return { path: staged, root };
    if (dirname(root) === root || !isOutputFolderName(basename(root))) break;
    sub = `${basename(root)}/${sub}`;
    root = dirname(root);
  }
  return { path: join(dir, rel), root: dir };
}

/**
 * Reads an output file (forecaster.json, vocab.json, ...) as a reader must: the committed version
 * (see currentPath), as a bounded read of a regular file inside its folder; FormatError otherwise.
 * @example JSON.parse(readOutputText('out/model', 'forecaster.json', { where: 'predict', maxBytes: 1 << 20 }))
 */
export function readOutputText(dir: string, rel: string, limits: { where: string; maxBytes: number }): string {
  const { path, root } = currentPath(dir, rel, limits.where);
  return Buffer.from(readRegularFile(path, { ...limits, within: root })).toString('utf8');
}
