// lstmkit's public API (browser-safe: nothing here imports node:*). Node-only helpers: 'lstmkit/node'.

export { type Backend, getBackend, ready, referenceBackend, setBackend } from './backend/backend.js';
export { setThreads, setThreadThreshold, threadCount, threadTasks, wasmBackend } from './backend/wasm/index.js';
export { weightsChanged } from './backend/backend.js';
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
export { PRESET_DEFAULTS, type Preset } from './layers/presets.js';
export { type ComputeLossOptions, computeLoss, losses, type ReducedLoss, type Reduction } from './model/losses.js';
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
export {
  checkTrainingMemory,
  estimateTrainingMemory,
  formatBytes,
  type MemoryEstimate,
  type MemoryEstimateConfig,
} from './model/memory-estimate.js';

// --- architectures (graph models, wrappers, conv, pooling, masking, embedding, attention) ---
export { type GraphModelConfig, GraphModel, model } from './model/graph.js';
export { type GraphNode, type InputConfig, input, SymbolicTensor } from './layers/symbolic.js';
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
export {
  DATE_FORMATS,
  type DateColumn,
  type DateColumnOptions,
  type DateFormat,
  type DateOptions,
  formatDate,
  type Frequency,
  type FrequencyName,
  futureTimes,
  inferFrequency,
  MAX_MISSING_SHARE,
  MAX_OFF_GRID_SHARE,
  parseDateColumn,
  parseDateText,
  TWO_DIGIT_YEAR_PIVOT,
  utcTime,
} from './data/dates.js';
export { parseWide, type WideOptions, type WideSeries, wideLineParser } from './data/wide.js';
export { FLOAT32_MAX, fitsFloat32, type NumberCell, parseNumberCell, quoteCell } from './data/number-cell.js';

