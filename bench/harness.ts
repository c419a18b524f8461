// The measuring side of bench/run.ts: a Runner is one contestant (in this process, or a Python peer
// process speaking JSON lines); measure() interleaves runners A B A B over rounds, alternating their
// order each round, and keeps per round the median wall time of a call and the process CPU time per
// call, so a load change during the run hits every peer alike instead of one of them.

import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Collects garbage and lets the FinalizationRegistry callbacks run, so the wasm blocks of the previous
 * configuration's models return to the heap before the next configuration allocates its own.
 */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
}

export type Mode = 'train' | 'infer' | 'step';
export interface Config {
  name: string;
  T: number;
  F: number;
  H: number;
  B: number;
}
export interface Block {
  wall: number[]; // seconds per call
  cpu: number; // process CPU seconds over the block
}
export interface Runner {
  readonly name: string;
  /** Builds the contestant for a config ('seq': LSTM + Dense on (B,T,F); 'stream': one step at batch B). Returns the modes it offers. */
  build(c: Config, kind: 'seq' | 'stream'): Promise<Mode[]>;
  /** Calls mode repeatedly for about `seconds` (at least min, at most max calls). */
  run(mode: Mode, seconds: number, min: number, max: number): Promise<Block>;
  close(): void;
}

/** A runner in this process: build returns the functions to time. */
export function localRunner(
  name: string,
  make: (c: Config, kind: 'seq' | 'stream') => Promise<Partial<Record<Mode, () => unknown>>>,
  before?: () => Promise<void>,
): Runner {
  let fns: Partial<Record<Mode, () => unknown>> = {};
  return {
    name,
    async build(c, kind) {
      await before?.();
      fns = {};
      await settle();
      fns = await make(c, kind);
      return (Object.keys(fns) as Mode[]).filter((m) => fns[m]);
    },
    async run(mode, seconds, min, max) {
      await before?.();
      const fn = fns[mode]!;
      const wall: number[] = [];
      const cpu0 = process.cpuUsage();
      const start = performance.now();
      while (wall.length < max && (wall.length < min || performance.now() - start < seconds * 1000)) {
        const t0 = performance.now();
        const r = fn();
        if (r instanceof Promise) await r;
        wall.push((performance.now() - t0) / 1000);
      }
      const cpu = process.cpuUsage(cpu0);
      return { wall, cpu: (cpu.user + cpu.system) / 1e6 };
    },
    close() {},
  };
}

/** A Python peer (bench/python/peer.py); resolves to null with the reason when it cannot start. */
export async function pythonRunner(
  name: string,
  python: string,
  script: string,
  framework: 'torch' | 'keras',
  threads: number,
): Promise<{ runner: Runner | null; note: string }> {
  let proc: ChildProcessWithoutNullStreams;
  try {
    proc = spawn(python, [script, framework, String(threads)], { stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    return { runner: null, note: `${name}: ${String(e)}` };
  }
  const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
  let failed: string | null = null;
  proc.on('error', (e) => {
    failed = String(e.message);
  });
  proc.stderr.resume();
  const ask = async (req: object | null): Promise<Record<string, unknown>> => {
    if (failed) throw new Error(failed);
    if (req) proc.stdin.write(`${JSON.stringify(req)}\n`);
    const next = await lines.next();
    if (next.done) throw new Error(failed ?? `${name} exited`);
    const r = JSON.parse(next.value) as Record<string, unknown>;
    if (r.error) throw new Error(String(r.error));
    return r;
  };
  let hello: Record<string, unknown>;
  try {
    hello = await ask(null);
  } catch (e) {
    proc.kill();
    return { runner: null, note: `${name} skipped: ${(e as Error).message.split('\n')[0]}` };
  }
  const runner: Runner = {
    name,
    async build(c, kind) {
      await ask({ op: 'build', kind, T: c.T, F: c.F, H: c.H, B: c.B });
      return kind === 'stream' ? ['step'] : ['train', 'infer'];
    },
    async run(mode, seconds, min, max) {
      const r = await ask({ op: 'run', mode, seconds, min, max });
      return { wall: r.wall as number[], cpu: r.cpu as number };
    },
    close() {
      proc.stdin.end();
      proc.kill();
    },
  };
  return { runner, note: `${name}: ${String(hello.version)}, ${threads} thread(s)` };
}

export interface Stat {
  /** Samples (or steps) per second from each round's median call time. */
  perRound: number[];
  median: number;
  min: number;
  max: number;
  /** Process CPU seconds per wall second while it ran (≈ threads busy, including spinning). */
  cpuPerWall: number;
  /** Samples per CPU second (median over rounds): the speed with the load of other processes factored out. */
  perCpuSecond: number;
}

export const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export interface Measurement {
  stats: Map<string, Partial<Record<Mode, Stat>>>;
  errors: Map<string, string>;
  load: [string, string];
}

/**
 * Builds every runner for c, warms each mode up, then runs `rounds` rounds of A B C ... / ... C B A,
 * one block of `seconds` per runner and mode. `samples` is the samples one call processes.
 */
export async function measure(
  runners: Runner[],
  c: Config,
  kind: 'seq' | 'stream',
  rounds: number,
  seconds: number,
  samples: (r: Runner, mode: Mode) => number,
): Promise<Measurement> {
  const load0 = loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');
  const modes = new Map<Runner, Mode[]>();
  const errors = new Map<string, string>();
  for (const r of runners) {
    try {
      const ms = await r.build(c, kind);
      for (const m of ms) await r.run(m, 0, 2, 2); // warm-up: compilation, allocation, page faults
      modes.set(r, ms);
    } catch (e) {
      errors.set(r.name, String((e as Error).message ?? e).split('\n')[0]);
    }
  }
  const rows = new Map<
    Runner,
    Partial<Record<Mode, { tput: number[]; cpu: number; wall: number; perCpu: number[] }>>
  >();
  const ready = runners.filter((r) => modes.has(r));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ready : [...ready].reverse();
    for (const r of order) {
      for (const m of modes.get(r)!) {
        let b: Block;
        try {
          b = await r.run(m, seconds, 3, 100000);
        } catch (e) {
          errors.set(r.name, String((e as Error).message ?? e).split('\n')[0]);
          continue;
        }
        const n = samples(r, m);
        const row = rows.get(r) ?? {};
        rows.set(r, row);
        const acc = (row[m] ??= { tput: [], cpu: 0, wall: 0, perCpu: [] });
        acc.tput.push(n / median(b.wall));
        const wallSum = b.wall.reduce((s, v) => s + v, 0);
        acc.cpu += b.cpu;
        acc.wall += wallSum;
        acc.perCpu.push((n * b.wall.length) / Math.max(b.cpu, 1e-9));
      }
    }
  }
  const stats = new Map<string, Partial<Record<Mode, Stat>>>();
  for (const [r, row] of rows) {
    const out: Partial<Record<Mode, Stat>> = {};
    for (const [m, a] of Object.entries(row) as [
      Mode,
      { tput: number[]; cpu: number; wall: number; perCpu: number[] },
    ][]) {
      out[m] = {
        perRound: a.tput,
        median: median(a.tput),
        min: Math.min(...a.tput),
        max: Math.max(...a.tput),
        cpuPerWall: a.cpu / a.wall,
        perCpuSecond: median(a.perCpu),
      };
    }
    stats.set(r.name, out);
  }
  const load1 = loadavg()
    .map((v) => v.toFixed(2))
    .join(' ');
  return { stats, errors, load: [load0, load1] };
}
