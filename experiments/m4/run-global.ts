// One measurement of the global LSTM on an M4 set:
//   npx tsx experiments/m4/run-global.ts --set Hourly --tag base [--config '{"units":64}'] [--workers 2] [--test]
// Validation: trains on each training series without its last H values and scores those H values.
// --test: then trains the same config on the whole training series and scores the test file.
// Prints and appends to experiments/m4/results.jsonl: sMAPE, MASE, OWA, wall time, peak RSS, load;
// saves the member forecasts to out/m4/<tag>-<set>-{val,test}.json for offline ensembles.

import { mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { trainGlobal } from '../../src/forecast/global/global.js';
import { globalWorkerRunner } from '../../src/node/global-workers.js';
import type { GlobalConfig } from '../../src/forecast/global/config.js';
import { readSet, SETS, type SetName, scoreSet } from './m4-data.js';

const { values: a } = parseArgs({
  options: {
    set: { type: 'string', default: 'Hourly' },
    tag: { type: 'string', default: 'run' },
    config: { type: 'string', default: '{}' },
    test: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    workers: { type: 'string', default: '1' },
  },
});
const set = a.set as SetName;
const { horizon, season } = SETS[set];
const config: GlobalConfig = { horizon, season, ...JSON.parse(a.config!) };
const train = await readSet(set, 'train');
const load0 = loadavg()[0];

async function phase(kind: 'val' | 'test') {
  const panel =
    kind === 'val' ? train.map((s) => ({ id: s.id, values: s.values.slice(0, s.values.length - horizon) })) : train;
  const actual =
    kind === 'val'
      ? train.map((s) => s.values.slice(s.values.length - horizon))
      : (await readSet(set, 'test')).map((s) => s.values);
  const t0 = performance.now(),
    cpu0 = process.cpuUsage();
  const workers = Number(a.workers);
  const g = await trainGlobal(panel, config, {
    ...(workers > 1 ? { runner: globalWorkerRunner({ workers }) } : {}),
    ...(a.verbose
      ? {
          onEpoch: (e) =>
            console.log(
              `  L${e.lookback} s${e.seed} epoch ${e.epoch + 1} loss ${e.loss.toFixed(4)} val ${e.valLoss?.toFixed(4) ?? '-'}`,
            ),
        }
      : {}),
  });
  const trainSec = (performance.now() - t0) / 1000;
  const histories = panel.map((s) => s.values);
  const members = g.memberForecasts(histories);
  const f = g.forecast(histories);
  const sec = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const sc = scoreSet(histories, actual, f, season);
  const memberOwa = members.map((m) => Number(scoreSet(histories, actual, m, season).owa.toFixed(4)));
  mkdirSync('out/m4', { recursive: true });
  writeFileSync(`out/m4/${a.tag}-${set}-${kind}.json`, JSON.stringify({ config: g.config, members }));
  const row = {
    tag: a.tag,
    set,
    kind,
    smape: +sc.smape.toFixed(3),
    mase: +sc.mase.toFixed(3),
    owa: +sc.owa.toFixed(4),
    memberOwa,
    bestEpochs: g.members.map((m) => m.bestEpoch + 1),
    trainSec: +trainSec.toFixed(1),
    sec: +sec.toFixed(1),
    cpuSec: +((cpu.user + cpu.system) / 1e6).toFixed(1),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    load: [+load0.toFixed(2), +loadavg()[0].toFixed(2)],
    workers,
    config: a.config,
  };
  console.log(JSON.stringify(row));
  appendFileSync('experiments/m4/results.jsonl', `${JSON.stringify(row)}\n`);
}

await phase('val');
if (a.test) await phase('test');
