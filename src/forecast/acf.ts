// Autocorrelations of long series in O(n log n): the power spectrum of the zero-padded, demeaned
// series, transformed back (Wiener-Khinchin), with a radix-2 FFT and the half-length trick for real
// input. Short lag ranges use the direct sums, whichever costs fewer operations.

import { ConfigError, DataError } from '../errors.js';

/** Points whose early FFT stages run together (2 × 16 KB of float64: within a core's L1/L2 cache). */
const FFT_BLOCK = 2048;

/** Twiddle tables by transform size (cos and sin of 2πk/N, k < N/2), built once per size. */
const TWIDDLES = new Map<number, [Float64Array, Float64Array]>();

function twiddles(N: number): [Float64Array, Float64Array] {
  let t = TWIDDLES.get(N);
  if (!t) {
    const cos = new Float64Array(N / 2),
      sin = new Float64Array(N / 2);
    for (let k = 0; k < N / 2; k++) {
      cos[k] = Math.cos((2 * Math.PI * k) / N);
      sin[k] = Math.sin((2 * Math.PI * k) / N);
    }
    t = [cos, sin];
    if (TWIDDLES.size > 8) TWIDDLES.clear();
    TWIDDLES.set(N, t);
  }
  return t;
}

/**
 * In-place forward FFT of a complex sequence of power-of-two length N: X[k] = Σ x[j]·e^(-2πijk/N).
 * @example const re = new Float64Array([1, 0, 0, 0]), im = new Float64Array(4); fft(re, im); re  //=> [1, 1, 1, 1]
 */
export function fft(re: Float64Array, im: Float64Array): void {
  const N = re.length;
  if (N !== im.length || N < 1 || (N & (N - 1)) !== 0)
    throw new ConfigError(`fft needs two arrays of one power-of-two length, got ${N} and ${im.length}`, 'fft()');
  for (let i = 1, j = 0; i < N; i++) {
    let bit = N >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const r = re[i],
        m = im[i];
      re[i] = re[j];
      im[i] = im[j];
      re[j] = r;
      im[j] = m;
    }
  }
  const [cos, sin] = twiddles(N);
  // butterflies of one stage over [lo, hi); the stages up to BLOCK points run block by block while the
  // block is in cache, the longer ones over the whole array
  const stage = (size: number, lo: number, hi: number) => {
    const half = size >> 1,
      stride = N / size;
    for (let start = lo; start < hi; start += size) {
      for (let k = 0, w = 0; k < half; k++, w += stride) {
        const wr = cos[w],
          wi = -sin[w];
        const a = start + k,
          b = a + half;
        const tr = re[b] * wr - im[b] * wi,
          ti = re[b] * wi + im[b] * wr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  };
  const block = Math.min(N, FFT_BLOCK);
  for (let lo = 0; lo < N; lo += block) for (let size = 2; size <= block; size <<= 1) stage(size, lo, lo + block);
  for (let size = 2 * block; size <= N; size <<= 1) stage(size, 0, N);
}

/**
 * Spectrum X[0..N/2] of a real sequence of power-of-two length N ≥ 2, from one complex FFT of length
 * N/2 (even samples as real parts, odd ones as imaginary parts).
 */
function realFft(x: Float64Array): [Float64Array, Float64Array] {
  const N = x.length,
    M = N / 2;
  const zr = new Float64Array(M),
    zi = new Float64Array(M);
  for (let j = 0; j < M; j++) {
    zr[j] = x[2 * j];
    zi[j] = x[2 * j + 1];
  }
  fft(zr, zi);
  const [cos, sin] = twiddles(N);
  const xr = new Float64Array(M + 1),
    xi = new Float64Array(M + 1);
  for (let k = 0; k <= M; k++) {
    const a = k % M,
      b = (M - k) % M;
    // even part E = (Z[k] + conj Z[M-k]) / 2, odd part O = (Z[k] - conj Z[M-k]) / 2i
    const er = (zr[a] + zr[b]) / 2,
      ei = (zi[a] - zi[b]) / 2;
    const or = (zi[a] + zi[b]) / 2,
      oi = -(zr[a] - zr[b]) / 2;
    const wr = k < M ? cos[k] : -1,
      wi = k < M ? -sin[k] : 0;
    xr[k] = er + or * wr - oi * wi;
    xi[k] = ei + or * wi + oi * wr;
  }
  return [xr, xi];
}

/** How autocorrelations were computed: the direct sums, or FFTs of `fftSize` points. */
export interface AcfWork {
  method: 'direct' | 'fft';
  fftSize: number;
}

/** The power-of-two FFT length autocorrelations up to maxLag of n values need (no circular wrap). */
export function acfFftSize(n: number, maxLag: number): number {
  let N = 2;
  while (N < n + maxLag + 1) N *= 2;
  return N;
}

/** Direct sums cost n·maxLag multiply-adds; two real FFTs about 3·N·log2 N. */
export function acfMethod(n: number, maxLag: number): 'direct' | 'fft' {
  const N = acfFftSize(n, maxLag);
  return n * maxLag <= 3 * N * Math.log2(N) ? 'direct' : 'fft';
}

/** Throws unless the series has at least 2 finite values; returns its mean. */
function checkedMean(series: ArrayLike<number>, where: string): number {
  const n = series.length;
  if (n < 2) throw new DataError(`needs at least 2 values, got ${n}`, where);
  let mean = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(series[i]))
      throw new DataError(`value ${i} is ${series[i]}; fill missing values first`, where);
    mean += series[i];
  }
  return mean / n;
}

