// The process the fault suite kills. Usage:
//   child.ts save|output|folder <dir> <version> <killAt>   writes version <version> (writers.ts)
//   child.ts loop-save|loop-output <dir> <version> [killAt]   the same with versions v, v+1, ... until
//                                   killed; prints "done <k>" after each finished version
// killAt >= 0 kills the process (SIGKILL) at that fault point; -1 runs to the end and prints the
// number of points reached ("points N").

import { writeSync } from 'node:fs';
import { setFaultHook } from '../../src/node/fault-points.js';
import { type Mode, writeVersion } from './writers.js';

const [mode, dir, v, killAt = '-1'] = process.argv.slice(2);
const base = mode.replace(/^loop-/, '') as Mode;
let reached = 0;
const kill = Number(killAt);
setFaultHook(() => {
  if (reached++ === kill) process.kill(process.pid, 'SIGKILL');
});

if (mode.startsWith('loop-')) {
  // writeSync: the parent must learn of every finished version even when SIGKILL follows at once
  for (let k = Number(v); ; k++) {
    await writeVersion(base, dir, k);
    writeSync(1, `done ${k}\n`);
  }
} else {
  await writeVersion(base, dir, Number(v));
  process.stdout.write(`points ${reached}\n`);
}
