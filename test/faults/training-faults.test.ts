// Training faults: a learning rate that blows the weights up, float64 inputs that overflow float32,
// and every numeric option of fit/evaluate/predict out of range. The model never keeps NaN weights,
// never trains on Infinity, and never loops forever on a zero batch size.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, DataError } from '../../src/errors.js';
import { dense } from '../../src/layers/dense.js';
import { lstm } from '../../src/layers/lstm.js';
import { sequential } from '../../src/model/sequential.js';
import { terminateOnNaN } from '../../src/model/training-callbacks.js';
import { sgd } from '../../src/optim/optimizer.js';
import { setRandomSeed } from '../../src/rng.js';
import { Tensor } from '../../src/tensor.js';

function setup(lr = 0.01) {
  setRandomSeed(3);
  const model = sequential([lstm({ units: 4, inputShape: [5, 2] }), dense({ units: 1 })]);
  model.compile({ optimizer: sgd({ learningRate: lr }), loss: 'mse' });
  const x = new Tensor(
    Float32Array.from({ length: 160 }, (_, i) => 3 * Math.sin(i * 0.37)),
    [16, 5, 2],
  );
  const y = new Tensor(
    Float32Array.from({ length: 16 }, (_, i) => 10 * Math.cos(i)),
    [16, 1],
  );
  return { model, x, y };
}
const finite = (a: ArrayLike<number>) => Array.prototype.every.call(a, Number.isFinite);

for (const lr of [50, 1e3, 1e6]) {
  test(`terminateOnNaN with SGD at learning rate ${lr} keeps the last finite weights; predict stays finite`, async () => {
    const { model, x, y } = setup(lr);
    const cb = terminateOnNaN();
    let lastFinite: number[] = [];
    await model.fit(x, y, {
      epochs: 30,
      batchSize: 4,
      shuffle: false,
      callbacks: [
        { onBatchBegin: () => void (lastFinite = model.getWeights().flatMap((t) => Array.from(t.data))) },
        cb,
      ],
    });
    assert.notEqual(cb.stoppedAtBatch, null, 'the weights blew up and training stopped');
    const weights = model.getWeights().flatMap((t) => Array.from(t.data));
    assert.ok(finite(weights), 'finite weights');
    assert.deepEqual(weights, lastFinite, 'the weights from before the failing batch');
    assert.ok(finite(model.predict(x).data), 'finite predictions');
  });
}

test('float64 inputs that overflow float32 are refused, naming the value and where it is', async () => {
  const { model } = setup();
  const x = new Float64Array(160).fill(0.5);
  x[37] = 1e39;
  const y = new Float64Array(16);
  await assert.rejects(model.fit(new Tensor(x, [16, 5, 2]), new Tensor(y, [16, 1])), (e: unknown) => {
    assert.ok(e instanceof DataError);
    assert.match((e as Error).message, /x\[3\]\[3\]\[1\] is 1e\+39, beyond the float32 range/);
    return true;
  });
  y[2] = -4e38;
  await assert.rejects(
    model.fit(new Tensor(new Float64Array(160), [16, 5, 2]), new Tensor(y, [16, 1])),
    /y\[2\]\[0\] is -4e\+38/,
  );
  await assert.rejects(
    model.fit(new Tensor(new Float64Array(160), [16, 5, 2]), new Tensor(new Float64Array(16), [16, 1]), {
      sampleWeight: new Tensor(
        Float64Array.from({ length: 16 }, (_, i) => (i === 4 ? 1e300 : 1)),
        [16],
      ),
    }),
    /sampleWeight\[4\] is 1e\+300/,
  );
});

test('every numeric fit option out of range is a ConfigError naming it', async () => {
  const { model, x, y } = setup();
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ validationSplit: Number.NaN }, /validationSplit must be a number in \[0, 1\).*got NaN/],
    [{ validationSplit: 1 }, /validationSplit/],
    [{ validationSplit: -0.2 }, /validationSplit/],
    [{ initialEpoch: -3 }, /initialEpoch must be a non-negative integer, got -3/],
    [{ initialEpoch: 1.5 }, /initialEpoch/],
    [{ epochs: Number.NaN }, /epochs must be a non-negative integer, got NaN/],
    [{ epochs: Number.POSITIVE_INFINITY }, /epochs/],
    [{ batchSize: 0 }, /batchSize must be a positive integer, got 0/],
    [{ verbose: 3 }, /verbose must be 0, 1 or 2/],
    [{ shuffle: 'yes' }, /shuffle must be true or false/],
    [{ classWeight: { 0: Number.NaN } }, /classWeight\[0\] must be a finite number/],
    [{ validationData: [x] }, /validationData must be \[x, y\]/],
  ];
  for (const [options, pattern] of bad) {
    await assert.rejects(
      model.fit(x, y, options),
      (e: unknown) => e instanceof ConfigError && pattern.test((e as Error).message),
      JSON.stringify(options),
    );
  }
  assert.throws(() => model.predict(x, { batchSize: 0 }), /batchSize must be a positive integer/);
  assert.throws(() => model.evaluate(x, y, { batchSize: Number.NaN }), /batchSize must be a positive integer/);
  // validationSplit 0 means none, as in Keras.
  const h = await model.fit(x, y, { epochs: 1, validationSplit: 0 });
  assert.deepEqual(Object.keys(h.history), ['loss']);
});
