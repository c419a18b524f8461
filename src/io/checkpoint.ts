// modelCheckpoint: a fit() callback that saves the model, its optimizer state and the shuffling
// RNG state after every epoch, or only when a monitored metric improves (Keras ModelCheckpoint).
// Resume with loadCheckpoint(target) and fit(..., { initialEpoch: epoch + 1 }).

import { ConfigError } from '../errors.js';
import type { Callback, Logs } from '../model/callbacks.js';
import type { Model } from '../model/model.js';
import { type SaveTarget, saveModelTo } from './handlers.js';

export interface ModelCheckpointConfig {
  /** The model being trained (callbacks get no model reference in lstmkit). */
  model: Model;
  /**
   * Where to save: a handler or scheme string, or a function of the epoch giving one (for one
   * checkpoint per epoch). In Node: fileHandler('ckpt') from lstmkit/node.
   */
  target: SaveTarget | ((epoch: number, logs: Logs) => SaveTarget);
  /** Metric to watch for saveBestOnly. Default 'val_loss'. */
  monitor?: string;
  /** 'min' (losses, errors), 'max' (accuracy) or 'auto' (max for names containing 'acc'). Default 'auto'. */
  mode?: 'min' | 'max' | 'auto';
  /** Save only when the monitored value improves on the best so far. Default false. */
  saveBestOnly?: boolean;
  /** Include the optimizer state (needed to resume exactly). Default true. */
  includeOptimizer?: boolean;
  /** Called after each save with the epoch and location. */
  onSave?: (epoch: number, location: string) => void;
}

/**
 * Saves checkpoints during fit(): every epoch, or the best one by `monitor`.
 * @example await model.fit(x, y, { epochs: 20, callbacks: [modelCheckpoint({ model, target: fileHandler('ckpt'), saveBestOnly: true })] });
 */
export function modelCheckpoint(config: ModelCheckpointConfig): Callback & { best: number } {
  const where = 'modelCheckpoint';
  if (!config || typeof config !== 'object' || !config.model)
    throw new ConfigError('modelCheckpoint needs { model, target }', where);
  const monitor = config.monitor ?? 'val_loss';
  const modeOpt = config.mode ?? 'auto';
  if (!['min', 'max', 'auto'].includes(modeOpt))
    throw new ConfigError(`mode must be 'min', 'max' or 'auto', got ${JSON.stringify(modeOpt)}`, where);
  const mode = modeOpt === 'auto' ? (/acc/.test(monitor) ? 'max' : 'min') : modeOpt;
  const state = {
    best: mode === 'min' ? Infinity : -Infinity,
    async onEpochEnd(epoch: number, logs: Logs) {
      if (config.saveBestOnly) {
        const v = logs[monitor];
        if (v === undefined) {
          throw new ConfigError(
            `monitored metric '${monitor}' is not in the epoch logs (${Object.keys(logs).join(', ')}); pass validationData or choose another monitor`,
            where,
          );
        }
        const better = mode === 'min' ? v < state.best : v > state.best;
        if (!better) return;
        state.best = v;
      }
      const target = typeof config.target === 'function' ? config.target(epoch, logs) : config.target;
      const { location } = await saveModelTo(config.model, target, {
        epoch,
        includeOptimizer: config.includeOptimizer ?? true,
      });
      config.onSave?.(epoch, location);
    },
  };
  return state;
}
