// The process the fault suite kills. Usage:
//   child.ts save <dir> <version> <killAt>     saveModel(model v<version>, dir)
//   child.ts output <dir> <version> <killAt>   a CLI --out commit: report files + model/ (cli/output.ts)
//   child.ts loop-save|loop-output <dir> <version> [killAt]   the same with versions v, v+1, ... until
//                                   killed; prints "done <k>" after each finished version
// killAt >= 0 kills the process (SIGKILL) at that fault point; -1 runs to the end and prints the
// number of points reached ("points N").

import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { stageDir } from '../../cli/output.js';
import { setFaultHook } from '../../src/node/fault-points.js';
import { saveModel } from '../../src/node/model-files.js';
import { versionModel, versionText } from './versions.js';

const [mode, dir, v, killAt = '-1'] = process.argv.slice(2);
let reached = 0;
const kill = Number(killAt);
setFaultHook(() => {
  if (reached++ === kill) process.kill(process.pid, 'SIGKILL');
});

async function once(version: number): Promise<void> {
  if (mode.endsWith('save')) {
    await saveModel(versionModel(version), dir, { overwrite: true });
    return;
  }
  const stage = stageDir(dir, { force: true });
  try {
    stage.write('report.html', versionText(version, 'report'));
    stage.write('forecast.csv', versionText(version, 'forecast'));
    await saveModel(versionModel(version), join(stage.path, 'model'));
    stage.write('model/forecaster.json', versionText(version, 'forecaster'));
    stage.commit();
  } catch (e) {
    stage.discard();
    throw e;
  }
}

if (mode.startsWith('loop-')) {
  // writeSync: the parent must learn of every finished version even when SIGKILL follows at once
  for (let k = Number(v); ; k++) {
    await once(k);
    writeSync(1, `done ${k}\n`);
  }
} else {
  await once(Number(v));
  process.stdout.write(`points ${reached}\n`);
}
