// Bounded reads of files lstmkit did not write itself (model folders, tfjs shards, CSV files): stat
// first, regular files only (a FIFO would block forever, /dev/zero never ends), no symlink leading out
// of the folder, a byte limit known before reading, and every failure a FormatError naming the file.

import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { FormatError } from '../errors.js';

/** Limits of one read. */
export interface ReadLimits {
  /** Names the caller in errors, e.g. 'loadModel'. */
  where: string;
  /** Largest accepted size in bytes. */
  maxBytes: number;
  /** Where maxBytes comes from, for the message (default 'the limit'). */
  limitFrom?: string;
  /** The size a manifest records; a file of any other size is refused before it is read. */
  exactBytes?: number;
  /** The file must lie inside this folder, also after following symlinks. */
  within?: string;
}

/** Longest file name most file systems accept (bytes). */
export const MAX_NAME_BYTES = 255;

function kind(s: Stats): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

function fail(path: string, what: string, where: string): never {
  throw new FormatError(`${path}: ${what}`, where);
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * Checks a path before reading: it exists, is (or links, inside `within`, to) a regular file and
 * respects the size limits. Returns the resolved path and size.
 * @example const { size } = checkRegularFile('out/model/weights.bin', { where: 'loadModel', maxBytes: 1 << 30 });
 */
export function checkRegularFile(path: string, limits: ReadLimits): { real: string; size: number } {
  const { where } = limits;
  const base = path.split(/[\\/]/).pop() ?? path;
  if (Buffer.byteLength(base) > MAX_NAME_BYTES)
    fail(path, `the file name is ${Buffer.byteLength(base)} bytes long, more than ${MAX_NAME_BYTES}`, where);
  let link: Stats;
  try {
    link = lstatSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail(path, code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? (e as Error).message})`, where);
  }
  let real = resolve(path);
  if (link.isSymbolicLink()) {
    try {
      real = realpathSync(path);
    } catch (e) {
      fail(path, `is a symbolic link that cannot be followed (${(e as NodeJS.ErrnoException).code})`, where);
    }
  }
  if (limits.within !== undefined) {
    let folder: string;
    try {
      folder = realpathSync(limits.within);
    } catch {
      folder = resolve(limits.within);
    }
    if (!inside(folder, real))
      fail(path, `leads out of ${limits.within} (to ${real}); lstmkit reads only files inside it`, where);
  }
  let s: Stats;
  try {
    s = lstatSync(real);
  } catch (e) {
    fail(path, `cannot read it (${(e as NodeJS.ErrnoException).code})`, where);
  }
  if (!s.isFile()) fail(path, `is ${kind(s)}; expected a regular file`, where);
  checkSize(path, s.size, limits);
  return { real, size: s.size };
}

function checkSize(path: string, size: number, limits: ReadLimits): void {
  if (limits.exactBytes !== undefined && size !== limits.exactBytes)
    fail(
      path,
      `is ${size} bytes, but ${limits.exactBytes} are recorded for it (truncated or wrong file?)`,
      limits.where,
    );
  if (size > limits.maxBytes)
    fail(path, `is ${size} bytes, more than ${limits.limitFrom ?? 'the limit'} (${limits.maxBytes})`, limits.where);
}

/** An open regular file (see openRegularFile). */
export interface RegularFile {
  readonly size: number;
  /** Reads exactly target.length bytes at byte `position`; a short read is a FormatError. */
  readAt(target: Uint8Array, position: number): void;
  close(): void;
}

/**
 * Opens a regular file within the limits (see checkRegularFile) for positional reads, never blocking
 * on a FIFO; the size is checked again on the open descriptor.
 * @example const f = openRegularFile('m/weights.bin', { where: 'loadModel', maxBytes: 1 << 30 }); f.readAt(buf, 0); f.close();
 */
export function openRegularFile(path: string, limits: ReadLimits): RegularFile {
  const { real } = checkRegularFile(path, limits);
  const { where } = limits;
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO swapped in after the check opens at once (and is refused below) instead of blocking.
    fd = openSync(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    fail(path, `cannot open it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, where);
  }
  let size: number;
  try {
    const s = fstatSync(fd);
    if (!s.isFile()) fail(path, `is ${kind(s)}; expected a regular file`, where);
    checkSize(path, s.size, limits);
    size = s.size;
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  return {
    size,
    readAt(target, position) {
      if (position + target.length > size)
        fail(path, `has ${size} bytes; a read of ${target.length} at ${position} goes past its end`, where);
      let got = 0;
      try {
        while (got < target.length) {
          const n = readSync(fd, target, got, target.length - got, position + got);
          if (n === 0)
            fail(path, `ended after ${position + got} of ${size} bytes (it changed while being read)`, where);
          got += n;
        }
      } catch (e) {
        if (e instanceof FormatError) throw e;
        fail(path, `cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, where);
      }
    },
    close() {
      closeSync(fd);
    },
  };
}

/**
 * Reads a whole regular file within the limits (see checkRegularFile), never reading more than its
 * stat'd size. With `into`, the bytes land in that buffer at `offset` (shards read into one
 * allocation); the returned view covers what was read.
 * @example const bytes = readRegularFile('out/model/model.json', { where: 'loadModel', maxBytes: 64 << 20 });
 */
export function readRegularFile(
  path: string,
  limits: ReadLimits,
  into?: { buffer: Uint8Array; offset: number },
): Uint8Array {
  const file = openRegularFile(path, limits);
  try {
    if (into && into.offset + file.size > into.buffer.length)
      fail(path, `is ${file.size} bytes, more than the ${into.buffer.length - into.offset} left for it`, limits.where);
    const out = into ? into.buffer.subarray(into.offset, into.offset + file.size) : new Uint8Array(file.size);
    file.readAt(out, 0);
    return out;
  } finally {
    file.close();
  }
}
