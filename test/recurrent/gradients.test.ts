// Float64 finite-difference checks of GRU (both variants), SimpleRNN and LSTM backward over the options.

import { test } from 'node:test';
import { gru } from '../../src/layers/gru.js';
import { lstm } from '../../src/layers/lstm.js';
import { simpleRnn } from '../../src/layers/simple-rnn.js';
import { gradcheckLayer } from './layer-gradcheck.js';

const MASK = [1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 0, 0]; // (B=2, T=6), zeros inside and at the end

for (const resetAfter of [true, false]) {
  const name = `gru(resetAfter ${resetAfter})`;
  test(`${name} backward matches finite differences (B=2,T=5,D=3,H=4), last output`, () => {
    gradcheckLayer(() => gru({ units: 4, resetAfter }), { B: 2, T: 5, D: 3, units: 4 });
  });
  test(`${name} backward: returnSequences + returnState + initial state`, () => {
    gradcheckLayer(() => gru({ units: 3, resetAfter, returnSequences: true, returnState: true }), {
      B: 3,
      T: 4,
      D: 2,
      units: 3,
      states: 1,
    });
  });
  test(`${name} backward: goBackwards + mask + hardSigmoid, no bias`, () => {
    gradcheckLayer(
      () => gru({ units: 3, resetAfter, goBackwards: true, useBias: false, recurrentActivation: 'hardSigmoid' }),
      { B: 2, T: 6, D: 2, units: 3, mask: MASK },
    );
  });
  test(`${name} backward: returnSequences + mask + initial state + softsign activation`, () => {
    gradcheckLayer(() => gru({ units: 2, resetAfter, returnSequences: true, activation: 'softsign' }), {
      B: 2,
      T: 6,
      D: 3,
      units: 2,
      mask: MASK,
      states: 1,
    });
  });
}

test('simpleRnn backward matches finite differences (B=2,T=5,D=3,H=4), last output', () => {
  gradcheckLayer(() => simpleRnn({ units: 4 }), { B: 2, T: 5, D: 3, units: 4 });
});
test('simpleRnn backward: returnSequences + returnState + initial state', () => {
  gradcheckLayer(() => simpleRnn({ units: 3, returnSequences: true, returnState: true }), {
    B: 3,
    T: 4,
    D: 2,
    units: 3,
    states: 1,
  });
});
test('simpleRnn backward: goBackwards + mask, no bias, sigmoid activation', () => {
  gradcheckLayer(() => simpleRnn({ units: 3, goBackwards: true, useBias: false, activation: 'sigmoid' }), {
    B: 2,
    T: 6,
    D: 2,
    units: 3,
    mask: MASK,
  });
});
test('simpleRnn backward: returnSequences + mask + initial state', () => {
  gradcheckLayer(() => simpleRnn({ units: 2, returnSequences: true }), {
    B: 2,
    T: 6,
    D: 3,
    units: 2,
    mask: MASK,
    states: 1,
  });
});
test('lstm backward with returnState + initial states + mask (after the dropout/stateful changes)', () => {
  gradcheckLayer(() => lstm({ units: 3, returnSequences: true, returnState: true }), {
    B: 2,
    T: 6,
    D: 2,
    units: 3,
    mask: MASK,
    states: 2,
  });
});
