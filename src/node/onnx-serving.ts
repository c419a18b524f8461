// Native-speed inference in Node: a trained model exported with lstmkit's ONNX exporter and run in an
// onnxruntime-node InferenceSession (MLAS kernels, AVX2/AVX-512 where the CPU has them). onnxruntime-node
// is an optional peer dependency: it is loaded on first use, with a clear message when it is absent.

import { ConfigError, ShapeError } from '../errors.js';
import { exportOnnx } from '../io/onnx-export.js';
import type { Model } from '../model/model.js';
import { shapeString, Tensor, type TensorLike, tensor } from '../tensor.js';

/** The slice of onnxruntime-node's API this module uses. */
interface OrtTensor {
  readonly data: unknown;
  readonly dims: readonly number[];
}
interface OrtSession {
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}
export interface OnnxRuntimeModule {
  InferenceSession: { create(bytes: Uint8Array, options: Record<string, unknown>): Promise<OrtSession> };
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => OrtTensor;
}

export interface OnnxServingOptions {
  /** Threads onnxruntime uses inside each operator (intraOpNumThreads). Default 1. */
  threads?: number;
  /** How to load onnxruntime-node (tests pass a failing loader). Default: import('onnxruntime-node'). */
  load?: () => Promise<unknown>;
}

/** A model running in onnxruntime-node. */
export interface OnnxServer {
  /** Outputs for x, [batch, ...inputShape]: the model's (first) output, as model.predict gives it. */
  predict(x: TensorLike): Promise<Tensor>;
  /** Frees the native session. */
  release(): Promise<void>;
  readonly threads: number;
}

const MISSING =
  "onnxruntime-node is not installed: serving through onnxruntime needs it (an optional peer dependency of lstmkit). Install it with 'npm install onnxruntime-node', or use model.predict(), which needs nothing else";

/** Loads onnxruntime-node, or throws a ConfigError that says how to install it. */
export async function loadOnnxRuntime(
  load: () => Promise<unknown> = () => import('onnxruntime-node'),
): Promise<OnnxRuntimeModule> {
  let mod: { default?: OnnxRuntimeModule } & Partial<OnnxRuntimeModule>;
  try {
    mod = (await load()) as typeof mod;
  } catch (e) {
    throw new ConfigError(`${MISSING} (${String((e as Error).message ?? e).split('\n')[0]})`, 'onnxServing');
  }
  const ort = (mod.InferenceSession ? mod : mod.default) as OnnxRuntimeModule | undefined;
  if (!ort?.InferenceSession) throw new ConfigError(MISSING, 'onnxServing');
  return ort;
}

/**
 * Runs a built single-input model's inference in onnxruntime-node: the model is exported with
 * exportOnnx() and loaded into an InferenceSession; predict() returns the same outputs as
 * model.predict() (to float32 rounding). The weights are copied at export: call it again after training.
 * @example const server = await onnxServing(model, { threads: 1 }); const y = await server.predict(x); await server.release();
 */
export async function onnxServing(model: Model, options: OnnxServingOptions = {}): Promise<OnnxServer> {
  const where = 'onnxServing';
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1)
    throw new ConfigError(`threads must be a positive integer, got ${threads}`, where);
  if (model.inputCount !== 1 || model.outputCount !== 1)
    throw new ConfigError(
      `onnxServing runs models with one input and one output; this one has ${model.inputCount} and ${model.outputCount}`,
      where,
    );
  const ort = await loadOnnxRuntime(options.load);
  const session = await ort.InferenceSession.create(
    await exportOnnx(model, { inputNames: ['input'], outputNames: ['output'] }),
    {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    },
  );
  const perSample = model.inputShapes()![0];
  return {
    threads,
    async predict(x: TensorLike): Promise<Tensor> {
      const t = tensor(x);
      if (t.rank !== perSample.length + 1 || t.shape.slice(1).some((d, i) => d !== perSample[i]))
        throw new ShapeError(
          `x must have shape [batch, ${perSample.join(', ')}] (the model's inputShape), got ${shapeString(t.shape)}`,
          `${where}.predict`,
        );
      const data = t.data instanceof Float32Array ? t.data : Float32Array.from(t.data);
      const out = (await session.run({ input: new ort.Tensor('float32', data, [...t.shape]) })).output;
      return new Tensor(Float32Array.from(out.data as Float32Array), [...out.dims]);
    },
    release: () => session.release(),
  };
}
