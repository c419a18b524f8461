// The global LSTM through the panel adapter forecasts exactly what trainGlobal's own forecaster does:
// trained on the values before each test part for the scores, retrained on whole series for the
// epochs early stopping chose (median over members) for the future.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { trainGlobal } from '../../../src/forecast/global/global.js';
import { forecastPanel } from '../../../src/forecast/panel/forecast-panel.js';

const H = 4,
  m = 4;
const series = Array.from({ length: 6 }, (_, i) => ({
  id: `s${i}`,
  values: Float64Array.from({ length: 60 }, (_, t) => 50 + 10 * i + 8 * Math.sin((2 * Math.PI * t) / m + i) + 0.2 * t),
}));
const config = { units: 4, epochs: 4, patience: 2, windowsPerSeries: 6, lookbacks: [8], seeds: 2 };

test('the adapter scores and forecasts with trainGlobal and its validation-chosen epochs', async () => {
  const r = await forecastPanel(
    { series },
    { horizon: H, season: m, models: ['LSTM', 'Naive2'], futureModel: 'LSTM', global: { config } },
  );
  const train = series.map((s) => s.values.subarray(0, 60 - H));
  const g = await trainGlobal(
    train.map((values, i) => ({ id: String(i), values })),
    { ...config, horizon: H, season: m },
  );
  const want = g.forecast(train);
  r.results!.forEach((x, i) => {
    const s = x.models!.LSTM as { errors: number[] };
    s.errors.forEach((e, h) => {
      const f = series[i].values[60 - H + h] - e;
      assert.ok(Math.abs(f - want[i][h]) <= 1e-5 * Math.abs(want[i][h]), `${x.id} step ${h}: ${f} vs ${want[i][h]}`);
    });
  });
  const epochs = g.members.map((mb) => mb.bestEpoch + 1).sort((a, b) => a - b)[0];
  const full = await trainGlobal(
    series.map((s) => ({ id: s.id, values: s.values })),
    { ...config, patience: 0, epochs, horizon: H, season: m },
  );
  const future = full.forecast(series.map((s) => s.values));
  assert.equal(r.future.model, 'LSTM');
  for (const row of r.rows!) assert.equal(row.forecast, future[Number(row.id.slice(1))][row.step - 1]);
});
