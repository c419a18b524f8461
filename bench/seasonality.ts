// Season detection measured: detectSeasons with dates (calendar) and without (search) against the old
// detectSeason and against augurs' `seasonalities` (Grafana's periodogram detector, Rust to WebAssembly),
// on the real series and the kinds the old detector got wrong; then speed up to 2,000,000 values, the
// trend-removal choice, bundle sizes, and the M4 Naive2 check of seasonalityTest.
// Usage: npx tsx bench/seasonality.ts   (augurs columns need: npm install --no-save @bsull/augurs@0.10.2;
// the PM2.5 and M4 rows and the Naive2 check read ../shared/data when it is there)

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { inferFrequency, parseDateColumn } from '../src/data/dates.js';
import { fillMissing } from '../src/data/missing.js';
import type { SeasonDetrend } from '../src/forecast/season-test.js';
import { detectSeasons, seasonalityTest } from '../src/forecast/seasonality.js';
import { Rng } from '../src/rng.js';

const SHARED = '../shared/data';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
type Augurs = (y: Float64Array, o?: { minPeriod?: number; maxPeriod?: number; threshold?: number }) => Uint32Array;

/** A file of the augurs package (its exports map lists only the JS entry points). */
function augursFile(name: string): string {
  const entry = createRequire(import.meta.url).resolve('@bsull/augurs/seasons');
  return entry.replace(/seasons\.js$/, name);
}

async function loadAugurs(): Promise<Augurs | null> {
  try {
    const mod = await import('@bsull/augurs/seasons' as string);
    mod.initSync({ module: readFileSync(augursFile('seasons_bg.wasm')) });
    return (y, o) => mod.seasonalities(y, o ?? null);
  } catch {
    return null;
  }
}

interface Case {
  name: string;
  values: number[];
  times: number[];
  /** The calendar's answer: the seasons a forecaster should use (shortest first). */
  want: number[];
}

const csvRows = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').map((c) => c.replace(/"/g, '')));

