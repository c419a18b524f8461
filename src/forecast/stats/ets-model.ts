// The ETS state-space recursions (Hyndman, Koehler, Ord & Snyder, "Forecasting with Exponential
// Smoothing", 2008, tables 2.2-2.3): one-step forecasts, errors, likelihood and state updates over a
// series, and point forecasts from a final state. Parameterised as R's forecast::ets (its etscalc):
// beta is the slope smoothing in "beta*" form (b_t = φb + (β/α)(r - φb)), phi = 1 when undamped.

/** Error, trend and season components: 'N' none, 'A' additive, 'M' multiplicative. */
export interface EtsSpec {
  error: 'A' | 'M';
  trend: 'N' | 'A' | 'M';
  season: 'N' | 'A' | 'M';
  damped: boolean;
  /** Season length (1 when season is 'N'). */
  period: number;
}

/** Smoothing parameters; beta, gamma unused without trend/season, phi is 1 when not damped. */
export interface EtsParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

/** What etsFilter() returns. */
export interface EtsFilterResult {
  /** n·log(Σe²) (+ 2Σlog|ŷ| for multiplicative errors): −2·log-likelihood up to a constant. */
  lik: number;
  /** Mean squared in-sample 1..nmse-step-ahead errors (amse[0] is the one-step MSE). */
  amse: Float64Array;
  /** The state after the last observation: [level, slope?, s_t, s_{t-1}, .., s_{t-m+1}]. */
  state: Float64Array;
  /** Σ e_t² of the one-step errors (relative errors for multiplicative error). */
  sse: number;
}

const TOL = 1e-10,
  HUGE = 1e10;

/** Number of state components: level, slope if trended, m seasonal values if seasonal. */
function etsStateSize(spec: EtsSpec): number {
  return 1 + (spec.trend !== 'N' ? 1 : 0) + (spec.season !== 'N' ? spec.period : 0);
}

// Forecasts 1..f.length ahead from level l, slope b and seasonal values s, into f. s is a ring: the
// newest seasonal value is s[head], the one k steps older s[(head + k) % m].
function forecastInto(
  f: Float64Array,
  l: number,
  b: number,
  s: Float64Array,
  head: number,
  spec: EtsSpec,
  phi: number,
): void {
  const m = s.length;
  let phiSum = phi;
  for (let i = 0; i < f.length; i++) {
    let v: number;
    if (spec.trend === 'N') v = l;
    else if (spec.trend === 'A') v = l + phiSum * b;
    else v = b < 0 ? Number.NaN : l * b ** phiSum;
    if (m > 0) {
      // h = i + 1 steps ahead uses the seasonal value of m - h steps back (s[m - h] cycled)
      let j = m - 1 - i;
      while (j < 0) j += m;
      const sj = s[(head + j) % m];
      v = spec.season === 'A' ? v + sj : v * sj;
    }
    f[i] = v;
    if (i < f.length - 1) phiSum += Math.abs(phi - 1) < TOL ? 1 : phi ** (i + 2);
  }
}

/**
 * Point forecasts 1..horizon from a state (the level/slope/season layout of EtsFilterResult.state).
 * @example etsPointForecast(new Float64Array([10, 1]), { error: 'A', trend: 'A', season: 'N', damped: false, period: 1 }, 1, 3)  //=> [11, 12, 13]
 */
export function etsPointForecast(state: ArrayLike<number>, spec: EtsSpec, phi: number, horizon: number): number[] {
  const trended = spec.trend !== 'N';
  const s =
    spec.season === 'N'
      ? new Float64Array(0)
      : Float64Array.from({ length: spec.period }, (_, k) => state[(trended ? 2 : 1) + k]);
  const f = new Float64Array(horizon);
  forecastInto(f, state[0], trended ? state[1] : 0, s, 0, spec, phi);
  return Array.from(f);
}