// --- forecasting ---
export {
  defaultBaselines,
  drift,
  type LinearArOptions,
  linearAutoregression,
  meanForecast,
  persistence,
  seasonalNaive,
} from './forecast/baselines.js';
export {
  autoBatchSize,
  autoLookback,
  CONFIG_DOCS,
  checkForecastConfig,
  configFromResolved,
  configOf,
  DEFAULTS,
  type Decision,
  DIFFERENCE_THRESHOLD,
  FORECAST_KINDS,
  FORECAST_LOSSES,
  type ForecastConfig,
  type ForecastKind,
  type ForecastLoss,
  MAX_AUTO_LOOKBACK,
  MAX_EPOCH_WINDOWS,
  POWER_TRANSFORMS,
  type PowerTransform,
  type ResolvedForecastConfig,
  type ResolveContext,
  resolveForecastConfig,
  SCALINGS,
  type Scaling,
  STRATEGIES,
  type Strategy,
  testSize,
  trendShare,
} from './forecast/config.js';
export {
  type CalibratedWidths,
  type ConformalWidths,
  calibratedWidths,
  conformalHalfWidth,
  conformalWidths,
  coverage,
} from './forecast/conformal.js';
export {
  type Diagnosis,
  type DiagnoseOptions,
  diagnose,
  diagnosisHtml,
  type Finding,
  renderDiagnosis,
  type Verdict,
} from './forecast/diagnose.js';
export { correlation, detectShift, type ShiftReport } from './forecast/diagnostics.js';
export { type Encoding, encodeCategories } from './forecast/encode.js';
export { type EvaluateOptions, type Evaluation, evaluateForecaster } from './forecast/evaluate.js';
export {
  forecast,
  type ForecastOptions,
  type ForecastResult,
  type ModelResult,
  type TrainingPhase,
} from './forecast/forecast.js';
export type { Covariates, Forecaster } from './forecast/forecaster.js';
export { type GradientNorms, type GradientNormTracker, gradientNormTracker } from './forecast/gradient-norms.js';
export { DEFAULTS_TABLE_MARKERS, defaultsTable, optionFlag } from './forecast/defaults-table.js';
export { featureCount, fitInputs, type InputSpec, pipelineSteps } from './forecast/inputs.js';
export { type IntervalReport, intervalCoverage, intervalReport, residualsBefore } from './forecast/intervals.js';
export { solveLeastSquares } from './forecast/least-squares.js';
export { mae, mape, mase, rmse, type Scores, scores, skill, smape } from './forecast/metrics.js';
export { applyMissingPolicy, MISSING_POLICIES, type MissingPolicy } from './forecast/missing.js';
export { buildForecastModel, type BuilderConfig, type ForecastModelShape } from './forecast/model.js';
export {
  NeuralForecaster,
  type NeuralState,
  neuralForecaster,
  type TrainingSpan,
  trainForecaster,
  trainOnAll,
  valuesHash,
} from './forecast/neural.js';
export { forecastReport, metricsTable, type ReportOptions } from './forecast/report.js';
export type { ForecastNumbers } from './forecast/forecast.js';
export { formatNumber } from './forecast/summary-text.js';
export {
  type CoverageCount,
  coverageCounts,
  decompositionType,
  FAN_HISTORY,
  fanStart,
  forecastNumbers,
  MIN_ACF_RESIDUALS,
  MIN_LEVEL_RATIO,
  MIN_SEASONS_FOR_TYPE,
  MULTIPLICATIVE_SLOPE,
  type ResidualAcf,
  residualAcf,
  type SeriesComponents,
  seriesComponents,
} from './forecast/report-data.js';
export {
  ACTUAL_COLOR,
  type ComponentCharts,
  componentCharts,
  errorByStepChart,
  FORECAST_COLOR,
  type ForecastChartInput,
  forecastChart,
  type LearningCurveOptions,
  learningCurvesChart,
  OTHER_COLORS,
  type ReportChartOptions,
} from './forecast/report-charts.js';
export {
  bulletList,
  configTable,
  htmlTable,
  REPORT_BLOCK_CSS,
  REPORT_CSS,
  reportPage,
  reportSection,
  type TableOptions,
  verdictBox,
} from './forecast/report-html.js';
export {
  coverageText,
  errorByStepFigure,
  fanFigure,
  forecastSections,
  futureTable,
  rankingTable,
  type ReportAxis,
  reportAxis,
  type ReportContext,
  reportContext,
  testFigure,
  verdictOf,
} from './forecast/report-sections.js';
export { type TimeAxis, timeAxis } from './forecast/time-axis.js';
export {
  checkForecasterSpec,
  type DataSource,
  FORECASTER_FORMAT,
  FORECASTER_SPEC_FILE,
  type ForecasterArtifacts,
  type ForecasterSpec,
  type ForecasterTarget,
  forecasterArtifacts,
  forecasterFromParts,
  loadForecaster,
  restoreForecaster,
  saveForecaster,
  type TrainingOverlap,
  trainingOverlap,
} from './forecast/saved.js';
export { artifactsFromFiles, forecasterFileMap, memberFolder } from './forecast/saved.js';
export { featureRows, inputWindows, rowFeatures } from './forecast/inputs.js';
export { invertOutputs, windowLevels, windowLevelSpan } from './forecast/inputs.js';
export { findSeasons, type SeasonFinding } from './forecast/season-rules.js';
export { type ComparisonRow, comparisonTable, meanStd } from './forecast/summary.js';
export { type ForecastSummary, forecastSummary, type RankedModel, rankModels } from './forecast/summary-text.js';
export {
  checkForecastMemory,
  meanPredictionLoss,
  type TrainedMember,
  type TrainHooks,
  type TrainingWindows,
  trainingWindows,
  trainMember,
} from './forecast/train.js';
export {
  type HorizonScores,
  scoreWalkForward,
  testOrigins,
  walkForwardForecasts,
  walkForwardResiduals,
} from './forecast/walk-forward.js';
export { findLearningRate, type LrFinderOptions, type LrFinderResult, lrFinderSvg } from './forecast/tune/lr-finder.js';
export {
  configKey,
  gridConfigs,
  randomConfigs,
  type RangeSpec,
  type SearchSpace,
  TUNE_KEYS,
  type TuneConfig,
} from './forecast/tune/space.js';
export {
  runTrial,
  type TrialContext,
  type TrialJob,
  type TrialRecord,
  trainTrial,
  trialConfig,
  tuneConfigOf,
  type TuneSplit,
  tuneSplit,
  validationRmse,
} from './forecast/tune/trial.js';
export {
  type BestConfigJson,
  bestConfigJson,
  formatLeaderboard,
  leaderboard,
  type LeaderboardRow,
  type Recommendation,
  recommend,
} from './forecast/tune/leaderboard.js';
export {
  defaultSpace,
  inProcessRunner,
  jobId,
  type TrialRunner,
  tune,
  tuneJobs,
  type TuneOptions,
  type TuneResult,
} from './forecast/tune/tune.js';
export { acfAndSpectrum, type AcfWork, autocorrelations } from './forecast/acf.js';
export { M4_TCRIT, m4Limit, MIN_REPEAT, MIN_STRENGTH, type SeasonDetrend } from './forecast/season-test.js';
export {
  CALENDAR_PERIODS,
  CALENDAR_SEASONS,
  type CalendarSeason,
  calendarSeasons,
  type DetectSeasonsOptions,
  DIVISOR_SHARE,
  detectSeasons,
  directAcf,
  rDefaultMaxLag,
  SEARCH_ALPHA,
  SEARCH_WINDOW,
  type Season,
  type SeasonDetection,
  type SeasonSource,
  seasonalityTest,
} from './forecast/seasonality.js';
// M4 statistical benchmarks, automatic ETS and M4 accuracy (src/forecast/stats, src/forecast/m4.ts)
export { type AutoEtsOptions, autoEts, selectEts } from './forecast/stats/auto-ets.js';
export {
  type BenchmarkOptions,
  comb,
  holt,
  holtDamped,
  m4Benchmarks,
  naive2,
  ses,
  theta,
} from './forecast/stats/benchmarks.js';
export { classicalDecomposition, type Decomposition } from './forecast/stats/decompose.js';
export { type EtsFit, type EtsFitOptions, etsForecast, etsName, fitEts } from './forecast/stats/ets-fit.js';
export type { EtsParams, EtsSpec } from './forecast/stats/ets-model.js';
export { type LocalModel, localForecaster } from './forecast/stats/local-model.js';
export { type NelderMeadOptions, type NelderMeadResult, nelderMead } from './forecast/stats/nelder-mead.js';
export { seasonallyAdjusted } from './forecast/stats/seasonal-adjustment.js';
export { M4_FREQUENCIES, type M4Frequency, type M4Input, type M4Score, m4Scores } from './forecast/m4.js';
// Many series (panels): readers' core, forecastPanel, summary, sharding, report (src/data/panel*, src/forecast/panel)
export { maseScale } from './forecast/metrics.js';
export {
  type Panel,
  type PanelBuildOptions,
  PanelBuilder,
  type SeriesEntry,
  seriesTime,
  stepLabel,
} from './data/panel.js';
export { type LineReader, type LongCsvOptions, longCsvReader, wideReader } from './data/panel-readers.js';
export { csvField, splitCsvLine } from './data/panel-csv.js';
export { type PreparedSeries, prepareSeries, type RefusedSeries } from './forecast/panel/checks.js';
export {
  type FutureSummary,
  forecastPanel,
  memoryStore,
  PANEL_CHUNK,
  type PanelHooks,
  type PanelProgress,
  type PanelResult,
  type PanelStore,
} from './forecast/panel/forecast-panel.js';
export { GLOBAL_MODEL, type GlobalModelOptions, globalPanelForecaster } from './forecast/panel/global-model.js';
// the global LSTM on its own: one model over many series (src/forecast/global)
export {
  defaultLookback,
  defaultPatch,
  type Deseasonalize,
  GLOBAL_DEFAULTS,
  type GlobalConfig,
  MAX_WINDOWS_PER_EPOCH,
  type ResolvedGlobalConfig,
  resolveGlobalConfig,
  windowsPerEpochSeries,
} from './forecast/global/config.js';
export {
  type GlobalForecaster,
  type PanelSeries,
  trainGlobal,
  type TrainGlobalHooks,
} from './forecast/global/global.js';
export type { EpochHook, MemberRunner } from './forecast/global/member.js';
export {
  checkPanelModels,
  defaultPanelModels,
  ETS_MAX_DEFAULT_SEASON,
  localPanelForecaster,
  PANEL_MODELS,
  type PanelContext,
  type PanelForecaster,
  panelModel,
  REFERENCE_MODEL,
  STATISTICAL_MODELS,
} from './forecast/panel/models.js';
export {
  minimumLength,
  PANEL_DEFAULTS,
  PANEL_MISSING,
  type PanelMissing,
  type PanelOptions,
  type PanelSetup,
  resolvePanelSetup,
  SEASON_SAMPLE,
} from './forecast/panel/options.js';
export { pageHistory, type SeriesPage, seriesPage } from './forecast/panel/pages.js';
export {
  ERROR_DIGITS,
  type FutureRow,
  forecastCsvHeader,
  forecastCsvLine,
  isFailure,
  type ModelFailure,
  type ModelScore,
  PANEL_RESULTS_FORMAT,
  PANEL_RESULTS_VERSION,
  parseForecastCsvLine,
  parseResultsLine,
  type ResultsLine,
  resultsHead,
  resultsSeriesLine,
  resultsTail,
  roundError,
  scoreModel,
  type SeriesResult,
} from './forecast/panel/records.js';
export { type PanelReportInput, panelReport } from './forecast/panel/report.js';
export { fnv1a, type Shard, shardFilter, shardOf } from './forecast/panel/shard.js';
export {
  type IntervalSummary,
  type PanelModelSummary,
  type PanelSummary,
  PROBLEMS_LISTED,
  type SeriesProblem,
  summarizePanel,
} from './forecast/panel/summary.js';
export { panelSummaryLines, panelSummaryTable } from './forecast/panel/summary-text.js';

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
export { type KerasSource, loadKerasBytes, loadKerasModel } from './io/keras-file.js';
export type { KerasImportOptions } from './io/keras-model.js';
export { registerTfjsConverter, type TfjsConverter, tfjsImportableLayers } from './io/tfjs-layers.js';
export { exportOnnx, type OnnxExportOptions, onnxExportableLayers } from './io/onnx-export.js';
export { loadTorchWeights, type StateDict, setTorchWeights, type TorchSource } from './io/pytorch.js';
export { torchStateDict } from './io/pytorch-export.js';
export { readSafetensors, writeSafetensors } from './io/safetensors.js';
export { type OptimizerState, type RestoreOptions, type Restored, restoreArtifacts } from './io/restore.js';
export type { RngState } from './rng.js';

