// The demonstrations' results and the look-inside view: next-symbol predictions, the memory unit's
// cell states, and heatmaps of the gates and states of an LSTM layer for a chosen input window.

import { heatmapChart, type LstmInspection } from 'lstmkit';
import type { SymbolReport } from './protocol.ts';
import { showChart } from './responsive.ts';

const $ = (id: string) => document.getElementById(id)!;

/** What the view remembers between messages. */
export const state: {
  lastInspection: { data: LstmInspection; steps: string[] } | null;
  memoryUnit: number | undefined;
} = { lastInspection: null, memoryUnit: undefined };

/** A demonstration's next-symbol predictions and, for the memory demonstration, the unit that holds the first symbol. */
export function showSymbols(r: SymbolReport): void {
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
  state.memoryUnit = r.memory && r.memory.gap >= 0.3 ? r.memory.unit : undefined;
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

/** The gate and state heatmaps of the last inspection. */
export function drawHeatmaps(): void {
  if (!state.lastInspection) return;
  const { data: r, steps } = state.lastInspection;
  const host = $('heatmaps');
  host.classList.remove('empty');
  const cols = r.time.map((t) => steps[t] ?? String(t));
  const hl = ($('layer') as HTMLSelectElement).selectedIndex === 0 ? state.memoryUnit : undefined;
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
