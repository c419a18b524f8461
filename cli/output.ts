// The CLI's --out folders. Everything is written to a stage folder inside --out first; the finished
// files then replace their older versions crash-safely (src/node/commit.ts). A folder holding files
// lstmkit did not write is refused unless --force, and even then only lstmkit's files are replaced;
// a failed run leaves --out as it was (a folder it created is removed again).

import { mkdirSync, readdirSync, rmdirSync, type Stats, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { commitStage, createStage, discardStage, recoverFolder, writeDurable } from '../src/node/commit.js';
import { foreignEntries } from '../src/node/own-files.js';
import { UsageError } from './errors.js';

export interface StagedDir {
  /** The temporary folder to write into (inside --out). */
  readonly path: string;
  /** Writes one file of the output (name relative to --out, e.g. 'model/forecaster.json'), fsynced. */
  write(name: string, content: string): void;
  /** Replaces the older outputs by the staged files, crash-safely; returns the --out folder. */
  commit(): string;
  /** Removes the staged files (after a failure); a folder this run created is removed if left empty. */
  discard(): void;
}

export interface StageOptions {
  /** Write into a folder that holds files lstmkit did not write (--force); they are left untouched. */
  force?: boolean;
}

/**
 * Checks --out and creates its stage folder right away, so a refused or unwritable location fails
 * before any work; stale temporaries of killed runs are cleaned here.
 * @example const dir = stageDir('out/airline'); dir.write('a.txt', 'hi'); dir.commit();
 */
export function stageDir(out: string, options: StageOptions = {}): StagedDir {
  const target = resolve(out);
  const where = `--out ${out}`;
  const unwritable = (e: unknown) =>
    new UsageError(
      `cannot write to --out ${out} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); choose a writable folder`,
    );
  let info: Stats | undefined;
  try {
    info = statSync(target, { throwIfNoEntry: false });
  } catch (e) {
    throw unwritable(e);
  }
  if (info && !info.isDirectory()) throw new UsageError(`--out ${out} is a file; pass a folder path`);
  const foreign = options.force ? [] : foreignEntries(target);
  if (foreign.length > 0)
    throw new UsageError(
      `--out ${out} holds files lstmkit did not write (${foreign.join(', ')}); choose a new or empty folder, or pass --force to write lstmkit's files beside them (nothing else is touched)`,
    );
  const created = !info;
  let stage: string;
  try {
    mkdirSync(target, { recursive: true });
    recoverFolder(target, where);
    stage = createStage(target);
  } catch (e) {
    if (e instanceof Error && !('code' in e)) throw e;
    throw unwritable(e);
  }
  const path = join(target, stage);
  return {
    path,
    write(name, content) {
      mkdirSync(dirname(join(path, name)), { recursive: true });
      writeDurable(join(path, name), content);
    },
    commit() {
      commitStage(target, stage, where);
      return target;
    },
    discard() {
      discardStage(target, stage);
      if (created && readdirSync(target).length === 0) rmdirSync(target);
    },
  };
}
