// lstmkit's public API (browser-safe: nothing here imports node:*). Node-only helpers: 'lstmkit/node'.

export { type Backend, getBackend, ready, referenceBackend, setBackend } from './backend/backend.js';
export { setThreads, setThreadThreshold, threadCount, wasmBackend } from './backend/wasm/index.js';
export { ConfigError, DataError, FormatError, LstmkitError, ShapeError, StateError } from './errors.js';
export { INITIALIZERS, type InitializerName, type InitializerSpec, initialize, orthogonal } from './initializers.js';
export { ACTIVATIONS, type Activation } from './kernels/activations.js';
export { Dense, type DenseConfig, dense } from './layers/dense.js';
export { Layer, type Param } from './layers/layer.js';
export { Lstm, type LstmConfig, lstm } from './layers/lstm.js';
export type { RecurrentConfig } from './layers/recurrent.js';
export {
  type Callback,
  type History,
  type Logs,
  type ProgressReporter,
  setPrinter,
  setProgressReporter,
} from './model/callbacks.js';
export { type CompileConfig, type EvaluateConfig, type FitConfig, Model, type PredictConfig } from './model/model.js';
export { Sequential, sequential } from './model/sequential.js';
export {
  Adam,
  type AdamConfig,
  adam,
  Optimizer,
  type OptimizerConfig,
  type Schedule,
  Sgd,
  type SgdConfig,
  sgd,
} from './optim/optimizer.js';
export { globalRng, Rng, setRandomSeed } from './rng.js';
export { type FloatArray, type NestedArray, type Shape, Tensor, type TensorLike, tensor, zeros } from './tensor.js';

// --- recurrent family and training (GRU, SimpleRNN, dropout, optimizers, schedules, callbacks) ---
export { Dropout, type DropoutConfig, dropout } from './layers/dropout.js';
export { Gru, type GruConfig, gru } from './layers/gru.js';
export type { DropoutMasks } from './layers/recurrent.js';
export { SimpleRnn, type SimpleRnnConfig, simpleRnn } from './layers/simple-rnn.js';
export { fromTorch, type RecurrentKind, type TorchRnnWeights, toTorch } from './layers/weight-layout.js';
export { losses } from './model/losses.js';
export { accuracyMetric, r2Score } from './model/metrics.js';
export type { TbpttConfig } from './model/tbptt.js';
export {
  type EarlyStopping,
  type EarlyStoppingConfig,
  earlyStopping,
  learningRateScheduler,
  type ReduceLROnPlateauConfig,
  reduceLROnPlateau,
  terminateOnNaN,
} from './model/training-callbacks.js';
export { Adadelta, type AdadeltaConfig, adadelta } from './optim/adadelta.js';
export { Adagrad, type AdagradConfig, adagrad } from './optim/adagrad.js';
export { Adamax, type AdamaxConfig, adamax } from './optim/adamax.js';
export { Adamw, type AdamwConfig, adamw } from './optim/adamw.js';
export { Nadam, type NadamConfig, nadam } from './optim/nadam.js';
export { getOptimizer } from './optim/registry.js';
export { Rmsprop, type RmspropConfig, rmsprop } from './optim/rmsprop.js';
export {
  type CosineDecayConfig,
  cosineDecay,
  type DecayConfig,
  exponentialDecay,
  inverseTimeDecay,
  piecewiseConstantDecay,
  type PolynomialDecayConfig,
  polynomialDecay,
} from './optim/schedules.js';

// --- architectures (graph models, wrappers, conv, pooling, masking, embedding, attention) ---
export { type GraphModelConfig, GraphModel, model } from './model/graph.js';
export { type GraphNode, type InputConfig, input, SymbolicTensor } from './model/symbolic.js';
export {
  Attention,
  type AttentionConfig,
  AdditiveAttention,
  additiveAttention,
  attention,
} from './layers/attention.js';
export { Bidirectional, type BidirectionalConfig, bidirectional, type MergeMode } from './layers/bidirectional.js';
export { Conv1d, type Conv1dConfig, conv1d } from './layers/conv1d.js';
export { Embedding, type EmbeddingConfig, embedding } from './layers/embedding.js';
export { Flatten, flatten } from './layers/flatten.js';
export { Masking, type MaskingConfig, masking } from './layers/masking.js';
export { Add, add, Concatenate, type ConcatenateConfig, concatenate } from './layers/merge.js';
export {
  AveragePooling1d,
  averagePooling1d,
  GlobalAveragePooling1d,
  globalAveragePooling1d,
  GlobalMaxPooling1d,
  globalMaxPooling1d,
  MaxPooling1d,
  maxPooling1d,
  type Pooling1dConfig,
} from './layers/pooling.js';
export { RepeatVector, type RepeatVectorConfig, repeatVector } from './layers/repeat-vector.js';
export { Reshape, type ReshapeConfig, reshape } from './layers/reshape.js';
export { TimeDistributed, timeDistributed } from './layers/time-distributed.js';

