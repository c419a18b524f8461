// The sequence tasks of Hochreiter & Schmidhuber (1997), section 5, as seeded generators. A sample is
// one sequence: inputs x (T,D) and targets y, either one row per step (T,K) or one row at the end (K).
// Rows whose targets are IGNORE (padding) are skipped by the losses in losses.ts.

import type { Rng } from '../../src/index.js';

/** Target value marking a row without a target (a padded step). */
export const IGNORE = -100;

export interface Sample {
  /** Steps. */
  T: number;
  /** Inputs (T,D), row-major. */
  x: Float32Array;
  /** Targets: (T,K) for per-step tasks, (K) for end-of-sequence tasks. */
  y: Float32Array;
  /** Per-step tasks: the set of correct next symbols at each step (Reber); otherwise absent. */
  allowed?: number[][];
  /** Classification tasks: the class of the sequence. */
  label?: number;
}

export interface Task {
  /** Input features D. */
  inputs: number;
  /** Output units K. */
  outputs: number;
  /** Targets at every step (true) or only at the end (false). */
  perStep: boolean;
  /** A new sequence; `length` forces the length for tasks with random lengths (batching). */
  sample(rng: Rng, length?: number): Sample;
  /** A length to share within a batch, for tasks with random lengths. */
  length?(rng: Rng): number;
}

function oneHotRows(symbols: number[], D: number): Float32Array {
  const x = new Float32Array(symbols.length * D);
  symbols.forEach((s, t) => {
    x[t * D + s] = 1;
  });
  return x;
}

// --- Experiment 1: the embedded Reber grammar ---------------------------------------------------

/** Symbols B T P S X V E. */
export const REBER_SYMBOLS = 'BTPSXVE';
const [B, Tt, P, S, X, V, E] = [0, 1, 2, 3, 4, 5, 6];
/** Reber graph: node -> [symbol, next node] choices (each with probability 1/2); node 5 ends. */
const REBER: [number, number][][] = [
  [
    [Tt, 1],
    [P, 2],
  ],
  [
    [S, 1],
    [X, 3],
  ],
  [
    [Tt, 2],
    [V, 4],
  ],
  [
    [X, 2],
    [S, 5],
  ],
  [
    [P, 3],
    [V, 5],
  ],
];

/** A Reber string B…E with, for each symbol, the symbols that may follow it. */
function reberString(rng: Rng): { symbols: number[]; next: number[][] } {
  const symbols = [B],
    next: number[][] = [[Tt, P]];
  let node = 0;
  while (node !== 5) {
    const choices = REBER[node];
    const [sym, to] = choices[rng.int(2)];
    symbols.push(sym);
    node = to;
    next.push(node === 5 ? [E] : REBER[node].map((c) => c[0]));
  }
  symbols.push(E);
  return { symbols, next };
}

/**
 * An embedded Reber string: B, T or P, a Reber string, the same T or P, E. Next-symbol prediction:
 * y (T,7) is the actual next symbol, `allowed` lists every symbol the grammar allows next; the
 * long-lag step is the one after the inner E, where only the symbol chosen at step 2 is allowed.
 */
export function embeddedReber(rng: Rng): { symbols: number[]; allowed: number[][] } {
  const branch = rng.int(2) === 0 ? Tt : P;
  const inner = reberString(rng);
  const symbols = [B, branch, ...inner.symbols, branch, E];
  const allowed = [[Tt, P], [B], ...inner.next, [branch], [E]];
  return { symbols, allowed };
}

/** Experiment 1 as a task over a fixed set of strings (the paper's 256 training strings). */
export function reberTask(strings: { symbols: number[]; allowed: number[][] }[]): Task & { strings: typeof strings } {
  return {
    inputs: 7,
    outputs: 7,
    perStep: true,
    strings,
    sample(rng) {
      return reberSample(strings[rng.int(strings.length)]);
    },
  };
}

/** The sample of one embedded Reber string: inputs are all symbols but the last, targets the next ones. */
export function reberSample(s: { symbols: number[]; allowed: number[][] }): Sample {
  const T = s.symbols.length - 1;
  return {
    T,
    x: oneHotRows(s.symbols.slice(0, -1), 7),
    y: oneHotRows(s.symbols.slice(1), 7),
    allowed: s.allowed.slice(0, T),
  };
}

