// The playground page: reads the form, drives the training worker, and draws what it reports
// (loss curves, forecast with intervals and baselines, gate heatmaps, model summary and diagram).

import {
  type ChartSeries,
  downloadsHandler,
  heatmapChart,
  indexedDbHandler,
  lineChart,
  type LstmInspection,
  type ModelArtifacts,
  parseDate,
} from 'lstmkit';
import { showChart } from './responsive.ts';
import { DATASETS, type DatasetId, type TrainSettings } from './data.ts';
import type { SeriesReport } from './evaluate.ts';
import type { FromWorker, SymbolReport, ToWorker } from './protocol.ts';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const datasetSel = $<HTMLSelectElement>('dataset'),
  probeSel = $<HTMLSelectElement>('probe'),
  layerSel = $<HTMLSelectElement>('layer');
const trainBtn = $<HTMLButtonElement>('train'),
  pauseBtn = $<HTMLButtonElement>('pause'),
  stopBtn = $<HTMLButtonElement>('stop');
const progress = $<HTMLProgressElement>('progress'),
  status = $('status');
const NUMBER_FIELDS = [
  'lookback',
  'horizon',
  'units',
  'layers',
  'epochs',
  'batchSize',
  'learningRate',
  'seed',
] as const;

let worker: Worker | null = null;
let paused = false;
let history: { loss: number[]; val: number[] } = { loss: [], val: [] };
let lastInspection: { data: LstmInspection; steps: string[] } | null = null;
let memoryUnit: number | undefined;
let lossName = 'loss';

for (const d of DATASETS) datasetSel.add(new Option(d.label, d.id));
function applyDefaults(): void {
  const d = DATASETS.find((x) => x.id === datasetSel.value)!;
  $('dataset-note').textContent = d.note;
  $('csv-label').hidden = d.id !== 'csv';
  const defaults: Partial<TrainSettings> = { seed: 42, ...d.defaults };
  for (const f of NUMBER_FIELDS) if (defaults[f] !== undefined) $<HTMLInputElement>(f).value = String(defaults[f]);
  $<HTMLInputElement>('horizon').disabled = d.id === 'memory' || d.id === 'text';
  $<HTMLInputElement>('lookback').disabled = d.id === 'memory';
}
datasetSel.addEventListener('change', applyDefaults);
applyDefaults();

function settings(): TrainSettings {
  const s = { dataset: datasetSel.value as DatasetId, csv: $<HTMLTextAreaElement>('csv').value } as TrainSettings;
  for (const f of NUMBER_FIELDS) {
    const input = $<HTMLInputElement>(f),
      v = Number(input.value);
    const ok =
      f === 'learningRate'
        ? v > 0 && v < 1
        : f === 'seed'
          ? Number.isInteger(v) && v >= 0
          : Number.isInteger(v) && v >= 1;
    if (!ok)
      throw new Error(`${input.parentElement?.textContent?.trim() ?? f}: ${input.value || '(empty)'} is not valid`);
    s[f] = v;
  }
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

trainBtn.addEventListener('click', () => {
  let s: TrainSettings;
  try {
    s = settings();
  } catch (err) {
    setStatus((err as Error).message, true);
    return;
  }
  reset();
  setRunning(true);
  setStatus('Preparing data and building the model…');
  send({ type: 'train', settings: s });
});

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
  lastInspection = null;
  memoryUnit = undefined;
  progress.value = 0;
  probeSel.disabled = layerSel.disabled = true;
  $('memory-note').hidden = $('memory-compare').hidden = true;
}

const modelName = () => $<HTMLInputElement>('model-name').value.trim() || 'playground';
$('save-idb').addEventListener('click', () => send({ type: 'save', target: 'indexeddb', name: modelName() }));
$('save-file').addEventListener('click', () => send({ type: 'save', target: 'download', name: modelName() }));

function startLoad(artifacts: ModelArtifacts, from: string): void {
  let s: TrainSettings;
  try {
    s = settings();
  } catch (err) {
    setStatus((err as Error).message, true);
    return;
  }
  reset();
  setStatus(`Loading ${from}…`);
  send({ type: 'load', artifacts, settings: s, from });
}

$('load-idb').addEventListener('click', async () => {
  const name = modelName();
  try {
    startLoad(await indexedDbHandler(name).load!(), `IndexedDB '${name}'`);
  } catch (err) {
    setStatus((err as Error).message, true);
  }
});

