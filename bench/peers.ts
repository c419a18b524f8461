// The in-process contestants of bench/run.ts. Every peer gets the same model shape: LSTM(H) on (T,F)
// inputs, then Dense(1); adam, mse; float32. A 'stream' build is one time step at batch B with the state
// carried (lstmkit's model.step, onnxruntime's LSTM with the state fed back). The Python peers (PyTorch,
// Keras 3) are in bench/python/peer.py.

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as ort from 'onnxruntime-node';
import { type Backend, referenceBackend, setBackend } from '../src/backend/backend.js';
import { threadTasks, wasmBackend } from '../src/backend/wasm/index.js';
import { dense, lstm, type Sequential, sequential, setRandomSeed, Tensor } from '../src/index.js';
import { onnxServing } from '../src/node/onnx-serving.js';
import { setThreads } from '../src/node/threads.js';
import { Rng } from '../src/rng.js';
import { type Config, localRunner, type Mode, type Runner } from './harness.js';
import { lstmOnnxModel } from './onnx-model.js';

type Fns = Partial<Record<Mode, () => unknown>>;

/** Seeded inputs (B,T,F) and targets (B,1) in [-1, 1]. */
export function benchData(c: Config): { x: Float32Array; y: Float32Array } {
  const rng = new Rng(42);
  return {
    x: Float32Array.from({ length: c.B * c.T * c.F }, () => rng.uniform(-1, 1)),
    y: Float32Array.from({ length: c.B }, () => rng.uniform(-1, 1)),
  };
}

function lstmkitModel(c: Config, T: number): Sequential {
  setRandomSeed(1);
  const model = sequential([lstm({ units: c.H, inputShape: [T, c.F] }), dense({ units: 1 })]);
  model.compile({ optimizer: 'adam', loss: 'mse' });
  return model;
}

/** The bench data as backend tensors: x (B,T,F) and y (B,1). */
function lstmkitTensors(be: Backend, c: Config): { x: Tensor; y: Tensor } {
  const { x: xd, y: yd } = benchData(c);
  const x = new Tensor(be.alloc(xd.length), [c.B, c.T, c.F]);
  x.data.set(xd);
  const y = new Tensor(be.alloc(yd.length), [c.B, 1]);
  y.data.set(yd);
  return { x, y };
}

/**
 * Tasks the wasm backend splits across `threads` threads in one training batch and one inference call
 * of config c: 0 means that size runs exactly the one-thread code (nothing crosses to a worker).
 */
export async function lstmkitSplits(c: Config, threads: number): Promise<{ train: number; infer: number }> {
  const be = wasmBackend();
  if (!be) throw new Error('WebAssembly SIMD backend unavailable');
  setBackend(be);
  await setThreads(threads);
  const model = lstmkitModel(c, c.T);
  const { x, y } = lstmkitTensors(be, c);
  let t0 = threadTasks();
  model.trainOnBatch([x], [y], null);
  const train = threadTasks() - t0;
  t0 = threadTasks();
  model.predict(x, { batchSize: c.B });
  const infer = threadTasks() - t0;
  await setThreads(1);
  return { train, infer };
}

/** lstmkit on the wasm backend with `threads` threads (or the TypeScript reference). */
export function lstmkitRunner(name: string, variant: 'wasm' | 'reference', threads: number): Runner {
  const select = async () => {
    const be = variant === 'wasm' ? wasmBackend() : referenceBackend();
    if (!be) throw new Error('WebAssembly SIMD backend unavailable');
    setBackend(be);
    await setThreads(variant === 'wasm' ? threads : 1);
  };
  return localRunner(
    name,
    async (c, kind): Promise<Fns> => {
      const be = variant === 'wasm' ? wasmBackend()! : referenceBackend();
      if (kind === 'stream') {
        const model = lstmkitModel(c, c.T);
        const xt = new Tensor(be.alloc(c.B * c.F), [c.B, c.F]);
        xt.data.set(benchData(c).x.subarray(0, c.B * c.F));
        model.resetStates();
        return { step: () => model.step(xt) };
      }
      const model = lstmkitModel(c, c.T);
      const { x, y } = lstmkitTensors(be, c);
      const infer = () => model.predict(x, { batchSize: c.B });
      // The reference kernels train L at ~6 samples/s: time only their inference there.
      if (variant === 'reference' && c.T * c.H * c.H > 1e7) return { infer };
      return { train: () => model.trainOnBatch([x], [y], null), infer };
    },
    select,
  );
}

