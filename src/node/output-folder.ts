// Writes a set of output files (relative paths, e.g. 'model/member-0/weights.bin') into a folder,
// replacing their older versions crash-safely through commit.ts. A folder holding files lstmkit did
// not write is refused unless { overwrite: true }, and even then only lstmkit's files are replaced.

import { mkdirSync, rmdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, LstmkitError } from '../errors.js';
import { commitStage, createStage, discardStage, recoverFolder, writeDurable } from './commit.js';
import { foreignEntries, isOutputPath, OUTPUT_MARKER } from './own-files.js';

export { OUTPUT_MARKER };

/** Options of checkOutputFolder and writeFolder. */
export interface OutputFolderOptions {
  /** Write into a folder that holds files lstmkit did not write (they are left untouched). Default false. */
  overwrite?: boolean;
}

function unwritable(dir: string, e: unknown): ConfigError {
  return new ConfigError(
    `cannot write to ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); choose a writable folder`,
    'output',
  );
}

/**
 * Checks before any work that `dir` can take lstmkit's outputs: not a file, not holding files lstmkit
 * did not write (unless `overwrite`), and creatable. Throws a ConfigError naming the problem.
 * @example await checkOutputFolder('out/airline');
 */
export async function checkOutputFolder(dir: string, options: OutputFolderOptions = {}): Promise<void> {
  const target = resolve(dir);
  let info: ReturnType<typeof statSync>;
  try {
    info = statSync(target, { throwIfNoEntry: false });
  } catch (e) {
    throw unwritable(dir, e);
  }
  if (info && !info.isDirectory()) throw new ConfigError(`${dir} is a file; pass a folder path`, 'output');
  const foreign = options.overwrite ? [] : foreignEntries(target);
  if (foreign.length > 0)
    throw new ConfigError(
      `${dir} holds files lstmkit did not write (${foreign.join(', ')}); choose an empty or new folder, or write lstmkit's files beside them with overwrite (--force); nothing else is touched`,
      'output',
    );
  if (!info) {
    try {
      mkdirSync(dirname(target), { recursive: true });
    } catch (e) {
      throw unwritable(dir, e);
    }
  }
}

/** An output folder being written: files go into `stagePath` (its hidden stage) until commit. */
export interface StagedFolder {
  /** The output folder's absolute path. */
  target: string;
  /** Where to write the new files (same relative paths as in the folder). */
  stagePath: string;
  /** Adds lstmkit's marker and moves the staged files into place crash-safely; returns `target`. */
  commit(): string;
  /** Drops the stage (and the folder, when it was created for it and is empty). */
  discard(): void;
}

/**
 * Checks `dir` (see checkOutputFolder), finishes any interrupted commit there and opens a stage in it,
 * so that files written to the stage replace their older versions on commit and nothing else.
 * @example const s = await stageFolder('out/x'); writeFileSync(join(s.stagePath, 'report.html'), html); s.commit();
 */
export async function stageFolder(dir: string, options: OutputFolderOptions = {}): Promise<StagedFolder> {
  await checkOutputFolder(dir, options);
  const target = resolve(dir);
  const created = statSync(target, { throwIfNoEntry: false }) === undefined;
  let stage: string;
  try {
    mkdirSync(target, { recursive: true });
    recoverFolder(target, 'output');
    stage = createStage(target);
  } catch (e) {
    if (e instanceof LstmkitError) throw e;
    throw unwritable(dir, e);
  }
  const stagePath = join(target, stage);
  const discard = () => {
    discardStage(target, stage);
    if (created && readdirSync(target).length === 0) rmdirSync(target);
  };
  return {
    target,
    stagePath,
    commit() {
      try {
        writeDurable(join(stagePath, OUTPUT_MARKER), 'written by lstmkit\n');
        commitStage(target, stage, 'output');
      } catch (e) {
        discard();
        throw e;
      }
      return target;
    },
    discard,
  };
}

/**
 * Writes `files` (relative paths to contents) into `dir`, replacing the older versions of those files
 * crash-safely (a reader sees all old or all new files; see docs/interop.md) and nothing else; the
 * folder gets lstmkit's marker file. Returns the folder's absolute path.
 * @example await writeFolder('out/x', new Map([['report.html', '<p>hi</p>']]));
 */
export async function writeFolder(
  dir: string,
  files: ReadonlyMap<string, string | Uint8Array>,
  options: OutputFolderOptions = {},
): Promise<string> {
  for (const name of files.keys())
    if (!isOutputPath(name))
      throw new ConfigError(
        `${JSON.stringify(name).slice(0, 80)} is not among the files lstmkit writes (OUTPUT_FILE_NAMES in src/node/own-files.ts)`,
        'writeFolder',
      );
  const staged = await stageFolder(dir, options);
  try {
    for (const [name, data] of files) {
      const path = join(staged.stagePath, name);
      mkdirSync(dirname(path), { recursive: true });
      writeDurable(path, data);
    }
  } catch (e) {
    staged.discard();
    throw e;
  }
  return staged.commit();
}
