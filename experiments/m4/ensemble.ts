// Scores the median of saved member forecasts of several runs (out/m4/<tag>-<set>-<kind>.json,
// written by run-global.ts) without retraining:
//   npx tsx experiments/m4/ensemble.ts --set Hourly --kind val --tags d0,d0-s2,d0-s3
import { parseArgs } from 'node:util';
import { medianOf } from '../../src/forecast/global/global.js';
import { phaseData, savedMembers, SETS, type SetName, scoreSet } from './m4-data.js';

const { values: a } = parseArgs({
  options: {
    set: { type: 'string', default: 'Hourly' },
    kind: { type: 'string', default: 'val' },
    tags: { type: 'string' },
  },
});
const set = a.set as SetName;
const { season } = SETS[set];
const { histories, actual } = await phaseData(set, a.kind as 'val' | 'test');
const members = savedMembers(set, a.kind!, a.tags!);
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
