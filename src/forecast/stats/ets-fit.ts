// Fitting one ETS model as R's forecast::ets does (Hyndman et al. 2008; forecast package 8.x):
// starting parameters and initial states by its rules, then smoothing parameters and initial states
// optimised jointly by Nelder-Mead (2000 evaluations) on the likelihood or the one-step MSE, inside
// the "both" bounds (usual box bounds and the admissible region). Information criteria as in R.

import { DataError } from '../../errors.js';
import { classicalDecomposition } from './decompose.js';
import { type EtsParams, type EtsSpec, etsFilter, etsPointForecast } from './ets-model.js';
import { linearTrend } from './linear-trend.js';
import { nelderMead } from './nelder-mead.js';
import { largestRootModulus } from './poly-roots.js';

/** A fitted ETS model. */
export interface EtsFit {
  spec: EtsSpec;
  params: EtsParams;
  /** State after the last observation (level, slope, seasonal values newest first). */
  state: Float64Array;
  /** −2·log-likelihood (up to a constant), AIC, AICc, BIC and the in-sample one-step MSE. */
  lik: number;
  aic: number;
  aicc: number;
  bic: number;
  mse: number;
  /** Residual variance Σe²/(n − estimated values), as R's ets. */
  sigma2: number;
}

/** Options of fitEts(). */
export interface EtsFitOptions {
  /** What the optimiser minimises: the likelihood (R's default) or the one-step MSE (ses/holt). Default 'lik'. */
  criterion?: 'lik' | 'mse';
}

// R's defaults: lower and upper bounds of alpha, beta, gamma, phi
const LOWER = [1e-4, 1e-4, 1e-4, 0.8],
  UPPER = [0.9999, 0.9999, 0.9999, 0.98];
const NMSE = 3;

/** The model's name in R's notation, e.g. 'M,Ad,M'. */
export function etsName(spec: EtsSpec): string {
  return `${spec.error},${spec.trend}${spec.damped ? 'd' : ''},${spec.season}`;
}

/** Number of estimated values (smoothing parameters + free initial states) of a model. */
function parameterCount(spec: EtsSpec): number {
  const trended = spec.trend !== 'N',
    seasonal = spec.season !== 'N';
  return (
    1 +
    (trended ? 1 : 0) +
    (seasonal ? 1 : 0) +
    (spec.damped ? 1 : 0) +
    1 +
    (trended ? 1 : 0) +
    (seasonal ? spec.period - 1 : 0)
  );
}

/** Starting smoothing parameters (R's initparam with bounds "both"). */
function initialParams(spec: EtsSpec): number[] {
  const m = spec.season === 'N' ? 1 : spec.period;
  const alpha = LOWER[0] + (0.2 * (UPPER[0] - LOWER[0])) / m;
  const par = [alpha];
  if (spec.trend !== 'N') {
    const up = Math.min(UPPER[1], alpha);
    let beta = LOWER[1] + 0.1 * (up - LOWER[1]);
    if (beta < 0 || beta > alpha) beta = alpha - 1e-3;
    par.push(beta);
  }
  if (spec.season !== 'N') {
    const up = Math.min(UPPER[2], 1 - alpha);
    let gamma = LOWER[2] + 0.05 * (up - LOWER[2]);
    if (gamma < 0 || gamma > 1 - alpha) gamma = 1 - alpha - 1e-3;
    par.push(gamma);
  }
  if (spec.damped) par.push(LOWER[3] + 0.99 * (UPPER[3] - LOWER[3]));
  return par;
}

