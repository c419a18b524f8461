// Summaries of repeated runs: mean ± sample standard deviation, and the "published vs ours" table
// that the experiments print.

import { DataError } from '../errors.js';
import { maxOf } from '../array-stats.js';

/**
 * Mean and sample standard deviation (n - 1; 0 for a single value).
 * @example meanStd([1, 2, 3]) //=> { mean: 2, std: 1 }
 */
export function meanStd(values: readonly number[]): { mean: number; std: number } {
  if (values.length === 0) throw new DataError('no values to summarize', 'meanStd');
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = values.length > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1)) : 0;
  return { mean, std };
}

/** One line of a published-vs-ours comparison; met is null when there is no target. */
export interface ComparisonRow {
  task: string;
  metric: string;
  published: string;
  ours: string;
  target: string;
  met: boolean | null;
}

/**
 * The comparison as an aligned text table (columns separated by " | ").
 * @example comparisonTable([{ task: 'a', metric: 'RMSE', published: '1', ours: '0.9', target: '<= 1', met: true }]).split('\n').length //=> 3
 */
export function comparisonTable(rows: readonly ComparisonRow[]): string {
  const head = ['task', 'metric', 'published', 'ours (mean ± std)', 'target', 'met'];
  const body = rows.map((r) => [
    r.task,
    r.metric,
    r.published,
    r.ours,
    r.target,
    r.met === null ? '-' : r.met ? 'yes' : 'NO',
  ]);
  const w = head.map((_, c) => Math.max(head[c].length, maxOf(body.map((b) => b[c].length))));
  return [head, w.map((n) => '-'.repeat(n)), ...body]
    .map((line) =>
      line
        .map((v, c) => v.padEnd(w[c]))
        .join(' | ')
        .trimEnd(),
    )
    .join('\n');
}
