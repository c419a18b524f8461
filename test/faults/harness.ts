// Shared by the CI fault tests and `npm run test:faults`: run the killable child, then look at a
// folder the way a reader would (before any recovery) and list every promise that did not hold.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from '../../src/io/crc32.js';
import { modelToArtifacts } from '../../src/io/artifacts.js';
import { currentPath } from '../../src/node/commit.js';
import { isTemporaryName } from '../../src/node/own-files.js';
import { setFaultHook } from '../../src/node/fault-points.js';
import { loadModel } from '../../src/node/model-files.js';
import { HOSTILE_CASES } from './hostile.js';
import { versionCrc, versionOf } from './versions.js';
import { MODEL_DIR, type Mode, TEXTS, writeVersion } from './writers.js';

export type { Mode };

/** The user's own file placed in every folder under test; it must survive everything. */
export const USER_FILE = 'notes.txt';
export const USER_TEXT = 'the user wrote this\n';

const CHILD = join(import.meta.dirname, 'child.ts');
const crcs = new Map<number, number>();
function crcOf(version: number): number {
  let c = crcs.get(version);
  if (c === undefined) crcs.set(version, (c = versionCrc(version)));
  return c;
}

/**
 * Runs child.ts; `killAt` -1 runs to the end. Returns whether SIGKILL ended it and its stderr.
 * @example runChild('save', dir, 3, 2)  //=> { killed: true, ... }
 */
export function runChild(mode: Mode, dir: string, version: number, killAt: number, timeoutMs = 120_000) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, mode, dir, String(version), String(killAt)], {
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return { killed: r.signal === 'SIGKILL', timedOut: r.error !== undefined, code: r.status, stderr: r.stderr };
}

/**
 * Starts a child that writes version after version from `version`. Once it has finished its first
 * version (so start-up time does not count), it is SIGKILLed after `delayMs`, or it kills itself at
 * fault point `killAt`. Resolves with the last version it finished.
 * @example await killAfter('save', dir, 10, 35)  //=> 12
 */
export function killAfter(mode: Mode, dir: string, version: number, delayMs: number, killAt = -1): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, `loop-${mode}`, dir, String(version), String(killAt)],
      {
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    );
    let out = '';
    let timer: NodeJS.Timeout | null = setTimeout(() => child.kill('SIGKILL'), 300_000);
    let armed = false; // the delay counts from the first finished version, once (later output must not postpone it)
    child.stdout.on('data', (d) => {
      out += d;
      if (!armed && timer && !Number.isNaN(delayMs) && /done /.test(out)) {
        armed = true;
        clearTimeout(timer);
        timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('close', () => {
      if (timer) clearTimeout(timer);
      const done = [...out.matchAll(/done (\d+)/g)].map((m) => Number(m[1]));
      resolve(done.length ? done[done.length - 1] : version - 1);
    });
  });
}

/** The outcome of one hostile-folder case (hostile.ts); 'hang' when it did not finish in time. */
export interface HostileResult {
  name: string;
  outcome: 'ok' | 'error' | 'untyped' | 'hang';
  message: string;
  rssMB: number;
}

/**
 * Runs every hostile-folder case in child processes (hostile-child.ts); a case that blocks past
 * `timeoutMs` is reported as a hang and the rest continue in a new child.
 * @example runHostile(dir, 60_000).filter((r) => r.outcome === 'hang')  //=> []
 */
export function runHostile(root: string, timeoutMs: number): HostileResult[] {
  const results: HostileResult[] = [];
  for (let from = 0, round = 0; from < HOSTILE_CASES.length; round++) {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'hostile-child.ts'), join(root, `round-${round}`), String(from)],
      { encoding: 'utf8', timeout: timeoutMs },
    );
    const lines = r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as HostileResult & { start?: string });
    let started: string | null = null;
    for (const l of lines) {
      if (l.start !== undefined) started = l.start;
      else {
        results.push({ name: l.name, outcome: l.outcome, message: l.message, rssMB: l.rssMB });
        started = null;
        from++;
      }
    }
    if (started !== null) {
      results.push({ name: started, outcome: 'hang', message: `no answer in ${timeoutMs} ms`, rssMB: 0 });
      from++;
    } else if (r.status !== 0 && from < HOSTILE_CASES.length) {
      results.push({ name: HOSTILE_CASES[from].name, outcome: 'untyped', message: r.stderr.slice(-500), rssMB: 0 });
      from++;
    }
  }
  return results;
}

