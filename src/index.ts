// lstmkit's public API (browser-safe: nothing here imports node:*). Node-only helpers: 'lstmkit/node'.

export { type Backend, getBackend, referenceBackend, setBackend } from './backend/backend.js';
export { ConfigError, DataError, FormatError, LstmkitError, ShapeError, StateError } from './errors.js';
export { INITIALIZERS, type InitializerName, type InitializerSpec, initialize, orthogonal } from './initializers.js';
export { ACTIVATIONS, type Activation } from './kernels/activations.js';
export { Dense, type DenseConfig, dense } from './layers/dense.js';
export { Layer, type Param } from './layers/layer.js';
export { Lstm, type LstmConfig, lstm } from './layers/lstm.js';
export type { RecurrentConfig } from './layers/recurrent.js';
export { type Callback, type History, type Logs, type ProgressReporter, setPrinter, setProgressReporter } from './model/callbacks.js';
export { type CompileConfig, type EvaluateConfig, type FitConfig, Model, type PredictConfig } from './model/model.js';
export { Sequential, sequential } from './model/sequential.js';
export { Adam, type AdamConfig, adam, Optimizer, type OptimizerConfig, type Schedule, Sgd, type SgdConfig, sgd } from './optim/optimizer.js';
export { globalRng, Rng, setRandomSeed } from './rng.js';
export { type FloatArray, type NestedArray, type Shape, Tensor, type TensorLike, tensor, zeros } from './tensor.js';

// --- recurrent family and training (GRU, SimpleRNN, dropout, optimizers, schedules, callbacks) ---

// --- architectures (graph models, wrappers, conv, pooling, masking, embedding, attention) ---

// --- data preparation ---

// --- forecasting ---

// --- saving, loading, interop ---
export {
  FORMAT_VERSION,
  type ModelArtifacts,
  type ModelTopology,
  modelToArtifacts,
  type SaveOptions,
} from './io/artifacts.js';
export { crc32 } from './io/crc32.js';
export {
  downloadsHandler,
  type IOHandler,
  indexedDbHandler,
  type LoadSource,
  loadCheckpoint,
  loadModel,
  type SaveResult,
  type SaveTarget,
} from './io/handlers.js';
export { type LayerFactory, registeredLayers, registerLayer } from './io/registry.js';
export { type OptimizerState, type RestoreOptions, type Restored, restoreArtifacts } from './io/restore.js';
export type { RngState } from './rng.js';

// --- tuning and diagnosis ---

// --- inspection ---
export { inspectLstm, inspectLstmLayer, type LayerStack, type LstmInspection } from './inspect.js';
