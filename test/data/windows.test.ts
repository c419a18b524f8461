// Framing: splitSequence, windows (the seeds' five layouts), windowBatches, seriesToSupervised.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seriesToSupervised } from '../../src/data/supervised.js';
import { splitSequence, windowBatches, windowCount, windows } from '../../src/data/windows.js';
import { ConfigError, DataError, ShapeError } from '../../src/errors.js';
import { Rng } from '../../src/rng.js';
import { tensor } from '../../src/tensor.js';

const seeds = [10, 20, 30, 40, 50, 60, 70, 80, 90];

test("splitSequence @example: the seeds' [10..90], 3 steps", () => {
  const { x, y } = splitSequence(seeds, 3);
  assert.deepEqual(x, [
    [10, 20, 30],
    [20, 30, 40],
    [30, 40, 50],
    [40, 50, 60],
    [50, 60, 70],
    [60, 70, 80],
  ]);
  assert.deepEqual(y, [40, 50, 60, 70, 80, 90]);
  assert.deepEqual(tensor(x).reshape([6, 3, 1]).shape, [6, 3, 1]);
});

test('windows @example: univariate lookback 2', () => {
  const w = windows([1, 2, 3, 4, 5], { lookback: 2 });
  assert.deepEqual(w.x, [
    [[1], [2]],
    [[2], [3]],
    [[3], [4]],
  ]);
  assert.deepEqual(w.y, [[3], [4], [5]]);
  assert.deepEqual(w.inputStart, [0, 1, 2]);
  assert.deepEqual(w.targetStart, [2, 3, 4]);
  assert.deepEqual(tensor(w.x).shape, [3, 2, 1]);
});

const in1 = seeds,
  in2 = seeds.map((v) => v + 5),
  out = seeds.map((v, i) => v + in2[i]);
const rows3 = seeds.map((_, i) => [in1[i], in2[i], out[i]]);

test('windows: multiple input series -> one output (seeds layout: inputs [0,1], target 2, gap -1)', () => {
  const w = windows(rows3, { lookback: 3, inputs: [0, 1], targets: [2], gap: -1 });
  assert.equal(w.x.length, 7); // the seeds print 7 samples
  assert.deepEqual(w.x[0], [
    [10, 15],
    [20, 25],
    [30, 35],
  ]);
  assert.deepEqual(w.y[0], [65]);
  assert.deepEqual(w.y[6], [185]);
});

test('windows: multiple parallel series (vector output)', () => {
  const w = windows(rows3, { lookback: 3 });
  assert.equal(w.x.length, 6);
  assert.deepEqual(w.x[0], [
    [10, 15, 25],
    [20, 25, 45],
    [30, 35, 65],
  ]);
  assert.deepEqual(w.y[0], [40, 45, 85]);
});

test('windows: multi-step output and multivariate multi-step', () => {
  const w = windows(seeds, { lookback: 3, horizon: 2 });
  assert.equal(w.x.length, 5);
  assert.deepEqual(w.y[0], [40, 50]);
  assert.deepEqual(w.y[4], [80, 90]);
  // multiple input, multi-step output (seeds: y starts at the last input step)
  const m = windows(rows3, { lookback: 3, horizon: 2, inputs: [0, 1], targets: [2], gap: -1 });
  assert.deepEqual(m.x[0], [
    [10, 15],
    [20, 25],
    [30, 35],
  ]);
  assert.deepEqual(m.y[0], [65, 85]);
  assert.equal(m.x.length, 6);
  // multiple parallel input and output: y is step-major, reshape to [n, 2, 3]
  const p = windows(rows3, { lookback: 3, horizon: 2 });
  assert.deepEqual(p.y[0], [40, 45, 85, 50, 55, 105]);
  assert.deepEqual(tensor(p.y).reshape([p.y.length, 2, 3]).shape, [5, 2, 3]);
});

