// A small version of Hochreiter & Schmidhuber's experiment 2a (experiments/long-lag.ts runs p = 100):
// with p = 20 an LSTM(32) learns to predict the last symbol (which needs the first one) and a
// SimpleRNN(32) with the same training budget does not. Seeded; seed 1 as recorded in the report.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { longLag, SOLVED } from '../../experiments/long-lag.js';

test('long lag (p = 20): LSTM solves experiment 2a, SimpleRNN of the same size does not (1500 epochs)', async () => {
  const l = await longLag('lstm', 20, 32, 1500, 1);
  assert.ok(l.solvedAtEpoch !== null && l.finalProbabilities.every((q) => q > SOLVED), `LSTM: ${JSON.stringify(l)}`);
  const r = await longLag('simpleRnn', 20, 32, 1500, 1);
  assert.equal(r.solvedAtEpoch, null, `SimpleRNN: ${JSON.stringify(r)}`);
  assert.ok(
    r.finalProbabilities.every((q) => q < 0.6),
    'SimpleRNN stays at chance between x and y',
  );
});