/**
 * One complete run in this process (the "next run" after a kill); returns the fault points it passed, in order.
 * @example await complete('save', dir, 4)  //=> ['save:weights', ...]
 */
export async function complete(mode: Mode, dir: string, version: number): Promise<string[]> {
  const points: string[] = [];
  setFaultHook((p) => points.push(p));
  try {
    await writeVersion(mode, dir, version);
  } finally {
    setFaultHook(null);
  }
  return points;
}

/** Creates the user's file in `dir`. */
export function placeUserFile(dir: string): void {
  writeFileSync(join(dir, USER_FILE), USER_TEXT);
}

/**
 * What a reader sees in `dir` right now: the model version a load gives (and, for outputs, the version
 * of every file); problems lists each broken promise (no whole version, a mix, a lost user file).
 * @example inspect('save', dir, [3, 4])  //=> { version: 4, problems: [] }
 */
export async function inspect(
  mode: Mode,
  dir: string,
  allowed: readonly number[],
): Promise<{ version: number | null; problems: string[] }> {
  const problems: string[] = [];
  const modelDir = join(dir, MODEL_DIR[mode]);
  let version: number | null = null;
  try {
    const c = crc32(modelToArtifacts(await loadModel(modelDir)).weights);
    version = allowed.find((v) => crcOf(v) === c) ?? null;
    if (version === null) problems.push(`the model in ${modelDir} is none of versions ${allowed.join(', ')}`);
  } catch (e) {
    problems.push(`the model in ${modelDir} does not load: ${(e as Error).message}`);
  }
  for (const rel of TEXTS[mode]) {
    const { path } = currentPath(dir, rel, 'inspect');
    const v = existsSync(path) ? versionOf(readFileSync(path, 'utf8')) : null;
    if (v === null || v !== version) problems.push(`${rel} is version ${v}, the model version ${version}`);
  }
  const user = join(dir, USER_FILE);
  if (!existsSync(user) || readFileSync(user, 'utf8') !== USER_TEXT) problems.push(`${USER_FILE} was lost or changed`);
  return { version, problems };
}

/**
 * lstmkit temporaries (stage folders, journals) left in `dir` and its subfolders.
 * @example temporaries(dir)  //=> []
 */
export function temporaries(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (isTemporaryName(e.name)) out.push(e.name);
    else if (e.isDirectory()) for (const t of temporaries(join(dir, e.name))) out.push(`${e.name}/${t}`);
  }
  return out;
}

/** A tally of cases tried and held, per category, printed as the suite's last lines. */
export class Tally {
  private counts = new Map<string, { tried: number; held: number; failures: string[] }>();
  record(category: string, held: boolean, failure = ''): void {
    const c = this.counts.get(category) ?? { tried: 0, held: 0, failures: [] };
    c.tried++;
    if (held) c.held++;
    else if (c.failures.length < 5) c.failures.push(failure);
    this.counts.set(category, c);
  }
  failures(): string[] {
    return [...this.counts].flatMap(([k, c]) => c.failures.map((f) => `${k}: ${f}`));
  }
  lines(): string[] {
    return [...this.counts].map(([k, c]) => `${k}: ${c.tried} tried, ${c.held} held`);
  }
  /** One line adding up every category named `name: ...`. */
  total(name: string): string {
    let tried = 0,
      held = 0;
    for (const [k, c] of this.counts)
      if (k.startsWith(`${name}:`)) {
        tried += c.tried;
        held += c.held;
      }
    return `${name}: ${tried} tried, ${held} held`;
  }
}