test('windows: stride and gap', () => {
  const w = windows([0, 1, 2, 3, 4, 5, 6, 7], { lookback: 2, stride: 3, gap: 1 });
  assert.deepEqual(w.x, [
    [[0], [1]],
    [[3], [4]],
  ]);
  assert.deepEqual(w.y, [[3], [6]]);
  assert.equal(windowCount(8, { lookback: 2, stride: 3, gap: 1 }), 2);
});

test('windowCount @example and zero for short series', () => {
  assert.equal(windowCount(9, { lookback: 3 }), 6);
  assert.equal(windowCount(3, { lookback: 3 }), 0);
});

test('windows: no target precedes or overlaps its inputs, on random shapes (seeded)', () => {
  const rng = new Rng(7);
  for (let trial = 0; trial < 50; trial++) {
    const T = 5 + rng.int(40),
      F = 1 + rng.int(3);
    const lookback = 1 + rng.int(4),
      horizon = 1 + rng.int(3),
      stride = 1 + rng.int(3),
      gap = rng.int(3);
    if (lookback + gap + horizon > T) continue;
    // each value encodes its time: value = t * 10 + feature
    const data = Array.from({ length: T }, (_, t) => Array.from({ length: F }, (_, f) => t * 10 + f));
    const w = windows(data, { lookback, horizon, stride, gap });
    assert.equal(w.x.length, windowCount(T, { lookback, horizon, stride, gap }));
    w.x.forEach((xi, i) => {
      const lastInputTime = Math.max(...xi.flat().map((v) => Math.floor(v / 10)));
      const firstTargetTime = Math.min(...w.y[i].map((v) => Math.floor(v / 10)));
      assert.equal(lastInputTime, w.inputStart[i] + lookback - 1);
      assert.equal(firstTargetTime, w.targetStart[i]);
      assert.ok(
        firstTargetTime > lastInputTime,
        `sample ${i}: target time ${firstTargetTime} <= input time ${lastInputTime}`,
      );
      if (i > 0) assert.ok(w.inputStart[i] > w.inputStart[i - 1], 'time order kept');
    });
  }
});

test('windows() does not mutate its input', () => {
  const data = [
    [1, 2],
    [3, 4],
    [5, 6],
    [7, 8],
  ];
  const copy = JSON.parse(JSON.stringify(data));
  const w = windows(data, { lookback: 2 });
  w.x[0][0][0] = 99;
  assert.deepEqual(data, copy);
});

test('windowBatches @example: lazy batches equal windows()', () => {
  const shapes = [...windowBatches([1, 2, 3, 4, 5, 6], { lookback: 2, batchSize: 3 })].map((b) => b.x.shape);
  assert.deepEqual(shapes, [
    [3, 2, 1],
    [1, 2, 1],
  ]);
  const rng = new Rng(3);
  const data = Array.from({ length: 50 }, () => [rng.normal(), rng.normal()]);
  const opts = { lookback: 4, horizon: 2, stride: 2, targets: [1] };
  const all = windows(data, opts);
  const xs: number[] = [],
    ys: number[] = [],
    starts: number[] = [];
  for (const b of windowBatches(data, { ...opts, batchSize: 4, dtype: 'float64' })) {
    assert.ok(b.x.shape[0] <= 4);
    xs.push(...b.x.data);
    ys.push(...b.y.data);
    starts.push(...b.inputStart);
  }
  assert.deepEqual(xs, all.x.flat(2));
  assert.deepEqual(ys, all.y.flat());
  assert.deepEqual(starts, all.inputStart);
});

test('windowBatches never materializes all windows (a 2e5-step series, pull two batches)', () => {
  const long = new Float64Array(200_000).map((_, i) => Math.sin(i / 10));
  const it = windowBatches(long, { lookback: 100, batchSize: 8 });
  const a = it.next().value!,
    b = it.next().value!;
  assert.deepEqual(a.x.shape, [8, 100, 1]);
  assert.equal(b.inputStart[0], 8);
});

