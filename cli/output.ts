// Output folders written atomically: everything goes to a hidden temporary sibling folder first,
// which then replaces --out by rename, so a failure never leaves half-written files behind.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './errors.js';

export interface StagedDir {
  /** The temporary folder to write into. */
  readonly path: string;
  write(name: string, content: string): void;
  /** Moves the finished folder to its final place (replacing an older one). */
  commit(): string;
  /** Removes the temporary folder (after a failure). */
  discard(): void;
}

/**
 * Creates the temporary folder for `out` right away, so an unwritable location fails before any work.
 * @example const dir = stageDir('out/airline'); dir.write('a.txt', 'hi'); dir.commit();
 */
export function stageDir(out: string): StagedDir {
  const target = resolve(out);
  if (existsSync(target) && !statSync(target).isDirectory())
    throw new UsageError(`--out ${out} is a file; pass a folder path`);
  const parent = dirname(target);
  const tmp = join(parent, `.${basename(target)}.tmp-${process.pid}-${randomBytes(3).toString('hex')}`);
  try {
    mkdirSync(parent, { recursive: true });
    mkdirSync(tmp);
  } catch (e) {
    throw new UsageError(
      `cannot write to --out ${out} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); choose a writable folder`,
    );
  }
  return {
    path: tmp,
    write(name, content) {
      writeFileSync(join(tmp, name), content);
    },
    commit() {
      const old = `${tmp}.old`;
      const had = existsSync(target);
      if (had) renameSync(target, old);
      renameSync(tmp, target);
      if (had) rmSync(old, { recursive: true, force: true });
      return target;
    },
    discard() {
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
