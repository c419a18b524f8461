// Where saved models go: in memory (everywhere), IndexedDB and downloads in the browser, and any
// object with save/load (lstmkit/node's folder handler). Browser globals are reached through
// globalThis with minimal local types, since the core is type-checked without DOM types.

import { ConfigError, FormatError, StateError } from '../errors.js';
import type { Model } from '../model/model.js';
import { type ModelArtifacts, modelToArtifacts, type SaveOptions } from './artifacts.js';
import { type RestoreOptions, type Restored, restoreArtifacts } from './restore.js';

/** Writes and/or reads artifacts somewhere (a folder, a database, a server). */
export interface IOHandler {
  save?(artifacts: { topology: object; weights: Uint8Array }): Promise<string>;
  load?(): Promise<ModelArtifacts>;
}

/** Where model.save() writes: nothing (in memory only), 'indexeddb://name', 'downloads://name', or a handler. */
export type SaveTarget = string | IOHandler | undefined;
/** What loadModel() reads: artifacts, 'indexeddb://name', or a handler. */
export type LoadSource = string | IOHandler | ModelArtifacts;

export interface SaveResult {
  /** The saved artifacts (always returned: the in-memory form). */
  artifacts: { topology: object; weights: Uint8Array };
  /** Where they went ('memory' when no target was given). */
  location: string;
}

/**
 * Saves a model's topology, weights and (by default) optimizer state.
 * @example const { artifacts } = await saveModelTo(model); // in memory
 */
export async function saveModelTo(model: Model, target?: SaveTarget, options: SaveOptions = {}): Promise<SaveResult> {
  const artifacts = modelToArtifacts(model, options);
  if (target === undefined) return { artifacts, location: 'memory' };
  const handler = handlerFor(target, 'save');
  if (!handler.save) throw new ConfigError('this handler cannot save', 'save');
  return { artifacts, location: await handler.save(artifacts) };
}

/**
 * Loads a model saved by model.save(): from artifacts, 'indexeddb://name' or a handler.
 * @example const model = await loadModel((await trained.save()).artifacts);
 */
export async function loadModel(source: LoadSource, options: RestoreOptions = {}): Promise<Model> {
  return (await loadCheckpoint(source, options)).model;
}

/**
 * Loads a model with its optimizer state and epoch, for resuming training with fit({ initialEpoch: epoch + 1 }).
 * @example const { model, optimizer, epoch } = await loadCheckpoint(source);
 */
export async function loadCheckpoint(source: LoadSource, options: RestoreOptions = {}): Promise<Restored> {
  return restoreArtifacts(await readArtifacts(source), options);
}

/** The artifacts behind a load source. */
export async function readArtifacts(source: LoadSource): Promise<ModelArtifacts> {
  if (typeof source === 'object' && source !== null && 'topology' in source) return source as ModelArtifacts;
  const handler = handlerFor(source as string | IOHandler, 'load');
  if (!handler.load) throw new ConfigError('this handler cannot load', 'loadModel');
  return handler.load();
}

function handlerFor(target: string | IOHandler, what: 'save' | 'load'): IOHandler {
  if (typeof target === 'object' && target !== null) return target;
  if (typeof target === 'string') {
    const m = /^([a-z]+):\/\/(.+)$/.exec(target);
    if (m && m[1] === 'indexeddb') return indexedDbHandler(m[2]);
    if (m && m[1] === 'downloads' && what === 'save') return downloadsHandler(m[2]);
  }
  throw new ConfigError(
    `unknown ${what} target ${JSON.stringify(target)}; expected 'indexeddb://name'${what === 'save' ? ", 'downloads://name'" : ''}, artifacts or a handler (in Node: saveModel(model, dir) / loadModel(dir) from 'lstmkit/node')`,
    what === 'save' ? 'save' : 'loadModel',
  );
}

/**
 * A handler that keeps the last saved artifacts in memory (checkpoints in tests, workers, undo).
 * @example const mem = memoryHandler(); await model.save(mem); const copy = await loadModel(mem);
 */
export function memoryHandler(): IOHandler & { artifacts: { topology: object; weights: Uint8Array } | null } {
  const h = {
    artifacts: null as { topology: object; weights: Uint8Array } | null,
    async save(artifacts: { topology: object; weights: Uint8Array }) {
      h.artifacts = {
        topology: JSON.parse(JSON.stringify(artifacts.topology)) as object,
        weights: artifacts.weights.slice(),
      };
      return 'memory';
    },
    async load(): Promise<ModelArtifacts> {
      if (!h.artifacts) throw new StateError('nothing was saved to this memory handler yet', 'loadModel');
      return h.artifacts;
    },
  };
  return h;
}

