// Golden values from ../shared/reference/golden.md: Keras GRU (resetAfter), PyTorch LSTM and GRU through
// fromTorch(), and the round trip toTorch(fromTorch(w)) = w.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gru } from '../../src/layers/gru.js';
import { lstm } from '../../src/layers/lstm.js';
import { simpleRnn } from '../../src/layers/simple-rnn.js';
import { fromTorch, type RecurrentKind, toTorch } from '../../src/layers/weight-layout.js';
import { Tensor } from '../../src/tensor.js';
import { assertClose } from '../helpers/close.js';
import { Rng, randomArray, withFloat64 } from '../helpers/gradcheck.js';

const t = (a: ArrayLike<number>, shape: number[]) => new Tensor(Float64Array.from(a), shape);
const arange = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

test('Keras GRU (resetAfter true) golden: last h 0.5217289, 0.6371659, 0.39384964', () => {
  withFloat64(() => {
    const layer = gru({
      units: 3,
      kernelInitializer: { name: 'constant', value: 0.01 },
      recurrentInitializer: { name: 'constant', value: 0.02 },
      biasInitializer: { name: 'constant', value: 0.03 },
    });
    layer.build([[6, 4]], new Rng(1));
    assert.deepEqual(layer.params()[2].shape, [2, 9]);
    const [y] = layer.call(
      [
        t(
          arange(72, (i) => i),
          [3, 6, 4],
        ),
      ],
      { training: false, mask: null },
    );
    const expected = [0.5217289, 0.6371659, 0.39384964].flatMap((v) => [v, v, v]);
    assertClose(y.data, expected, { rtol: 2e-6 }, 'h');
  });
});

const V = [3, 1, 4, 1, 5, 9, 2];
const seqX = () =>
  t(
    V.flatMap((v) => [v, v / 2]),
    [1, 7, 2],
  );
const biasIh = (n: number) => arange(n, (i) => [-1, 1, -0.5, 2][i % 4]);

test('PyTorch nn.LSTM golden through fromTorch: final h and c', () => {
  withFloat64(() => {
    const bi = biasIh(12);
    const w = fromTorch('lstm', {
      weightIh: t(arange(24, Math.cos), [12, 2]),
      weightHh: t(arange(36, Math.sin), [12, 3]),
      biasIh: t(bi, [12]),
      biasHh: t(bi.map(Math.cos), [12]),
    });
    const layer = lstm({ units: 3, returnState: true });
    layer.build([[7, 2]], new Rng(1));
    layer.setWeights(w);
    const [, h, c] = layer.call([seqX()], { training: false, mask: null });
    assertClose(h.data, [0.9919, 0.1738, -0.1451], { atol: 6e-5 }, 'h');
    assertClose(c.data, [5.725, 0.4458, -0.2908], { atol: 6e-4 }, 'c');
  });
});

test('PyTorch nn.GRU golden through fromTorch: final h', () => {
  withFloat64(() => {
    const bi = biasIh(9);
    const w = fromTorch('gru', {
      weightIh: t(arange(18, Math.cos), [9, 2]),
      weightHh: t(arange(27, Math.sin), [9, 3]),
      biasIh: t(bi, [9]),
      biasHh: t(bi.map(Math.cos), [9]),
    });
    const layer = gru({ units: 3 });
    layer.build([[7, 2]], new Rng(1));
    layer.setWeights(w);
    const [h] = layer.call([seqX()], { training: false, mask: null });
    assertClose(h.data, [0.0579, 0.8836, -0.9991], { atol: 6e-5 }, 'h');
  });
});

for (const kind of ['lstm', 'gru', 'simpleRnn'] as RecurrentKind[]) {
  test(`toTorch inverts fromTorch (${kind}); summed biases come back whole in biasIh`, () => {
    const rng = new Rng(3);
    const G = { lstm: 4, gru: 3, simpleRnn: 1 }[kind],
      H = 3,
      D = 2;
    const src = {
      weightIh: t(randomArray(G * H * D, rng), [G * H, D]),
      weightHh: t(randomArray(G * H * H, rng), [G * H, H]),
      biasIh: t(randomArray(G * H, rng), [G * H]),
      biasHh: t(randomArray(G * H, rng), [G * H]),
    };
    const keras = fromTorch(kind, src);
    const back = toTorch(kind, keras);
    assertClose(back.weightIh.data, src.weightIh.data, { atol: 0 }, 'weightIh');
    assertClose(back.weightHh.data, src.weightHh.data, { atol: 0 }, 'weightHh');
    if (kind === 'gru') {
      assertClose(back.biasIh!.data, src.biasIh.data, { atol: 0 }, 'biasIh');
      assertClose(back.biasHh!.data, src.biasHh.data, { atol: 0 }, 'biasHh');
    } else {
      const sum = src.biasIh.data.map((v, i) => v + src.biasHh.data[i]);
      assertClose(back.biasIh!.data, sum, { atol: 1e-15 }, 'biasIh');
    }
    assert.deepEqual(
      fromTorch(kind, back).map((w) => w.shape),
      keras.map((w) => w.shape),
    );
  });
}

test('toTorch rejects a resetAfter false GRU bias and names the fix', () => {
  const layer = gru({ units: 2, resetAfter: false });
  layer.build([[3, 2]], new Rng(1));
  assert.throws(() => toTorch('gru', layer.getWeights()), /resetAfter: true/);
});

test('simpleRnn Keras layout round-trips through PyTorch layout on a forward pass', () => {
  withFloat64(() => {
    const a = simpleRnn({ units: 3 }),
      b = simpleRnn({ units: 3 });
    a.build([[4, 2]], new Rng(5));
    b.build([[4, 2]], new Rng(6));
    b.setWeights(fromTorch('simpleRnn', toTorch('simpleRnn', a.getWeights())));
    const x = t(randomArray(16, new Rng(2)), [2, 4, 2]);
    assertClose(
      b.call([x], { training: false, mask: null })[0].data,
      a.call([x], { training: false, mask: null })[0].data,
      { rtol: 1e-6 },
      'y',
    );
  });
});
