// Bad input never stops a panel run: each bad series gets one line in its error column (and counts
// as skipped in the summary); every other series is still scored and forecast.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PanelBuilder } from '../../../src/data/panel.js';
import { longCsvReader } from '../../../src/data/panel-readers.js';
import { prepareSeries } from '../../../src/forecast/panel/checks.js';
import { forecastPanel } from '../../../src/forecast/panel/forecast-panel.js';
import { parseForecastCsvLine, forecastCsvLine } from '../../../src/forecast/panel/records.js';
import { BAD_PANEL_EXPECTED, badPanelCsv } from './bad-panel.js';

function readBadPanel() {
  const b = new PanelBuilder();
  const r = longCsvReader(b, { id: 'id', date: 'time', value: 'y', source: 'bad.csv' });
  for (const line of badPanelCsv().split('\n')) r.line(line);
  r.end();
  return b.finish();
}

test('every bad series of a panel gets one clear line, and the good ones are forecast', async () => {
  const panel = readBadPanel();
  assert.equal(panel.frequency?.name, 'hourly');
  const r = await forecastPanel(panel, { horizon: 6, season: 1, models: ['Naive2', 'SES'] });
  const byId = new Map(r.results!.map((x) => [x.id, x]));
  assert.deepEqual([...byId.keys()].sort(), Object.keys(BAD_PANEL_EXPECTED).sort());
  for (const [id, pattern] of Object.entries(BAD_PANEL_EXPECTED)) {
    const x = byId.get(id)!;
    if (pattern === null) assert.equal(x.error, undefined, `${id}: ${x.error}`);
    else {
      assert.match(x.error ?? '', pattern, id);
      assert.ok(!x.error!.includes('\n'), `${id}: one line`);
    }
  }
  const bad = Object.values(BAD_PANEL_EXPECTED).filter((p) => p !== null).length;
  assert.equal(r.summary.skipped, bad);
  assert.equal(r.summary.scored, 4);
  assert.equal(r.summary.series, 4 + bad);
  assert.equal(byId.get('gappy')!.note, '2 missing values filled (interpolate)');
  // the future: 6 rows for each of the 4 good series, the quoted id intact through forecast.csv
  assert.equal(r.future.series, 4);
  assert.equal(r.rows!.length, 24);
  const quoted = r.rows!.find((row) => row.id === 'a,"quoted" id')!;
  const line = forecastCsvLine(quoted);
  assert.ok(line.startsWith('"a,""quoted"" id",1,2021-01-03 12:00,'), line);
  assert.deepEqual(parseForecastCsvLine(line, 2), quoted);
});

test("missing: 'error' refuses a series with inner gaps instead of filling them", async () => {
  const panel = readBadPanel();
  const p = prepareSeries(panel.series.find((s) => s.id === 'gappy')!, 0, {
    horizon: 6,
    season: 1,
    minLength: 19,
    missing: 'error',
  });
  assert.equal('error' in p && p.error, "2 values inside the series are missing (missing: 'error')");
});

test('a model that fails on some series leaves them out of the means and says why', async () => {
  const panel = readBadPanel();
  // the LSTM's log scaling refuses a series with a non-positive value; SES forecasts it
  const good = panel.series.filter((s) => s.id === 'good1' || s.id === 'good2');
  const neg = { id: 'negative', values: Float64Array.from(good[0].values, (v, k) => (k === 3 ? -1 : v)) };
  const r = await forecastPanel(
    { series: [...good, neg] },
    {
      horizon: 6,
      season: 1,
      models: ['LSTM', 'Naive2'],
      global: { config: { units: 4, epochs: 1, windowsPerSeries: 4, lookbacks: [12], patience: 0 } },
    },
  );
  const x = r.results!.find((s) => s.id === 'negative')!;
  assert.match(
    (x.models!.LSTM as { error: string }).error,
    /value -1 at step 3 is not positive; log scaling needs positive values/,
  );
  assert.equal(r.summary.partial, 1);
  assert.equal(r.summary.scored, 2);
  assert.equal(r.summary.models.find((m) => m.name === 'LSTM')!.failed, 1);
  assert.match(r.summary.partialExamples[0].error, /^LSTM: .*not positive/);
});

test('a panel where no series can be scored is one DataError naming the first reasons', async () => {
  const panel = readBadPanel();
  const onlyBad = { ...panel, series: panel.series.filter((s) => BAD_PANEL_EXPECTED[s.id] !== null) };
  await assert.rejects(
    forecastPanel(onlyBad, { horizon: 6, season: 1, models: ['Naive2'] }),
    /summarizePanel: none of the 7 series could be scored \(7 skipped, 0 failed in some model\); e\.g\. 'badcell': line \d+ of bad\.csv: value "abc" is not a number; 'dup': two rows/,
  );
});
