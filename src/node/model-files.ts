// Model files in Node (and tfjs model.json folders): a folder holding model.json (topology) and
// weights.bin (float32 LE weights). Saves replace the two files crash-safely through commit.ts and
// touch nothing else in the folder; loads are bounded reads (safe-read.ts) sized by the manifest.

import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FormatError, LstmkitError, StateError } from '../errors.js';
import type { ModelArtifacts, SaveOptions } from '../io/artifacts.js';
import {
  type IOHandler,
  type LoadSource,
  loadCheckpoint as loadCheckpointCore,
  type SaveResult,
  saveModelTo,
} from '../io/handlers.js';
import { type RestoreOptions, type Restored, restoreArtifacts, restoreFromReader } from '../io/restore.js';
import { expectArray, expectObject, isObject, type Json, parseJsonSafe } from '../io/safe-json.js';
import { loadTfjsModel, type TfjsImportOptions } from '../io/tfjs-import.js';
import type { Model } from '../model/model.js';
import { commitStage, createStage, currentPath, discardStage, recoverFolder, writeDurable } from './commit.js';
import { faultPoint } from './fault-points.js';
import { foreignEntries } from './own-files.js';
import { checkRegularFile, MAX_NAME_BYTES, openRegularFile, readRegularFile } from './safe-read.js';

const TOPOLOGY = 'model.json',
  WEIGHTS = 'weights.bin';
/** Largest model.json read (bytes); a bigger one is not a topology. */
const MAX_TOPOLOGY_BYTES = 64 << 20;
/** Largest weight data read (bytes): 2^28 float32 values per entry times a few entries is far past any real model. */
const MAX_WEIGHT_BYTES = 2 ** 34;
/** Most weight shards a tfjs model.json may list. */
const MAX_SHARDS = 10_000;

/** Options of a folder save. */
export interface FolderSaveOptions {
  /**
   * Write into a folder that also holds files lstmkit did not write (only model.json and weights.bin
   * are replaced; everything else stays). Default false: such a folder is refused.
   */
  overwrite?: boolean;
}

function ownFolder(target: string, overwrite: boolean, where: string): void {
  const info = statSync(target, { throwIfNoEntry: false }); // ENOTDIR (a file on the way) is reported by systemErrors
  if (info && !info.isDirectory())
    throw new StateError(`${target} is a file; a model is saved to a folder (model.json + weights.bin)`, where);
  if (overwrite) return;
  const foreign = foreignEntries(target);
  if (foreign.length > 0)
    throw new StateError(
      `${target} holds files that lstmkit did not write (${foreign.join(', ')}); choose an empty or new folder, or pass { overwrite: true } to write ${TOPOLOGY} and ${WEIGHTS} beside them (nothing else is touched)`,
      where,
    );
}

/** Runs a save, turning the file system's errors (EACCES, ENOSPC, ENOTDIR, ...) into a StateError naming the folder. */
function systemErrors<T>(target: string, where: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (e instanceof LstmkitError || typeof code !== 'string') throw e;
    throw new StateError(`cannot write the model to ${target} (${code}: ${(e as Error).message})`, where);
  }
}

/** Re-throws a load failure as a FormatError naming the folder (the core names only the field). */
function naming<T>(dir: string, where: string, run: () => Promise<T>): Promise<T> {
  return run().catch((e: unknown) => {
    if (e instanceof FormatError && !e.message.includes(dir)) {
      const message = e.where ? e.message.slice(e.where.length + 2) : e.message;
      throw new FormatError(`${dir}: ${message}`, where);
    }
    throw e;
  });
}

/** weights.byteLength from a topology, or null when it is missing or invalid (restore reports it). */
function recordedBytes(topology: Json): number | null {
  const w = isObject(topology) ? topology.weights : null;
  const n = isObject(w) ? w.byteLength : null;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_WEIGHT_BYTES ? n : null;
}

const LOAD = 'loadModel';

