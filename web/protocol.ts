// Messages between the page and the training worker.

import type { ForecastConfig, ForecasterArtifacts, ForecastNumbers, LstmInspection, ModelResult } from 'lstmkit';
import type { DemoSettings, SeriesInput } from './data.ts';

export interface SymbolReport {
  /** Share of correct next-symbol guesses over all steps of all windows. */
  accuracy: number;
  /** The same at the last step only (the one that needs memory in the memory demonstration). */
  lastStepAccuracy: number;
  rows: { input: string; predicted: string; confidence: number }[];
  memory: MemoryFinding | null;
}

/** The memory demonstration's answer: which unit's cell state tells the two first symbols apart. */
export interface MemoryFinding {
  text: string;
  unit: number;
  /** Smallest |c_A - c_B| of that unit over the steps. */
  gap: number;
  /** (T, 2): the unit's cell state after each step for the two sequences. */
  cells: number[][];
  sequences: string[];
}

/** A saved forecaster scored on the chosen series, as `lstmkit predict` and `lstmkit evaluate` do. */
export interface LoadedReport {
  /** Where it came from (IndexedDB name, folder, zip). */
  from: string;
  name: string;
  horizon: number;
  /** The next `horizon` values after the series. */
  future: number[];
  /** The walk-forward evaluation over the last `test` values: the forecaster first, then the baselines. */
  test: number;
  testStart: number;
  origins: number[];
  models: ModelResult[];
  /** Set when the scored values were used to train the forecaster. */
  warning: string | null;
}

/** Where a forecaster is loaded from. */
export type LoadSource =
  | { kind: 'indexeddb'; name: string }
  | { kind: 'artifacts'; artifacts: ForecasterArtifacts; from: string };

export type ToWorker =
  | { type: 'forecast'; series: SeriesInput; options: Partial<ForecastConfig> }
  | { type: 'demo'; dataset: 'memory' | 'text'; settings: DemoSettings }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'inspect'; probe: number; layer: number }
  | { type: 'save'; target: 'indexeddb' | 'download'; name: string }
  | { type: 'load'; source: LoadSource; series: SeriesInput };

/** What the look-inside view and the model card need after a run. */
export interface ModelView {
  summary: string;
  /** plotModel's SVG. */
  diagram: string;
  probes: string[];
  lstmLayers: { index: number; name: string; units: number }[];
}

export type FromWorker =
  | {
      type: 'training';
      /** Which network: 'LSTM', 'MLP', or the demonstration's. */
      model: string;
      phase: string;
      member: number;
      members: number;
      /** Trainings done before this one, and in all. */
      index: number;
      total: number;
      epochs: number;
    }
  | { type: 'epoch'; epoch: number; epochs: number; logs: Record<string, number> }
  | { type: 'forecast'; result: ForecastNumbers; view: ModelView }
  | { type: 'loaded'; report: LoadedReport; view: ModelView }
  | { type: 'demo'; stopped: boolean; epochsRun: number; symbols: SymbolReport; view: ModelView }
  | { type: 'stopped' }
  | { type: 'inspection'; probe: number; steps: string[]; data: LstmInspection }
  | { type: 'saved'; target: 'indexeddb' | 'download'; name: string; artifacts?: ForecasterArtifacts }
  | { type: 'error'; message: string };
