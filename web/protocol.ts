// Messages between the page and the training worker.

import type { LstmInspection } from 'lstmkit';
import type { TrainSettings } from './data.ts';
import type { SeriesReport } from './evaluate.ts';

export interface LayerBox {
  name: string;
  className: string;
  shape: string;
  params: number;
}

export interface SymbolReport {
  /** Share of correct next-symbol guesses over all steps of all windows. */
  accuracy: number;
  /** The same at the last step only (the one that needs memory in the memory demonstration). */
  lastStepAccuracy: number;
  rows: { input: string; predicted: string; confidence: number }[];
  memory: string | null;
}

export type ToWorker =
  | { type: 'train'; settings: TrainSettings }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'inspect'; probe: number; layer: number };

export type FromWorker =
  | { type: 'started'; loss: string; samples: number; summary: string; diagram: LayerBox[] }
  | { type: 'epoch'; epoch: number; epochs: number; logs: Record<string, number> }
  | {
      type: 'done';
      stopped: boolean;
      epochsRun: number;
      series?: SeriesReport;
      symbols?: SymbolReport;
      probes: string[];
      lstmLayers: { index: number; name: string; units: number }[];
    }
  | { type: 'inspection'; probe: number; steps: string[]; data: LstmInspection }
  | { type: 'error'; message: string };
