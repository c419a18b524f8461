// lstmkit/node: helpers that need Node (files, terminal). The core ('lstmkit') never imports node:*.

export * from '../index.js';
// worker_threads for the WebAssembly backend (overrides the core's browser-only setThreads)
export { setThreads } from './threads.js';

// --- progress bar (training) ---
export { formatEta, type ProgressBarOptions, progressBar, renderBar, useProgressBar } from './progress-bar.js';

// --- CSV files (data preparation) ---
export { readCsvFile } from './csv-file.js';
export { readWideFile, streamWideFile } from './wide-file.js';

// --- model files (saving, loading, interop) ---
export { fileHandler, loadCheckpoint, loadModel, loadTfjsModelFromDir, saveModel } from './model-files.js';

// --- forecasting CLI helpers ---

// --- tuning (worker threads, resumable trial log) ---
export {
  appendTrialLog,
  type BuilderModule,
  readTrialLog,
  type TrialLogHeader,
  tuneWithLog,
  type TuneWithLogOptions,
  workerRunner,
  type WorkerRunnerOptions,
} from './tune-workers.js';
