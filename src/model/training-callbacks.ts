// Training callbacks with Keras 3 semantics (keras/callbacks/*.py): earlyStopping, reduceLROnPlateau,
// terminateOnNaN, learningRateScheduler. Each is a plain Callback object; fit() hands it the model.

import { ConfigError, StateError } from '../errors.js';
import { firstNonFinite, type Tensor } from '../tensor.js';
import { type Callback, type Logs, print } from './callbacks.js';
import type { Model } from './model.js';

type Mode = 'auto' | 'min' | 'max';

/** Keras' 'auto' mode: maximize accuracy-like and r2 metrics, minimize everything else. */
function resolveMode(mode: Mode, monitor: string, where: string): 'min' | 'max' {
  if (mode !== 'auto' && mode !== 'min' && mode !== 'max')
    throw new ConfigError(`mode must be 'auto', 'min' or 'max', got ${JSON.stringify(mode)}`, where);
  if (mode !== 'auto') return mode;
  return /acc|auc|r2/i.test(monitor) ? 'max' : 'min';
}

/** current beats reference by more than minDelta in the monitored direction. */
function improves(current: number, reference: number, minDelta: number, mode: 'min' | 'max'): boolean {
  return mode === 'min' ? current < reference - minDelta : current > reference + minDelta;
}

function needModel(model: Model | null, where: string): Model {
  if (!model) throw new StateError('this callback runs inside fit() (fit hands it the model)', where);
  return model;
}

export interface EarlyStoppingConfig {
  /** Log key to watch. Default 'val_loss'. */
  monitor?: string;
  /** Smallest change that counts as an improvement. Default 0. */
  minDelta?: number;
  /** Epochs without improvement before stopping. Default 0. */
  patience?: number;
  /** Default 'auto'. */
  mode?: Mode;
  /** Stop unless the monitored value beats this within `patience` epochs. Default none. */
  baseline?: number;
  /** On stopping, restore the weights of the best epoch. Default false. */
  restoreBestWeights?: boolean;
  /**
   * With restoreBestWeights, also restore the best epoch's weights when training ends without
   * stopping early (Keras restores only on an early stop). Default false.
   */
  restoreAtEnd?: boolean;
  /** Epochs to wait before watching at all (warm-up). Default 0. */
  startFromEpoch?: number;
  /** Print a line when stopping. Default 0. */
  verbose?: 0 | 1;
}

/** The earlyStopping callback; `stoppedEpoch` and `bestEpoch` are readable after fit. */
export interface EarlyStopping extends Callback {
  stoppedEpoch: number;
  bestEpoch: number;
  best: number;
}

/**
 * Stops training when the monitored value has stopped improving (Keras EarlyStopping).
 * @example await model.fit(x, y, { epochs: 100, validationSplit: 0.2, callbacks: [earlyStopping({ patience: 5, restoreBestWeights: true })] });
 */
export function earlyStopping(config: EarlyStoppingConfig = {}): EarlyStopping {
  const where = 'earlyStopping';
  const monitor = config.monitor ?? 'val_loss',
    minDelta = Math.abs(config.minDelta ?? 0),
    patience = config.patience ?? 0;
  const mode = resolveMode(config.mode ?? 'auto', monitor, where),
    start = config.startFromEpoch ?? 0;
  if (!Number.isInteger(patience) || patience < 0)
    throw new ConfigError(`patience must be a non-negative integer, got ${patience}`, where);
  let model: Model | null = null,
    wait = 0,
    bestWeights: Tensor[] | null = null;
  const cb: EarlyStopping = {
    stoppedEpoch: 0,
    bestEpoch: 0,
    best: Number.NaN,
    setModel(m) {
      model = m;
    },
    onTrainBegin() {
      wait = 0;
      bestWeights = null;
      cb.stoppedEpoch = 0;
      cb.bestEpoch = 0;
      cb.best = mode === 'min' ? Infinity : -Infinity;
    },
    onEpochEnd(epoch: number, logs: Logs) {
      const m = needModel(model, where);
      const current = logs[monitor];
      if (current === undefined) {
        throw new ConfigError(
          `earlyStopping monitors '${monitor}' but the logs have only: ${Object.keys(logs).join(', ')} (val_* keys need validationData or validationSplit)`,
          where,
        );
      }
      if (epoch < start) return;
      if (config.restoreBestWeights && !bestWeights) bestWeights = m.getWeights();
      wait++;
      if (improves(current, cb.best, minDelta, mode)) {
        cb.best = current;
        cb.bestEpoch = epoch;
        if (config.restoreBestWeights) bestWeights = m.getWeights();
        if (config.baseline === undefined || improves(current, config.baseline, minDelta, mode)) {
          wait = 0;
          return;
        }
      }
      if (wait >= patience && epoch > 0) {
        cb.stoppedEpoch = epoch;
        m.stopTraining = true;
        if (config.restoreBestWeights && bestWeights) m.setWeights(bestWeights);
        if (config.verbose)
          print(
            `Epoch ${epoch + 1}: early stopping${config.restoreBestWeights ? `, restored the weights of epoch ${cb.bestEpoch + 1}` : ''}`,
          );
      }
    },
    onTrainEnd() {
      const m = needModel(model, where);
      if (config.restoreBestWeights && config.restoreAtEnd && bestWeights && cb.stoppedEpoch === 0)
        m.setWeights(bestWeights);
    },
  };
  return cb;
}

