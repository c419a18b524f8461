// Model files in Node (and tfjs model.json folders): a folder holding model.json (topology) and weights.bin (float32 LE weights).
// Saves are atomic: files go to a temporary sibling folder (fsynced), which then replaces the target
// by rename; a crash at any point leaves either the old model or the new one, never a mix.

import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { FormatError, StateError } from '../errors.js';
import type { ModelArtifacts, SaveOptions } from '../io/artifacts.js';
import {
  type IOHandler,
  type LoadSource,
  loadCheckpoint as loadCheckpointCore,
  type SaveResult,
  saveModelTo,
} from '../io/handlers.js';
import type { RestoreOptions, Restored } from '../io/restore.js';
import { expectArray, expectObject, parseJsonSafe } from '../io/safe-json.js';
import { loadTfjsModel, type TfjsImportOptions } from '../io/tfjs-import.js';
import type { Model } from '../model/model.js';

const TOPOLOGY = 'model.json',
  WEIGHTS = 'weights.bin';
/** Largest model.json read (bytes); a bigger one is not a topology. */
const MAX_TOPOLOGY_BYTES = 64 << 20;

async function writeSynced(path: string, data: Uint8Array | string): Promise<void> {
  const f = await open(path, 'w');
  try {
    await f.writeFile(data);
    await f.sync();
  } finally {
    await f.close();
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * A handler that saves to / loads from a folder (model.json + weights.bin), atomically.
 * @example await model.save(fileHandler('out/model')); const m = await loadModel(fileHandler('out/model'));
 */
export function fileHandler(dir: string): IOHandler {
  const target = resolve(dir);
  const backup = `${target}.lstmkit-old`;
  return {
    async save(artifacts) {
      await mkdir(dirname(target), { recursive: true });
      const tmp = join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
      await mkdir(tmp);
      try {
        await writeSynced(join(tmp, WEIGHTS), artifacts.weights);
        await writeSynced(join(tmp, TOPOLOGY), JSON.stringify(artifacts.topology));
        // Swap: old -> backup, tmp -> target, drop backup. Between the two renames only the backup
        // holds a model; load() falls back to it.
        await rm(backup, { recursive: true, force: true });
        const had = await exists(target);
        if (had) await rename(target, backup);
        await rename(tmp, target);
        if (had) await rm(backup, { recursive: true, force: true });
      } catch (e) {
        await rm(tmp, { recursive: true, force: true });
        throw e;
      }
      return target;
    },
    async load() {
      let from = target;
      if (!(await exists(join(target, TOPOLOGY))) && (await exists(join(backup, TOPOLOGY)))) from = backup;
      const topoPath = join(from, TOPOLOGY);
      const info = await stat(topoPath).catch(() => null);
      if (!info) throw new StateError(`no saved model in ${target} (expected ${TOPOLOGY} and ${WEIGHTS})`, 'loadModel');
      if (info.size > MAX_TOPOLOGY_BYTES)
        throw new StateError(`${topoPath} is ${info.size} bytes, too large for a model topology`, 'loadModel');
      const [topology, weights] = await Promise.all([readFile(topoPath, 'utf8'), readFile(join(from, WEIGHTS))]);
      return { topology, weights: new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength) };
    },
  };
}

/**
 * Saves a model to a folder (model.json + weights.bin), replacing any model there atomically.
 * @example await saveModel(model, 'out/airline-model');
 */
export function saveModel(model: Model, dir: string, options: SaveOptions = {}): Promise<SaveResult> {
  return saveModelTo(model, fileHandler(dir), options);
}

/** What the Node loaders read: a folder path, a scheme string ('indexeddb://...'), artifacts or a handler. */
export type NodeLoadSource = LoadSource;

function nodeSource(source: NodeLoadSource): LoadSource | IOHandler {
  return typeof source === 'string' && !/^[a-z]+:\/\//.test(source) ? fileHandler(source) : source;
}

/**
 * Loads a model from a folder written by saveModel() (or from artifacts / a handler).
 * @example const model = await loadModel('out/airline-model');
 */
export async function loadModel(source: NodeLoadSource, options: RestoreOptions = {}): Promise<Model> {
  return (await loadCheckpointCore(nodeSource(source), options)).model;
}

/**
 * Loads a model with its optimizer state and epoch from a folder, for resuming training.
 * @example const { model, optimizer, epoch } = await loadCheckpoint('out/ckpt');
 */
export function loadCheckpoint(source: NodeLoadSource, options: RestoreOptions = {}): Promise<Restored> {
  return loadCheckpointCore(nodeSource(source), options);
}

export type { ModelArtifacts };

/**
 * Loads a tfjs-layers / Keras model from a folder holding model.json and the weight shards it lists.
 * @example const model = await loadTfjsModelFromDir('exported/tfjs_model');
 */
export async function loadTfjsModelFromDir(dir: string, options: TfjsImportOptions = {}): Promise<Model> {
  const where = 'loadTfjsModelFromDir';
  const path = join(resolve(dir), 'model.json');
  const info = await stat(path).catch(() => null);
  if (!info) throw new StateError(`no model.json in ${resolve(dir)}`, where);
  if (info.size > MAX_TOPOLOGY_BYTES)
    throw new StateError(`${path} is ${info.size} bytes, too large for a model.json`, where);
  const text = await readFile(path, 'utf8');
  const json = expectObject(parseJsonSafe(text, where), 'model.json', where);
  const groups = expectArray(json.weightsManifest, 'weightsManifest', where);
  const files = groups.flatMap((g, i) =>
    expectArray(expectObject(g, `weightsManifest[${i}]`, where).paths, `weightsManifest[${i}].paths`, where),
  );
  const shards = await Promise.all(
    files.map(async (f) => {
      // Shards are siblings of model.json: a path that leaves the folder is refused.
      if (typeof f !== 'string' || f === '' || f.includes('/') || f.includes('\\') || f === '.' || f === '..') {
        throw new FormatError(
          `weight shard path ${JSON.stringify(f)} must be a plain file name next to model.json`,
          where,
        );
      }
      const b = await readFile(join(resolve(dir), f));
      return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    }),
  );
  return loadTfjsModel(json, shards, options);
}
