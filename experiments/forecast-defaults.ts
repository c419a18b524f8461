// Chooses the single-series forecaster's defaults on validation parts only: for each candidate
// configuration and each series, the ensemble is trained exactly as tune() trains a trial (the
// values before the calibration part) and scored walk-forward on the calibration part, which
// precedes the test part; no test value is read. Series: the shipped airline, shampoo and daily
// temperatures, and the first series of M4 Hourly and Weekly (training files only).
// Usage: npx tsx experiments/forecast-defaults.ts [--m4 10] [--m4-from 4] [--only name] [--candidates JSON]
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { type ForecastConfig, parseWide, tune } from '../src/index.js';
import { readCsvFile } from '../src/node/csv-file.js';

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : d;
};
const m4 = Number(arg('m4', '6'));
const m4From = Number(arg('m4-from', '0')); // skip the first M4 series of each set (already measured)

interface Case {
  name: string;
  values: number[];
  dates?: number[];
  options?: Partial<ForecastConfig>;
}

const cases: Case[] = [];
const air = readCsvFile('datasets/airline-passengers.csv', { dateColumns: ['Month'] });
cases.push({ name: 'airline', values: air.numeric.Passengers, dates: air.dates.Month });
const sh = readCsvFile('datasets/shampoo.csv', { dateColumns: ['Month'] });
cases.push({ name: 'shampoo', values: sh.numeric.Sales, dates: sh.dates.Month });
const tp = readCsvFile('datasets/daily-min-temperatures.csv', { dateColumns: ['Date'] });
cases.push({ name: 'temperatures', values: tp.numeric.Temp, dates: tp.dates.Date });
for (const [set, season, horizon] of [
  ['Hourly', 24, 48],
  ['Weekly', 1, 13],
] as const) {
  const rows = parseWide(gunzipSync(readFileSync(`datasets/m4/${set}-train.csv.gz`)).toString('utf8'));
  for (const r of rows.slice(m4From, m4))
    cases.push({
      name: `${set} ${r.id}`,
      values: Array.from(r.values),
      options: { season: season > 1 ? season : 1, horizon, test: horizon, calibration: horizon },
    });
}

const CANDIDATES: Record<string, Partial<ForecastConfig>> = JSON.parse(
  arg(
    'candidates',
    JSON.stringify({
      current: {},
      old: { units: 16, learningRate: 0.001, patience: 0, validationFraction: 0.1, batchSize: 16 },
      'u16-lr1e-3': { units: 16, learningRate: 0.001 },
      log: { power: 'log' },
      'mae-loss': { loss: 'mae' },
    }),
  ),
);

const only = arg('only', '');
const results: Record<string, Record<string, number>> = {};
for (const c of cases) {
  if (only && !c.name.includes(only)) continue;
  results[c.name] = {};
  for (const [name, cand] of Object.entries(CANDIDATES)) {
    const t0 = Date.now();
    try {
      const r = await tune(c.values, {
        ...(c.dates ? { dates: c.dates } : {}),
        ...c.options,
        ...cand,
        space: {},
        search: 'grid',
        compareDefaults: false,
      });
      results[c.name][name] = r.best.rmse;
      console.error(
        `${c.name}\t${name}\tval RMSE ${r.best.rmse.toFixed(4)}\t${((Date.now() - t0) / 1000).toFixed(1)}s`,
      );
    } catch (e) {
      console.error(`${c.name}\t${name}\tfailed: ${(e as Error).message}`);
      results[c.name][name] = Number.NaN;
    }
  }
}
// geometric mean of each candidate's RMSE relative to 'current', over the series where all ran
const names = Object.keys(CANDIDATES);
const rows = Object.entries(results).filter(([, r]) => names.every((n) => Number.isFinite(r[n])));
console.log(`series: ${rows.length}`);
for (const n of names) {
  const g = Math.exp(rows.reduce((s, [, r]) => s + Math.log(r[n] / r[names[0]]), 0) / rows.length);
  console.log(`${n.padEnd(16)} relative validation RMSE (geometric mean vs ${names[0]}): ${g.toFixed(4)}`);
}
console.log(JSON.stringify(results));