test('framing errors: empty, too short, non-numeric, ragged, bad options', () => {
  assert.throws(
    () => windows([], { lookback: 2 }),
    (e: Error) => e instanceof DataError && /empty/.test(e.message),
  );
  assert.throws(
    () => windows([1, 2, 3], { lookback: 3, horizon: 1 }),
    (e: Error) => e instanceof DataError && /3 time steps.*lookback 3.*at least 4/.test(e.message),
  );
  assert.throws(
    () => splitSequence([1, 2, 3], 3),
    (e: Error) => e instanceof DataError && /at least 4/.test(e.message),
  );
  assert.throws(
    () => windows([1, 'x' as unknown as number, 3], { lookback: 1 }),
    (e: Error) => e instanceof DataError && /index 1.*"x"/.test(e.message),
  );
  assert.throws(
    () => windows([1, Number.NaN, 3], { lookback: 1 }),
    (e: Error) => e instanceof DataError && /index 1 is NaN/.test(e.message),
  );
  assert.throws(
    () => windows([[1, 2], [3]], { lookback: 1 }),
    (e: Error) => e instanceof ShapeError && /row 1 has 1 values but row 0 has 2/.test(e.message),
  );
  assert.throws(() => windows([1, 2, 3], { lookback: 0 }), ConfigError);
  assert.throws(
    () =>
      windows(
        [
          [1, 2],
          [3, 4],
        ],
        { lookback: 1, targets: [2] },
      ),
    (e: Error) => e instanceof ShapeError && /column 2/.test(e.message),
  );
  assert.throws(
    () => windows([1, 2, 3], { lookback: 1, gap: -1 }),
    (e: Error) => e instanceof ConfigError && /both input and target/.test(e.message),
  );
});

test('seriesToSupervised @example and pandas column names', () => {
  assert.deepEqual(seriesToSupervised([1, 2, 3, 4], { nIn: 1, nOut: 1 }), {
    columns: ['var1(t-1)', 'var1(t)'],
    rows: [
      [1, 2],
      [2, 3],
      [3, 4],
    ],
    time: [1, 2, 3],
  });
  const s = seriesToSupervised(
    [
      [1, 10],
      [2, 20],
      [3, 30],
      [4, 40],
    ],
    { nIn: 2, nOut: 2 },
  );
  assert.deepEqual(s.columns, [
    'var1(t-2)',
    'var2(t-2)',
    'var1(t-1)',
    'var2(t-1)',
    'var1(t)',
    'var2(t)',
    'var1(t+1)',
    'var2(t+1)',
  ]);
  assert.deepEqual(s.rows, [[1, 10, 2, 20, 3, 30, 4, 40]]);
  const keep = seriesToSupervised([1, 2, 3], { nIn: 1, dropNaN: false });
  assert.equal(keep.rows.length, 3);
  assert.ok(Number.isNaN(keep.rows[0][0]));
  assert.throws(() => seriesToSupervised([1, 2], { nIn: -1 }), ConfigError);
});

test('windows() output feeds a model directly: tensor(w.x) to fit, windowBatches tensors to predict', async () => {
  const { dense } = await import('../../src/layers/dense.js');
  const { lstm } = await import('../../src/layers/lstm.js');
  const { sequential } = await import('../../src/model/sequential.js');
  const { setRandomSeed } = await import('../../src/rng.js');
  setRandomSeed(1);
  const rows = Array.from({ length: 30 }, (_, t) => [Math.sin(t / 3), Math.cos(t / 3)]);
  const w = windows(rows, { lookback: 4, horizon: 2, targets: [0] });
  const model = sequential([lstm({ units: 4, inputShape: [4, 2] }), dense({ units: 2 })]);
  model.compile({ optimizer: 'adam', loss: 'mse' });
  const history = await model.fit(tensor(w.x), tensor(w.y), { epochs: 2, verbose: 0 });
  assert.ok(Number.isFinite(history.history.loss[1]));
  for (const b of windowBatches(rows, { lookback: 4, horizon: 2, targets: [0], batchSize: 10 })) {
    assert.deepEqual(model.predict(b.x).shape, [b.x.shape[0], 2]);
  }
});
