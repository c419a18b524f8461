// Forecasts of the statistical models (M4 benchmarks and automatic ETS) for the validation split
// (training series without their last H values) or the test origin, saved for combinations:
//   npx tsx experiments/m4/stats-forecasts.ts --set Weekly --kind val
// Writes out/m4/stats-<set>-<kind>.json: { <model name>: number[][] } and prints each model's scores.
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { autoEts } from '../../src/forecast/stats/auto-ets.js';
import { m4Benchmarks } from '../../src/forecast/stats/benchmarks.js';
import { phaseData, SETS, type SetName, scoreSet } from './m4-data.js';

const { values: a } = parseArgs({
  options: { set: { type: 'string', default: 'Weekly' }, kind: { type: 'string', default: 'val' } },
});
const set = a.set as SetName;
const { horizon, season } = SETS[set];
const { histories, actual } = await phaseData(set, a.kind as 'val' | 'test');
const out: Record<string, number[][]> = {};
for (const make of [
  ...m4Benchmarks({ season }).map((_, i) => () => m4Benchmarks({ season })[i]),
  () => autoEts({ season }),
]) {
  const name = make().name;
  out[name] = histories.map((x) => {
    const f = make();
    f.fit(x);
    return f.predict(x, horizon);
  });
  const sc = scoreSet(histories, actual, out[name], season);
  console.log(
    `${set} ${a.kind} ${name.padEnd(12)} sMAPE ${sc.smape.toFixed(3)} MASE ${sc.mase.toFixed(3)} OWA ${sc.owa.toFixed(3)}`,
  );
}
mkdirSync('out/m4', { recursive: true });
writeFileSync(`out/m4/stats-${set}-${a.kind}.json`, JSON.stringify(out));
