// The classic Theta method as the M4 organisers coded it ("Theta.classic" in Benchmarks and
// Evaluation.R; Assimakopoulos & Nikolopoulos 2000): the average of the least-squares line (theta = 0)
// and SES on the theta = 2 line 2y − line; negative forecasts become 0.

import { sesModel } from './exponential-smoothing.js';
import { linearTrend } from './linear-trend.js';
import type { LocalModel } from './local-model.js';

/** Theta = ½·line + ½·SES(2y − line), floored at 0. */
export const thetaModel: LocalModel = (y) => {
  const n = y.length;
  const { intercept, slope } = linearTrend(y);
  const ses = sesModel(y.map((v, t) => 2 * v - (intercept + slope * (t + 1))));
  return (horizon) => ses(horizon).map((v, h) => Math.max(0, 0.5 * v + 0.5 * (intercept + slope * (n + h + 1))));
};
