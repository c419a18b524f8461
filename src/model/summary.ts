// The text of model.summary(): Keras' columns (layer and type, output shape, parameter count).

import type { Param } from '../layers/layer.js';
import { maxOf } from '../array-stats.js';

export interface SummaryRow {
  name: string;
  type: string;
  shape: string;
  params: number;
  connectedTo?: string;
}

/** A per-sample shape as Keras prints an output shape: (None, 5, 8); a size that varies is None too. */
export function summaryShape(shape: readonly number[]): string {
  return `(None, ${shape.map((d) => (Number.isNaN(d) ? 'None' : d)).join(', ')})`;
}

export function summaryTable(modelName: string, rows: SummaryRow[], params: Param[]): string {
  const withConn = rows.some((r) => r.connectedTo);
  const head = ['Layer (type)', 'Output Shape', 'Param #', ...(withConn ? ['Connected to'] : [])];
  const body = rows.map((r) => [
    `${r.name} (${r.type})`,
    r.shape,
    r.params.toLocaleString('en-US'),
    ...(withConn ? [r.connectedTo ?? ''] : []),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, maxOf(body.map((b) => b[i].length))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('   ')
      .trimEnd();
  const rule = (ch: string) => ch.repeat(widths.reduce((s, w) => s + w + 3, -3));
  const total = params.reduce((s, p) => s + p.value.length, 0);
  const trainable = params.filter((p) => p.trainable).reduce((s, p) => s + p.value.length, 0);
  return [
    `Model: "${modelName}"`,
    rule('_'),
    line(head),
    rule('='),
    ...body.flatMap((b, i) => [line(b), i < body.length - 1 ? rule('_') : rule('=')]),
    `Total params: ${total.toLocaleString('en-US')}`,
    `Trainable params: ${trainable.toLocaleString('en-US')}`,
    `Non-trainable params: ${(total - trainable).toLocaleString('en-US')}`,
  ].join('\n');
}
