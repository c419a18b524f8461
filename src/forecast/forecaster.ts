// The one Forecaster interface: neural ensembles and every baseline implement it, so walk-forward
// evaluation, intervals, verdicts, the CLI and the playground handle all models the same way.

import type { Covariates } from './inputs.js';

/** A model that is fitted once on a training part and then forecasts from any history. */
export interface Forecaster {
  readonly name: string;
  /** Learns from the training part (original units). Naive forecasters ignore it. */
  fit(train: ArrayLike<number>, covariates?: Covariates): void | Promise<void>;
  /** The next `horizon` values after `history` (every value known at the forecast origin). */
  predict(history: ArrayLike<number>, horizon: number, covariates?: Covariates): number[];
  /**
   * Optional batched form: forecasts[i][h] for series[origins[i] + h] from series[0..origins[i]).
   * Walk-forward uses it when present (one network call for all origins).
   */
  predictAt?(
    series: ArrayLike<number>,
    origins: readonly number[],
    horizon: number,
    covariates?: Covariates,
  ): number[][];
}

export type { Covariates } from './inputs.js';