/**
 * Biased autocorrelations r_0..r_maxLag of a series (demeaned; sums over n - k products divided by
 * the lag-0 sum, as R's acf and statsmodels' acf(adjusted=False)), in O(n log n) via FFT when that is
 * cheaper than the direct O(n·maxLag) sums. `work` receives the method used.
 * @example Array.from(autocorrelations([1, 2, 1, 2], 1))  //=> [1, -0.75]
 */
export function autocorrelations(series: ArrayLike<number>, maxLag: number, work?: AcfWork): Float64Array {
  const where = 'autocorrelations()';
  const n = series.length;
  const mean = checkedMean(series, where);
  if (!Number.isInteger(maxLag) || maxLag < 0 || maxLag >= n)
    throw new ConfigError(`maxLag must be an integer in [0, ${n - 1}], got ${maxLag}`, where);
  const method = acfMethod(n, maxLag);
  if (work) {
    work.method = method;
    work.fftSize = method === 'fft' ? acfFftSize(n, maxLag) : 0;
  }
  if (method === 'fft') return spectralAcf(series, maxLag, mean).acf;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = series[i] - mean;
  const out = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag; k++) {
    let c = 0;
    for (let i = 0; i + k < n; i++) c += x[i + k] * x[i];
    out[k] = c;
  }
  return normalized(out);
}

function normalized(c: Float64Array): Float64Array {
  const c0 = c[0];
  return c.map((v, k) => (c0 > 0 ? v / c0 : k === 0 ? 1 : 0));
}

/** ACF up to maxLag and the periodogram of the series zero-padded to N = acfFftSize(n, maxLag), from one FFT. */
function spectralAcf(
  series: ArrayLike<number>,
  maxLag: number,
  mean: number,
): { acf: Float64Array; power: Float64Array } {
  const n = series.length;
  const N = acfFftSize(n, maxLag);
  const x = new Float64Array(N);
  for (let i = 0; i < n; i++) x[i] = series[i] - mean;
  const [xr, xi] = realFft(x);
  const power = new Float64Array(N / 2 + 1);
  for (let k = 0; k <= N / 2; k++) power[k] = xr[k] * xr[k] + xi[k] * xi[k];
  // |X|² is real and even: its transform is N times the autocovariance sums
  const full = new Float64Array(N);
  full.set(power);
  for (let k = 1; k < N / 2; k++) full[N - k] = power[k];
  const [cr] = realFft(full);
  return { acf: normalized(cr.subarray(0, maxLag + 1).map((v) => v / N)), power };
}

/**
 * Autocorrelations up to maxLag (as autocorrelations(), always by FFT) and, from the same transform, the
 * periodogram |X_k|² (k = 0..N/2) of the demeaned series zero-padded to N = acfFftSize(n, maxLag), the power
 * of two above n + maxLag: bin k is the frequency k/N cycles per step, the period N/k steps.
 * @example Array.from(acfAndSpectrum([1, -1, 1, -1], 1).power).map(Math.round)  //=> [0, 1, 0, 7, 16]
 */
export function acfAndSpectrum(series: ArrayLike<number>, maxLag: number): { acf: Float64Array; power: Float64Array } {
  const where = 'acfAndSpectrum()';
  const mean = checkedMean(series, where);
  if (!Number.isInteger(maxLag) || maxLag < 0 || maxLag >= series.length)
    throw new ConfigError(`maxLag must be an integer in [0, ${series.length - 1}], got ${maxLag}`, where);
  return spectralAcf(series, maxLag, mean);
}
