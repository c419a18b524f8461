// lstmkit/node: helpers that need Node (files, terminal). The core ('lstmkit') never imports node:*.

export * from '../index.js';
// worker_threads for the WebAssembly backend (overrides the core's browser-only setThreads)
export { setThreads } from './threads.js';

// --- progress bar (training) ---
export { formatEta, type ProgressBarOptions, progressBar, renderBar, useProgressBar } from './progress-bar.js';

// --- CSV files (data preparation) ---
export { readCsvFile } from './csv-file.js';
export { readWideFile, streamWideFile } from './wide-file.js';

// --- many series (panels): files in, output folders out, merges of shards ---
export { fileLines, type PanelLayout, type ReadPanelOptions, readPanel } from './panel-files.js';
export { mergePanelOutputs, type MergeResult } from './panel-merge.js';
export { type PanelOutput, panelOutput, readSeriesResults } from './panel-output.js';
export { forecastPanelToFolder, withWorkerThreads } from './panel-run.js';

// --- model files (saving, loading, interop) ---
export { fileHandler, loadCheckpoint, loadModel, loadTfjsModelFromDir, saveModel } from './model-files.js';
export { loadKerasModelFile } from './keras-file.js';

// --- forecasters as folders (override the core's memory/IndexedDB saveForecaster/loadForecaster) ---
export { forecasterFiles, loadForecaster, saveForecaster } from './forecaster-files.js';
export type { FolderSaveOptions } from './model-files.js';
export { readOutputText } from './commit.js';
export { checkOutputFolder, OUTPUT_MARKER, type OutputFolderOptions, writeFolder } from './output-folder.js';
export { checkRegularFile, openRegularFile, type ReadLimits, type RegularFile, readRegularFile } from './safe-read.js';

// --- forecasting CLI helpers ---
export { trainingMemoryLimit } from './memory-limit.js';

// --- tuning (worker threads, resumable trial log) ---
export {
  appendTrialLog,
  readTrialLog,
  type TrialLogHeader,
  tuneWithLog,
  type TuneWithLogOptions,
  workerRunner,
  type WorkerRunnerOptions,
} from './tune-workers.js';

// --- serving: inference in onnxruntime-node (optional peer dependency) ---
export {
  loadOnnxRuntime,
  type OnnxRuntimeModule,
  type OnnxServer,
  type OnnxServingOptions,
  onnxServing,
} from './onnx-serving.js';