function cases(): Case[] {
  const out: Case[] = [];
  const dated = (file: string, name: string, want: number[]) => {
    const rows = csvRows(file);
    out.push({
      name,
      values: rows.map((r) => Number(r[1])),
      times: parseDateColumn(rows.map((r) => r[0])).times,
      want,
    });
  };
  dated('datasets/airline-passengers.csv', 'airline (monthly)', [12]);
  dated('datasets/shampoo.csv', 'shampoo (monthly)', []);
  dated('datasets/daily-min-temperatures.csv', 'daily min temperatures', [365]);
  if (existsSync(`${SHARED}/pollution.csv`)) {
    const rows = csvRows(`${SHARED}/pollution.csv`);
    const pm = fillMissing(
      rows.map((r) => (r[5] === 'NA' ? Number.NaN : Number(r[5]))),
      { method: 'interpolate' },
    ) as number[];
    const times = rows.map((r) => Date.UTC(+r[1], +r[2] - 1, +r[3], +r[4]));
    out.push({ name: 'Beijing PM2.5 (hourly, 43,824)', values: pm, times, want: [24] });
  }
  const m4 = (file: string, ids: number[], step: number, want: number[] | null) => {
    if (!existsSync(file)) return;
    const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
    for (const i of ids) {
      const cells = lines[i].split(',').map((c) => c.replace(/"/g, ''));
      const values = cells
        .slice(1)
        .filter((c) => c !== '')
        .map(Number);
      const times = values.map((_, t) => t * step);
      out.push({ name: `M4 ${cells[0]}`, values, times, want: want ?? [] });
    }
  };
  m4(`${SHARED}/m4/Hourly-train.csv`, [0, 1, 50, 100, 150, 200, 250, 300, 350, 400], HOUR, [24]);
  const rng = new Rng(42);
  const days = (n: number) => Array.from({ length: n }, (_, t) => t * DAY);
  let walk = 0;
  out.push(
    {
      name: 'white noise (daily)',
      values: Array.from({ length: 1000 }, () => rng.normal()),
      times: days(1000),
      want: [],
    },
    {
      name: 'random walk (daily)',
      values: Array.from({ length: 1000 }, () => (walk += rng.normal())),
      times: days(1000),
      want: [],
    },
    {
      name: 'daily, weekly pattern + trend',
      values: Array.from(
        { length: 730 },
        (_, t) => [0, 0.2, 0.1, 0.3, 0.5, 1.5, 1.2][t % 7] + 0.02 * t + 0.5 * rng.normal(),
      ),
      times: days(730),
      want: [7],
    },
    {
      name: 'monthly, year + trend',
      values: Array.from({ length: 120 }, (_, t) => 100 + t + 10 * Math.sin((2 * Math.PI * t) / 12) + 3 * rng.normal()),
      times: Array.from({ length: 120 }, (_, t) => Date.UTC(2000, t, 1)),
      want: [12],
    },
    {
      name: 'daily, year + week',
      values: Array.from(
        { length: 1500 },
        (_, t) => 10 * Math.sin((2 * Math.PI * t) / 365.25) + [0, 0, 0, 0, 0, 2, 2][t % 7] + 2 * rng.normal(),
      ),
      times: days(1500),
      want: [7, 365],
    },
  );
  return out;
}

const cpu = <T>(f: () => T): [T, number] => {
  const c0 = process.cpuUsage();
  const r = f();
  return [r, process.cpuUsage(c0).user / 1000];
};
const list = (p: ArrayLike<number>) => `[${Array.from(p).join(', ')}]`;
/** The shortest season is what the lookback rule uses: score it (1 = none). */
const shortest = (p: ArrayLike<number>) => (p.length ? Math.min(...Array.from(p)) : 1);

const augurs = await loadAugurs();
const all = cases();
console.log('## Accuracy (found seasons, CPU time; ✓ = the shortest is the calendar one)\n');
console.log(
  '| series | n | calendar | with dates | without dates | old detectSeason | augurs (default) | augurs (maxPeriod n/3) |',
);
console.log('|---|---|---|---|---|---|---|---|');
const score = { dates: 0, search: 0, old: 0, augurs: 0, augursWide: 0 };
for (const c of all) {
  const frequency = inferFrequency(c.times);
  const sorted = (d: ReturnType<typeof detectSeasons>) => d.seasons.map((s) => s.period).sort((a, b) => a - b);
  const [dates, msDates] = cpu(() => sorted(detectSeasons(c.values, { frequency })));
  const [search, msSearch] = cpu(() => sorted(detectSeasons(c.values)));
  const old = c.values.length <= 50_000 ? [detectSeason(c.values)].filter((p) => p > 1) : null;
  const y = Float64Array.from(c.values);
  const a1 = augurs ? Array.from(augurs(y)) : null;
  const a2 = augurs ? Array.from(augurs(y, { maxPeriod: Math.floor(c.values.length / 3) })) : null;
  const want = shortest(c.want);
  const mark = (p: number[] | null, key: keyof typeof score) => {
    if (!p) return 'n/a';
    const ok = shortest(p) === want;
    if (ok) score[key]++;
    return `${list(p)}${ok ? ' ✓' : ''}`;
  };
  console.log(
    `| ${c.name} | ${c.values.length} | ${list(c.want)} | ${mark(dates, 'dates')} ${msDates.toFixed(0)} ms | ${mark(search, 'search')} ${msSearch.toFixed(0)} ms | ${mark(old, 'old')} | ${mark(a1, 'augurs')} | ${mark(a2, 'augursWide')} |`,
  );
}
console.log(`\nright shortest season: ${JSON.stringify(score)} of ${all.length}\n`);

console.log('## Trend removal before the test (calendar path; cases right out of', all.length, ')\n');
for (const detrend of ['moving-average', 'difference', 'none'] as SeasonDetrend[]) {
  const wrong = all.filter((c) => {
    const got = detectSeasons(c.values, { frequency: inferFrequency(c.times), detrend }).seasons.map((s) => s.period);
    return shortest(got) !== shortest(c.want);
  });
  console.log(`- ${detrend}: ${all.length - wrong.length}; wrong: ${wrong.map((c) => c.name).join(', ') || 'none'}`);
}

console.log('\n## Speed (CPU ms; hourly series with a day and a week over AR(0.98) noise)\n');
console.log('| n | with dates | without dates | augurs (default) | old detectSeason |');
console.log('|---|---|---|---|---|');
const rng = new Rng(3);
for (const n of [20_000, 200_000, 2_000_000]) {
  const x = new Float64Array(n);
  let level = 0;
  for (let t = 0; t < n; t++) {
    level = 0.98 * level + rng.normal();
    x[t] = level + 3 * Math.sin((2 * Math.PI * t) / 24) + (Math.floor(t / 24) % 7 >= 5 ? 2 : 0);
  }
  const frequency = inferFrequency([0, HOUR, 2 * HOUR]);
  const [d, td] = cpu(() => detectSeasons(x, { frequency }).seasons.map((s) => s.period));
  const [s, ts] = cpu(() => detectSeasons(x).seasons.map((s) => s.period));
  const [a, ta] = augurs ? cpu(() => Array.from(augurs(x))) : [null, 0];
  const [o, to] = n <= 20_000 ? cpu(() => detectSeason(x)) : [null, 0];
  console.log(
    `| ${n} | ${list(d)} ${td.toFixed(0)} | ${list(s)} ${ts.toFixed(0)} | ${a ? `${list(a)} ${ta.toFixed(0)}` : 'n/a'} | ${o !== null ? `${o} ${to.toFixed(0)}` : 'not run (quadratic)'} |`,
  );
}

console.log('\n## Bundle size (minified, gzip)\n');
try {
  const { build } = await import('esbuild');
  const r = await build({
    stdin: {
      contents: "export { detectSeasons, seasonalityTest } from './src/forecast/seasonality.ts';",
      resolveDir: '.',
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
  });
  const ours = r.outputFiles[0].contents;
  console.log(
    `- lstmkit detectSeasons + seasonalityTest (with dates types, acf, FFT): ${ours.length} B, gzip ${gzipSync(ours).length} B`,
  );
} catch (e) {
  console.log(`- lstmkit: esbuild not available (${(e as Error).message})`);
}
if (augurs) {
  const wasm = readFileSync(augursFile('seasons_bg.wasm'));
  const js = readFileSync(augursFile('seasons.js'));
  console.log(
    `- augurs seasons: wasm ${wasm.length} B + js ${js.length} B, gzip ${gzipSync(wasm).length + gzipSync(js).length} B`,
  );
}

if (existsSync(`${SHARED}/m4/Hourly-train.csv`)) {
  console.log(
    '\n## seasonalityTest inside M4 Naive2 (published: Hourly sMAPE 18.383 MASE 2.395; Weekly 9.161 / 2.777)\n',
  );
  const read = (f: string) =>
    csvRows(f).map((r) =>
      r
        .slice(1)
        .filter((c) => c !== '')
        .map(Number),
    );
  for (const [name, ppy, fh] of [
    ['Hourly', 24, 48],
    ['Weekly', 1, 13],
  ] as const) {
    const train = read(`${SHARED}/m4/${name}-train.csv`);
    const test = read(`${SHARED}/m4/${name}-test.csv`);
    let smape = 0,
      mase = 0,
      seasonal = 0;
    train.forEach((x, i) => {
      const n = x.length;
      let des = x,
        SI = new Array(fh).fill(1);
      if (ppy > 1 && seasonalityTest(x, ppy)) {
        seasonal++;
        // R's decompose(type = 'multiplicative'): 2×ppy centred moving average, mean ratio per phase, normalized
        const h = ppy / 2;
        const sums = new Array(ppy).fill(0),
          counts = new Array(ppy).fill(0);
        for (let t = h; t < n - h; t++) {
          let trend = 0.5 * (x[t - h] + x[t + h]);
          for (let j = t - h + 1; j < t + h; j++) trend += x[j];
          sums[t % ppy] += x[t] / (trend / ppy);
          counts[t % ppy]++;
        }
        const figure = sums.map((s, p) => s / counts[p]);
        const mean = figure.reduce((a, b) => a + b, 0) / ppy;
        const index = figure.map((v) => v / mean);
        des = x.map((v, t) => v / index[t % ppy]);
        SI = Array.from({ length: fh }, (_, k) => index[(n + k) % ppy]);
      }
      let scale = 0;
      for (let t = ppy; t < n; t++) scale += Math.abs(x[t] - x[t - ppy]);
      scale /= n - ppy;
      for (let k = 0; k < fh; k++) {
        const f = des[n - 1] * SI[k],
          y = test[i][k];
        smape += (200 * Math.abs(y - f)) / (Math.abs(y) + Math.abs(f)) / fh;
        mase += Math.abs(y - f) / scale / fh;
      }
    });
    console.log(
      `- ${name}: ${seasonal} of ${train.length} seasonal; Naive2 sMAPE ${(smape / train.length).toFixed(3)}, MASE ${(mase / train.length).toFixed(3)}`,
    );
  }
}

import { DataError } from '../src/errors.js';

// The detector lstmkit used before src/forecast/seasonality.ts (kept here as the bench's reference:
// the highest autocorrelation peak of the differenced series above 1.96/sqrt(n); quadratic in n).
/**
 * Autocorrelation of a series at lags 0..maxLag (biased estimator, as statsmodels' acf).
 * @example autocorrelation([1, 2, 1, 2], 1) //=> [1, -0.75]
 */
function autocorrelation(series: ArrayLike<number>, maxLag: number): number[] {
  const n = series.length;
  if (n < 2) throw new DataError(`needs at least 2 values, got ${n}`, 'autocorrelation');
  let mean = 0;
  for (let i = 0; i < n; i++) mean += series[i];
  mean /= n;
  let c0 = 0;
  for (let i = 0; i < n; i++) c0 += (series[i] - mean) ** 2;
  const out: number[] = [];
  for (let k = 0; k <= Math.min(maxLag, n - 1); k++) {
    let c = 0;
    for (let i = k; i < n; i++) c += (series[i] - mean) * (series[i - k] - mean);
    out.push(c0 > 0 ? c / c0 : 0);
  }
  return out;
}

/**
 * Detects the season length: the lag (2..maxLag) of the highest autocorrelation peak of the
 * first-differenced series, if that peak exceeds the 95% white-noise band 1.96/√n; otherwise 1.
 * @example detectSeason(Array.from({ length: 48 }, (_, t) => t + 10 * Math.sin((2 * Math.PI * t) / 12))) //=> 12
 */
function detectSeason(series: ArrayLike<number>, maxLag = Math.floor(series.length / 3)): number {
  const d: number[] = [];
  for (let i = 1; i < series.length; i++) d.push(series[i] - series[i - 1]);
  if (d.length < 6) return 1;
  const acf = autocorrelation(d, Math.min(maxLag, d.length - 2));
  const band = 1.96 / Math.sqrt(d.length);
  let best = 1,
    bestValue = band;
  for (let k = 2; k < acf.length - 1; k++) {
    const peak = acf[k] >= acf[k - 1] && acf[k] >= acf[k + 1];
    if (peak && acf[k] > bestValue) {
      best = k;
      bestValue = acf[k];
    }
  }
  return best;
}
