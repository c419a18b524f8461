// Writes a folder of files as one step: everything goes to a hidden sibling folder first (each file
// fsynced), which then takes the target's place by rename. A folder that holds anything lstmkit did
// not write is never replaced.

import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError } from '../errors.js';

/** Marker file in every folder lstmkit writes: a folder with it holds only lstmkit's own files. */
export const OUTPUT_MARKER = '.lstmkit-output';

async function writeSynced(path: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const f = await open(path, 'w');
  try {
    await f.writeFile(data);
    await f.sync();
  } finally {
    await f.close();
  }
}

/**
 * Checks before any work that `dir` can become an lstmkit output folder: not a file, not a folder
 * of someone else's files, and its parent can be created. Throws a ConfigError naming the problem.
 * @example await checkOutputFolder('out/airline');
 */
export async function checkOutputFolder(dir: string): Promise<void> {
  const target = resolve(dir);
  const existing = await stat(target).catch(() => null);
  if (existing && !existing.isDirectory()) throw new ConfigError(`${dir} is a file; pass a folder path`, 'output');
  if (existing) {
    const names = await readdir(target);
    if (names.length && !names.includes(OUTPUT_MARKER))
      throw new ConfigError(`${dir} holds files lstmkit did not write; choose an empty or new folder`, 'output');
    return;
  }
  try {
    await mkdir(dirname(target), { recursive: true });
  } catch (e) {
    throw new ConfigError(
      `cannot write to ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); choose a writable folder`,
      'output',
    );
  }
}

/**
 * Writes `files` (relative paths) as the folder `dir`. An existing `dir` is replaced only when it is
 * empty or an earlier lstmkit output (it has the marker file).
 * @example await writeFolder('out/x', new Map([['a.txt', 'hi']]));
 */
export async function writeFolder(
  dir: string,
  files: ReadonlyMap<string, string | Uint8Array>,
  _options: { overwrite?: boolean } = {},
): Promise<string> {
  const target = resolve(dir);
  await checkOutputFolder(dir);
  const existing = await stat(target).catch(() => null);
  const tmp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${randomBytes(3).toString('hex')}`);
  try {
    for (const [name, data] of files) await writeSynced(join(tmp, name), data);
    await writeSynced(join(tmp, OUTPUT_MARKER), 'written by lstmkit\n');
    const old = `${tmp}.old`;
    if (existing) await rename(target, old);
    await rename(tmp, target);
    if (existing) await rm(old, { recursive: true, force: true });
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  return target;
}
