// CLI errors: a UsageError (or any lstmkit error from bad input) prints one line and exits with 2.

import { LstmkitError } from 'lstmkit';

/** Bad input or arguments: printed as one line "lstmkit: error: <problem>; <fix>", exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Exit code for bad input and usage errors. */
export const EXIT_USAGE = 2;

/**
 * Turns any error into the one-line message the CLI prints and its exit code.
 * @example describeError(new UsageError('--target is required; pass --target <column>')) //=> { line: 'lstmkit: error: --target is required; ...', code: 2 }
 */
export function describeError(
  e: unknown,
  translate: (message: string) => string = (m) => m,
): { line: string; code: number } {
  if (e instanceof UsageError) return { line: `lstmkit: error: ${oneLine(e.message)}`, code: EXIT_USAGE };
  // library errors speak the API's words; `translate` adds the CLI's flag names
  if (e instanceof LstmkitError) return { line: `lstmkit: error: ${oneLine(translate(e.message))}`, code: EXIT_USAGE };
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === 'string' && /^E[A-Z]+$/.test(err.code))
    return { line: `lstmkit: error: ${oneLine(err.message)}`, code: EXIT_USAGE };
  return { line: `lstmkit: internal error: ${oneLine(String((e as Error)?.stack ?? e))}`, code: 1 };
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
