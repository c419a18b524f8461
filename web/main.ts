// The playground page: reads the form (ForecastConfig options for series, the demonstrations' own
// settings otherwise), drives the training worker, and draws what it reports: the loss of the network
// in training, the forecast card (web/forecast-view.ts), the look-inside view and the model card.

import {
  type ChartSeries,
  DEFAULTS,
  type ForecastConfig,
  type ForecastNumbers,
  lineChart,
  REPORT_BLOCK_CSS,
  CHART_CSS,
} from 'lstmkit';
import { DATASETS, type DatasetInfo, type DemoSettings, type SeriesInput, seriesInput } from './data.ts';
import { clearForecast, showForecast, showLoaded } from './forecast-view.ts';
import { artifactsFromFolder, artifactsFromZip, download, forecasterZip } from './forecaster-files.ts';
import { drawHeatmaps, showSymbols, state } from './inside-view.ts';
import type { FromWorker, LoadSource, ModelView, ToWorker } from './protocol.ts';
import { showChart } from './responsive.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const datasetSel = $<HTMLSelectElement>('dataset'),
  probeSel = $<HTMLSelectElement>('probe'),
  layerSel = $<HTMLSelectElement>('layer');
const trainBtn = $<HTMLButtonElement>('train'),
  pauseBtn = $<HTMLButtonElement>('pause'),
  stopBtn = $<HTMLButtonElement>('stop');
const progress = $<HTMLProgressElement>('progress'),
  status = $('status');

// the report blocks' and toggleable charts' styles, as lstmkit defines them
const style = document.createElement('style');
style.textContent = `${CHART_CSS}\n${REPORT_BLOCK_CSS}`;
document.head.append(style);

/** Form fields: the ForecastConfig option each sets for series ('auto' when empty, where allowed). */
const FIELDS = [
  'lookback',
  'horizon',
  'units',
  'layers',
  'epochs',
  'batchSize',
  'learningRate',
  'seed',
  'repeats',
] as const;
type Field = (typeof FIELDS)[number];
const AUTO: readonly Field[] = ['lookback', 'horizon', 'batchSize'];
const DEMO_FIELDS: readonly Field[] = ['lookback', 'units', 'layers', 'epochs', 'batchSize', 'learningRate', 'seed'];

let worker: Worker | null = null;
let paused = false;
let history: { loss: number[]; val: number[] } = { loss: [], val: [] };
let lossName = 'loss';
/** The series of the run in progress or shown, and the report of its forecast. */
let current: SeriesInput | null = null;
let report: (() => string) | null = null;

const dataset = (): DatasetInfo => DATASETS.find((x) => x.id === datasetSel.value)!;

