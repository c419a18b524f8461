// The Keras LSTM golden values of ../shared/reference/golden.md (recomputed in float64 there):
// x = arange(72) as (B=3, T=6, D=4), H = 3, kernel entries 0.01, recurrent 0.02, bias 0.03,
// unit_forget_bias making the forget slice exactly 1.0; output = last h (all units equal).

import { test } from 'node:test';
import { lstm } from '../../src/layers/lstm.js';
import { Rng } from '../../src/rng.js';
import { tensor } from '../../src/tensor.js';
import { assertClose } from '../helpers/close.js';
import { withFloat64 } from '../helpers/gradcheck.js';

function goldenRun(options: { goBackwards?: boolean; unitForgetBias?: boolean }): number[] {
  return withFloat64(() => {
    const layer = lstm({
      units: 3,
      kernelInitializer: { name: 'constant', value: 0.01 },
      recurrentInitializer: { name: 'constant', value: 0.02 },
      biasInitializer: { name: 'constant', value: 0.03 },
      ...options,
    });
    layer.build([[6, 4]], new Rng(0));
    const x = tensor(
      Array.from({ length: 72 }, (_, i) => i),
      [3, 6, 4],
      'float64',
    );
    const [y] = layer.call([x], { training: false, mask: null });
    return [0, 1, 2].map((b) => {
      const row = Array.from(y.data.subarray(b * 3, b * 3 + 3));
      assertClose(row, [row[0], row[0], row[0]], { atol: 1e-12 }, 'units of one sample are equal');
      return row[0];
    });
  });
}

test('lstm matches the Keras golden values (forward)', () => {
  assertClose(goldenRun({}), [0.6288687, 0.8689914, 0.9460773], { atol: 5e-8 }, 'h');
});

test('lstm matches the Keras golden values (goBackwards)', () => {
  assertClose(goldenRun({ goBackwards: true }), [0.3562216, 0.7478953, 0.8872726], { atol: 5e-8 }, 'h');
});

test('lstm matches the Keras golden values (unitForgetBias false)', () => {
  assertClose(goldenRun({ unitForgetBias: false }), [0.570197, 0.8661915, 0.9459622], { atol: 5e-8 }, 'h');
});
