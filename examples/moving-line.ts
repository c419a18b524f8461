// The CNN-LSTM lesson's "moving line" problem: a sequence of size×size frames in which a line is drawn
// one column per frame, from the left edge to the right or from the right to the left, its row taking
// a random step of −1, 0 or +1 each frame. The model reads each frame with a small CNN
// (timeDistributed conv2d → maxPooling2d → flatten) and the sequence of frame features with an LSTM,
// and says which way the line moves. The lesson: size 50, 5000 examples, 1 epoch, batch 32, Adam;
// accuracy on 100 new sequences. Examples are generated batch by batch (the 5000 sequences of 50
// frames of 50×50 would take 2.5 GB at once).
// Run: npx tsx examples/moving-line.ts [size] [examples] [seed]

import {
  adam,
  conv2d,
  dense,
  flatten,
  lstm,
  maxPooling2d,
  type Model,
  Rng,
  sequential,
  setRandomSeed,
  Tensor,
  timeDistributed,
} from '../src/index.js';

/** One sequence of `size` frames (size×size, row-major) and its direction (1: left to right). */
export function movingLineFrames(size: number, rng: Rng): { frames: Float32Array; right: number } {
  const frames = new Float32Array(size * size * size);
  const right = rng.next() < 0.5 ? 1 : 0;
  let row = rng.int(size);
  const frame = new Float32Array(size * size);
  for (let i = 0; i < size; i++) {
    if (i > 0) {
      const lo = Math.max(0, row - 1),
        hi = Math.min(size - 1, row + 1);
      row = lo + rng.int(hi - lo + 1);
    }
    frame[row * size + (right ? i : size - 1 - i)] = 1;
    frames.set(frame, i * size * size);
  }
  return { frames, right };
}

/** n sequences as x (n, size, size, size, 1) and y (n, 1). */
export function movingLineBatch(n: number, size: number, rng: Rng): { x: Tensor; y: Tensor } {
  const x = new Float32Array(n * size ** 3),
    y = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const s = movingLineFrames(size, rng);
    x.set(s.frames, k * size ** 3);
    y[k] = s.right;
  }
  return { x: new Tensor(x, [n, size, size, size, 1]), y: new Tensor(y, [n, 1]) };
}

/** The lesson's CNN-LSTM over any number of frames (inputShape [null, size, size, 1]). */
export function movingLineModel(size: number): Model {
  return sequential([
    timeDistributed(conv2d({ filters: 2, kernelSize: 2, activation: 'relu' }), { inputShape: [null, size, size, 1] }),
    timeDistributed(maxPooling2d({ poolSize: 2 })),
    timeDistributed(flatten()),
    lstm({ units: 50 }),
    dense({ units: 1, activation: 'sigmoid' }),
  ]);
}

export interface MovingLineOptions {
  /** Frame size and number of frames. Default 50 (the lesson). */
  size?: number;
  /** Training sequences (one epoch). Default 5000 (the lesson). */
  examples?: number;
  /** Default 32. */
  batchSize?: number;
  /** Default 0.001 (Adam's default, as the lesson). */
  learningRate?: number;
  /** New sequences to evaluate on. Default 100 (the lesson). */
  testExamples?: number;
  seed?: number;
}

/** Trains for one pass over freshly generated examples; returns the accuracy on new sequences. */
export async function movingLine(o: MovingLineOptions = {}): Promise<{ accuracy: number; loss: number }> {
  const size = o.size ?? 50,
    examples = o.examples ?? 5000,
    batchSize = o.batchSize ?? 32;
  setRandomSeed(o.seed ?? 1);
  const rng = new Rng((o.seed ?? 1) + 1000);
  const model = movingLineModel(size);
  model.compile({ optimizer: adam({ learningRate: o.learningRate ?? 0.001 }), loss: 'binaryCrossentropy' });
  let loss = Number.NaN;
  for (let done = 0; done < examples; done += batchSize) {
    const { x, y } = movingLineBatch(Math.min(batchSize, examples - done), size, rng);
    loss = (await model.fit(x, y, { epochs: 1, batchSize })).history.loss[0];
  }
  const test = movingLineBatch(o.testExamples ?? 100, size, new Rng((o.seed ?? 1) + 2000));
  const p = model.predictOutputs(test.x)[0].data;
  let right = 0;
  for (let k = 0; k < p.length; k++) if (p[k] > 0.5 === (test.y.data[k] === 1)) right++;
  return { accuracy: right / p.length, loss };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [size, examples, seed] = [50, 5000, 1].map((d, i) => Number(process.argv[2 + i] ?? d));
  const t0 = Date.now();
  const r = await movingLine({ size, examples, seed });
  console.log(
    `moving line, ${size}x${size} frames, ${examples} examples: accuracy ${(100 * r.accuracy).toFixed(1)}% on 100 new sequences (last batch loss ${r.loss.toFixed(4)}, ${((Date.now() - t0) / 1000).toFixed(0)} s)`,
  );
}
