// Helpers shared by the toy sequence examples (echo, cardinality, attention): random integer
// sequences, one-hot encoding into flat arrays, argmax decoding.

import { Rng, Tensor } from '../src/index.js';

/** n random integers in [lo, hi] inclusive. */
export function randomInts(rng: Rng, n: number, lo: number, hi: number): number[] {
  return Array.from({ length: n }, () => lo + rng.int(hi - lo + 1));
}

/** Sequences (N,T) of ids -> one-hot tensor (N,T,K). */
export function oneHot(seqs: number[][], K: number): Tensor {
  const N = seqs.length,
    T = seqs[0].length;
  const out = new Float32Array(N * T * K);
  for (let i = 0; i < N; i++) for (let t = 0; t < T; t++) out[(i * T + t) * K + seqs[i][t]] = 1;
  return new Tensor(out, [N, T, K]);
}

/** Argmax over the last axis of (N,T,K) -> ids (N,T). */
export function argmaxSeqs(t: Tensor): number[][] {
  const [N, T, K] = t.shape;
  return Array.from({ length: N }, (_, i) =>
    Array.from({ length: T }, (_, s) => {
      let best = 0;
      for (let k = 1; k < K; k++) if (t.data[(i * T + s) * K + k] > t.data[(i * T + s) * K + best]) best = k;
      return best;
    }),
  );
}

export { Rng };
