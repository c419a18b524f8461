// The forecast card: the report's blocks (lstmkit's report-sections) at the width of their boxes —
// the verdict, the future fan and its table, the walk-forward test chart, the coverage and the
// ranking — for a forecast run, and a saved forecaster's forecast and test errors for a loaded one.

import {
  type ForecastNumbers,
  fanStart,
  forecastChart,
  forecastReport,
  futureTable,
  htmlTable,
  coverageText,
  fanFigure,
  learningCurvesChart,
  rankingTable,
  reportAxis,
  reportContext,
  testFigure,
  verdictOf,
} from 'lstmkit';
import type { SeriesInput } from './data.ts';
import type { LoadedReport } from './protocol.ts';
import { showChart } from './responsive.ts';

const $ = (id: string) => document.getElementById(id)!;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

const options = (s: SeriesInput) => ({
  ...(s.dates ? { dates: s.dates } : {}),
  ...(s.dateFormat ? { dateFormat: s.dateFormat } : {}),
  target: s.name,
});

/** Empties the card (before a run, or for a demonstration). */
export function clearForecast(): void {
  for (const id of ['verdict', 'future', 'metrics']) $(id).innerHTML = '';
  showChart($('test-chart'), null);
  $('test-chart').innerHTML = '';
  ($('download-report') as HTMLButtonElement).hidden = true;
}

/** A forecast() result, as the report shows it. Returns the HTML report for the download button. */
export function showForecast(series: SeriesInput, r: ForecastNumbers): () => string {
  const ctx = reportContext(series.values, r, options(series));
  $('result-title').textContent = `Forecast: ${series.name}, the next ${r.config.horizon} values`;
  $('verdict').innerHTML = verdictOf(ctx);
  const fan = $('forecast-chart');
  fan.classList.remove('empty');
  showChart(fan, (width) => fanFigure(ctx, width));
  $('future').innerHTML = `<p class="note">${escapeHtml(ctx.summary.futureNote)}.</p>${futureTable(ctx)}`;
  showChart($('test-chart'), (width) => testFigure(ctx, width));
  $('metrics').innerHTML = `${coverageText(ctx)}${rankingTable(r.models, true)}`;
  $('loss-title').textContent = 'Training: learning curves of the evaluation model (first member)';
  showChart($('loss-chart'), (width) =>
    learningCurvesChart(r.history, {
      width,
      height: 230,
      ...(r.future.epochs.length ? { bestEpoch: r.future.epochs[0] } : {}),
      meanLoss: r.meanLoss,
    }),
  );
  ($('download-report') as HTMLButtonElement).hidden = false;
  return () => forecastReport(series.values, r, { ...options(series), title: `${series.name}: lstmkit forecast` });
}

/** A saved forecaster's forecast of the series and its walk-forward errors next to the baselines. */
export function showLoaded(series: SeriesInput, l: LoadedReport): void {
  const axis = reportAxis(series.values.length, series.dates, series.dateFormat);
  const y = series.values,
    n = y.length,
    from = fanStart(n, l.horizon);
  $('result-title').textContent = `Forecast: ${series.name}, the next ${l.horizon} values (${l.name} from ${l.from})`;
  $('verdict').innerHTML =
    `<p class="note">A saved forecaster keeps its networks and transforms but no interval calibration: train to see intervals and the verdict.</p>${l.warning ? `<p class="lk-warn">Warning: ${escapeHtml(l.warning)}.</p>` : ''}`;
  const hx = Array.from({ length: n - from }, (_, i) => axis.time(from + i));
  const jx = [axis.time(n - 1), ...l.future.map((_, h) => axis.time(n + h))];
  const style = { xScale: axis.xScale, ...(axis.formatX ? { formatX: axis.formatX } : {}), yLabel: series.name };
  const fan = $('forecast-chart');
  fan.classList.remove('empty');
  showChart(fan, (width) =>
    forecastChart(
      {
        actual: { x: hx, y: y.slice(from) },
        forecast: { label: `${l.name}, next ${l.horizon}`, x: jx, y: [y[n - 1], ...l.future] },
        others: l.models.slice(1).map((m) => ({ label: m.name, x: jx, y: [y[n - 1], ...m.future] })),
      },
      { ...style, width, title: 'History and forecast', markers: [{ x: axis.time(n - 1), label: 'forecast' }] },
    ),
  );
  $('future').innerHTML = htmlTable(
    ['time', 'forecast'],
    l.future.map((v, h) => [axis.label(n + h), v]),
    { numeric: [false, true], attributes: { 'data-future': JSON.stringify(l.future) } },
  );
  const ox = l.origins.map((o) => axis.time(o));
  const ctxFrom = Math.max(0, l.testStart - l.test);
  showChart($('test-chart'), (width) =>
    forecastChart(
      {
        actual: { x: Array.from({ length: n - ctxFrom }, (_, i) => axis.time(ctxFrom + i)), y: y.slice(ctxFrom) },
        forecast: {
          label: `${l.name} (t+1)`,
          x: ox,
          y: l.models[0].predictions.map((p) => p[0]),
          points: ox.length <= 60,
        },
        others: l.models.slice(1).map((m) => ({ label: `${m.name} (t+1)`, x: ox, y: m.predictions.map((p) => p[0]) })),
      },
      {
        ...style,
        width,
        title: 'Walk-forward forecasts on the test part, one step ahead',
        markers: [{ x: axis.time(l.testStart), label: 'test part' }],
      },
    ),
  );
  $('metrics').innerHTML =
    `<p class="note">Walk-forward over the last ${l.test} values (${l.origins.length} origins), as lstmkit evaluate scores a saved forecaster.</p>${rankingTable(l.models, true)}`;
  ($('download-report') as HTMLButtonElement).hidden = true;
}
