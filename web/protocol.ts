// Messages between the page and the training worker.

import type { LstmInspection, ModelArtifacts } from 'lstmkit';
import type { TrainSettings } from './data.ts';
import type { SeriesReport } from './evaluate.ts';

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

export type ToWorker =
  | { type: 'train'; settings: TrainSettings }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'inspect'; probe: number; layer: number }
  | { type: 'save'; target: SaveKind; name: string }
  | { type: 'load'; artifacts: ModelArtifacts; settings: TrainSettings; from: string };

export type SaveKind = 'indexeddb' | 'download';

export type FromWorker =
  | { type: 'started'; loss: string; samples: number; summary: string /** plotModel's SVG. */; diagram: string }
  | { type: 'epoch'; epoch: number; epochs: number; logs: Record<string, number> }
  | {
      type: 'done';
      stopped: boolean;
      epochsRun: number;
      /** Where the model came from when it was loaded instead of trained. */
      loaded: string | null;
      /** The window settings the report used (a loaded model fixes them). */
      lookback: number;
      horizon: number;
      series?: SeriesReport;
      symbols?: SymbolReport;
      probes: string[];
      lstmLayers: { index: number; name: string; units: number }[];
    }
  | { type: 'inspection'; probe: number; steps: string[]; data: LstmInspection }
  | { type: 'saved'; target: SaveKind; name: string; artifacts: { topology: object; weights: Uint8Array } }
  | { type: 'error'; message: string };
