// Power transforms that stabilize variance, with exact inverses: log (with an offset) and Box-Cox
// (scipy.stats.boxcox: (x^λ − 1)/λ, log x at λ = 0; λ fitted by maximum likelihood when not given).

import { ConfigError, DataError } from '../errors.js';
import { type Series, toTable } from './series.js';

function values1d(series: Series, where: string): Float64Array {
  const t = toTable(series, where);
  if (!t.univariate) throw new DataError('expects a 1-D series; transform each column separately', where);
  return t.data;
}

function checkOffset(offset: number, where: string): number {
  if (!Number.isFinite(offset))
    throw new ConfigError(`offset must be a finite number, got ${JSON.stringify(offset)}`, where);
  return offset;
}

/**
 * Natural log of x + offset. Every x + offset must be > 0.
 * @example logTransform([1, Math.E])  //=> [0, 1]
 */
export function logTransform(series: Series, options: { offset?: number } = {}): number[] {
  const where = 'logTransform()';
  const offset = checkOffset(options.offset ?? 0, where);
  const v = values1d(series, where);
  return Array.from(v, (x, i) => {
    if (!(x + offset > 0))
      throw new DataError(
        `value at index ${i} is ${x}; log needs x + offset > 0 (offset ${offset}); pass a larger offset`,
        where,
      );
    return Math.log(x + offset);
  });
}

/**
 * Inverse of logTransform(): exp(y) − offset.
 * @example inverseLog([0, 1], { offset: 1 })  //=> [0, Math.E - 1]
 */
export function inverseLog(series: Series, options: { offset?: number } = {}): number[] {
  const where = 'inverseLog()';
  const offset = checkOffset(options.offset ?? 0, where);
  return Array.from(values1d(series, where), (y) => Math.exp(y) - offset);
}

function checkLambda(lambda: number, where: string): number {
  if (typeof lambda !== 'number' || !Number.isFinite(lambda))
    throw new ConfigError(`lambda must be a finite number, got ${JSON.stringify(lambda)}`, where);
  return lambda;
}

/**
 * Box-Cox transform with a given λ: (x^λ − 1)/λ, or log x when λ = 0. Every x must be > 0.
 * @example boxCox([1, 4], 0.5)  //=> [0, 2]
 */
export function boxCox(series: Series, lambda: number): number[] {
  const where = 'boxCox()';
  checkLambda(lambda, where);
  return Array.from(values1d(series, where), (x, i) => {
    if (!(x > 0))
      throw new DataError(
        `value at index ${i} is ${x}; Box-Cox needs positive values (shift the series or use logTransform with an offset)`,
        where,
      );
    return lambda === 0 ? Math.log(x) : (x ** lambda - 1) / lambda;
  });
}

/**
 * Inverse of boxCox(): (λy + 1)^(1/λ), or exp y when λ = 0.
 * @example inverseBoxCox([0, 2], 0.5)  //=> [1, 4]
 */
export function inverseBoxCox(series: Series, lambda: number): number[] {
  const where = 'inverseBoxCox()';
  checkLambda(lambda, where);
  return Array.from(values1d(series, where), (y, i) => {
    if (lambda === 0) return Math.exp(y);
    const base = lambda * y + 1;
    if (!(base > 0))
      throw new DataError(
        `value at index ${i} is ${y}, outside the range of Box-Cox with lambda ${lambda} (needs λy + 1 > 0)`,
        where,
      );
    return base ** (1 / lambda);
  });
}

/** Box-Cox log-likelihood of λ (scipy.stats.boxcox_llf), up to a constant. */
function llf(lambda: number, x: Float64Array, sumLog: number): number {
  const n = x.length;
  let mean = 0;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = lambda === 0 ? Math.log(x[i]) : (x[i] ** lambda - 1) / lambda;
    mean += y[i];
  }
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (y[i] - mean) ** 2;
  return (lambda - 1) * sumLog - (n / 2) * Math.log(v / n);
}

/**
 * Estimates Box-Cox λ by maximum likelihood (golden-section search on [-5, 5]), as scipy's
 * boxcox(x) with lmbda=None. Fit it on the training part only.
 * @example fitBoxCox([1, 2, 4, 8, 16, 32]).lambda  // ≈ 0 (log-like growth)
 */
export function fitBoxCox(series: Series): { lambda: number } {
  const where = 'fitBoxCox()';
  const x = values1d(series, where);
  if (x.length < 2) throw new DataError(`needs at least 2 values to estimate lambda, got ${x.length}`, where);
  let sumLog = 0;
  for (let i = 0; i < x.length; i++) {
    if (!(x[i] > 0)) throw new DataError(`value at index ${i} is ${x[i]}; Box-Cox needs positive values`, where);
    sumLog += Math.log(x[i]);
  }
  if (x.every((v) => v === x[0])) throw new DataError('the series is constant; Box-Cox lambda is undefined', where);
  const g = (Math.sqrt(5) - 1) / 2;
  let a = -5,
    b = 5;
  let c = b - g * (b - a),
    d = a + g * (b - a);
  let fc = llf(c, x, sumLog),
    fd = llf(d, x, sumLog);
  while (b - a > 1e-10) {
    if (fc > fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = llf(c, x, sumLog);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = llf(d, x, sumLog);
    }
  }
  return { lambda: (a + b) / 2 };
}
