// Scores the median of saved member forecasts of several runs (out/m4/<tag>-<set>-<kind>.json,
// written by run-global.ts) without retraining:
//   npx tsx experiments/m4/ensemble.ts --set Hourly --kind val --tags d0,d0-s2,d0-s3
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { medianOf } from '../../src/forecast/global/global.js';
import { readSet, SETS, type SetName, scoreSet } from './m4-data.js';

const { values: a } = parseArgs({
  options: {
    set: { type: 'string', default: 'Hourly' },
    kind: { type: 'string', default: 'val' },
    tags: { type: 'string' },
  },
});
const set = a.set as SetName;
const { horizon, season } = SETS[set];
const train = await readSet(set, 'train');
const histories = a.kind === 'val' ? train.map((s) => s.values.slice(0, -horizon)) : train.map((s) => s.values);
const actual =
  a.kind === 'val' ? train.map((s) => s.values.slice(-horizon)) : (await readSet(set, 'test')).map((s) => s.values);
const members: number[][][] = a
  .tags!.split(',')
  .flatMap((tag) => JSON.parse(readFileSync(`out/m4/${tag}-${set}-${a.kind}.json`, 'utf8')).members);
const f = histories.map((_, i) => medianOf(members.map((m) => m[i])));
const sc = scoreSet(histories, actual, f, season);
console.log(
  JSON.stringify({
    set,
    kind: a.kind,
    tags: a.tags,
    members: members.length,
    smape: +sc.smape.toFixed(3),
    mase: +sc.mase.toFixed(3),
    owa: +sc.owa.toFixed(4),
  }),
);