$<HTMLInputElement>('load-files').addEventListener('change', async (e) => {
  const input = e.target as HTMLInputElement;
  const files = [...(input.files ?? [])];
  input.value = '';
  const json = files.find((f) => f.name.endsWith('.json')),
    bin = files.find((f) => f.name.endsWith('.bin'));
  if (!json || !bin) {
    setStatus('choose both files of a saved model: name.json and name.weights.bin', true);
    return;
  }
  startLoad(
    { topology: await json.text(), weights: new Uint8Array(await bin.arrayBuffer()) },
    `${json.name} + ${bin.name}`,
  );
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

async function onMessage(m: FromWorker): Promise<void> {
  if (m.type === 'started') {
    lossName = m.loss;
    $('summary').textContent = m.summary;
    $('diagram').innerHTML = m.diagram;
    setStatus(`Training on ${m.samples} windows (loss: ${m.loss})…`);
  } else if (m.type === 'epoch') {
    history.loss.push(m.logs.loss);
    if (m.logs.val_loss !== undefined) history.val.push(m.logs.val_loss);
    progress.value = (m.epoch + 1) / m.epochs;
    if (!paused)
      setStatus(
        `Epoch ${m.epoch + 1}/${m.epochs}: loss ${m.logs.loss.toPrecision(4)}${m.logs.val_loss !== undefined ? `, val_loss ${m.logs.val_loss.toPrecision(4)}` : ''}`,
      );
    drawLoss();
  } else if (m.type === 'done') {
    setRunning(false);
    setStatus(
      m.loaded
        ? `Loaded ${m.loaded} and evaluated it on ${datasetSel.selectedOptions[0].text}.`
        : `${m.stopped ? 'Stopped' : 'Done'} after ${m.epochsRun} epochs. Final loss ${history.loss.at(-1)?.toPrecision(4) ?? '–'}.`,
    );
    $<HTMLInputElement>('lookback').value = String(m.lookback);
    $<HTMLInputElement>('horizon').value = String(m.horizon);
    $<HTMLButtonElement>('save-idb').disabled = $<HTMLButtonElement>('save-file').disabled = false;
    if (m.series) showSeries(m.series);
    if (m.symbols) showSymbols(m.symbols);
    probeSel.replaceChildren(...m.probes.map((label, i) => new Option(label, String(i))));
    layerSel.replaceChildren(...m.lstmLayers.map((l) => new Option(`${l.name} (${l.units} units)`, String(l.index))));
    probeSel.disabled = layerSel.disabled = false;
    requestInspection();
  } else if (m.type === 'inspection') {
    lastInspection = { data: m.data, steps: m.steps };
    drawHeatmaps();
  } else if (m.type === 'saved') {
    if (m.target === 'indexeddb') {
      await indexedDbHandler(m.name).save!(m.artifacts);
      setStatus(`Saved '${m.name}' in this browser (IndexedDB, lstmkit format).`);
    } else {
      await downloadsHandler(m.name).save!(m.artifacts);
      setStatus(`Downloaded ${m.name}.json and ${m.name}.weights.bin (lstmkit format).`);
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

const num = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(2));

function showSeries(r: SeriesReport): void {
  $('result-title').textContent =
    `Forecast: ${r.name}, test part (one step ahead${r.horizon > 1 ? `; metrics over all ${r.horizon} steps` : ''})`;
  const from = Math.max(0, r.testStart - 3 * Math.max(12, r.origins.length));
  // Dated series get a calendar axis; otherwise the x axis counts steps.
  const times = r.labels.map((l) => parseDate(l));
  const dated = times.length === r.values.length && times.every(Number.isFinite);
  const t = (i: number) => (dated ? times[i] : i);
  const xs = r.values.map((_, i) => t(i)).slice(from);
  const ox = r.origins.map(t);
  const series: ChartSeries[] = [
    {
      label: `${Math.round(r.level * 100)}% interval`,
      kind: 'band',
      x: ox,
      y: r.lower,
      y2: r.upper,
      color: '#d9622b',
      opacity: 0.22,
    },
    { label: 'actual', color: '#39424e', x: xs, y: r.values.slice(from) },
    { label: 'LSTM forecast', color: '#d9622b', x: ox, y: r.predicted },
    ...(r.origins.length < 60 ? [{ label: '', kind: 'points' as const, color: '#d9622b', x: ox, y: r.predicted }] : []),
  ];
  const host = $('forecast-chart');
  host.classList.remove('empty');
  showChart(host, (width) =>
    lineChart(series, {
      xScale: dated ? 'time' : 'linear',
      markers: [{ x: t(r.testStart), label: 'test →' }],
      yLabel: r.name,
      width,
      height: 290,
    }),
  );
  const persistence = r.metrics.find((m) => m.name === 'persistence')!;
  const rows = r.metrics.map((m, i) => {
    const skill = 1 - m.rmse / persistence.rmse;
    return `<tr class="${i === 0 ? 'model-row' : ''}"><td>${m.name}</td><td class="${i === 0 && m.rmse < persistence.rmse ? 'better' : ''}">${num(m.rmse)}</td><td>${num(m.mae)}</td><td>${Number.isFinite(m.mape) ? `${m.mape.toFixed(1)}%` : '—'}</td><td>${m.name === 'persistence' ? '—' : `${(100 * skill).toFixed(0)}%`}</td></tr>`;
  });
  $('metrics').innerHTML =
    `<table class="metrics"><thead><tr><th>Test part (${r.origins.length} origins)</th><th>RMSE</th><th>MAE</th><th>MAPE</th><th>skill vs persistence</th></tr></thead><tbody>${rows.join('')}</tbody></table>
    <p class="note">Intervals: split-conformal, ${Math.round(r.level * 100)}% level, calibrated on the validation windows; test coverage ${(100 * r.coverage).toFixed(0)}%.</p>`;
}

function showSymbols(r: SymbolReport): void {
  $('result-title').textContent = 'Next-symbol predictions';
  showChart($('forecast-chart'), null);
  $('forecast-chart').className = 'chart-host';
  $('forecast-chart').innerHTML =
    `<table class="metrics"><thead><tr><th>Input window</th><th>Predicted next symbols</th><th>Confidence at last step</th></tr></thead><tbody>${r.rows
      .map(
        (row) =>
          `<tr><td>${escapeHtml(row.input)}</td><td><code>${escapeHtml(row.predicted)}</code></td><td>${(100 * row.confidence).toFixed(0)}%</td></tr>`,
      )
      .join('')}</tbody></table>`;
  $('metrics').innerHTML =
    `<p class="note">Accuracy over all steps ${(100 * r.accuracy).toFixed(1)}%; at the last step ${(100 * r.lastStepAccuracy).toFixed(1)}%.</p>`;
  const note = $('memory-note'),
    compare = $('memory-compare');
  note.hidden = compare.hidden = !r.memory;
  memoryUnit = r.memory && r.memory.gap >= 0.3 ? r.memory.unit : undefined;
  if (!r.memory) return;
  note.textContent = r.memory.text;
  const seqs = r.memory.sequences;
  const cells = r.memory.cells;
  const box = document.createElement('div');
  const caption = document.createElement('p');
  caption.className = 'note';
  caption.textContent =
    'Columns are the input symbols step by step. The two rows stay apart through "0 1 2", which is what lets the model name the first symbol again at the end.';
  compare.replaceChildren(box, caption);
  showChart(box, (width) =>
    heatmapChart({
      title: `cell state of unit ${r.memory!.unit}, both sequences`,
      values: transpose(cells),
      columnLabels: seqs[0]
        .split(' ')
        .slice(0, cells.length)
        .map((a, t) => (t === 0 ? `${a}|${seqs[1].split(' ')[0]}` : a)),
      rowLabels: seqs,
      scale: 'signed',
      legendLabel: 'cell state',
      width,
    }),
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function drawHeatmaps(): void {
  if (!lastInspection) return;
  const { data: r, steps } = lastInspection;
  const host = $('heatmaps');
  host.classList.remove('empty');
  const cols = r.time.map((t) => steps[t] ?? String(t));
  const hl = layerSel.selectedIndex === 0 ? memoryUnit : undefined;
  const maps: {
    title: string;
    values: number[][];
    scale: 'unit' | 'signed';
    caption: string;
    rows?: (j: number) => string;
  }[] = [
    {
      title: 'input x',
      values: r.input,
      scale: 'signed',
      caption: 'The sequence fed to this layer, one column per step.',
      rows: (j) => (r.input[0].length === 1 ? 'x' : `x${j}`),
    },
    {
      title: 'input gate i',
      values: r.inputGate,
      scale: 'unit',
      caption: 'How much of the candidate is written into the cell (0–1).',
    },
    {
      title: 'forget gate f',
      values: r.forgetGate,
      scale: 'unit',
      caption: 'How much of the previous cell state is kept (0–1).',
    },
    {
      title: 'output gate o',
      values: r.outputGate,
      scale: 'unit',
      caption: 'How much of tanh(c) is exposed as the output h (0–1).',
    },
    { title: 'cell state c', values: r.cell, scale: 'signed', caption: 'The memory: red positive, blue negative.' },
    { title: 'hidden state h', values: r.hidden, scale: 'signed', caption: 'The output h = o · tanh(c).' },
  ];
  host.replaceChildren(
    ...maps.map((m) => {
      const fig = document.createElement('figure');
      const box = document.createElement('div');
      const cap = document.createElement('figcaption');
      cap.textContent = m.caption;
      fig.append(box, cap);
      const values = transpose(m.values);
      const rowLabels = values.map((_, j) => (m.rows ? m.rows(j) : `u${j}`));
      showChart(box, (width) =>
        heatmapChart({
          title: m.title,
          values,
          columnLabels: cols,
          rowLabels,
          scale: m.scale,
          legendLabel: m.scale === 'unit' ? 'gate value' : 'value',
          width,
          ...(hl !== undefined && m.title !== 'input x' ? { highlightRow: hl } : {}),
        }),
      );
      return fig;
    }),
  );
}

/** values[t][j] (step, unit) to rows[j][t], the heatmap's rows-by-columns order. */
function transpose(values: number[][]): number[][] {
  return (values[0] ?? []).map((_, j) => values.map((row) => row[j]));
}
