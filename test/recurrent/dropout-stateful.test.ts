// Dropout (input and recurrent, one mask per sequence; the dropout layer; nothing at inference) and
// stateful layers (state carried across batches, resetStates, fixed batch size), with float64 checks.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dropout } from '../../src/layers/dropout.js';
import { gru } from '../../src/layers/gru.js';
import type { Layer } from '../../src/layers/layer.js';
import { lstm } from '../../src/layers/lstm.js';
import type { RecurrentRuntime } from '../../src/layers/recurrent.js';
import { simpleRnn } from '../../src/layers/simple-rnn.js';
import { Tensor } from '../../src/tensor.js';
import { assertClose } from '../helpers/close.js';
import { dot, numericGradient, Rng, randomArray, withFloat64 } from '../helpers/gradcheck.js';
import { gradcheckLayer } from './layer-gradcheck.js';

type WithRuntime = Layer & { runtime: RecurrentRuntime; resetStates(s?: Float64Array[]): void };
const makers = {
  lstm: (o: object) => lstm({ units: 3, ...o }) as WithRuntime,
  gru: (o: object) => gru({ units: 3, ...o }) as WithRuntime,
  gruResetBefore: (o: object) => gru({ units: 3, resetAfter: false, ...o }) as WithRuntime,
  simpleRnn: (o: object) => simpleRnn({ units: 3, ...o }) as WithRuntime,
};
const fixedMask = (n: number, rate: number, seed: number) => {
  const r = new Rng(seed);
  return Float64Array.from({ length: n }, () => (r.next() < rate ? 0 : 1 / (1 - rate)));
};