/** model.json of a saved folder (bounded read) and the weight byte count it records. */
function readTopology(target: string): { text: string; bytes: number | null } {
  const topo = currentPath(target, TOPOLOGY, LOAD);
  const limits = { where: LOAD, maxBytes: MAX_TOPOLOGY_BYTES, within: topo.root };
  try {
    checkRegularFile(topo.path, limits);
  } catch (e) {
    if (e instanceof FormatError && /: no such file$/.test(e.message))
      throw new StateError(`no saved model in ${target} (expected ${TOPOLOGY} and ${WEIGHTS})`, LOAD);
    throw e;
  }
  const text = Buffer.from(readRegularFile(topo.path, limits)).toString('utf8');
  return { text, bytes: recordedBytes(parseJsonSafe(text, `${LOAD} (${topo.path})`)) };
}

/**
 * Loads a saved folder reading weights.bin straight into the model's parameters (no second copy of
 * the weights: the peak memory of a load stays near the model's own size).
 */
function restoreFolder(dir: string, options: RestoreOptions): Restored {
  const target = resolve(dir);
  const { text, bytes } = readTopology(target);
  if (bytes === null) return restoreArtifacts({ topology: text, weights: new Uint8Array(0) }, options, LOAD);
  const w = currentPath(target, WEIGHTS, LOAD);
  const file = openRegularFile(w.path, { where: LOAD, maxBytes: MAX_WEIGHT_BYTES, exactBytes: bytes, within: w.root });
  try {
    return restoreFromReader(text, bytes, (t, off) => file.readAt(t, off), options, LOAD);
  } finally {
    file.close();
  }
}

/**
 * A handler that saves to / loads from a folder (model.json + weights.bin), crash-safely.
 * @example await model.save(fileHandler('out/model')); const m = await loadModel(fileHandler('out/model'));
 */
export function fileHandler(dir: string, options: FolderSaveOptions = {}): IOHandler {
  const target = resolve(dir);
  return {
    async save(artifacts) {
      const where = 'saveModel';
      const topology = JSON.stringify(artifacts.topology);
      return systemErrors(target, where, () => {
        ownFolder(target, options.overwrite ?? false, where);
        mkdirSync(target, { recursive: true });
        recoverFolder(target, where);
        const stage = createStage(target);
        try {
          writeDurable(join(target, stage, WEIGHTS), artifacts.weights);
          faultPoint('save:weights');
          writeDurable(join(target, stage, TOPOLOGY), topology);
          faultPoint('save:topology');
          commitStage(target, stage, where);
        } catch (e) {
          discardStage(target, stage);
          throw e;
        }
        return target;
      });
    },
    async load() {
      const { text, bytes } = readTopology(target);
      // Without a valid byte count the topology is refused by restoreArtifacts before any weight is needed.
      if (bytes === null) return { topology: text, weights: new Uint8Array(0) };
      const w = currentPath(target, WEIGHTS, LOAD);
      const weights = readRegularFile(w.path, {
        where: LOAD,
        maxBytes: MAX_WEIGHT_BYTES,
        exactBytes: bytes,
        within: w.root,
      });
      return { topology: text, weights };
    },
  };
}

/**
 * Saves a model to a folder (model.json + weights.bin), replacing a model there crash-safely. A folder
 * holding other files is refused unless `overwrite` (then only those two files are replaced).
 * @example await saveModel(model, 'out/airline-model');
 */
export function saveModel(
  model: Model,
  dir: string,
  options: SaveOptions & FolderSaveOptions = {},
): Promise<SaveResult> {
  const { overwrite, ...save } = options;
  return saveModelTo(model, fileHandler(dir, overwrite === undefined ? {} : { overwrite }), save);
}

/** What the Node loaders read: a folder path, a scheme string ('indexeddb://...'), artifacts or a handler. */
export type NodeLoadSource = LoadSource;

function isFolder(source: NodeLoadSource): source is string {
  return typeof source === 'string' && !/^[a-z]+:\/\//.test(source);
}

/**
 * Loads a model from a folder written by saveModel() (or from artifacts / a handler).
 * @example const model = await loadModel('out/airline-model');
 */
export async function loadModel(source: NodeLoadSource, options: RestoreOptions = {}): Promise<Model> {
  return (await loadCheckpoint(source, options)).model;
}

/**
 * Loads a model with its optimizer state and epoch from a folder, for resuming training.
 * @example const { model, optimizer, epoch } = await loadCheckpoint('out/ckpt');
 */