/** Starting states (R's initstate): level and slope from a regression on the first values. */
function initialStates(y: ArrayLike<number>, spec: EtsSpec): number[] {
  const n = y.length;
  let ySa: ArrayLike<number> = y;
  let seas: number[] = [];
  let m = 1;
  if (spec.season !== 'N') {
    m = spec.period;
    if (n < 3 * m)
      throw new DataError(`a seasonal ETS model needs at least 3 seasons (${3 * m} values), got ${n}`, 'fitEts');
    const mult = spec.season === 'M';
    const { figure } = classicalDecomposition(y, m, mult ? 'multiplicative' : 'additive');
    seas = Array.from(figure.subarray(1)).reverse();
    if (mult) {
      seas = seas.map((v) => Math.max(v, 0.01));
      const sum = seas.reduce((a, b) => a + b, 0);
      if (sum > m) {
        const div = seas.reduce((a, b) => a + b + 0.01, 0);
        seas = seas.map((v) => v / div);
      }
      ySa = Array.from(y, (v, t) => v / Math.max(figure[t % m], 0.01));
    } else ySa = Array.from(y, (v, t) => v - figure[t % m]);
  }
  const maxn = Math.min(Math.max(10, 2 * m), n);
  if (spec.trend === 'N') {
    let s = 0;
    for (let i = 0; i < maxn; i++) s += ySa[i];
    return [s / maxn, ...seas];
  }
  const { intercept: a, slope: b } = linearTrend(Array.from({ length: maxn }, (_, i) => ySa[i]));
  if (spec.trend === 'A') {
    const tiny = Math.abs(a + b) < 1e-8;
    return [tiny ? a * (1 + 1e-3) : a, tiny ? b * (1 - 1e-3) : b, ...seas];
  }
  let l0 = a + b;
  if (Math.abs(l0) < 1e-8) l0 = 1e-7;
  let b0 = (a + 2 * b) / l0;
  l0 /= b0;
  if (Math.abs(b0) > 1e10) b0 = Math.sign(b0) * 1e10;
  if (l0 < 1e-8 || b0 < 1e-8) {
    l0 = Math.max(ySa[0], 1e-3);
    b0 = Math.max(ySa[1] / ySa[0], 1e-3);
  }
  return [l0, b0, ...seas];
}

/** R's check.param with bounds "both": the usual box bounds, then the admissible region. */
function admissible(spec: EtsSpec, p: EtsParams): boolean {
  const { alpha, phi } = p;
  const trended = spec.trend !== 'N',
    seasonal = spec.season !== 'N';
  if (alpha < LOWER[0] || alpha > UPPER[0]) return false;
  if (trended && (p.beta < LOWER[1] || p.beta > alpha || p.beta > UPPER[1])) return false;
  if (spec.damped && (phi < LOWER[3] || phi > UPPER[3])) return false;
  if (seasonal && (p.gamma < LOWER[2] || p.gamma > 1 - alpha || p.gamma > UPPER[2])) return false;
  if (phi < 0 || phi > 1 + 1e-8) return false;
  if (!seasonal) {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    if (trended && (p.beta < alpha * (phi - 1) || p.beta > (1 + phi) * (2 - alpha))) return false;
    return true;
  }
  const m = spec.period,
    beta = trended ? p.beta : 0,
    gamma = p.gamma;
  if (m <= 1) return true;
  if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return false;
  if (beta < -(1 - phi) * (gamma / m + alpha)) return false;
  const c = [1, alpha + beta - phi];
  for (let i = 0; i < m - 2; i++) c.push(alpha + beta - alpha * phi);
  c.push(alpha + beta - alpha * phi + gamma - 1, phi * (1 - alpha - gamma));
  return largestRootModulus(c) <= 1 + 1e-10;
}

function unpack(spec: EtsSpec, par: ArrayLike<number>): { params: EtsParams; initial: number[] } {
  let j = 0;
  const alpha = par[j++];
  const beta = spec.trend !== 'N' ? par[j++] : 0;
  const gamma = spec.season !== 'N' ? par[j++] : 0;
  const phi = spec.damped ? par[j++] : 1;
  const initial = Array.from({ length: par.length - j }, (_, i) => par[j + i]);
  if (spec.season !== 'N') {
    // the last seasonal state is implied: the seasonal values sum to m (×) or 0 (+)
    const start = spec.trend !== 'N' ? 2 : 1;
    let sum = 0;
    for (let i = start; i < initial.length; i++) sum += initial[i];
    initial.push((spec.season === 'M' ? spec.period : 0) - sum);
  }
  return { params: { alpha, beta, gamma, phi }, initial };
}

/**
 * Fits one ETS model to `y` by R's forecast::ets rules and returns its parameters, final state and
 * information criteria. Throws a DataError when the series is too short for the model.
 * @example
 * const fit = fitEts([3, 5, 4, 6, 5, 7, 6, 8, 7, 9, 8, 10], { error: 'A', trend: 'A', season: 'N', damped: false, period: 1 });
 * etsForecast(fit, 2)  //=> ≈ [9.967, 10.500]
 */
