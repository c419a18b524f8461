// The CLI's --out folders: the --force flag every writing command takes, and the check of --out before
// any work. The writing itself is lstmkit/node's (writeFolder, stageFolder: a stage inside --out whose
// files replace their older versions crash-safely; a folder holding files lstmkit did not write is
// refused unless --force, and even then only lstmkit's files are replaced).

import { checkOutputFolder } from 'lstmkit/node';
import type { CommandSpec } from './args.js';
import { UsageError } from './errors.js';

/** --force of every command that writes an --out folder. */
export const FORCE_OPTION: CommandSpec['options'][string] = {
  type: 'boolean',
  description: "write into an --out folder that holds other files too (only lstmkit's files are replaced)",
  group: 'run',
};

/** Checks an --out folder before any work; its problems are usage errors naming --out. */
export async function checkOut(out: string, force: boolean): Promise<void> {
  try {
    await checkOutputFolder(out, { overwrite: force });
  } catch (e) {
    throw new UsageError(`--out ${(e as Error).message.replace(/^output: /, '')}`);
  }
}
