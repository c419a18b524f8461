// Nelder-Mead simplex minimisation, the variant of R's optim(method = "Nelder-Mead") (Nash, "Compact
// Numerical Methods for Computers", 1990, algorithm 19), which R's forecast::ets uses to fit smoothing
// parameters and initial states: same initial simplex, step factors, stopping rule and order of moves,
// so fits agree with R's to rounding.

import { ConfigError, DataError } from '../../errors.js';

/** Options of nelderMead(); the defaults are R's optim / forecast::ets settings. */
export interface NelderMeadOptions {
  /** Stop after this many function evaluations. Default 2000 (forecast::ets' maxit). */
  maxEvaluations?: number;
  /** Relative tolerance on the spread of the simplex values. Default sqrt(2^-52) ≈ 1.49e-8. */
  relativeTolerance?: number;
  /** Stop once the best value is at or below this. Default -Infinity. */
  absoluteTolerance?: number;
}

/** The minimum found by nelderMead(). */
export interface NelderMeadResult {
  x: Float64Array;
  value: number;
  evaluations: number;
  /** False when maxEvaluations ran out or a shrink step failed to shrink the simplex. */
  converged: boolean;
}

const BIG = 1e35; // stands in for a non-finite function value, as in R
const REFLECT = 1,
  CONTRACT = 0.5,
  EXPAND = 2;

/**
 * Minimises `fn` from `x0` with the Nelder-Mead simplex method. `fn` may return Infinity or NaN to
 * reject a point (it then counts as 1e35); it must be finite at `x0`.
 * @example nelderMead((x) => (x[0] - 1) ** 2 + (x[1] + 2) ** 2, [0, 0]).x  //=> ≈ [1, -2]
 */
export function nelderMead(
  fn: (x: Float64Array) => number,
  x0: ArrayLike<number>,
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const where = 'nelderMead';
  const maxEvaluations = options.maxEvaluations ?? 2000;
  const reltol = options.relativeTolerance ?? Math.sqrt(2 ** -52);
  const abstol = options.absoluteTolerance ?? Number.NEGATIVE_INFINITY;
  const n = x0.length;
  if (n < 1) throw new ConfigError('x0 must hold at least one parameter', where);
  if (!Number.isInteger(maxEvaluations) || maxEvaluations < 1)
    throw new ConfigError(`maxEvaluations must be a positive integer, got ${maxEvaluations}`, where);
  let evaluations = 0;
  const f = (x: Float64Array): number => {
    evaluations++;
    const v = fn(x);
    return Number.isFinite(v) ? v : BIG;
  };
  // simplex: n + 1 vertices, each with its value
  const start = Float64Array.from(x0);
  const f0 = fn(start);
  evaluations = 1;
  if (!Number.isFinite(f0)) throw new DataError(`the function is not finite at the initial point (${f0})`, where);
  const convtol = reltol * (Math.abs(f0) + reltol);
  let step = 0;
  for (let i = 0; i < n; i++) step = Math.max(step, 0.1 * Math.abs(start[i]));
  if (step === 0) step = 0.1;
  const P: Float64Array[] = [start];
  const V = new Float64Array(n + 1);
  V[0] = f0;
  let size = 0;
  for (let j = 1; j <= n; j++) {
    const v = Float64Array.from(start);
    let trial = step;
    while (v[j - 1] === start[j - 1]) {
      v[j - 1] = start[j - 1] + trial;
      trial *= 10;
    }
    size += trial;
    P.push(v);
  }
  let oldSize = size;
  let best = 0,
    converged = true,
    recompute = true;
  const centroid = new Float64Array(n),
    trial = new Float64Array(n);
  for (;;) {
    if (recompute) {
      for (let j = 0; j <= n; j++) if (j !== best) V[j] = f(P[j]);
      recompute = false;
    }
    let worst = best,
      vBest = V[best],
      vWorst = vBest;
    for (let j = 0; j <= n; j++) {
      if (j === best) continue;
      if (V[j] < vBest) {
        best = j;
        vBest = V[j];
      }
      if (V[j] > vWorst) {
        worst = j;
        vWorst = V[j];
      }
    }
    if (vWorst <= vBest + convtol || vBest <= abstol) break;
    for (let i = 0; i < n; i++) {
      let s = -P[worst][i];
      for (let j = 0; j <= n; j++) s += P[j][i];
      centroid[i] = s / n;
    }
    for (let i = 0; i < n; i++) trial[i] = (1 + REFLECT) * centroid[i] - REFLECT * P[worst][i];
    const vReflect = f(trial);
    if (vReflect < vBest) {
      // try expanding further along the same direction
      const expanded = new Float64Array(n);
      for (let i = 0; i < n; i++) expanded[i] = EXPAND * trial[i] + (1 - EXPAND) * centroid[i];
      const vExpand = f(expanded);
      if (vExpand < vReflect) {
        P[worst] = expanded;
        V[worst] = vExpand;
      } else {
        P[worst] = Float64Array.from(trial);
        V[worst] = vReflect;
      }
    } else {
      if (vReflect < vWorst) {
        P[worst] = Float64Array.from(trial);
        V[worst] = vReflect;
      }
      const contracted = new Float64Array(n);
      for (let i = 0; i < n; i++) contracted[i] = (1 - CONTRACT) * P[worst][i] + CONTRACT * centroid[i];
      const vContract = f(contracted);
      if (vContract < V[worst]) {
        P[worst] = contracted;
        V[worst] = vContract;
      } else if (vReflect >= vWorst) {
        // shrink every vertex towards the best one
        recompute = true;
        size = 0;
        for (let j = 0; j <= n; j++) {
          if (j === best) continue;
          for (let i = 0; i < n; i++) {
            P[j][i] = CONTRACT * (P[j][i] - P[best][i]) + P[best][i];
            size += Math.abs(P[j][i] - P[best][i]);
          }
        }
        if (size >= oldSize) {
          converged = false;
          break;
        }
        oldSize = size;
      }
    }
    if (evaluations > maxEvaluations) {
      converged = false;
      break;
    }
  }
  return { x: Float64Array.from(P[best]), value: V[best], evaluations, converged };
}