export function fitEts(y: ArrayLike<number>, spec: EtsSpec, options: EtsFitOptions = {}): EtsFit {
  const where = 'fitEts';
  const criterion = options.criterion ?? 'lik';
  const n = y.length;
  const np = parameterCount(spec);
  // R's ets() rule (it falls back to Holt-Winters below it)
  const minimum =
    2 + (spec.trend !== 'N' ? 2 : 0) + (spec.season !== 'N' ? spec.period : 0) + (spec.damped ? 1 : 0) + 5;
  if (n < minimum) throw new DataError(`ETS(${etsName(spec)}) needs at least ${minimum} values, got ${n}`, where);
  if ((spec.error === 'M' || spec.trend === 'M' || spec.season === 'M') && Array.from(y).some((v) => v <= 0))
    throw new DataError('multiplicative components need strictly positive data', where);
  // the last seasonal state is not estimated: it makes the seasonal values sum to m (×) or 0 (+)
  const start = [...initialParams(spec), ...initialStates(y, spec)];
  const objective = (par: Float64Array): number => {
    const { params, initial } = unpack(spec, par);
    if (!admissible(spec, params)) return Number.POSITIVE_INFINITY;
    if (spec.season === 'M') {
      for (let i = spec.trend !== 'N' ? 2 : 1; i < initial.length; i++)
        if (initial[i] < 0) return Number.POSITIVE_INFINITY;
    }
    const r = etsFilter(y, spec, params, initial, 1); // the objective needs only one-step errors
    if (criterion === 'mse') return r.amse[0];
    let lik = r.lik;
    if (lik < -1e10) lik = -1e10; // a perfect fit
    return Number.isNaN(lik) ? Number.POSITIVE_INFINITY : lik;
  };
  const best = nelderMead(objective, start);
  const { params, initial } = unpack(spec, best.x);
  const r = etsFilter(y, spec, params, initial, NMSE);
  const k = np + 1; // + the error variance
  const aic = r.lik + 2 * k;
  return {
    spec,
    params,
    state: r.state,
    lik: r.lik,
    aic,
    aicc: aic + (2 * k * (k + 1)) / (n - k - 1),
    bic: r.lik + Math.log(n) * k,
    mse: r.amse[0],
    sigma2: r.sse / (n - np),
  };
}

/**
 * Forecasts 1..horizon of a fitted ETS model as R's forecast.ets gives them: the point forecasts, except
 * for multiplicative error and season with a non-multiplicative trend, where R reports the forecast
 * mean of its "class 3" recursion (Hyndman et al. 2008, ch. 6), which adds a σ²-term for h > m and, as
 * R, propagates a damped slope without φ in the first step.
 * @example etsForecast(fitEts([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], { error: 'A', trend: 'A', season: 'N', damped: false, period: 1 }), 1)  //=> ≈ [13]
 */
export function etsForecast(fit: EtsFit, horizon: number): number[] {
  const { spec, params, state } = fit;
  if (spec.error !== 'M' || spec.season !== 'M' || spec.trend === 'M')
    return etsPointForecast(state, spec, params.phi, horizon);
  // M = [level; slope] ⊗ [s_1 .. s_m] (s_1 newest); mean_h = Σ_rows M[:, m]; then
  // M ← F1·M·F2ᵀ + σ²·G1·M·G2ᵀ with F2 the seasonal rotation and G2 = γ at (1, m)
  const m = spec.period,
    rows = spec.trend === 'N' ? 1 : 2;
  const phi = spec.damped ? params.phi : 1;
  let M = Array.from({ length: rows }, (_, r) => Array.from({ length: m }, (_, j) => state[r] * state[rows + j]));
  const out: number[] = [];
  for (let h = 0; h < horizon; h++) {
    out.push(M.reduce((a, row) => a + row[m - 1], 0));
    const rotated = M.map((row) => [row[m - 1], ...row.slice(0, m - 1)]);
    const last = M.map((row) => params.gamma * row[m - 1]); // column 1 of M·G2ᵀ
    const sumLast = last.reduce((a, v) => a + v, 0);
    M = rotated.map((row, r) =>
      row.map((v, j) => {
        const f1 = r === 0 ? v + (rows === 2 ? rotated[1][j] : 0) : phi * v;
        const g1 = j === 0 ? (r === 0 ? params.alpha : params.beta) * sumLast : 0;
        return f1 + fit.sigma2 * g1;
      }),
    );
  }
  return out;
}
