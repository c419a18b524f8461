// The contestants of bench/run.ts, each built for one configuration and exposing a training step on
// one batch and an inference pass over one batch. Every peer gets the same data and model shape:
// LSTM(H) on (T,F) inputs, then Dense(1); adam, mse.

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as ort from 'onnxruntime-node';
import { referenceBackend, setBackend } from '../src/backend/backend.js';
import { wasmBackend } from '../src/backend/wasm/index.js';
import { dense, lstm, sequential, setRandomSeed, Tensor } from '../src/index.js';
import { setThreads } from '../src/node/threads.js';
import { lstmOnnxModel } from './onnx-model.js';

export interface Config {
  name: string;
  T: number;
  F: number;
  H: number;
  B: number;
}
export interface Data {
  x: Float32Array; // (B,T,F)
  y: Float32Array; // (B,1)
}
export interface Peer {
  /** One optimizer step on the batch; resolves when done. */
  train?: () => unknown;
  /** Inference on `inferSamples` samples. */
  infer?: () => unknown;
  inferSamples?: number;
  trainSamples?: number;
}

/** lstmkit with the wasm backend on `threads` threads, or the TypeScript reference. */
export async function lstmkitPeer(c: Config, d: Data, variant: 'wasm' | 'reference', threads: number): Promise<Peer> {
  if (variant === 'wasm') {
    const be = wasmBackend();
    if (!be) throw new Error('WebAssembly SIMD backend unavailable');
    setBackend(be);
    await setThreads(threads);
  } else {
    await setThreads(1);
    setBackend(referenceBackend());
  }
  setRandomSeed(1);
  const model = sequential([lstm({ units: c.H, inputShape: [c.T, c.F] }), dense({ units: 1 })]);
  model.compile({ optimizer: 'adam', loss: 'mse' });
  const be = variant === 'wasm' ? wasmBackend()! : referenceBackend();
  const x = new Tensor(be.alloc(d.x.length), [c.B, c.T, c.F]);
  x.data.set(d.x);
  const y = new Tensor(be.alloc(d.y.length), [c.B, 1]);
  y.data.set(d.y);
  return {
    train: () => model.trainOnBatch([x], [y], null),
    infer: () => model.predict(x, { batchSize: c.B }),
  };
}

const require = createRequire(import.meta.url);
let tfWasmReady = false;

/** tfjs (the Keras-equivalent model) on its cpu or wasm backend. */
export async function tfjsPeer(c: Config, d: Data, backend: 'cpu' | 'wasm'): Promise<Peer> {
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
  const x = tf.tensor3d(d.x, [c.B, c.T, c.F]),
    y = tf.tensor2d(d.y, [c.B, 1]);
  return {
    train: () => model.trainOnBatch(x, y),
    infer: () => tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync()),
  };
}

/** brain.js LSTMTimeStep (per-sequence training, no batching): timed on `n` sequences. */
export function brainPeer(c: Config, d: Data, n: number): Peer {
  const brain = require('brain.js');
  const net = new brain.recurrent.LSTMTimeStep({ inputSize: c.F, hiddenLayers: [c.H], outputSize: c.F });
  const seqs: (number[] | number[][])[] = [];
  for (let b = 0; b < n; b++) {
    const s: number[][] = [];
    for (let t = 0; t < c.T; t++) s.push(Array.from(d.x.subarray((b * c.T + t) * c.F, (b * c.T + t + 1) * c.F)));
    seqs.push(c.F === 1 ? s.map((v) => v[0]) : s);
  }
  return {
    train: () => net.train(seqs, { iterations: 1, log: false, errorThresh: 0 }),
    infer: () => {
      for (const s of seqs) net.run(s);
    },
    trainSamples: n,
    inferSamples: n,
  };
}

/** onnxruntime-node on an ONNX model holding the LSTM operator and a MatMul head (inference only). */
export async function onnxPeer(c: Config, d: Data, threads: number): Promise<Peer> {
  const g = (n: number, s: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * s);
  const bytes = lstmOnnxModel(
    c.T,
    c.F,
    c.H,
    g(c.F * 4 * c.H, 0.1),
    g(c.H * 4 * c.H, 0.05),
    g(4 * c.H, 0.1),
    g(c.H, 0.1),
    g(1, 0.1),
  );
  const session = await ort.InferenceSession.create(bytes, {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const xs = new Float32Array(d.x.length); // (T,B,F), ONNX's sequence-major layout
  for (let b = 0; b < c.B; b++)
    for (let t = 0; t < c.T; t++)
      for (let f = 0; f < c.F; f++) xs[(t * c.B + b) * c.F + f] = d.x[(b * c.T + t) * c.F + f];
  const feeds = { X: new ort.Tensor('float32', xs, [c.T, c.B, c.F]) };
  return { infer: () => session.run(feeds) };
}