export function loadCheckpoint(source: NodeLoadSource, options: RestoreOptions = {}): Promise<Restored> {
  if (!isFolder(source)) return loadCheckpointCore(source, options);
  return naming(resolve(source), LOAD, async () => restoreFolder(source, options));
}

export type { ModelArtifacts };

/** Bytes the manifest's weights take (float32; other dtypes are refused by the importer). */
function manifestBytes(groups: Json[], where: string): number {
  let total = 0;
  groups.forEach((g, i) => {
    const weights = expectArray(expectObject(g, `weightsManifest[${i}]`, where).weights ?? [], 'weights', where);
    for (const w of weights) {
      const shape = isObject(w) && Array.isArray(w.shape) ? w.shape : [];
      total += shape.reduce<number>((s, d) => s * (typeof d === 'number' && d >= 0 ? d : 0), 1) * 4;
    }
  });
  return total;
}

/**
 * Loads a tfjs-layers / Keras model from a folder holding model.json and the weight shards it lists.
 * Shards must be distinct plain file names next to model.json, regular files inside the folder, and
 * together no larger than the manifest's weights.
 * @example const model = await loadTfjsModelFromDir('exported/tfjs_model');
 */
export async function loadTfjsModelFromDir(dir: string, options: TfjsImportOptions = {}): Promise<Model> {
  const where = 'loadTfjsModelFromDir';
  const root = resolve(dir);
  const path = join(root, 'model.json');
  try {
    checkRegularFile(path, { where, maxBytes: MAX_TOPOLOGY_BYTES, within: root });
  } catch (e) {
    if (e instanceof FormatError && /: no such file$/.test(e.message))
      throw new StateError(`no model.json in ${root}`, where);
    throw e;
  }
  const text = Buffer.from(readRegularFile(path, { where, maxBytes: MAX_TOPOLOGY_BYTES, within: root })).toString();
  const json = expectObject(parseJsonSafe(text, `${where} (${path})`), path, where);
  const groups = expectArray(json.weightsManifest, `${path}: weightsManifest`, where);
  const files = groups.flatMap((g, i) =>
    expectArray(
      expectObject(g, `${path}: weightsManifest[${i}]`, where).paths,
      `${path}: weightsManifest[${i}].paths`,
      where,
      MAX_SHARDS,
    ),
  );
  if (files.length > MAX_SHARDS)
    throw new FormatError(`${path} lists ${files.length} weight shards, more than the limit ${MAX_SHARDS}`, where);
  const seen = new Set<string>();
  const budget = manifestBytes(groups, where);
  let total = 0;
  const names = files.map((f) => {
    // Shards are siblings of model.json: a path that leaves the folder is refused.
    if (typeof f !== 'string' || f === '' || f.includes('/') || f.includes('\\') || f === '.' || f === '..')
      throw new FormatError(
        `${path}: weight shard path ${JSON.stringify(f).slice(0, 80)} must be a plain file name next to model.json`,
        where,
      );
    if (Buffer.byteLength(f) > MAX_NAME_BYTES)
      throw new FormatError(
        `${path}: weight shard name ${JSON.stringify(f.slice(0, 40))}... is longer than ${MAX_NAME_BYTES} bytes`,
        where,
      );
    if (seen.has(f)) throw new FormatError(`${path} lists the weight shard ${f} more than once`, where);
    seen.add(f);
    const { size } = checkRegularFile(join(root, f), {
      where,
      maxBytes: budget - total,
      limitFrom: `the bytes left of the ${budget} that the manifest's weights take`,
      within: root,
    });
    total += size;
    return f;
  });
  // One allocation for all shards, filled in manifest order (no concatenation copy).
  const weights = new Uint8Array(total);
  let offset = 0;
  for (const f of names) {
    offset += readRegularFile(
      join(root, f),
      { where, maxBytes: total - offset, within: root },
      { buffer: weights, offset },
    ).length;
  }
  try {
    return loadTfjsModel(json, weights, options);
  } catch (e) {
    if (e instanceof LstmkitError && !(e instanceof StateError)) {
      // keep the importer's `where` (it names the layer, e.g. "layer 'conv1d' (Conv1D)")
      throw new FormatError(`${path}: ${e.message}`, where);
    }
    throw e;
  }
}