export interface ReduceLROnPlateauConfig {
  /** Default 'val_loss'. */
  monitor?: string;
  /** New rate = rate · factor. Default 0.1. */
  factor?: number;
  /** Default 10. */
  patience?: number;
  /** Default 'auto'. */
  mode?: Mode;
  /** Default 1e-4. */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again. Default 0. */
  cooldown?: number;
  /** Lower bound of the rate. Default 0. */
  minLr?: number;
  verbose?: 0 | 1;
}

/**
 * Multiplies the optimizer's learning rate by `factor` when the monitored value stops improving
 * (Keras ReduceLROnPlateau). Needs a numeric learningRate, not a schedule. Adds 'learning_rate' to the logs.
 * @example callbacks: [reduceLROnPlateau({ factor: 0.5, patience: 3, minLr: 1e-5 })]
 */
export function reduceLROnPlateau(config: ReduceLROnPlateauConfig = {}): Callback {
  const where = 'reduceLROnPlateau';
  const monitor = config.monitor ?? 'val_loss',
    factor = config.factor ?? 0.1,
    patience = config.patience ?? 10;
  const mode = resolveMode(config.mode ?? 'auto', monitor, where),
    minDelta = config.minDelta ?? 1e-4,
    cooldown = config.cooldown ?? 0,
    minLr = config.minLr ?? 0;
  if (!(factor > 0 && factor < 1)) throw new ConfigError(`factor must be in (0, 1), got ${factor}`, where);
  let model: Model | null = null,
    wait = 0,
    cooldownLeft = 0,
    best = 0;
  return {
    setModel(m) {
      model = m;
    },
    onTrainBegin() {
      wait = 0;
      cooldownLeft = 0;
      best = mode === 'min' ? Infinity : -Infinity;
    },
    onEpochEnd(epoch: number, logs: Logs) {
      const opt = needModel(model, where).optimizer;
      if (!opt) throw new StateError('the model has no optimizer (compile it first)', where);
      if (typeof opt.learningRate !== 'number')
        throw new ConfigError(
          'reduceLROnPlateau needs a numeric learningRate, but the optimizer uses a schedule',
          where,
        );
      logs.learning_rate = opt.learningRate;
      const current = logs[monitor];
      if (current === undefined)
        throw new ConfigError(
          `reduceLROnPlateau monitors '${monitor}' but the logs have only: ${Object.keys(logs).join(', ')}`,
          where,
        );
      if (cooldownLeft > 0) {
        cooldownLeft--;
        wait = 0;
      }
      if (improves(current, best, minDelta, mode)) {
        best = current;
        wait = 0;
      } else if (cooldownLeft === 0 && ++wait >= patience) {
        const old = opt.learningRate;
        if (old > minLr) {
          opt.learningRate = Math.max(old * factor, minLr);
          if (config.verbose) print(`Epoch ${epoch + 1}: reducing the learning rate to ${opt.learningRate}`);
          cooldownLeft = cooldown;
          wait = 0;
        }
      }
    },
  };
}

/**
 * Stops training at the first batch whose loss is NaN or infinite, or whose update left a weight
 * NaN or infinite, and puts back the weights from before that batch: the last weights that were all
 * finite (Keras TerminateOnNaN, plus the restore). A huge learning rate can turn finite weights into
 * Infinity in one update while the loss of that batch, computed before the update, is still finite;
 * the weights are checked after every batch so that update is undone too.
 * @example callbacks: [terminateOnNaN()]
 */
export function terminateOnNaN(): Callback & { stoppedAtBatch: number | null } {
  let model: Model | null = null,
    before: Tensor[] | null = null;
  const cb = {
    stoppedAtBatch: null as number | null,
    setModel(m: Model) {
      model = m;
    },
    onBatchBegin() {
      before = needModel(model, 'terminateOnNaN').getWeights();
    },
    onBatchEnd(batch: number, logs: Logs) {
      const m = needModel(model, 'terminateOnNaN');
      const lossOk = Number.isFinite(logs.loss);
      if (lossOk && m.params().every((p) => firstNonFinite(p.value) < 0)) return;
      if (before) m.setWeights(before);
      m.stopTraining = true;
      cb.stoppedAtBatch = batch;
      print(
        `Batch ${batch}: ${lossOk ? 'the update made a weight NaN or infinite' : `invalid loss ${logs.loss}`}, terminating training (weights from before this batch kept)`,
      );
    },
  };
  return cb;
}

/**
 * Sets the optimizer's learning rate at the start of each epoch from schedule(epoch, currentRate)
 * (Keras LearningRateScheduler). Adds the epoch's rate to the logs as 'learning_rate'.
 * @example callbacks: [learningRateScheduler((epoch, lr) => (epoch < 10 ? lr : lr * Math.exp(-0.1)))]
 */
export function learningRateScheduler(schedule: (epoch: number, lr: number) => number): Callback {
  const where = 'learningRateScheduler';
  if (typeof schedule !== 'function')
    throw new ConfigError('learningRateScheduler takes a function (epoch, lr) => new rate', where);
  let model: Model | null = null;
  return {
    setModel(m) {
      model = m;
    },
    onEpochBegin(epoch: number) {
      const opt = needModel(model, where).optimizer;
      if (!opt) throw new StateError('the model has no optimizer (compile it first)', where);
      const lr = schedule(epoch, opt.currentLearningRate());
      if (!(typeof lr === 'number' && lr > 0 && Number.isFinite(lr)))
        throw new ConfigError(`the schedule returned ${lr} for epoch ${epoch}; expected a positive number`, where);
      opt.learningRate = lr;
    },
    onEpochEnd(_epoch: number, logs: Logs) {
      const opt = needModel(model, where).optimizer;
      if (opt) logs.learning_rate = opt.currentLearningRate();
    },
  };
}
