// PyTorch weights via safetensors: the nn.LSTM / nn.GRU fixtures of ../shared/reference/golden.md
// (weights written here from their formulas into safetensors bytes), plus nn.Linear and '_reverse'.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bidirectional } from '../../src/layers/bidirectional.js';
import { conv1d } from '../../src/layers/conv1d.js';
import { embedding } from '../../src/layers/embedding.js';
import { gru } from '../../src/layers/gru.js';
import {
  dense,
  FormatError,
  loadTorchWeights,
  lstm,
  readSafetensors,
  Rng,
  sequential,
  setRandomSeed,
  setTorchWeights,
  torchStateDict,
  type Tensor,
  tensor,
  writeSafetensors,
} from '../../src/index.js';
import { assertClose } from '../helpers/close.js';

const range = (n: number, f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
const V = [3, 1, 4, 1, 5, 9, 2];
const x = tensor(
  V.flatMap((v) => [v, v / 2]),
  [1, 7, 2],
);

function torchLstmState(): Record<string, Tensor> {
  const bIh = range(12, (i) => [-1, 1, -0.5, 2][i % 4]);
  return {
    'lstm.weight_ih_l0': tensor(range(24, Math.cos), [12, 2], 'float64'),
    'lstm.weight_hh_l0': tensor(range(36, Math.sin), [12, 3], 'float64'),
    'lstm.bias_ih_l0': tensor(bIh, [12], 'float64'),
    'lstm.bias_hh_l0': tensor(bIh.map(Math.cos), [12], 'float64'),
  };
}

test('nn.LSTM golden: final h and c from safetensors (F64) match PyTorch', () => {
  const state = readSafetensors(writeSafetensors(torchLstmState(), { format: 'pt' }));
  const layer = lstm({ units: 3, returnState: true });
  layer.build([[7, 2]], new Rng(0));
  setTorchWeights(layer, state, 'lstm');
  const [, h, c] = layer.call([x], { training: false, mask: null });
  assertClose(h.data, [0.9919, 0.1738, -0.1451], { atol: 1e-4 }, 'h');
  assertClose(c.data, [5.725, 0.4458, -0.2908], { atol: 1e-3 }, 'c');
});

test('nn.GRU golden: final h matches PyTorch (gates r,z,n -> z,r,h, resetAfter)', () => {
  const bIh = range(9, (i) => [-1, 1, -0.5, 2][i % 4]);
  const f32 = (d: Float64Array, s: number[]) => tensor(Float32Array.from(d), s);
  const state = readSafetensors(
    writeSafetensors({
      'rnn.weight_ih_l0': f32(range(18, Math.cos), [9, 2]),
      'rnn.weight_hh_l0': f32(range(27, Math.sin), [9, 3]),
      'rnn.bias_ih_l0': f32(bIh, [9]),
      'rnn.bias_hh_l0': f32(bIh.map(Math.cos), [9]),
    }),
  );
  assert.ok(state.get('rnn.weight_ih_l0')!.data instanceof Float32Array, 'F32 stays float32');
  const m = sequential([gru({ units: 3, inputShape: [7, 2] })]);
  const { unused } = loadTorchWeights(m, state, { [m.layers[0].name]: 'rnn' });
  assert.deepEqual(unused, []);
  assertClose(m.predict(x).data, [0.0579, 0.8836, -0.9991], { atol: 1e-4 }, 'h');
});

test('nn.Linear after nn.LSTM: weight (out,in) is transposed onto Dense', () => {
  const W = [0.5, -1, 2, 0.25, 0.75, -0.5];
  const state = { ...torchLstmState(), 'fc.weight': tensor(W, [2, 3]), 'fc.bias': tensor([0.1, -0.2]) };
  const m = sequential([lstm({ units: 3, inputShape: [7, 2], name: 'enc' }), dense({ units: 2, name: 'head' })]);
  loadTorchWeights(m, state, { enc: 'lstm', head: 'fc' });
  const h = [0.99187, 0.17379, -0.14506];
  const expected = [0, 1].map((o) => W[o * 3] * h[0] + W[o * 3 + 1] * h[1] + W[o * 3 + 2] * h[2] + [0.1, -0.2][o]);
  assertClose(m.predict(x).data, expected, { atol: 2e-4 }, 'linear');
});

test("bidirectional nn.LSTM: '_reverse' weights go to the backward layer", () => {
  const s = torchLstmState();
  const state: Record<string, Tensor> = { ...s };
  for (const [k, v] of Object.entries(s))
    state[`${k}_reverse`] = tensor(
      Float64Array.from(v.data, (a) => a * 0.5),
      v.shape,
      'float64',
    );
  const bi = bidirectional(lstm({ units: 3 }));
  const m = sequential([bi]);
  m.build([[7, 2]]);
  setTorchWeights(bi, state, { prefix: 'lstm', index: 0 });
  const back = sequential([lstm({ units: 3, inputShape: [7, 2], goBackwards: true })]);
  loadTorchWeights(
    back,
    Object.fromEntries(
      Object.entries(state)
        .filter(([k]) => k.endsWith('_reverse'))
        .map(([k, v]) => [k.replace('_reverse', ''), v]),
    ),
    { [back.layers[0].name]: 'lstm' },
  );
  const y = m.predict(x).data;
  assertClose(y.subarray(0, 3), [0.9919, 0.1738, -0.1451], { atol: 1e-4 }, 'forward half');
  assertClose(y.subarray(3), back.predict(x).data, { atol: 1e-6 }, 'backward half');
});

test('readSafetensors rejects malformed files with FormatError; missing keys are named', () => {
  const good = writeSafetensors({ a: tensor([1, 2, 3]) });
  assert.deepEqual(Array.from(readSafetensors(good).get('a')!.data), [1, 2, 3]);
  assert.throws(() => readSafetensors(good.subarray(0, 5)), FormatError);
  assert.throws(
    () => readSafetensors(good.subarray(0, good.length - 4)),
    /data_offsets\[1\] must be an integer in \[0, 8\], got 12/,
  );
  const big = good.slice();
  new DataView(big.buffer).setBigUint64(0, 1n << 40n, true);
  assert.throws(() => readSafetensors(big), /header length/);
  const text = new TextDecoder().decode(good.subarray(8, good.length - 12)).replace('F32', 'I64');
  const bad = new Uint8Array([
    ...good.subarray(0, 8),
    ...new TextEncoder().encode(text),
    ...good.subarray(good.length - 12),
  ]);
  assert.throws(() => readSafetensors(bad), /dtype "I64"/);
  const layer = lstm({ units: 3 });
  layer.build([[7, 2]], new Rng(0));
  assert.throws(
    () => setTorchWeights(layer, { 'lstm.weight_ih_l0': tensor([1]) }, 'lstm'),
    /no 'lstm.bias_ih_l0' in the state_dict; it has lstm.weight_ih_l0/,
  );
  const sig = lstm({ units: 3, recurrentActivation: 'hardSigmoid' });
  sig.build([[7, 2]], new Rng(0));
  assert.throws(() => setTorchWeights(sig, torchLstmState(), 'lstm'), /PyTorch's LSTM is tanh \/ sigmoid/);
});

test('nn.Conv1d (out,in,k) and nn.Embedding weights map onto Conv1D and Embedding', () => {
  const O = 2,
    I = 3,
    K = 2,
    T = 5;
  const w = Float32Array.from({ length: O * I * K }, (_, i) => Math.sin(i + 1));
  const b = Float32Array.of(0.1, -0.3);
  const conv = conv1d({ filters: O, kernelSize: K, inputShape: [T, I] });
  const m = sequential([conv]);
  setTorchWeights(conv, { 'conv.weight': tensor(w, [O, I, K]), 'conv.bias': tensor(b, [O]) }, 'conv');
  const x = Float32Array.from({ length: T * I }, (_, i) => Math.cos(i));
  const expected: number[] = [];
  for (let t = 0; t + K <= T; t++)
    for (let o = 0; o < O; o++) {
      let s = b[o];
      for (let i = 0; i < I; i++) for (let j = 0; j < K; j++) s += w[(o * I + i) * K + j] * x[(t + j) * I + i];
      expected.push(s);
    }
  assertClose(m.predict(tensor(x, [1, T, I])).data, expected, { atol: 1e-5 }, 'conv1d');
  const emb = embedding({ inputDim: 4, outputDim: 2 });
  emb.build([[3]], new Rng(0));
  setTorchWeights(
    emb,
    {
      'emb.weight': tensor([
        [1, 2],
        [3, 4],
        [5, 6],
        [7, 8],
      ]),
    },
    'emb',
  );
  assert.deepEqual(Array.from(emb.getWeights()[0].data), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.throws(() => setTorchWeights(emb, { 'emb.weight': tensor([[1, 2]]) }, 'emb'), FormatError);
});

test('torchStateDict -> safetensors -> loadTorchWeights round-trips every mapped layer', () => {
  setRandomSeed(8);
  const build = () =>
    sequential([
      conv1d({ filters: 3, kernelSize: 2, inputShape: [7, 2], name: 'c' }),
      bidirectional(lstm({ units: 3, returnSequences: true }), { name: 'bi' }),
      gru({ units: 2, name: 'g' }),
      dense({ units: 2, name: 'fc' }),
    ]);
  const a = build();
  const r = new Rng(3);
  for (const p of a.params()) for (let i = 0; i < p.value.length; i++) p.value[i] = r.uniform(-0.5, 0.5);
  const mapping = { c: 'conv', bi: 'rnn', g: { prefix: 'rnn2', index: 0 }, fc: 'head' };
  const bytes = writeSafetensors(torchStateDict(a, mapping));
  const state = readSafetensors(bytes);
  assert.ok(
    state.has('rnn.weight_ih_l0_reverse') &&
      state.has('head.weight') &&
      state.get('head.weight')!.shape.join() === '2,2',
  );
  const b = build();
  assert.deepEqual(loadTorchWeights(b, state, mapping).unused, []);
  const xin = tensor(
    Float32Array.from({ length: 14 }, (_, i) => Math.sin(i)),
    [1, 7, 2],
  );
  assertClose(b.predict(xin).data, a.predict(xin).data, { atol: 1e-6 }, 'round trip');
  const noReset = sequential([gru({ units: 2, resetAfter: false, inputShape: [3, 1], name: 'g0' })]);
  assert.throws(() => torchStateDict(noReset, { g0: 'gru' }), /resetAfter/);
});
