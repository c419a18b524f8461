// Seeded fuzz of model folders on disk: mutated model.json text and trees, mutated weights.bin,
// forged commit journals and stage folders, mutated tfjs model.json and shards. Every load must give
// a model or lstmkit's own error (an untyped error is a stack trace at the CLI), and nothing may
// reach Object.prototype.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LstmkitError } from '../../src/errors.js';
import { dense } from '../../src/layers/dense.js';
import { lstm } from '../../src/layers/lstm.js';
import { sequential } from '../../src/model/sequential.js';
import { loadModel, loadTfjsModelFromDir, saveModel } from '../../src/node/model-files.js';
import { Rng, setRandomSeed } from '../../src/rng.js';
import { Tensor } from '../../src/tensor.js';
import { mutateTree } from '../helpers/mutate.js';

const TFJS = join(import.meta.dirname, '..', 'fixtures', 'tfjs-dense');
const STAGE = '.lstmkit-stage-999999-ab';

/** Counts of a fuzz run; `untyped` holds the first few errors that were not lstmkit's. */
export interface FuzzResult {
  tried: number;
  loaded: number;
  refused: number;
  untyped: string[];
  polluted: boolean;
}

function mutateText(text: string, r: Rng): string {
  const chars = text.split('');
  for (let k = 0, n = 1 + r.int(3); k < n; k++) {
    const i = r.int(chars.length);
    const op = r.int(4);
    if (op === 0) chars[i] = '{}[]":,0123456789-e.aZ\\'[r.int(24)];
    else if (op === 1) chars.splice(i, 1 + r.int(4));
    else if (op === 2) chars.splice(i, 0, chars[r.int(chars.length)]);
    else chars.length = i;
  }
  return chars.join('');
}

function mutateTreeText(text: string, r: Rng): string {
  const tree = JSON.parse(text) as unknown;
  for (let k = 0, n = 1 + r.int(2); k < n; k++) mutateTree(tree, r);
  return JSON.stringify(tree);
}

function mutateBytes(bytes: Uint8Array, r: Rng): Uint8Array {
  const op = r.int(4);
  if (op === 0) return bytes.subarray(0, r.int(bytes.length));
  const out = op === 1 ? new Uint8Array(bytes.length + 1 + r.int(8)) : bytes.slice();
  if (op === 1) out.set(bytes);
  for (let k = 0, n = 1 + r.int(4); k < n; k++) out[r.int(out.length)] = r.int(256);
  return out;
}

/** A forged commit journal: valid-looking, or with hostile stage names and file lists. */
function journal(r: Rng): string {
  const stages = [STAGE, '../elsewhere', '.lstmkit-stage-1-zz', '', '/tmp', STAGE];
  const files = [
    ['model.json', 'weights.bin'],
    ['weights.bin'],
    ['../x'],
    ['/etc/passwd'],
    ['notes.txt'],
    [],
    ['a/b/c/d/e'],
    'x',
  ];
  const j = { stage: stages[r.int(stages.length)], files: files[r.int(files.length)] };
  return r.int(4) === 0 ? mutateText(JSON.stringify(j), r) : JSON.stringify(j);
}

async function baseFolder(root: string): Promise<{ topology: string; weights: Uint8Array }> {
  setRandomSeed(11);
  const m = sequential([lstm({ units: 3, inputShape: [4, 2] }), dense({ units: 1 })]);
  m.compile({ optimizer: 'adam', loss: 'mse' });
  await m.fit(new Tensor(new Float32Array(16), [2, 4, 2]), new Tensor(new Float32Array(2), [2, 1]), { epochs: 1 });
  const dir = join(root, 'base');
  await saveModel(m, dir);
  return { topology: readFileSync(join(dir, 'model.json'), 'utf8'), weights: readFileSync(join(dir, 'weights.bin')) };
}

/**
 * Runs `count` seeded mutations (from `first`, so a long run can be split into parts) under `root`.
 * @example const r = await fuzzLoaders('/tmp/f', 2024, 0, 3000); r.untyped  //=> []
 */
export async function fuzzLoaders(root: string, seed: number, first: number, count: number): Promise<FuzzResult> {
  mkdirSync(root, { recursive: true });
  const base = await baseFolder(root);
  const tfjsJson = readFileSync(join(TFJS, 'model.json'), 'utf8');
  const shard = readFileSync(join(TFJS, 'group1-shard1of1.bin'));
  const result: FuzzResult = { tried: 0, loaded: 0, refused: 0, untyped: [], polluted: false };
  for (let i = first; i < first + count; i++) {
    const r = new Rng(seed * 1_000_003 + i);
    const dir = join(root, `case-${i % 64}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    const kind = i % 6;
    let load: () => Promise<unknown>;
    if (kind <= 3) {
      let topology = base.topology,
        weights: Uint8Array = base.weights;
      if (kind === 0) topology = mutateText(topology, r);
      else if (kind === 1) topology = mutateTreeText(topology, r);
      else if (kind === 2) weights = mutateBytes(weights, r);
      writeFileSync(join(dir, 'model.json'), topology);
      writeFileSync(join(dir, 'weights.bin'), weights);
      if (kind === 3) {
        // A forged replacement in progress: a journal, and a stage holding (mutated) files.
        writeFileSync(join(dir, '.lstmkit-commit.json'), journal(r));
        if (r.int(2)) {
          mkdirSync(join(dir, STAGE));
          writeFileSync(join(dir, STAGE, 'model.json'), r.int(2) ? mutateTreeText(base.topology, r) : base.topology);
          writeFileSync(join(dir, STAGE, 'weights.bin'), r.int(2) ? mutateBytes(base.weights, r) : base.weights);
        }
      }
      load = () => loadModel(dir);
    } else {
      writeFileSync(join(dir, 'model.json'), kind === 4 ? mutateTreeText(tfjsJson, r) : mutateText(tfjsJson, r));
      writeFileSync(join(dir, 'group1-shard1of1.bin'), r.int(2) ? mutateBytes(shard, r) : shard);
      load = () => loadTfjsModelFromDir(dir);
    }
    result.tried++;
    try {
      await load();
      result.loaded++;
    } catch (e) {
      if (e instanceof LstmkitError) result.refused++;
      else if (result.untyped.length < 10) result.untyped.push(`case ${i} (kind ${kind}): ${(e as Error)?.stack ?? e}`);
      else result.untyped.push('...');
    }
    if (Object.keys(Object.prototype).length > 0 || ({} as Record<string, unknown>).polluted !== undefined)
      result.polluted = true;
  }
  return result;
}