for (const [kind, make] of Object.entries(makers)) {
  test(`${kind} with dropout + recurrentDropout and fixed masks matches finite differences`, () => {
    const B = 2,
      D = 3;
    gradcheckLayer(() => make({ dropout: 0.4, recurrentDropout: 0.3, returnSequences: true }), {
      B,
      T: 4,
      D,
      units: 3,
      prepare: (l) => {
        (l as WithRuntime).runtime.fixedMasks = {
          input: fixedMask(B * D, 0.4, 1),
          recurrent: fixedMask(B * 3, 0.3, 2),
        };
      },
    });
  });

  test(`${kind}: dropout draws one mask per sequence (a dropped feature is dropped at every step) and none at inference`, () => {
    withFloat64(() => {
      const layer = make({ dropout: 0.5, recurrentDropout: 0.5, returnSequences: true });
      const rng = new Rng(4);
      layer.build([[5, 4]], rng);
      const x = new Tensor(randomArray(3 * 5 * 4, rng), [3, 5, 4]);
      const [yInfer] = layer.call([x], { training: false, mask: null });
      assert.equal(layer.runtime.masks.input, null);
      const [yInfer2] = layer.call([x], { training: false, mask: null });
      assert.deepEqual(Array.from(yInfer.data), Array.from(yInfer2.data));
      const [yTrain] = layer.call([x], { training: true, mask: null });
      assert.notDeepEqual(Array.from(yTrain.data), Array.from(yInfer.data));
      const m = layer.runtime.masks.input!;
      assert.equal(m.length, 3 * 4);
      assert.ok(
        Array.from(m).some((v) => v === 0) && Array.from(m).some((v) => v === 2),
        'mask values are 0 or 1/(1-rate)',
      );
      const [dx] = layer.backward([new Tensor(new Float64Array(yTrain.size).fill(1), yTrain.shape)]);
      for (let b = 0; b < 3; b++)
        for (let d = 0; d < 4; d++)
          for (let t = 0; t < 5; t++)
            if (m[b * 4 + d] === 0) assert.ok(dx!.data[(b * 5 + t) * 4 + d] === 0, 'dropped feature has no gradient');
      assert.equal(layer.runtime.masks.recurrent!.length, 3 * 3);
    });
  });

  test(`${kind} stateful: two chunks equal one pass over the whole sequence; resetStates starts over`, () => {
    withFloat64(() => {
      const rng = new Rng(9);
      const full = make({ returnSequences: true });
      full.build([[6, 2]], rng);
      const st = make({ returnSequences: true, stateful: true });
      st.build([[6, 2]], rng);
      st.setWeights(full.getWeights());
      for (let i = 0; i < full.params().length; i++) st.params()[i].value.set(full.params()[i].value);
      const x = randomArray(2 * 6 * 2, rng);
      const part = (t0: number) =>
        new Tensor(
          Float64Array.from({ length: 2 * 3 * 2 }, (_, i) => x[Math.floor(i / 6) * 12 + t0 * 2 + (i % 6)]),
          [2, 3, 2],
        );
      const [yFull] = full.call([new Tensor(x, [2, 6, 2])], { training: false, mask: null });
      const [y1] = st.call([part(0)], { training: false, mask: null });
      const [y2] = st.call([part(3)], { training: false, mask: null });
      const joined = Array.from({ length: 2 * 6 * 3 }, (_, i) => {
        const b = Math.floor(i / 18),
          t = Math.floor((i % 18) / 3),
          j = i % 3;
        return (t < 3 ? y1 : y2).data[(b * 3 + (t % 3)) * 3 + j];
      });
      assertClose(joined, yFull.data, { rtol: 1e-12, atol: 1e-14 }, 'chunks vs whole');
      st.resetStates();
      const [again] = st.call([part(0)], { training: false, mask: null });
      assertClose(again.data, y1.data, { atol: 0 }, 'after resetStates');
      assert.throws(
        () => st.call([new Tensor(new Float64Array(3 * 3 * 2), [3, 3, 2])], { training: false, mask: null }),
        /exactly 2 samples.*row i of each batch continues/,
      );
    });
  });

  test(`${kind} stateful second chunk: gradients match finite differences with the carried state held fixed`, () => {
    withFloat64(() => {
      const rng = new Rng(11);
      const layer = make({ stateful: true, returnSequences: true });
      layer.build([[3, 2]], rng);
      for (const p of layer.params()) p.value.set(randomArray(p.value.length, rng, -0.6, 0.6));
      const x1 = new Tensor(randomArray(12, rng), [2, 3, 2]),
        x2 = new Tensor(randomArray(12, rng), [2, 3, 2]);
      layer.call([x1], { training: false, mask: null });
      const carried = layer.runtime.states!.map((s) => Float64Array.from(s));
      const dy = randomArray(2 * 3 * 3, rng);
      const loss = () => {
        layer.resetStates(carried);
        return dot(layer.call([x2], { training: true, mask: null })[0].data, dy);
      };
      for (const p of layer.params()) p.grad.fill(0);
      loss();
      const [dx] = layer.backward([new Tensor(dy, [2, 3, 3])]);
      for (const p of layer.params())
        assertClose(p.grad, numericGradient(loss, p.value), { rtol: 1e-6, atol: 1e-7 }, p.name);
      assertClose(dx!.data, numericGradient(loss, x2.data), { rtol: 1e-6, atol: 1e-7 }, 'dx');
    });
  });
}

test('dropout layer: scales kept values by 1/(1-rate) in training, identity at inference, backward uses the same mask', () => {
  withFloat64(() => {
    const layer = dropout({ rate: 0.25, seed: 3 });
    layer.build([[10]], new Rng(1));
    const x = new Tensor(randomArray(40, new Rng(2)), [4, 10]);
    assert.equal(layer.call([x], { training: false, mask: null })[0], x);
    const [y] = layer.call([x], { training: true, mask: null });
    let dropped = 0;
    for (let i = 0; i < 40; i++) {
      if (y.data[i] === 0) dropped++;
      else assertClose(y.data[i], x.data[i] / 0.75, { rtol: 1e-15 });
    }
    assert.ok(dropped > 2 && dropped < 20, `dropped ${dropped} of 40`);
    const dy = randomArray(40, new Rng(5));
    const [dx] = layer.backward([new Tensor(dy, [4, 10])]);
    for (let i = 0; i < 40; i++) assertClose(dx!.data[i], dy[i] * (y.data[i] === 0 ? 0 : 1 / 0.75), { rtol: 1e-15 });
    assert.throws(() => dropout({ rate: 1 }), /rate must be a number in \[0, 0.999\]/);
  });
});
