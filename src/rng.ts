// Seeded pseudo-random numbers: the only source of randomness in lstmkit (nothing calls Math.random).
// Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counter), seeded through splitmix32.

import { ConfigError } from './errors.js';

/** A generator's saved state (JSON-serializable). */
export interface RngState {
  words: number[];
  spare: number | null;
}

/** A seeded random generator. The same seed always yields the same sequence. */
export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;
  private spare = Number.NaN;

  constructor(seed = 0) {
    this.seed(seed);
  }

  /** Restarts the sequence from `seed` (any finite number; fractional parts are mixed in). */
  seed(seed: number): void {
    let s = (Math.floor(seed) ^ Math.round((seed % 1) * 0x7fffffff)) >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    this.spare = Number.NaN;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) with 53 bits of resolution. */
  next(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform in [lo, hi). */
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }

  /** Normal with the given mean and standard deviation (Box-Muller, the spare value kept). */
  normal(mean = 0, std = 1): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = Number.NaN;
      return mean + std * z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return mean + std * r * Math.cos(2 * Math.PI * v);
  }

  /** Normal truncated to [mean - 2 std, mean + 2 std] by redrawing, as Keras' truncated_normal. */
  truncatedNormal(mean = 0, std = 1): number {
    for (;;) {
      const z = this.normal();
      if (z >= -2 && z <= 2) return mean + std * z;
    }
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Shuffles `a` in place (Fisher-Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /**
   * The generator's full state (for checkpoints): four 32-bit words and the spare normal value.
   * @example const s = rng.getState(); const a = rng.next(); rng.setState(s); rng.next() === a  //=> true
   */
  getState(): RngState {
    return {
      words: [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0],
      spare: Number.isNaN(this.spare) ? null : this.spare,
    };
  }

  /** Restores a state from getState(); the sequence continues exactly where it was. */
  setState(state: RngState): void {
    const w = state?.words;
    if (
      !Array.isArray(w) ||
      w.length !== 4 ||
      w.some((x) => !Number.isInteger(x) || x < 0 || x > 0xffffffff) ||
      !(state.spare === null || Number.isFinite(state.spare))
    ) {
      throw new ConfigError(
        'an Rng state is { words: four 32-bit unsigned integers, spare: number | null }',
        'Rng.setState',
      );
    }
    [this.a, this.b, this.c, this.d] = w.map((x) => x | 0);
    this.spare = state.spare ?? Number.NaN;
  }

  /** A new generator seeded from this one: independent streams for layers, shuffling, dropout. */
  fork(): Rng {
    return new Rng(this.nextUint32());
  }
}

const global = new Rng(1234);

/** Seeds the global generator that everything created afterwards draws from (as keras.utils.set_random_seed). */
export function setRandomSeed(seed: number): void {
  global.seed(seed);
}

/** The global generator. Layers, models and shuffling fork their own streams from it. */
export function globalRng(): Rng {
  return global;
}