/** lstmkit's serving path: the model exported to ONNX and run by onnxServing (lstmkit/node). */
export function lstmkitOnnxRunner(name: string, threads: number): Runner {
  let release: (() => Promise<void>) | null = null;
  return localRunner(name, async (c, kind): Promise<Fns> => {
    if (kind === 'stream') return {};
    await release?.();
    setBackend(wasmBackend()!);
    await setThreads(1);
    const model = lstmkitModel(c, c.T);
    const server = await onnxServing(model, { threads });
    release = () => server.release();
    const x = new Tensor(benchData(c).x, [c.B, c.T, c.F]);
    return { infer: () => server.predict(x) };
  });
}

/** onnxruntime-node on an ONNX model holding the LSTM operator and a MatMul head (inference only). */
export function onnxRunner(name: string, threads: number): Runner {
  return localRunner(name, async (c, kind): Promise<Fns> => {
    const g = (n: number, s: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * s);
    const stream = kind === 'stream';
    const T = stream ? 1 : c.T;
    const bytes = lstmOnnxModel(
      T,
      c.F,
      c.H,
      g(c.F * 4 * c.H, 0.1),
      g(c.H * 4 * c.H, 0.05),
      g(4 * c.H, 0.1),
      g(c.H, 0.1),
      g(1, 0.1),
      stream,
    );
    const session = await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
    const { x } = benchData(c);
    const xs = new Float32Array(T * c.B * c.F); // (T,B,F), ONNX's sequence-major layout
    for (let b = 0; b < c.B; b++)
      for (let t = 0; t < T; t++)
        for (let f = 0; f < c.F; f++) xs[(t * c.B + b) * c.F + f] = x[(b * c.T + t) * c.F + f];
    const X = new ort.Tensor('float32', xs, [T, c.B, c.F]);
    if (!stream) return { infer: () => session.run({ X }) };
    let h = new ort.Tensor('float32', new Float32Array(c.B * c.H), [1, c.B, c.H]);
    let cc = new ort.Tensor('float32', new Float32Array(c.B * c.H), [1, c.B, c.H]);
    return {
      step: async () => {
        const out = await session.run({ X, initial_h: h, initial_c: cc });
        h = out.Y_h as typeof h;
        cc = out.Y_c as typeof cc;
      },
    };
  });
}

const require = createRequire(import.meta.url);
let tfWasmReady = false;

/** tfjs (the Keras-equivalent model) on its cpu or wasm backend. */
export function tfjsRunner(name: string, backend: 'cpu' | 'wasm'): Runner {
  return localRunner(name, async (c, kind): Promise<Fns> => {
    if (kind === 'stream') return {};
    if (backend === 'wasm' && !tfWasmReady) {
      setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // single-threaded in Node
      tfWasmReady = true;
    }
    await tf.setBackend(backend);
    await tf.ready();
    const model = tf.sequential({
      layers: [tf.layers.lstm({ units: c.H, inputShape: [c.T, c.F] }), tf.layers.dense({ units: 1 })],
    });
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    const { x: xd, y: yd } = benchData(c);
    const x = tf.tensor3d(xd, [c.B, c.T, c.F]),
      y = tf.tensor2d(yd, [c.B, 1]);
    return {
      train: () => model.trainOnBatch(x, y),
      infer: () => tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync()),
    };
  });
}

/** brain.js LSTMTimeStep (per-sequence training, no batching): one call handles `n` sequences. */
export function brainRunner(name: string, n: (c: Config) => number): Runner {
  return localRunner(name, async (c, kind): Promise<Fns> => {
    if (kind === 'stream') return {};
    const brain = require('brain.js');
    const net = new brain.recurrent.LSTMTimeStep({ inputSize: c.F, hiddenLayers: [c.H], outputSize: c.F });
    const { x } = benchData(c);
    const seqs: (number[] | number[][])[] = [];
    for (let b = 0; b < n(c); b++) {
      const s: number[][] = [];
      for (let t = 0; t < c.T; t++) s.push(Array.from(x.subarray((b * c.T + t) * c.F, (b * c.T + t + 1) * c.F)));
      seqs.push(c.F === 1 ? s.map((v) => v[0]) : s);
    }
    return {
      train: () => net.train(seqs, { iterations: 1, log: false, errorThresh: 0 }),
      infer: () => {
        for (const s of seqs) net.run(s);
      },
    };
  });
}