for (const d of DATASETS) datasetSel.add(new Option(d.label, d.id));
function applyDefaults(): void {
  const d = dataset();
  $('dataset-note').textContent = d.note;
  $('csv-label').hidden = d.id !== 'csv';
  const values: Partial<Record<Field, unknown>> = d.demo ?? { ...DEFAULTS, ...d.forecast };
  for (const f of FIELDS) {
    const input = $<HTMLInputElement>(f);
    const v = values[f];
    input.value = v === undefined || v === 'auto' ? '' : String(v);
    input.disabled = d.demo ? !DEMO_FIELDS.includes(f) || (d.id === 'memory' && f === 'lookback') : false;
  }
  $('form-note').textContent = d.demo
    ? "The demonstration's own small model (it is not forecasting)."
    : `lstmkit's DEFAULTS${
        d.forecast && Object.keys(d.forecast).length
          ? `, with ${Object.entries(d.forecast)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')} for this dataset`
          : ''
      }; empty means 'auto' (decided for the series, as lstmkit forecast decides).`;
}
datasetSel.addEventListener('change', applyDefaults);
applyDefaults();

function fieldValue(f: Field): number | 'auto' {
  const input = $<HTMLInputElement>(f);
  const text = input.value.trim();
  if (text === '' && AUTO.includes(f)) return 'auto';
  const v = Number(text);
  const ok =
    text !== '' &&
    (f === 'learningRate'
      ? v > 0 && v < 1
      : f === 'seed'
        ? Number.isInteger(v) && v >= 0
        : Number.isInteger(v) && v >= 1);
  if (!ok) throw new Error(`${input.parentElement?.textContent?.trim() ?? f}: ${text || '(empty)'} is not valid`);
  return v;
}

/** The form's values as ForecastConfig options (every field; 'auto' where empty). */
function forecastOptions(): Partial<ForecastConfig> {
  const o: Record<string, unknown> = {};
  for (const f of FIELDS) o[f] = fieldValue(f);
  return o as Partial<ForecastConfig>;
}

function demoSettings(): DemoSettings {
  const d = dataset().demo!;
  const s = { ...d };
  for (const f of DEMO_FIELDS)
    if (!$<HTMLInputElement>(f).disabled) (s as Record<string, number>)[f] = fieldValue(f) as number;
  return s;
}

function setStatus(text: string, error = false): void {
  status.textContent = text;
  status.classList.toggle('error', error);
}

function send(m: ToWorker): void {
  worker?.postMessage(m);
}

function setRunning(running: boolean): void {
  trainBtn.disabled = running;
  pauseBtn.disabled = !running;
  stopBtn.disabled = !running;
  paused = false;
  pauseBtn.textContent = 'Pause';
}

function ensureWorker(): void {
  if (worker) return;
  worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    onMessage(e.data).catch((err: Error) => setStatus(err.message, true));
  };
  worker.onerror = (e) => {
    setStatus(`worker error: ${e.message}`, true);
    setRunning(false);
  };
}

/** Clears the previous run's state before training or loading. */
function reset(): void {
  ensureWorker();
  history = { loss: [], val: [] };
  state.lastInspection = null;
  state.memoryUnit = undefined;
  report = null;
  progress.value = 0;
  probeSel.disabled = layerSel.disabled = true;
  $('memory-note').hidden = $('memory-compare').hidden = true;
}

trainBtn.addEventListener('click', () => {
  const d = dataset();
  let message: ToWorker;
  try {
    if (d.demo) message = { type: 'demo', dataset: d.id as 'memory' | 'text', settings: demoSettings() };
    else {
      current = seriesInput(d.id, $<HTMLTextAreaElement>('csv').value);
      message = { type: 'forecast', series: current, options: forecastOptions() };
    }
  } catch (err) {
    setStatus((err as Error).message, true);
    return;
  }
  reset();
  clearForecast();
  setRunning(true);
  setStatus('Preparing the data…');
  send(message);
});

const modelName = () => $<HTMLInputElement>('model-name').value.trim() || 'playground';
$('save-idb').addEventListener('click', () => send({ type: 'save', target: 'indexeddb', name: modelName() }));
$('save-file').addEventListener('click', () => send({ type: 'save', target: 'download', name: modelName() }));
$('download-report').addEventListener('click', () => {
  if (report) download(`${current?.name ?? 'series'}-report.html`, report(), 'text/html');
});

function startLoad(source: LoadSource, from: string): void {
  const d = dataset();
  if (d.demo) {
    setStatus('A forecaster forecasts a series: pick airline, shampoo, temperatures or a pasted CSV first.', true);
    return;
  }
  try {
    current = seriesInput(d.id, $<HTMLTextAreaElement>('csv').value);
  } catch (err) {
    setStatus((err as Error).message, true);
    return;
  }
  reset();
  clearForecast();
  setStatus(`Loading ${from}…`);
  send({ type: 'load', source, series: current });
}

$('load-idb').addEventListener('click', () =>
  startLoad({ kind: 'indexeddb', name: modelName() }, `IndexedDB '${modelName()}'`),
);

async function loadFiles(read: () => Promise<LoadSource & { kind: 'artifacts' }>): Promise<void> {
  try {
    const source = await read();
    startLoad(source, source.from);
  } catch (err) {
    setStatus((err as Error).message, true);
  }
}

$<HTMLInputElement>('load-folder').addEventListener('change', (e) => {
  const input = e.target as HTMLInputElement;
  const files = [...(input.files ?? [])];
  input.value = '';
  const top = (files[0]?.webkitRelativePath || '').split('/')[0] || 'the folder';
  void loadFiles(async () => ({
    kind: 'artifacts',
    artifacts: await artifactsFromFolder(files),
    from: `folder ${top}`,
  }));
});

$<HTMLInputElement>('load-zip').addEventListener('change', (e) => {
  const input = e.target as HTMLInputElement;
  const file = input.files?.[0];
  input.value = '';
  if (file)
    void loadFiles(async () => ({ kind: 'artifacts', artifacts: await artifactsFromZip(file), from: file.name }));
});

pauseBtn.addEventListener('click', () => {
  paused = !paused;
  pauseBtn.textContent = paused ? 'Resume' : 'Pause';
  send({ type: paused ? 'pause' : 'resume' });
  setStatus(paused ? 'Paused after this epoch. Press Resume to continue.' : 'Training…');
});

stopBtn.addEventListener('click', () => {
  send({ type: 'stop' });
  setStatus('Stopping after this epoch…');
});

function requestInspection(): void {
  send({ type: 'inspect', probe: Number(probeSel.value), layer: Number(layerSel.value) });
}
probeSel.addEventListener('change', requestInspection);
layerSel.addEventListener('change', requestInspection);

/** The model card and the look-inside choices after a run. */
function showView(v: ModelView): void {
  $('summary').textContent = v.summary;
  $('diagram').innerHTML = v.diagram;
  $<HTMLButtonElement>('save-idb').disabled = $<HTMLButtonElement>('save-file').disabled = !current;
  probeSel.replaceChildren(...v.probes.map((label, i) => new Option(label, String(i))));
  layerSel.replaceChildren(...v.lstmLayers.map((l) => new Option(`${l.name} (${l.units} units)`, String(l.index))));
  probeSel.disabled = layerSel.disabled = v.lstmLayers.length === 0;
  if (v.lstmLayers.length) requestInspection();
}

/** What the status line says while a network trains. */
let training = '';

async function onMessage(m: FromWorker): Promise<void> {
  if (m.type === 'training') {
    history = { loss: [], val: [] };
    training =
      m.model === 'demo'
        ? 'Training'
        : `Training ${m.model}, ${m.phase} model${m.members > 1 ? `, member ${m.member + 1} of ${m.members}` : ''} (training ${m.index + 1} of ${m.total})`;
    progress.value = m.index / m.total;
    progress.dataset.total = String(m.total);
    progress.dataset.index = String(m.index);
    $('loss-title').textContent = m.model === 'demo' ? 'Training' : `Training: ${m.model}, ${m.phase} model`;
    setStatus(`${training}…`);
  } else if (m.type === 'epoch') {
    lossName = 'loss';
    history.loss.push(m.logs.loss);
    if (m.logs.val_loss !== undefined) history.val.push(m.logs.val_loss);
    const total = Number(progress.dataset.total ?? 1),
      index = Number(progress.dataset.index ?? 0);
    progress.value = (index + (m.epoch + 1) / m.epochs) / total;
    if (!paused)
      setStatus(
        `${training}: epoch ${m.epoch + 1}/${m.epochs}, loss ${m.logs.loss.toPrecision(4)}${m.logs.val_loss !== undefined ? `, val_loss ${m.logs.val_loss.toPrecision(4)}` : ''}`,
      );
    drawLoss();
  } else if (m.type === 'forecast') {
    setRunning(false);
    progress.value = 1;
    report = showForecast(current!, m.result as ForecastNumbers);
    setStatus(
      `Done: ${m.result.models.length} models compared walk-forward; the next ${m.result.config.horizon} values are below.`,
    );
    showView(m.view);
  } else if (m.type === 'loaded') {
    setRunning(false);
    showLoaded(current!, m.report);
    setStatus(`Loaded ${m.report.from} and forecast ${datasetSel.selectedOptions[0].text}.`);
    showView(m.view);
  } else if (m.type === 'demo') {
    setRunning(false);
    current = null;
    setStatus(
      `${m.stopped ? 'Stopped' : 'Done'} after ${m.epochsRun} epochs. Final loss ${history.loss.at(-1)?.toPrecision(4) ?? '–'}.`,
    );
    showSymbols(m.symbols);
    showView(m.view);
  } else if (m.type === 'stopped') {
    setRunning(false);
    setStatus('Stopped: the forecast was cancelled (it needs every one of its trainings).');
  } else if (m.type === 'inspection') {
    state.lastInspection = { data: m.data, steps: m.steps };
    drawHeatmaps();
  } else if (m.type === 'saved') {
    if (m.target === 'indexeddb')
      setStatus(`Saved '${m.name}' in this browser (IndexedDB, as saveForecaster writes it).`);
    else {
      download(`${m.name}.zip`, forecasterZip(m.artifacts!, m.name), 'application/zip');
      setStatus(
        `Downloaded ${m.name}.zip: the forecaster's folder (unzip it; lstmkit predict ${m.name} data.csv reads it).`,
      );
    }
  } else if (m.type === 'error') {
    setRunning(false);
    setStatus(m.message, true);
  }
}

function drawLoss(): void {
  const x = history.loss.map((_, i) => i + 1);
  const series: ChartSeries[] = [
    { label: 'training loss', color: '#127a86', x, y: history.loss },
    ...(history.val.length
      ? [{ label: 'validation loss', color: '#d9622b', x: history.val.map((_, i) => i + 1), y: history.val }]
      : []),
  ];
  const host = $('loss-chart');
  host.classList.remove('empty');
  host.dataset.losses = JSON.stringify(history.loss);
  showChart(host, (width) =>
    lineChart(series, { yScale: 'log', yLabel: `loss (${lossName}, log scale)`, xLabel: 'epoch', width, height: 230 }),
  );
}