// --- IndexedDB -------------------------------------------------------------------------------

interface IdbRequest<T> {
  result: T;
  error: unknown;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface IdbStore {
  put(value: unknown, key: string): IdbRequest<unknown>;
  get(key: string): IdbRequest<unknown>;
}
interface IdbTransaction {
  objectStore(name: string): IdbStore;
  oncomplete: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
  error: unknown;
}
interface IdbDatabase {
  objectStoreNames: { contains(name: string): boolean };
  createObjectStore(name: string): unknown;
  transaction(store: string, mode: 'readonly' | 'readwrite'): IdbTransaction;
  close(): void;
}
interface IdbOpenRequest extends IdbRequest<IdbDatabase> {
  onupgradeneeded: (() => void) | null;
}
interface IdbFactory {
  open(name: string, version: number): IdbOpenRequest;
}

const DB_NAME = 'lstmkit',
  STORE = 'models';

function openDb(where: string): Promise<IdbDatabase> {
  const idb = (globalThis as { indexedDB?: IdbFactory }).indexedDB;
  if (!idb)
    throw new StateError(
      'IndexedDB is not available here (it exists in browsers); in Node use saveModel(model, dir) from lstmkit/node',
      where,
    );
  return new Promise((resolve, reject) => {
    const req = idb.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new StateError(`cannot open IndexedDB '${DB_NAME}': ${String(req.error)}`, where));
  });
}

/**
 * Saves to / loads from the browser's IndexedDB (database 'lstmkit', store 'models'); one put in
 * one transaction, so a save is all-or-nothing.
 * @example await model.save('indexeddb://my-model'); const m = await loadModel('indexeddb://my-model');
 */
export function indexedDbHandler(name: string): IOHandler {
  return {
    async save(artifacts) {
      const db = await openDb('save');
      const value = { topology: JSON.stringify(artifacts.topology), weights: artifacts.weights.slice() };
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(STORE, 'readwrite');
        tx.objectStore(STORE).put(value, name);
        tx.oncomplete = () => resolve();
        tx.onerror = tx.onabort = () =>
          reject(new StateError(`IndexedDB write of '${name}' failed: ${String(tx.error)}`, 'save'));
      });
      db.close();
      return `indexeddb://${name}`;
    },
    async load() {
      const db = await openDb('loadModel');
      const value = await new Promise<unknown>((resolve, reject) => {
        const req = db.transaction(STORE, 'readonly').objectStore(STORE).get(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () =>
          reject(new StateError(`IndexedDB read of '${name}' failed: ${String(req.error)}`, 'loadModel'));
      });
      db.close();
      if (value === undefined) throw new StateError(`no model named '${name}' in IndexedDB`, 'loadModel');
      const v = value as { topology?: unknown; weights?: unknown };
      if (typeof v !== 'object' || v === null || typeof v.topology !== 'string' || !(v.weights instanceof Uint8Array)) {
        throw new FormatError(`IndexedDB entry '${name}' is not an lstmkit model`, 'loadModel');
      }
      return { topology: v.topology, weights: v.weights };
    },
  };
}

// --- downloads -------------------------------------------------------------------------------

interface DomLike {
  document?: { createElement(tag: 'a'): { href: string; download: string; click(): void } };
  URL?: { createObjectURL(b: unknown): string; revokeObjectURL(u: string): void };
  Blob?: new (parts: unknown[], options?: { type: string }) => unknown;
}

/**
 * Offers the model as two downloads, `name.json` (topology) and `name.weights.bin` (weights); load
 * them back with loadModel({ topology: jsonText, weights: new Uint8Array(binBuffer) }).
 * @example await model.save('downloads://my-model');
 */
export function downloadsHandler(name: string): IOHandler {
  return {
    async save(artifacts) {
      const g = globalThis as DomLike;
      if (!g.document || !g.URL || !g.Blob)
        throw new StateError(
          'downloads need a browser (document, URL, Blob); in Node use saveModel(model, dir) from lstmkit/node',
          'save',
        );
      const files: [string, unknown][] = [
        [`${name}.json`, new g.Blob([JSON.stringify(artifacts.topology)], { type: 'application/json' })],
        [`${name}.weights.bin`, new g.Blob([artifacts.weights], { type: 'application/octet-stream' })],
      ];
      for (const [file, blob] of files) {
        const url = g.URL.createObjectURL(blob);
        const a = g.document.createElement('a');
        a.href = url;
        a.download = file;
        a.click();
        const revoke = () => g.URL?.revokeObjectURL(url);
        const later = (globalThis as { setTimeout?: (f: () => void, ms: number) => void }).setTimeout;
        later ? later(revoke, 1000) : revoke();
      }
      return `downloads://${name}`;
    },
  };
}
