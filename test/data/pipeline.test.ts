// Splits and pipelines: time order, walk-forward ranges, fit on train only, exact inverses, no look-ahead.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { difference, inverseDifference } from '../../src/data/difference.js';
import { fitPipeline, type PipelineStep, pipelineInverse, pipelineTransform } from '../../src/data/pipeline.js';
import { fitMinMax, scalerInverseTransform, scalerTransform } from '../../src/data/scalers.js';
import { sliceRange, timeSplit, walkForward } from '../../src/data/splits.js';
import { ConfigError, DataError, StateError } from '../../src/errors.js';
import { readCsvFile } from '../../src/node/csv-file.js';
import { Rng } from '../../src/rng.js';
import { assertClose } from '../helpers/close.js';

test('timeSplit @example and variants', () => {
  assert.deepEqual(timeSplit(144, { train: 0.67 }), {
    train: { start: 0, end: 96 },
    validation: { start: 96, end: 96 },
    test: { start: 96, end: 144 },
  });
  assert.deepEqual(timeSplit(36, { test: 12 }).train, { start: 0, end: 24 });
  const s = timeSplit(100, { validation: 0.1, test: 0.2 });
  assert.deepEqual([s.train.end, s.validation.end, s.test.end], [70, 80, 100]);
  assert.throws(() => timeSplit(10, { train: 8, test: 5 }), DataError);
  assert.throws(() => timeSplit(10, { train: 2.5 }), ConfigError);
});

test('walkForward @example (sliding) and expanding windows; test always after train', () => {
  const sliding = [...walkForward(6, { trainSize: 3, testSize: 1, window: 'sliding' })].map((s) => [
    s.train.start,
    s.train.end,
    s.test.start,
  ]);
  assert.deepEqual(sliding, [
    [0, 3, 3],
    [1, 4, 4],
    [2, 5, 5],
  ]);
  const exp = [...walkForward(10, { trainSize: 4, testSize: 2, gap: 1 })];
  assert.deepEqual(
    exp.map((s) => [s.train.start, s.train.end, s.test.start, s.test.end]),
    [
      [0, 4, 5, 7],
      [0, 6, 7, 9],
    ],
  );
  for (const s of walkForward(50, { trainSize: 10, testSize: 3, step: 2 })) assert.ok(s.test.start >= s.train.end);
  assert.equal([...walkForward(50, { trainSize: 10, maxSplits: 4 })].length, 4);
  assert.throws(
    () => [...walkForward(5, { trainSize: 5 })],
    (e: Error) => e instanceof DataError && /too few/.test(e.message),
  );
  assert.throws(() => [...walkForward(5, { trainSize: 2, window: 'rolling' as 'sliding' })], ConfigError);
});

test('sliceRange @example', () => {
  assert.deepEqual(sliceRange([1, 2, 3, 4], { start: 1, end: 3 }), [2, 3]);
});

test('fitPipeline / pipelineTransform / pipelineInverse @examples', () => {
  const p = fitPipeline([10, 12, 15, 19], [{ kind: 'difference' }, { kind: 'minMax', featureRange: [-1, 1] }]);
  assertClose(pipelineTransform(p, [10, 12, 15, 19, 20]), [-1, 0, 1, -2], { atol: 1e-12 });
  assertClose(pipelineInverse(p, [1], { positions: [4], history: [10, 12, 15, 19] }), [23], { atol: 1e-12 });
  assert.deepEqual(pipelineTransform(fitPipeline([1, 2, 3], [{ kind: 'minMax' }]), [2, 3]), [0.5, 1]);
  assert.deepEqual(JSON.parse(JSON.stringify(p)), p);
});

test('pipeline is fitted on the training part only (test values never change it)', () => {
  const train = [1, 5, 2, 8];
  const p = fitPipeline(train, [{ kind: 'standard' }]);
  const q = fitPipeline(train, [{ kind: 'standard' }]);
  pipelineTransform(p, [...train, 1000, -1000]);
  assert.deepEqual(p, q);
  assert.deepEqual(p.steps[0].kind === 'scale' && p.steps[0].scaler.center, [4]);
});

test('shampoo recipe through the pipeline equals the manual chain (difference, then minMax [-1,1] on train)', () => {
  const sales = readCsvFile('datasets/shampoo.csv', { columns: ['Sales'] }).numeric.Sales;
  const p = fitPipeline(sales.slice(0, 24), [{ kind: 'difference' }, { kind: 'minMax', featureRange: [-1, 1] }]);
  const d = difference(sales);
  const s = fitMinMax(d.slice(0, 23), { featureRange: [-1, 1] });
  assertClose(pipelineTransform(p, sales), scalerTransform(s, d), { atol: 1e-12 }, 'transform');
  // walk-forward inverse of one-step predictions: yhat + true previous value
  const preds = [0.1, -0.3, 0.5];
  const pos = [24, 25, 26];
  const manual = scalerInverseTransform(s, preds).map((v, i) => v + sales[pos[i] - 1]);
  assertClose(pipelineInverse(p, preds, { positions: pos, history: sales }), manual, { atol: 1e-9 }, 'inverse');
});

const chains: PipelineStep[][] = [
  [{ kind: 'minMax' }],
  [{ kind: 'difference' }, { kind: 'minMax', featureRange: [-1, 1] }],
  [{ kind: 'log' }, { kind: 'difference', interval: 3 }, { kind: 'standard' }],
  [{ kind: 'boxCox' }, { kind: 'difference', order: 2 }, { kind: 'robust' }],
  [{ kind: 'difference', interval: 2, order: 2 }, { kind: 'maxAbs' }],
  [{ kind: 'log', offset: 1 }, { kind: 'boxCox', lambda: 0.5 }, { kind: 'standard' }],
];

