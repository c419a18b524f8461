// Downsampling for drawing: a line with more points than pixel columns keeps, per column, its first,
// lowest, highest and last point (the "M4" reduction), which draws the same pixels as the full
// series; bands keep the column's lowest lower bound and highest upper bound. Gaps (NaN) are kept.

/** Index lists of drawable runs; a gap (a missing value) separates runs. */
export type Runs = number[][];

/**
 * Indices of the points to draw for y over x (x ascending) at `column(x)` pixel columns: all of them
 * when there are fewer than two per column, else first/min/max/last of each column, split at gaps.
 * @example drawIndices([0, 1, 2], [5, NaN, 7], (x) => x * 100) //=> [[0], [2]]
 */
export function drawIndices(x: ArrayLike<number>, y: ArrayLike<number>, column: (x: number) => number): Runs {
  const n = Math.min(x.length, y.length);
  const runs: Runs = [];
  let run: number[] = [];
  const flush = () => {
    if (run.length) runs.push(run);
    run = [];
  };
  let col = Number.NaN,
    first = -1,
    lo = -1,
    hi = -1,
    last = -1;
  const emit = () => {
    if (first < 0) return;
    const picked = [first, lo, hi, last].sort((a, b) => a - b);
    for (let k = 0; k < 4; k++) if (k === 0 || picked[k] !== picked[k - 1]) run.push(picked[k]);
    first = -1;
  };
  for (let i = 0; i < n; i++) {
    const xi = x[i],
      yi = y[i];
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) {
      emit();
      flush();
      continue;
    }
    const c = Math.floor(column(xi));
    if (c !== col || first < 0) {
      emit();
      col = c;
      first = lo = hi = last = i;
      continue;
    }
    last = i;
    if (yi < y[lo]) lo = i;
    if (yi > y[hi]) hi = i;
  }
  emit();
  flush();
  return runs;
}

/** A band reduced to at most one point per pixel column: x, the lowest lower and highest upper bound. */
export interface BandPoints {
  x: number[];
  lo: number[];
  hi: number[];
}

/**
 * Per pixel column, the extreme bounds of a band (lower `lo`, upper `hi`), split at gaps.
 * @example drawBand([0, 0.001, 1], [1, 0, 2], [3, 4, 5], (x) => x * 10)[0].lo //=> [0, 2]
 */
export function drawBand(
  x: ArrayLike<number>,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  column: (x: number) => number,
): BandPoints[] {
  const n = Math.min(x.length, lo.length, hi.length);
  const out: BandPoints[] = [];
  let cur: BandPoints = { x: [], lo: [], hi: [] };
  let col = Number.NaN;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(lo[i]) || !Number.isFinite(hi[i])) {
      if (cur.x.length) out.push(cur);
      cur = { x: [], lo: [], hi: [] };
      col = Number.NaN;
      continue;
    }
    const c = Math.floor(column(x[i]));
    const k = cur.x.length - 1;
    if (c === col && k >= 0) {
      cur.lo[k] = Math.min(cur.lo[k], lo[i]);
      cur.hi[k] = Math.max(cur.hi[k], hi[i]);
    } else {
      cur.x.push(x[i]);
      cur.lo.push(lo[i]);
      cur.hi.push(hi[i]);
      col = c;
    }
  }
  if (cur.x.length) out.push(cur);
  return out;
}
