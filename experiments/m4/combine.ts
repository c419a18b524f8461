// Scores weighted combinations of a saved global-LSTM ensemble (the median of its members) with
// saved statistical forecasts (stats-forecasts.ts), without retraining:
//   npx tsx experiments/m4/combine.ts --set Weekly --kind val --tags w-L52 --stats Theta,Com
// Prints OWA for the LSTM weight 1, 0.9, ..., 0.5 against the mean of the named statistical models.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { medianOf } from '../../src/forecast/global/global.js';
import { phaseData, savedMembers, SETS, type SetName, scoreSet } from './m4-data.js';

const { values: a } = parseArgs({
  options: {
    set: { type: 'string', default: 'Weekly' },
    kind: { type: 'string', default: 'val' },
    tags: { type: 'string' },
    stats: { type: 'string', default: 'Theta' },
  },
});
const set = a.set as SetName;
const { season } = SETS[set];
const { histories, actual } = await phaseData(set, a.kind as 'val' | 'test');
const members = savedMembers(set, a.kind!, a.tags!);
const lstm = histories.map((_, i) => medianOf(members.map((m) => m[i])));
const saved: Record<string, number[][]> = JSON.parse(readFileSync(`out/m4/stats-${set}-${a.kind}.json`, 'utf8'));
const names = a.stats!.split(',');
const stat = histories.map((_, i) =>
  lstm[i].map((_, h) => names.reduce((s, n) => s + saved[n][i][h], 0) / names.length),
);
for (const w of [1, 0.9, 0.8, 0.7, 0.6, 0.5]) {
  const f = lstm.map((row, i) => row.map((v, h) => w * v + (1 - w) * stat[i][h]));
  const sc = scoreSet(histories, actual, f, season);
  console.log(
    JSON.stringify({
      set,
      kind: a.kind,
      tags: a.tags,
      stats: a.stats,
      lstmWeight: w,
      smape: +sc.smape.toFixed(3),
      mase: +sc.mase.toFixed(3),
      owa: +sc.owa.toFixed(4),
    }),
  );
}
