// Numbered versions of a model and of output files, so the fault suite can tell which one survived.

// Narrow imports keep the killed child's start-up short.
import { modelToArtifacts } from '../../src/io/artifacts.js';
import { crc32 } from '../../src/io/crc32.js';
import { dense } from '../../src/layers/dense.js';
import { lstm } from '../../src/layers/lstm.js';
import { type Sequential, sequential } from '../../src/model/sequential.js';
import { setRandomSeed } from '../../src/rng.js';

/** Units of the versioned model: big enough that a save takes a moment (random kills land inside it). */
const UNITS = Number(process.env.LSTMKIT_FAULT_UNITS ?? 8);

/**
 * Model number `version`: the same architecture, weights from seed `version`.
 * @example versionModel(3).countParams()
 */
export function versionModel(version: number): Sequential {
  setRandomSeed(1000 + version);
  const m = sequential([lstm({ units: UNITS, inputShape: [4, 2] }), dense({ units: 1 })]);
  m.build([[4, 2]]);
  return m;
}

/** The CRC-32 of model `version`'s weight bytes (what a load of that version must give). */
export function versionCrc(version: number): number {
  return crc32(modelToArtifacts(versionModel(version)).weights);
}

/** The text of output file `name` in version `version`. */
export function versionText(version: number, name: string): string {
  return JSON.stringify({ version, name });
}

/** The version a text written by versionText() names, or null. */
export function versionOf(text: string): number | null {
  try {
    const v = (JSON.parse(text) as { version?: unknown }).version;
    return typeof v === 'number' ? v : null;
  } catch {
    return null;
  }
}
