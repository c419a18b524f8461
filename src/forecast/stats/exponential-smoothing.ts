// Simple, Holt's linear and damped-trend exponential smoothing as R's forecast::ses and holt fit them
// (the M4 benchmarks SES, Holt and Damped): additive-error ETS(A,N,N), ETS(A,A,N) and ETS(A,Ad,N)
// with smoothing parameters and initial states chosen by least one-step squared error.

import { etsForecast, fitEts } from './ets-fit.js';
import type { EtsSpec } from './ets-model.js';
import type { LocalModel } from './local-model.js';

const spec = (trend: 'N' | 'A', damped: boolean): EtsSpec => ({ error: 'A', trend, season: 'N', damped, period: 1 });

function smoothing(s: EtsSpec): LocalModel {
  return (y) => {
    const fit = fitEts(y, s, { criterion: 'mse' });
    return (horizon) => etsForecast(fit, horizon);
  };
}

/** Simple exponential smoothing (R's ses with optimal initial level). */
export const sesModel: LocalModel = smoothing(spec('N', false));
/** Holt's linear trend (R's holt). */
export const holtModel: LocalModel = smoothing(spec('A', false));
/** Damped additive trend (R's holt(damped = TRUE)). */
export const dampedModel: LocalModel = smoothing(spec('A', true));
