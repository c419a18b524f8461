// The only builder of forecasting networks: an LSTM stack with a dense head (direct or
// recursive), an encoder-decoder LSTM, or a window MLP, from a resolved ForecastConfig.
// Framing after Brownlee's "Deep Learning for Time Series Forecasting" (chapter 8 strategies).

import { dense } from '../layers/dense.js';
import { dropout as dropoutLayer } from '../layers/dropout.js';
import { flatten } from '../layers/flatten.js';
import type { Layer } from '../layers/layer.js';
import { lstm } from '../layers/lstm.js';
import { repeatVector } from '../layers/repeat-vector.js';
import { type Sequential, sequential } from '../model/sequential.js';
import type { ForecastConfig } from './config.js';

/** What the network sees and must produce. */
export interface ForecastModelShape {
  /** Input steps (the lookback). */
  lookback: number;
  /** Features per input step (the target, then covariates and seasonal features). */
  features: number;
  /** Steps the network outputs: the horizon, or 1 for the recursive strategy. */
  outputs: number;
}

/** The options the builder reads. */
export type BuilderConfig = Pick<
  ForecastConfig,
  'kind' | 'strategy' | 'units' | 'layers' | 'dropout' | 'recurrentDropout'
>;

/**
 * Builds the (uncompiled) network for a configuration. `dropout` has one meaning for the LSTM:
 * input dropout of every LSTM layer (Keras `dropout`); for the MLP, a Dropout after each hidden layer.
 * @example buildForecastModel({ kind: 'lstm', strategy: 'direct', units: 16, layers: 1, dropout: 0, recurrentDropout: 0 }, { lookback: 12, features: 1, outputs: 12 }).summary();
 */
export function buildForecastModel(config: BuilderConfig, shape: ForecastModelShape): Sequential {
  const { units, layers, dropout, recurrentDropout } = config;
  const inputShape = [shape.lookback, shape.features];
  const ls: Layer[] = [];
  if (config.kind === 'mlp') {
    ls.push(flatten({ inputShape }));
    for (let i = 0; i < layers; i++) {
      ls.push(dense({ units, activation: 'relu' }));
      if (dropout > 0) ls.push(dropoutLayer({ rate: dropout }));
    }
    ls.push(dense({ units: shape.outputs }));
    return sequential(ls);
  }
  const recurrent = (returnSequences: boolean, first: boolean) =>
    lstm({ units, dropout, recurrentDropout, returnSequences, ...(first ? { inputShape } : {}) });
  for (let i = 0; i < layers; i++) ls.push(recurrent(i < layers - 1, i === 0));
  if (config.strategy === 'encoder-decoder')
    ls.push(repeatVector({ n: shape.outputs }), recurrent(true, false), dense({ units: 1 }));
  else ls.push(dense({ units: shape.outputs }));
  return sequential(ls);
}
