// plotModel: the Keras plot_model diagram as SVG for Sequential and functional models.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  concatenate,
  dense,
  input,
  lstm,
  model,
  plotModel,
  sequential,
  setRandomSeed,
  StateError,
} from '../../src/index.js';

const boxes = (svg: string) =>
  [
    ...svg.matchAll(
      /<g class="lk-node lk-node-(\w+)"><rect class="lk-node" x="([\d.]+)" y="([\d.]+)"[^>]*\/><text[^>]*>([^<]*)<\/text>((?:<text[^>]*>[^<]*<\/text>)*)/g,
    ),
  ].map((m) => ({
    kind: m[1],
    x: Number(m[2]),
    y: Number(m[3]),
    title: m[4],
    lines: [...m[5].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((l) => l[1]),
  }));

test('plotModel draws a Sequential model as input -> layers with shapes, names and parameters', () => {
  setRandomSeed(1);
  const m = sequential([lstm({ units: 16, inputShape: [12, 1] }), dense({ units: 1 })], { name: 'airline' });
  const svg = plotModel(m, { showShapes: true, showLayerNames: true, showParams: true });
  const b = boxes(svg);
  assert.deepEqual(
    b.map((x) => x.kind),
    ['input', 'recurrent', 'dense'],
  );
  assert.match(b[1].title, /^lstm\w* \(LSTM\)$/);
  assert.deepEqual(b[1].lines, ['(None, 12, 1) → (None, 16)', '1,152 params']);
  assert.deepEqual(b[2].lines, ['(None, 16) → (None, 1)', '17 params']);
  assert.equal((svg.match(/class="arrow"/g) ?? []).length, 2);
  assert.ok(b[0].y < b[1].y && b[1].y < b[2].y);
  assert.ok(svg.includes('data-lstmkit="plot-model"'));
  const plain = boxes(plotModel(m));
  assert.deepEqual(
    plain.map((x) => [x.title, x.lines.length]),
    [
      ['InputLayer', 0],
      ['LSTM', 0],
      ['Dense', 0],
    ],
  );
});

test('plotModel follows a functional graph: two inputs side by side, merged by a concatenate', () => {
  setRandomSeed(1);
  const a = input({ shape: [10, 2], name: 'a' }),
    b = input({ shape: [10, 3], name: 'b' });
  const merged = concatenate().apply([lstm({ units: 8 }).apply(a), lstm({ units: 4 }).apply(b)]);
  const m = model({ inputs: [a, b], outputs: dense({ units: 1 }).apply(merged) });
  const bx = boxes(plotModel(m, { showShapes: true }));
  assert.deepEqual(
    bx.map((x) => x.title),
    ['InputLayer', 'InputLayer', 'LSTM', 'LSTM', 'Concatenate', 'Dense'],
  );
  assert.equal(bx[0].y, bx[1].y, 'both inputs on the first row');
  assert.equal(bx[2].y, bx[3].y, 'both LSTMs on the second row');
  assert.ok(bx[4].y > bx[2].y && bx[5].y > bx[4].y);
  assert.deepEqual(bx[4].lines, ['[(None, 8), (None, 4)] → (None, 12)']);
});

test('plotModel refuses a model that is not built yet', () => {
  assert.throws(
    () => plotModel(sequential([lstm({ units: 2 })])),
    (e: unknown) => e instanceof StateError && /not built yet/.test(e.message),
  );
});
