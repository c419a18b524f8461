// Hand-made hostile model folders (FIFOs, /dev/zero, symlinks out of the folder, sparse giants,
// folders where files belong, endless shard lists). Each must be refused with lstmkit's own error
// naming the file, quickly, without reading more than the manifest allows.

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveModel } from '../../src/node/model-files.js';
import { versionModel } from './versions.js';

export interface HostileCase {
  name: string;
  loader: 'native' | 'tfjs';
  /** Builds the case in `dir` (a fresh folder); `outside` is a folder beside it. */
  setup(dir: string, outside: string): Promise<void> | void;
  /** The case is a valid folder that must load (a symlink that stays inside, for instance). */
  loads?: boolean;
  /** Text the error must contain (usually the file's name). */
  names?: string;
}

const TFJS = join(import.meta.dirname, '..', 'fixtures', 'tfjs-dense');
const SHARD = 'group1-shard1of1.bin';
const GB = 2 ** 30;

async function native(dir: string): Promise<void> {
  await saveModel(versionModel(1), dir);
}
function tfjs(dir: string, edit?: (json: { weightsManifest: { paths: string[] }[] }) => void): void {
  const json = JSON.parse(readFileSync(join(TFJS, 'model.json'), 'utf8'));
  edit?.(json);
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  copyFileSync(join(TFJS, SHARD), join(dir, SHARD));
}
function fifo(path: string): void {
  execFileSync('mkfifo', [path]);
}
function replace(path: string, make: (p: string) => void): void {
  unlinkSync(path);
  make(path);
}

export const HOSTILE_CASES: HostileCase[] = [
  {
    name: 'weights.bin is a FIFO',
    loader: 'native',
    names: 'weights.bin',
    async setup(d) {
      await native(d);
      replace(join(d, 'weights.bin'), fifo);
    },
  },
  {
    name: 'model.json is a FIFO',
    loader: 'native',
    names: 'model.json',
    async setup(d) {
      await native(d);
      replace(join(d, 'model.json'), fifo);
    },
  },
  {
    name: 'weights.bin links to /dev/zero',
    loader: 'native',
    names: 'weights.bin',
    async setup(d) {
      await native(d);
      replace(join(d, 'weights.bin'), (p) => symlinkSync('/dev/zero', p));
    },
  },
  {
    name: 'model.json links to /dev/zero',
    loader: 'native',
    names: 'model.json',
    async setup(d) {
      await native(d);
      replace(join(d, 'model.json'), (p) => symlinkSync('/dev/zero', p));
    },
  },
  {
    name: 'model.json is a folder',
    loader: 'native',
    names: 'model.json',
    async setup(d) {
      await native(d);
      replace(join(d, 'model.json'), (p) => mkdirSync(p));
    },
  },
  {
    name: 'weights.bin is a folder',
    loader: 'native',
    names: 'weights.bin',
    async setup(d) {
      await native(d);
      replace(join(d, 'weights.bin'), (p) => mkdirSync(p));
    },
  },
  {
    name: 'weights.bin is missing',
    loader: 'native',
    names: 'weights.bin',
    async setup(d) {
      await native(d);
      unlinkSync(join(d, 'weights.bin'));
    },
  },
  {
    name: 'weights.bin is a sparse 1.5 GB file',
    loader: 'native',
    names: 'weights.bin',
    async setup(d) {
      await native(d);
      truncateSync(join(d, 'weights.bin'), 1.5 * GB);
    },
  },
  {
    name: 'model.json is a sparse 1.1 GB file',
    loader: 'native',
    names: 'model.json',
    async setup(d) {
      await native(d);
      truncateSync(join(d, 'model.json'), Math.round(1.1 * GB));
    },
  },
  {
    name: 'weights.bin links to a file outside the folder',
    loader: 'native',
    names: 'weights.bin',
    async setup(d, out) {
      await native(d);
      copyFileSync(join(d, 'weights.bin'), join(out, 'weights.bin'));
      replace(join(d, 'weights.bin'), (p) => symlinkSync(join(out, 'weights.bin'), p));
    },
  },
  {
    name: 'weights.bin links to a file inside the folder',
    loader: 'native',
    loads: true,
    async setup(d) {
      await native(d);
      mkdirSync(join(d, 'data'));
      copyFileSync(join(d, 'weights.bin'), join(d, 'data', 'w.bin'));
      replace(join(d, 'weights.bin'), (p) => symlinkSync(join('data', 'w.bin'), p));
    },
  },
  { name: 'a valid tfjs folder', loader: 'tfjs', loads: true, setup: (d) => tfjs(d) },
  {
    name: 'a tfjs shard is a FIFO',
    loader: 'tfjs',
    names: SHARD,
    setup(d) {
      tfjs(d);
      replace(join(d, SHARD), fifo);
    },
  },
  {
    name: 'a tfjs shard links to /dev/zero',
    loader: 'tfjs',
    names: SHARD,
    setup(d) {
      tfjs(d);
      replace(join(d, SHARD), (p) => symlinkSync('/dev/zero', p));
    },
  },
  {
    name: 'a tfjs shard links to a file outside the folder',
    loader: 'tfjs',
    names: SHARD,
    setup(d, out) {
      tfjs(d);
      copyFileSync(join(d, SHARD), join(out, SHARD));
      replace(join(d, SHARD), (p) => symlinkSync(join(out, SHARD), p));
    },
  },
  {
    name: 'a tfjs shard listed 300 times',
    loader: 'tfjs',
    names: SHARD,
    setup: (d) =>
      tfjs(d, (j) => {
        j.weightsManifest[0].paths = Array.from({ length: 300 }, () => SHARD);
      }),
  },
  {
    name: 'a tfjs shard larger than its manifest (sparse 1 GB)',
    loader: 'tfjs',
    names: SHARD,
    setup(d) {
      tfjs(d);
      truncateSync(join(d, SHARD), GB);
    },
  },
  {
    name: 'a tfjs model.json that is a folder',
    loader: 'tfjs',
    names: 'model.json',
    setup(d) {
      mkdirSync(join(d, 'model.json'));
    },
  },
  {
    name: 'a tfjs manifest listing 100,000 missing shards',
    loader: 'tfjs',
    names: 'paths',
    setup: (d) =>
      tfjs(d, (j) => {
        j.weightsManifest[0].paths = Array.from({ length: 100_000 }, (_, i) => `missing-${i}.bin`);
      }),
  },
  {
    name: 'a tfjs shard name of 300 characters',
    loader: 'tfjs',
    names: 'longer than',
    setup: (d) =>
      tfjs(d, (j) => {
        j.weightsManifest[0].paths = ['x'.repeat(300)];
      }),
  },
  {
    name: 'a tfjs shard that is missing',
    loader: 'tfjs',
    names: 'missing.bin',
    setup: (d) =>
      tfjs(d, (j) => {
        j.weightsManifest[0].paths = ['missing.bin'];
      }),
  },
];
