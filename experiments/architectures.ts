// The seeds' architectures on their published protocols (published-results.md sections 5 and 6):
// prints published vs ours. Forecasting rows are means over 5 seeds (single runs are noisy); the toy
// problems follow the tutorials' protocols. Run: npx tsx experiments/architectures.ts [--quick]
// (--quick: 2 seeds, 3 attention repeats).

import { attentionExperiment } from '../examples/attention.js';
import { bidirectionalForecast } from '../examples/bidirectional.js';
import { cardinality } from '../examples/cardinality.js';
import { cnnLstm } from '../examples/cnn-lstm.js';
import { cumsumClassification } from '../examples/cumsum-bidirectional.js';
import { echo } from '../examples/echo.js';
import { encoderDecoderMultistep } from '../examples/encoder-decoder-multistep.js';
import { multipleInputSeries } from '../examples/multiple-input-series.js';
import { multistepVector } from '../examples/multistep-vector.js';
import { parallelSeries } from '../examples/parallel-series.js';
import { stacked } from '../examples/stacked.js';
import { univariate } from '../examples/univariate.js';

const quick = process.argv.includes('--quick');
const seeds = quick ? [1, 2] : [1, 2, 3, 4, 5];
const repeats = quick ? 3 : 10;
const rows: [string, string, string, string][] = [];
const fmt = (v: number | number[]) => (Array.isArray(v) ? `[${v.map((x) => x.toFixed(2)).join(', ')}]` : v.toFixed(2));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const meanVec = (xs: number[][]) => xs[0].map((_, i) => mean(xs.map((x) => x[i])));

function row(name: string, published: string, ours: string, target: string): void {
  rows.push([name, published, ours, target]);
  console.log(`${name.padEnd(34)} published ${published.padEnd(26)} ours ${ours.padEnd(40)} target ${target}`);
}

async function scalar(
  name: string,
  f: (s: number) => Promise<number>,
  published: string,
  truth: number,
  tol: number,
): Promise<void> {
  const runs: number[] = [];
  for (const s of seeds) runs.push(await f(s));
  const m = mean(runs);
  row(
    name,
    published,
    `${fmt(m)} (runs ${runs.map((r) => r.toFixed(1)).join(' ')})`,
    `${truth} ± ${tol.toFixed(1)}: ${Math.abs(m - truth) <= tol ? 'met' : 'MISSED'}`,
  );
}

async function vector(
  name: string,
  f: (s: number) => Promise<number[]>,
  published: string,
  truth: number[],
  rel: number,
): Promise<void> {
  const runs: number[][] = [];
  for (const s of seeds) runs.push(await f(s));
  const m = meanVec(runs);
  const ok = m.every((v, i) => Math.abs(v - truth[i]) <= rel * truth[i]);
  row(
    name,
    published,
    `${fmt(m)} (mean of ${runs.length})`,
    `${fmt(truth)} within ${100 * rel}%: ${ok ? 'met' : 'MISSED'}`,
  );
}

await scalar('vanilla LSTM', univariate, '102.09', 100, 3);
await scalar('stacked LSTM', stacked, '102.47', 100, 3);
await scalar('bidirectional LSTM', bidirectionalForecast, '101.48', 100, 3);
await scalar('CNN-LSTM', cnnLstm, '101.69', 100, 3);
await scalar('multiple input series', multipleInputSeries, '208.14', 205, 0.03 * 205);
await vector('parallel series', parallelSeries, '[101.77, 108.73, 206.64]', [100, 105, 205], 0.03);
await vector('multi-step vector output', multistepVector, '[100.98, 113.29]', [100, 110], 0.03);
await vector('encoder-decoder multi-step', encoderDecoderMultistep, '[101.97, 116.21]', [100, 110], 0.03);
await vector(
  'multi-step vector, differenced',
  (s) => multistepVector(s, { difference: true }),
  '[100.98, 113.29]',
  [100, 110],
  0.03,
);
await vector(
  'encoder-decoder, differenced',
  (s) => encoderDecoderMultistep(s, { difference: true }),
  '[101.97, 116.21]',
  [100, 110],
  0.03,
);

const echoRuns: number[] = [];
for (const s of seeds.slice(0, 3)) echoRuns.push(await echo(s, 500));
row(
  'echo seq2seq (21 new windows)',
  '100%',
  `${echoRuns.map((r) => `${(100 * r).toFixed(0)}%`).join(' ')}`,
  `100%: ${echoRuns.every((r) => r === 1) ? 'met' : 'MISSED'}`,
);

const bi = await cumsumClassification(1),
  uni = await cumsumClassification(1, { bidirectional: false });
row(
  'cumsum BiLSTM (1000 sequences)',
  '10/10 steps',
  `${bi.firstSequenceCorrect}/10, ${(100 * bi.stepAccuracy).toFixed(1)}% steps`,
  `10/10: ${bi.firstSequenceCorrect === 10 ? 'met' : 'MISSED'}`,
);
row(
  'cumsum LSTM (1000 sequences)',
  '9/10 steps',
  `${uni.firstSequenceCorrect}/10, ${(100 * uni.stepAccuracy).toFixed(1)}% steps`,
  'reported',
);
const bi3 = await cumsumClassification(1, { sequences: 3000 });
row(
  'cumsum BiLSTM (3000 sequences)',
  '10/10 steps',
  `${bi3.firstSequenceCorrect}/10, ${(100 * bi3.stepAccuracy).toFixed(1)}% steps`,
  `10/10: ${bi3.firstSequenceCorrect === 10 ? 'met' : 'MISSED'}`,
);

const card = await cardinality(1);
row(
  'cardinality enc-dec (100k, LSTM 128)',
  '100%',
  `${(100 * card).toFixed(0)}%`,
  `>= 99%: ${card >= 0.99 ? 'met' : 'MISSED'}`,
);

const att: number[] = [],
  none: number[] = [];
for (let r = 1; r <= repeats; r++) {
  att.push(await attentionExperiment(r));
  none.push(await attentionExperiment(r, { attention: false }));
}
row(
  `attention (mean of ${repeats})`,
  '95.7%',
  `${(100 * mean(att)).toFixed(1)}% (${att.map((a) => (100 * a).toFixed(0)).join(' ')})`,
  `>= 95.7%: ${mean(att) >= 0.957 ? 'met' : 'MISSED'}`,
);
row(
  `no attention (mean of ${repeats})`,
  '23.1%',
  `${(100 * mean(none)).toFixed(1)}% (${none.map((a) => (100 * a).toFixed(0)).join(' ')})`,
  'reported',
);

console.log('\n| experiment | published | ours | target |\n|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