// --- inspection ---
export { inspectLstm, inspectLstmLayer, type LayerStack, type LstmInspection } from './inspect.js';

// --- charts (SVG strings, DOM-free, on d3-scale/d3-shape/d3-time) and the model diagram ---
export { type AcfChartOptions, acfChart } from './charts/acf-chart.js';
export { type BarChartOptions, type BarSeries, barChart } from './charts/bar-chart.js';
export { type DiagramNode, layerDiagram } from './charts/diagram.js';
export { type HeatmapOptions, heatmapChart } from './charts/heatmap.js';
export { type HistogramOptions, histogramChart } from './charts/histogram.js';
export {
  CHART_CSS,
  type ResponsiveWidths,
  responsiveChart,
  type ToggleOptions,
  toggleableLineChart,
} from './charts/html.js';
export { type ChartMarker, type ChartOptions, type ChartSeries, lineChart } from './charts/line-chart.js';
export { niceTicks, type ScaleKind } from './charts/scales.js';
export { PLOT_MODEL_KIND, type PlotModelOptions, plotModel } from './model/plot.js';

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
  TRAIN_TEXT_DEFAULTS,
  type TrainTextOptions,
  type TrainTextResult,
  trainText,
  unigramCrossEntropy,
} from './text/char-model.js';
export { GENERATE_DEFAULTS, type GenerateOptions, generateText, vocabularyFromJson } from './text/generate.js';
export { lastStep, type SampleOptions, sampleIndex } from './text/sampling.js';