/**
 * Runs the ETS recursions over `y` from `initial` (same layout as the returned state, seasonal values
 * newest first) and returns the likelihood term, the in-sample multi-step MSEs and the final state.
 * @example etsFilter([1, 2, 3], { error: 'A', trend: 'N', season: 'N', damped: false, period: 1 }, { alpha: 1, beta: 0, gamma: 0, phi: 1 }, [1]).state  //=> Float64Array [3]
 */
export function etsFilter(
  y: ArrayLike<number>,
  spec: EtsSpec,
  params: EtsParams,
  initial: ArrayLike<number>,
  nmse = 3,
): EtsFilterResult {
  const { alpha, beta, gamma, phi } = params;
  // component flags resolved once: this loop runs ~10⁶ times per fit
  const trended = spec.trend !== 'N',
    addTrend = spec.trend === 'A',
    seasonal = spec.season !== 'N',
    addSeason = spec.season === 'A',
    addError = spec.error === 'A',
    m = seasonal ? spec.period : 0,
    undamped = Math.abs(phi - 1) < TOL,
    betaRatio = beta / alpha;
  const n = y.length;
  let l = initial[0],
    b = trended ? initial[1] : 0;
  const s = seasonal ? Float64Array.from({ length: m }, (_, i) => initial[(trended ? 2 : 1) + i]) : new Float64Array(0);
  const amse = new Float64Array(nmse),
    denom = new Float64Array(nmse);
  const f = new Float64Array(nmse);
  let sse = 0,
    sumLogF = 0,
    head = 0; // s is a ring (see forecastInto): no shifting of m values per step
  for (let i = 0; i < n; i++) {
    const oldest = seasonal ? (head + m - 1) % m : 0;
    const sOld = seasonal ? s[oldest] : 0;
    // one-step forecast ŷ = trend part (q) with the season of m steps back
    let q: number, phib: number;
    if (!trended) {
      q = l;
      phib = 0;
    } else if (addTrend) {
      phib = phi * b;
      q = l + phib;
    } else {
      phib = undamped ? b : b ** phi;
      q = l * phib;
    }
    let f0 = q;
    if (!addTrend && trended && b < 0) f0 = Number.NaN;
    else if (seasonal) f0 = addSeason ? q + sOld : q * sOld;
    if (Number.isNaN(f0))
      return { lik: Number.NaN, amse, state: new Float64Array(etsStateSize(spec)), sse: Number.NaN };
    const e = addError ? y[i] - f0 : (y[i] - f0) / f0;
    if (nmse > 1) {
      forecastInto(f, l, b, s, head, spec, phi);
      for (let j = 0; j < nmse && i + j < n; j++) {
        denom[j] += 1;
        const d = y[i + j] - f[j];
        amse[j] = (amse[j] * (denom[j] - 1) + d * d) / denom[j];
      }
    } else {
      denom[0] += 1;
      const d = y[i] - f0;
      amse[0] = (amse[0] * (denom[0] - 1) + d * d) / denom[0];
    }
    // update level, slope and season
    let p: number;
    if (!seasonal) p = y[i];
    else if (addSeason) p = y[i] - sOld;
    else p = Math.abs(sOld) < TOL ? HUGE : y[i] / sOld;
    const lOld = l;
    l = q + alpha * (p - q);
    if (trended) {
      const r = addTrend ? l - lOld : Math.abs(lOld) < TOL ? HUGE : l / lOld;
      b = phib + betaRatio * (r - phib);
    }
    if (seasonal) {
      const t = addSeason ? y[i] - q : Math.abs(q) < TOL ? HUGE : y[i] / q;
      s[oldest] = sOld + gamma * (t - sOld); // the newest value takes the oldest one's slot
      head = oldest;
    }
    sse += e * e;
    if (!addError) sumLogF += Math.log(Math.abs(f0));
  }
  const state = new Float64Array(etsStateSize(spec));
  state[0] = l;
  if (trended) state[1] = b;
  for (let k = 0; k < m; k++) state[(trended ? 2 : 1) + k] = s[(head + k) % m];
  let lik = n * Math.log(sse);
  if (!addError) lik += 2 * sumLogF;
  return { lik, amse, state, sse };
}