// --- data preparation ---
export { type CsvOptions, type CsvTable, csvColumn, csvRows, parseCsv, parseDate } from './data/csv.js';
export {
  type DifferenceOptions,
  difference,
  inverseDifference,
  inverseDifferenceAt,
  seasonalDifference,
} from './data/difference.js';
export {
  type CategoryEncoder,
  fitCategories,
  labelDecode,
  labelEncode,
  oneHotDecode,
  oneHotEncode,
  type UnknownPolicy,
} from './data/encoding.js';
export {
  type Cell,
  dropMissing,
  type FillMethod,
  type FillOptions,
  fillMissing,
  findMissing,
  isMissing,
  NA_TOKENS,
  toNumbers,
} from './data/missing.js';
export { type PadOptions, type Padded, padSequences } from './data/padding.js';
export {
  buildVocabulary,
  decodeText,
  encodeText,
  tokenize,
  type Vocabulary,
  type VocabularyOptions,
} from './data/vocabulary.js';
export {
  type FittedStep,
  fitPipeline,
  type Pipeline,
  type PipelineInverseOptions,
  type PipelineStep,
  pipelineInverse,
  pipelineTransform,
} from './data/pipeline.js';
export {
  type Range,
  sliceRange,
  timeSplit,
  type TimeSplitOptions,
  type WalkForwardOptions,
  walkForward,
} from './data/splits.js';
export { boxCox, fitBoxCox, inverseBoxCox, inverseLog, logTransform } from './data/power.js';
export {
  checkScaler,
  fitMaxAbs,
  fitMinMax,
  fitRobust,
  fitScaler,
  fitStandard,
  type Scaler,
  type ScalerApplyOptions,
  type ScalerKind,
  type ScalerOptions,
  scalerInverseTransform,
  scalerTransform,
} from './data/scalers.js';
export {
  POLLUTION_COLUMNS,
  type PollutionData,
  type PollutionOptions,
  pollutionInverse,
  pollutionRecipe,
} from './data/recipes/pollution.js';
export { type SupervisedOptions, type SupervisedTable, seriesToSupervised } from './data/supervised.js';
export {
  splitSequence,
  type WindowBatch,
  type WindowOptions,
  type Windows,
  windowBatches,
  windowCount,
  windows,
} from './data/windows.js';

// --- forecasting ---
export {
  autocorrelation,
  detectSeason,
  drift,
  type Forecaster,
  type LinearArOptions,
  linearAutoregression,
  meanForecast,
  persistence,
  seasonalNaive,
} from './forecast/baselines.js';
export { type ConformalWidths, conformalHalfWidth, conformalWidths, coverage } from './forecast/conformal.js';
export { correlation, detectShift, type ShiftReport } from './forecast/diagnostics.js';
export { type Encoding, encodeCategories } from './forecast/encode.js';
export {
  type ForecastOptions,
  type ForecastResult,
  forecast,
  type ModelResult,
  type ScoresStats,
} from './forecast/forecast.js';
export { solveLeastSquares } from './forecast/least-squares.js';
export { mae, mape, mase, rmse, type Scores, scores, skill, smape } from './forecast/metrics.js';
export { applyMissingPolicy, MISSING_POLICIES, type MissingPolicy } from './forecast/missing.js';
export {
  type NeuralForecaster,
  type NeuralOptions,
  type NeuralSpec,
  neuralForecaster,
  STRATEGIES,
  type Strategy,
  trainNeural,
} from './forecast/neural.js';
export { formatTime, forecastReport, futureTime, metricsTable, type ReportOptions } from './forecast/report.js';
export { type ComparisonRow, comparisonTable, meanStd } from './forecast/summary.js';
export { type ChartOptions, type ChartSeries, lineChart, niceTicks } from './forecast/svg.js';
export {
  fitTargetTransform,
  invertForecast,
  type TargetTransform,
  type TargetTransformOptions,
  transformSeries,
} from './forecast/transform.js';
export {
  type HorizonScores,
  scoreWalkForward,
  testOrigins,
  walkForwardForecasts,
  walkForwardResiduals,
} from './forecast/walk-forward.js';