/** `count` distinct embedded Reber strings that are not in `exclude` (keys: symbols joined). */
export function distinctReberStrings(rng: Rng, count: number, exclude = new Set<string>()) {
  const out: { symbols: number[]; allowed: number[][] }[] = [];
  const seen = new Set(exclude);
  while (out.length < count) {
    const s = embeddedReber(rng);
    const key = s.symbols.join('');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out;
}

// --- Experiment 2: long time lags ---------------------------------------------------------------

/**
 * 2a: the two sequences (y, a1, …, a_{p−1}, y) and (x, a1, …, a_{p−1}, x), one-hot over p+1 symbols
 * (a_i = i−1, x = p−1, y = p), next-symbol prediction at every step.
 */
export function longLagTask(p: number): Task {
  const D = p + 1;
  return {
    inputs: D,
    outputs: D,
    perStep: true,
    sample(rng) {
      const first = rng.int(2) === 0 ? p : p - 1;
      const seq = [first, ...Array.from({ length: p - 1 }, (_, i) => i), first];
      return { T: p, x: oneHotRows(seq.slice(0, -1), D), y: oneHotRows(seq.slice(1), D), label: first === p ? 0 : 1 };
    },
  };
}

/**
 * 2b: as 2a but the middle p−1 symbols are drawn at random from a1…a_{p−1} ("no local regularities");
 * the target is the last symbol only (x or y, one-hot over p+1).
 */
export function randomLagTask(p: number): Task {
  const D = p + 1;
  return {
    inputs: D,
    outputs: D,
    perStep: false,
    sample(rng) {
      const first = rng.int(2) === 0 ? p : p - 1;
      const seq = [first, ...Array.from({ length: p - 1 }, () => rng.int(p - 1))];
      const y = new Float32Array(D);
      y[first] = 1;
      return { T: p, x: oneHotRows(seq, D), y, label: first === p ? 0 : 1 };
    },
  };
}

/**
 * 2c: (b, x|y, q+k distractors drawn from p symbols, e, x|y): after q+1 distractors, each further step
 * is a distractor with probability 0.9 (k ≥ 1, mean 10), so the expected length is q+14 as in the paper.
 * Inputs p+4 (distractors, b, e, x, y); 2 outputs (x, y), the target at the end (the last x|y).
 */
export function distractorTask(q: number, p: number): Task {
  const D = p + 4;
  const [b, e, xs, ys] = [p, p + 1, p + 2, p + 3];
  return {
    inputs: D,
    outputs: 2,
    perStep: false,
    length(rng) {
      let k = 1;
      while (rng.next() < 0.9) k++;
      return q + k + 3;
    },
    sample(rng, length) {
      const T = length ?? this.length!(rng);
      const cls = rng.int(2);
      const seq = [b, cls === 0 ? xs : ys];
      while (seq.length < T - 1) seq.push(rng.int(p));
      seq.push(e);
      const y = new Float32Array(2);
      y[cls] = 1;
      return { T, x: oneHotRows(seq, D), y, label: cls };
    },
  };
}

// --- Experiment 3: noise and signal on the same channel ------------------------------------------

/** Length uniform in [T, T + T/10]. */
function noisyLength(rng: Rng, T: number): number {
  return T + rng.int(Math.floor(T / 10) + 1);
}

/**
 * 3a/3b/3c (Bengio et al.'s 2-sequence problem): one real input; the first N steps are +1 (class 1) or
 * −1 (class 0), the rest Gaussian noise (mean 0, variance 0.2). 3b also adds that noise to the first N
 * steps. 3c is 3a with targets 0.8 / 0.2 plus Gaussian target noise (variance 0.1). The target is at
 * the end: 1 / 0 (3a, 3b). `clean` is the noise-free target.
 */
export function noiseSignalTask(
  variant: '3a' | '3b' | '3c',
  T: number,
  N: number,
): Task & { clean(s: Sample): number } {
  const std = Math.sqrt(0.2);
  return {
    inputs: 1,
    outputs: 1,
    perStep: false,
    length: (rng) => noisyLength(rng, T),
    sample(rng, length) {
      const L = length ?? noisyLength(rng, T);
      const cls = rng.int(2);
      const x = new Float32Array(L);
      for (let t = 0; t < L; t++) {
        const signal = t < N ? (cls === 1 ? 1 : -1) : 0;
        x[t] = signal + (t >= N || variant === '3b' ? rng.normal(0, std) : 0);
      }
      const target = variant === '3c' ? (cls === 1 ? 0.8 : 0.2) + rng.normal(0, Math.sqrt(0.1)) : cls;
      return { T: L, x, y: Float32Array.of(target), label: cls };
    },
    clean(s) {
      return variant === '3c' ? (s.label === 1 ? 0.8 : 0.2) : (s.label ?? 0);
    },
  };
}

// --- Experiments 4 and 5: the adding and multiplication problems ---------------------------------

/**
 * Pairs (value, marker) over a length uniform in [T, T+T/10]. Two pairs are marked 1.0: one among the
 * first 10 (X1), one among the first T/2−1 still-unmarked ones (X2); the first and last pairs carry
 * marker −1 unless marked. Adding: values U[−1,1], target 0.5 + (X1+X2)/4, X1 = 0 when the first pair
 * is marked. Multiplication: values U[0,1], target X1·X2, X1 = 1 when the first pair is marked.
 */
export function markedPairsTask(kind: 'adding' | 'multiplication', T: number): Task {
  return {
    inputs: 2,
    outputs: 1,
    perStep: false,
    length: (rng) => noisyLength(rng, T),
    sample(rng, length) {
      const L = length ?? noisyLength(rng, T);
      const x = new Float32Array(L * 2);
      for (let t = 0; t < L; t++) x[t * 2] = kind === 'adding' ? rng.uniform(-1, 1) : rng.uniform(0, 1);
      x[1] = -1;
      x[(L - 1) * 2 + 1] = -1;
      const i1 = rng.int(10);
      let i2 = i1;
      while (i2 === i1) i2 = rng.int(Math.floor(T / 2) - 1);
      for (const i of [i1, i2]) x[i * 2 + 1] = 1;
      if (i1 === 0 || i2 === 0) x[0] = kind === 'adding' ? 0 : 1;
      const [v1, v2] = [x[i1 * 2], x[i2 * 2]];
      const target = kind === 'adding' ? 0.5 + (v1 + v2) / 4 : v1 * v2;
      return { T: L, x, y: Float32Array.of(target) };
    },
  };
}

// --- Experiment 6: temporal order ---------------------------------------------------------------

/**
 * 6a (2 relevant symbols) / 6b (3): length 100–110, starts with E, ends with B, random fillers
 * a, b, c, d; X or Y at t1 ∈ [10,20], t2 ∈ [50,60] (6a) or t1 ∈ [10,20], t2 ∈ [33,43], t3 ∈ [66,76]
 * (6b). The class is the order of X/Y (4 or 8 classes, one-hot target at the end). Inputs: a b c d E B X Y.
 * `scale` < 1 shrinks the lengths and positions (the small versions of the tests).
 */
export function temporalOrderTask(variant: '6a' | '6b', scale = 1): Task {
  const windows = (
    variant === '6a'
      ? [
          [10, 20],
          [50, 60],
        ]
      : [
          [10, 20],
          [33, 43],
          [66, 76],
        ]
  ).map(([lo, hi]) => [Math.round(lo * scale), Math.round(hi * scale)]);
  const K = 2 ** windows.length;
  const [minLength, spread] = [Math.round(100 * scale), Math.round(10 * scale)];
  return {
    inputs: 8,
    outputs: K,
    perStep: false,
    length: (rng) => minLength + rng.int(spread + 1),
    sample(rng, length) {
      const L = length ?? minLength + rng.int(spread + 1);
      const seq = Array.from({ length: L }, () => rng.int(4));
      seq[0] = 4;
      seq[L - 1] = 5;
      let cls = 0;
      for (const [lo, hi] of windows) {
        const bit = rng.int(2);
        seq[lo + rng.int(hi - lo + 1)] = 6 + bit;
        cls = cls * 2 + bit;
      }
      const y = new Float32Array(K);
      y[cls] = 1;
      return { T: L, x: oneHotRows(seq, 8), y, label: cls };
    },
  };
}
