// The three writers the fault suite kills: saveModel, an output folder's stage written file by file
// (stageFolder, as panel runs stream into it) and writeFolder (a forecast's report with model/member-0/). Each writes numbered version `version`.

import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { modelToArtifacts } from '../../src/io/artifacts.js';
import { saveModel } from '../../src/node/model-files.js';
import { writeDurable } from '../../src/node/commit.js';
import { stageFolder, writeFolder } from '../../src/node/output-folder.js';
import { versionModel, versionText } from './versions.js';

export type Mode = 'save' | 'output' | 'folder';
export const MODES: readonly Mode[] = ['save', 'output', 'folder'];

/** Where each mode's model folder is, inside the folder written. */
export const MODEL_DIR: Record<Mode, string> = { save: '.', output: 'model', folder: 'model/member-0' };
/** Text files each mode writes besides the model (each names its version). */
export const TEXTS: Record<Mode, string[]> = {
  save: [],
  output: ['report.html', 'forecast.csv', 'model/forecaster.json'],
  folder: ['report.html', 'model/forecaster.json'],
};

/**
 * Writes version `version` into `dir` with the mode's writer (beside the user's own file).
 * @example await writeVersion('folder', dir, 3);
 */
export async function writeVersion(mode: Mode, dir: string, version: number): Promise<void> {
  const text = (rel: string) => versionText(version, rel);
  if (mode === 'save') {
    await saveModel(versionModel(version), dir, { overwrite: true });
  } else if (mode === 'folder') {
    const a = modelToArtifacts(versionModel(version));
    const files = new Map<string, string | Uint8Array>(TEXTS.folder.map((rel) => [rel, text(rel)]));
    files.set('model/member-0/model.json', JSON.stringify(a.topology));
    files.set('model/member-0/weights.bin', a.weights);
    await writeFolder(dir, files, { overwrite: true });
  } else {
    const stage = await stageFolder(dir, { overwrite: true });
    const write = (rel: string) => {
      mkdirSync(dirname(join(stage.stagePath, rel)), { recursive: true });
      writeDurable(join(stage.stagePath, rel), text(rel));
    };
    try {
      for (const rel of TEXTS.output) if (!rel.startsWith('model/')) write(rel);
      await saveModel(versionModel(version), join(stage.stagePath, 'model'));
      write('model/forecaster.json');
      stage.commit();
    } catch (e) {
      stage.discard();
      throw e;
    }
  }
}