test('pipelineInverse(pipelineTransform(x)) = x within 1e-9: one-step from true history and a multi-step path (seeded)', () => {
  const rng = new Rng(21);
  for (let trial = 0; trial < 36; trial++) {
    const steps = chains[trial % chains.length];
    const n = 30 + rng.int(30);
    const x = Array.from({ length: n }, (_, t) => 50 + t + rng.uniform(0, 20));
    const trainEnd = Math.floor(n * 0.6);
    const p = fitPipeline(x.slice(0, trainEnd), steps);
    const z = pipelineTransform(p, x);
    const positions = z.map((_, i) => i + p.lag);
    assertClose(
      pipelineInverse(p, z, { positions, history: x }),
      x.slice(p.lag),
      { atol: 1e-9, rtol: 1e-9 },
      `one-step ${trial}`,
    );
    // a multi-step path from origin trainEnd: only the history up to the origin is given
    const path = positions.filter((t) => t >= trainEnd);
    const zPath = path.map((t) => z[t - p.lag]);
    const back = pipelineInverse(p, zPath, { positions: path, history: x.slice(0, trainEnd) });
    assertClose(back, x.slice(trainEnd), { atol: 1e-8, rtol: 1e-9 }, `multi-step ${trial}`);
  }
});

test('pipelineInverse never reads the value at or after a prediction position', () => {
  const rng = new Rng(4);
  const x = Array.from({ length: 40 }, () => rng.uniform(1, 10));
  const p = fitPipeline(x.slice(0, 20), [
    { kind: 'log' },
    { kind: 'difference', interval: 2, order: 2 },
    { kind: 'standard' },
  ]);
  const preds = [0.3, -0.2, 0.9];
  const pos = [25, 26, 27];
  const a = pipelineInverse(p, preds, { positions: pos, history: x });
  for (const t of pos) {
    const tampered = x.map((v, u) => (u >= t ? v * 7 : v));
    const b = pipelineInverse(p, [preds[pos.indexOf(t)]], { positions: [t], history: tampered });
    assertClose(b, [a[pos.indexOf(t)]], { atol: 1e-12 }, `position ${t}`);
  }
});

test('multi-step inverse equals inverseDifference integration from the origin', () => {
  const x = [5, 7, 6, 9, 12, 11];
  const p = fitPipeline(x, [{ kind: 'difference' }]);
  assert.deepEqual(
    pipelineInverse(p, [1, 2, -1], { positions: [6, 7, 8], history: x }),
    inverseDifference([1, 2, -1], x),
  );
});

test('pipeline errors: before fit, unknown step, too short, missing history, bad positions', () => {
  assert.throws(
    () => pipelineTransform(undefined as never, [1, 2]),
    (e: Error) => e instanceof StateError && /not fitted/.test(e.message),
  );
  assert.throws(() => pipelineInverse({} as never, [1], { positions: [1], history: [1] }), StateError);
  assert.throws(
    () => pipelineTransform(fitPipeline([1, 2], []), [1, Number.NaN]),
    (e: Error) => e instanceof DataError && /index 1 is NaN/.test(e.message),
  );
  assert.throws(
    () => fitPipeline([1, 2, 3], [{ kind: 'scale' } as never]),
    (e: Error) => e instanceof ConfigError && /unknown kind/.test(e.message),
  );
  assert.throws(
    () => fitPipeline([1, 2], [{ kind: 'difference', order: 2 }]),
    (e: Error) => e instanceof DataError && /consumes 2/.test(e.message),
  );
  assert.throws(
    () => fitPipeline([1, -2, 3], [{ kind: 'log' }]),
    (e: Error) => e instanceof DataError && /time 1/.test(e.message),
  );
  const p = fitPipeline([1, 2, 3, 4], [{ kind: 'difference' }]);
  assert.throws(
    () => pipelineInverse(p, [1], { positions: [9], history: [1, 2, 3, 4] }),
    (e: Error) => e instanceof DataError && /time 8/.test(e.message),
  );
  assert.throws(() => pipelineInverse(p, [1, 2], { positions: [4], history: [1, 2, 3, 4] }), ConfigError);
  assert.throws(
    () => pipelineInverse(p, [1], { positions: [0], history: [1, 2, 3, 4] }),
    (e: Error) => e instanceof DataError && /lag 1/.test(e.message),
  );
});

test('the docs/data.md workflow: CSV -> split -> pipeline -> windows -> inverse at target positions', async () => {
  const { tensor } = await import('../../src/tensor.js');
  const { windows } = await import('../../src/data/windows.js');
  const sales = readCsvFile('datasets/shampoo.csv', { dateColumns: ['Month'] }).numeric.Sales;
  const { train } = timeSplit(sales.length, { test: 12 });
  const p = fitPipeline(sales.slice(0, train.end), [{ kind: 'difference' }, { kind: 'minMax', featureRange: [-1, 1] }]);
  const z = pipelineTransform(p, sales);
  const w = windows(z, { lookback: 1 });
  assert.deepEqual(tensor(w.x).shape, [34, 1, 1]);
  const positions = w.targetStart.map((i) => i + p.lag);
  const yhat = w.y.map((r) => r[0]); // a perfect model
  assertClose(
    pipelineInverse(p, yhat, { positions, history: sales }),
    positions.map((t) => sales[t]),
    { atol: 1e-9 },
  );
  // training samples are those whose target time is before the split
  const trainSamples = positions.filter((t) => t < train.end).length;
  assert.equal(trainSamples, 22);
});
