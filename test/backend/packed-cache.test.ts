// Packed recurrent kernels are cached between calls while the weights are unchanged: setWeights and
// optimizer steps invalidate them, and so does weightsChanged() after writing into params() directly.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Backend, setBackend } from '../../src/backend/backend.js';
import { wasmBackend } from '../../src/backend/wasm/index.js';
import { lstm, sequential, setRandomSeed, Tensor, weightsChanged } from '../../src/index.js';

test('predict after setWeights, a training step or weightsChanged() uses the new recurrent kernel', async () => {
  const prev = setBackend(wasmBackend() as Backend);
  try {
    setRandomSeed(2);
    const model = sequential([lstm({ units: 5, inputShape: [4, 3] })]);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const x = new Tensor(
      Float32Array.from({ length: 2 * 4 * 3 }, (_, i) => Math.sin(i)),
      [2, 4, 3],
    );
    const first = Array.from(model.predict(x).data);
    const U = model.layers[0].params()[1].value;
    const saved = Float32Array.from(U);
    U.fill(0.3); // written directly: the cache cannot see it
    assert.deepEqual(Array.from(model.predict(x).data), first, 'cached until told');
    weightsChanged();
    const changed = Array.from(model.predict(x).data);
    assert.notDeepEqual(changed, first);
    const w = model.getWeights();
    w[1] = new Tensor(saved, w[1].shape);
    model.setWeights(w);
    assert.deepEqual(Array.from(model.predict(x).data), first, 'setWeights restores');
    await model.fit(x, new Tensor(new Float32Array(2 * 5), [2, 5]), { epochs: 1, batchSize: 2 });
    assert.notDeepEqual(Array.from(model.predict(x).data), first, 'a training step changed the weights');
  } finally {
    setBackend(prev);
  }
});