// --- saving, loading, interop ---
export {
  FORMAT_VERSION,
  type ModelArtifacts,
  type ModelTopology,
  modelToArtifacts,
  type SaveOptions,
} from './io/artifacts.js';
export { type ModelCheckpointConfig, modelCheckpoint } from './io/checkpoint.js';
export { crc32 } from './io/crc32.js';
export {
  downloadsHandler,
  type IOHandler,
  indexedDbHandler,
  type LoadSource,
  loadCheckpoint,
  loadModel,
  memoryHandler,
  type SaveResult,
  type SaveTarget,
} from './io/handlers.js';
export { type LayerFactory, registeredLayers, registerLayer } from './io/registry.js';
export { loadTfjsModel, type TfjsImportOptions } from './io/tfjs-import.js';
export { registerTfjsConverter, type TfjsConverter, tfjsImportableLayers } from './io/tfjs-layers.js';
export { exportOnnx, type OnnxExportOptions, onnxExportableLayers } from './io/onnx-export.js';
export { loadTorchWeights, type StateDict, setTorchWeights, type TorchSource } from './io/pytorch.js';
export { torchStateDict } from './io/pytorch-export.js';
export { readSafetensors, writeSafetensors } from './io/safetensors.js';
export { type OptimizerState, type RestoreOptions, type Restored, restoreArtifacts } from './io/restore.js';
export type { RngState } from './rng.js';

// --- tuning and diagnosis ---
export {
  type Diagnosis,
  type DiagnoseOptions,
  diagnose,
  diagnosisHtml,
  type Finding,
  renderDiagnosis,
  type Verdict,
} from './tune/diagnose.js';
export { type GradientNorms, type GradientNormTracker, gradientNormTracker } from './tune/gradient-norms.js';
export { findLearningRate, type LrFinderOptions, type LrFinderResult, lrFinderSvg } from './tune/lr-finder.js';
export {
  configKey,
  gridConfigs,
  randomConfigs,
  type RangeSpec,
  type SearchSpace,
  TUNE_KEYS,
  type TuneConfig,
} from './tune/space.js';
export {
  bestWeights,
  defaultBuilder,
  type ModelBuilder,
  type ModelShape,
  runTrial,
  type TrialContext,
  type TrialDetail,
  type TrialJob,
  type TrialRecord,
  trainTrial,
  type TuneSplit,
  tuneSplit,
} from './tune/trial.js';
export {
  type BestConfigJson,
  bestConfigJson,
  formatLeaderboard,
  leaderboard,
  type LeaderboardRow,
} from './tune/leaderboard.js';
export {
  defaultSpace,
  forecastDefaults,
  inProcessRunner,
  TUNE_SHORT_SERIES,
  type TrialRunner,
  tune,
  type TuneOptions,
  type TuneResult,
} from './tune/tune.js';

// --- inspection ---
export { inspectLstm, inspectLstmLayer, type LayerStack, type LstmInspection } from './inspect.js';

// --- lessons: 2-D convolution and pooling (CNN-LSTM on frames), text generation ---
export { Conv2d, type Conv2dConfig, conv2d } from './layers/conv2d.js';
export {
  AveragePooling2d,
  averagePooling2d,
  GlobalAveragePooling2d,
  globalAveragePooling2d,
  MaxPooling2d,
  maxPooling2d,
  type Pooling2dConfig,
} from './layers/pooling2d.js';
export {
  type CharModelConfig,
  charModel,
  nextCharSequences,
  type TrainTextOptions,
  type TrainTextResult,
  trainText,
  unigramCrossEntropy,
} from './text/char-model.js';
export { type GenerateOptions, generateText, vocabularyFromJson } from './text/generate.js';
export { lastStep, type SampleOptions, sampleIndex } from './text/sampling.js';
