// Runs the lstmkit CLI in its own process and measures it: wall time, CPU time and peak resident
// memory of the whole process (worker threads included; reported at exit by bench/usage-on-exit.mjs),
// and the load average before and after (the machine is shared).

import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A measured CLI run. */
export interface CliRun {
  stdout: string;
  wallS: number;
  cpuS: number;
  peakMB: number;
  load: [number, number];
}

/** Runs `lstmkit <args>`; throws with the end of its stderr when it fails. */
export function runCliMeasured(args: readonly string[]): CliRun {
  const load0 = loadavg()[0];
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--import', join(root, 'bench/usage-on-exit.mjs'), join(root, 'cli/main.ts'), ...args],
    { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const wallS = (performance.now() - t0) / 1000;
  const usage = r.stderr.split('\n').find((l) => l.startsWith('LSTMKIT_USAGE '));
  if (r.status !== 0 || !usage)
    throw new Error(`lstmkit ${args[0]} failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  const u = JSON.parse(usage.slice('LSTMKIT_USAGE '.length)) as { maxRSS: number; user: number; system: number };
  return {
    stdout: r.stdout,
    wallS,
    cpuS: (u.user + u.system) / 1e6,
    peakMB: u.maxRSS / 1024,
    load: [load0, loadavg()[0]],
  };
}
