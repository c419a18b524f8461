// Autocorrelation plots (as statsmodels' plot_acf): one stem per lag and the band ±z/√n inside which
// the autocorrelations of white noise of length n fall with the band's probability.

import { ConfigError } from '../errors.js';
import { lineChart } from './line-chart.js';
import { PALETTE } from './svg.js';

export interface AcfChartOptions {
  /** Length of the series the autocorrelations were computed from (sets the band ±z/√n). */
  sampleSize: number;
  title?: string;
  width?: number;
  height?: number;
  color?: string;
  /** Normal quantile of the band; default 1.96 (95%). */
  z?: number;
}

/**
 * Autocorrelation bars for lags 1..K from `acf` (lags 0..K, e.g. autocorrelations(residuals, 24)),
 * with the white-noise band.
 * @example acfChart(autocorrelations(residuals, 24), { sampleSize: residuals.length, title: 'ACF of residuals' })
 */
export function acfChart(acf: ArrayLike<number>, options: AcfChartOptions): string {
  const n = options.sampleSize;
  if (!(Number.isInteger(n) && n > 1))
    throw new ConfigError(`sampleSize must be the series length (an integer > 1), got ${n}`, 'acfChart');
  if (acf.length < 2) throw new ConfigError(`needs lags 0..K with K >= 1, got ${acf.length} value(s)`, 'acfChart');
  const z = options.z ?? 1.96;
  const K = acf.length - 1,
    b = z / Math.sqrt(n);
  const lags = Array.from({ length: K }, (_, k) => k + 1);
  const color = options.color ?? PALETTE[0];
  return lineChart(
    [
      { label: `±${z}/√n`, kind: 'band', x: [0.5, K + 0.5], y: [-b, -b], y2: [b, b], color: '#9aa3ad', opacity: 0.25 },
      { label: 'autocorrelation', kind: 'stems', x: lags, y: lags.map((k) => acf[k]), color, strokeWidth: 3 },
    ],
    {
      ...(options.title ? { title: options.title } : {}),
      width: options.width ?? 640,
      height: options.height ?? 240,
      xLabel: 'lag',
      includeZero: true,
      formatX: (v) => (Number.isInteger(v) ? String(v) : ''),
    },
  );
}
