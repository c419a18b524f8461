// Reading the HDF5 files Keras writes (legacy .h5 models, model.weights.h5 inside .keras) through
// jsfive, a pure-JavaScript HDF5 reader that works in browsers: groups, attributes, float datasets.
// Every jsfive failure becomes a FormatError naming the path.

// @ts-expect-error: jsfive ships no type declarations; the part used here is typed by Jsfive below.
import * as untyped from 'jsfive';
import { FormatError } from '../errors.js';
import type { NamedWeight } from './keras-weights.js';

interface Node {
  readonly attrs: Record<string, unknown>;
}
interface Group extends Node {
  readonly keys: string[];
  get(path: string): Group | Dataset;
}
interface Dataset extends Node {
  readonly shape: number[];
  readonly dtype: unknown;
  readonly value: ArrayLike<number>;
}
/** The part of jsfive's API this file uses. */
interface Jsfive {
  File: new (buffer: ArrayBuffer, filename?: string) => Group;
  Group: abstract new (...args: never[]) => Group;
}
const jsfive = untyped as unknown as Jsfive;

/** The 8-byte signature every HDF5 file starts with (at offset 0 for the files Keras writes). */
const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when the bytes start with the HDF5 signature. */
export function isHdf5(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

/** A read-only view of an HDF5 file: groups by path, their attributes, float datasets. */
export interface Hdf5File {
  /** Attributes of the group or dataset at `path` ('' = the root). */
  attrs(path: string): Record<string, unknown>;
  /** Child names of the group at `path`, or null when `path` is not a group. */
  keys(path: string): string[] | null;
  /** Every dataset under `path` as a weight named by its path relative to the root. */
  datasets(path: string): NamedWeight[];
}

/**
 * Opens HDF5 bytes.
 * @example const h5 = openHdf5(bytes, 'loadKerasModel'); h5.attrs('').keras_version  //=> '3.15.1'
 */
export function openHdf5(bytes: Uint8Array, where: string): Hdf5File {
  if (!isHdf5(bytes)) throw new FormatError('not an HDF5 file (no HDF5 signature)', where);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const file = read(() => new jsfive.File(buffer, 'keras.h5'), 'the file', where);
  const at = (path: string): Group | Dataset => (path === '' ? file : read(() => file.get(path), `'${path}'`, where));
  const isGroup = (node: Group | Dataset): node is Group => node instanceof jsfive.Group;
  return {
    attrs: (path) => read(() => at(path).attrs, `attributes of '${path}'`, where),
    keys: (path) => {
      const node = at(path);
      return isGroup(node) ? [...node.keys] : null;
    },
    datasets(path) {
      const out: NamedWeight[] = [];
      const walk = (p: string): void => {
        const node = at(p);
        if (isGroup(node)) for (const k of node.keys) walk(p ? `${p}/${k}` : k);
        else out.push(dataset(node, p, where));
      };
      walk(path);
      return out;
    },
  };
}

function dataset(d: Dataset, path: string, where: string): NamedWeight {
  const shape = read(() => [...d.shape], `shape of '${path}'`, where);
  const dtype = read(() => d.dtype, `dtype of '${path}'`, where);
  if (typeof dtype !== 'string' || !/^[<>|]f[48]$/.test(dtype))
    throw new FormatError(
      `dataset '${path}' has dtype ${JSON.stringify(dtype)}; only float weights can be imported`,
      where,
    );
  return { name: path, shape, values: () => read(() => d.value, `values of '${path}'`, where) };
}

function read<T>(f: () => T, what: string, where: string): T {
  try {
    return f();
  } catch (e) {
    throw new FormatError(`cannot read ${what} (${(e as Error)?.message ?? String(e)})`, where);
  }
}
