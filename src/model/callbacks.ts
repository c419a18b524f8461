// Callbacks are plain objects of optional hooks; fit() awaits each one. Setting model.stopTraining
// from a hook ends training after the current batch (or epoch).

import type { Model } from './model.js';

export type Logs = Record<string, number>;

export interface Callback {
  /** Called by fit() before training with the model being trained (callbacks that stop training or change weights use it). */
  setModel?(model: Model): void;
  onTrainBegin?(logs: Logs): void | Promise<void>;
  onEpochBegin?(epoch: number, logs: Logs): void | Promise<void>;
  onBatchBegin?(batch: number, logs: Logs): void | Promise<void>;
  onBatchEnd?(batch: number, logs: Logs): void | Promise<void>;
  onEpochEnd?(epoch: number, logs: Logs): void | Promise<void>;
  onTrainEnd?(logs: Logs): void | Promise<void>;
}

/** What fit() returns: per-epoch values under Keras keys ('loss', 'val_loss', 'mae', ...). */
export interface History {
  epoch: number[];
  history: Record<string, number[]>;
  params: { epochs: number; steps: number; samples: number };
}

/** Line printing, replaceable (the browser playground and the CLI route it elsewhere). */
let printLine: (line: string) => void = (line) => {
  (globalThis as { console?: { log(s: string): void } }).console?.log(line);
};

export function setPrinter(p: (line: string) => void): void {
  printLine = p;
}

export function print(line: string): void {
  printLine(line);
}

/** Progress reporting for verbose 1; lstmkit/node installs a terminal progress bar. */
export interface ProgressReporter {
  epochBegin(epoch: number, epochs: number, steps: number): void;
  batchEnd(step: number, logs: Logs): void;
  epochEnd(epoch: number, logs: Logs, seconds: number): void;
}

let progressFactory: (() => ProgressReporter) | null = null;

/** Installs the reporter used by fit({ verbose: 1 }); verbose 2 prints one line per epoch. */
export function setProgressReporter(factory: (() => ProgressReporter) | null): void {
  progressFactory = factory;
}

export function formatLogs(logs: Logs): string {
  return Object.entries(logs)
    .map(
      ([k, v]) => `${k}: ${Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toFixed(4)}`,
    )
    .join(' - ');
}

/** The reporter for a verbosity level: a progress bar (if installed) for 1, epoch lines for 2. */
export function reporterFor(verbose: 0 | 1 | 2): ProgressReporter | null {
  if (verbose === 0) return null;
  if (verbose === 1 && progressFactory) return progressFactory();
  return {
    epochBegin() {},
    batchEnd() {},
    epochEnd(epoch, logs, seconds) {
      print(`Epoch ${epoch + 1} - ${seconds.toFixed(1)}s - ${formatLogs(logs)}`);
    },
  };
}
