// A chain of invertible transforms for a univariate series (log, Box-Cox, differencing, scaling),
// fitted on the training part only, applied to any part, and inverted for predictions at given
// time positions, undoing differencing from the TRUE history (the seeds' shampoo recipe).

import { ConfigError, DataError, StateError } from '../errors.js';
import { fitBoxCox } from './power.js';
import { fitScaler, type Scaler, type ScalerKind } from './scalers.js';
import { toTable } from './series.js';

/** A step to fit. Scalers are fitted on the training data as it is after the steps before them. */
export type PipelineStep =
  | { kind: 'log'; offset?: number }
  | { kind: 'boxCox'; lambda?: number }
  | { kind: 'difference'; interval?: number; order?: number }
  | { kind: 'minMax'; featureRange?: [number, number] }
  | { kind: 'standard' }
  | { kind: 'robust'; quantileRange?: [number, number] }
  | { kind: 'maxAbs' };

/** A fitted step: plain data. */
export type FittedStep =
  | { kind: 'log'; offset: number }
  | { kind: 'boxCox'; lambda: number }
  | { kind: 'difference'; interval: number; order: number }
  | { kind: 'scale'; scaler: Scaler };

/** A fitted pipeline: plain JSON data (save it beside the model). */
export interface Pipeline {
  kind: 'pipeline';
  steps: FittedStep[];
  /** Time steps consumed by differencing: pipelineTransform()[i] is original time i + lag. */
  lag: number;
}

const SCALERS: readonly string[] = ['minMax', 'standard', 'robust', 'maxAbs'];

function forward(step: FittedStep, v: number): number {
  if (step.kind === 'log') return Math.log(v + step.offset);
  if (step.kind === 'boxCox') return step.lambda === 0 ? Math.log(v) : (v ** step.lambda - 1) / step.lambda;
  if (step.kind === 'scale') return (v - step.scaler.center[0]) / step.scaler.scale[0] + step.scaler.offset;
  return v;
}

function inverse(step: FittedStep, v: number): number {
  if (step.kind === 'log') return Math.exp(v) - step.offset;
  if (step.kind === 'boxCox') return step.lambda === 0 ? Math.exp(v) : (step.lambda * v + 1) ** (1 / step.lambda);
  if (step.kind === 'scale') return (v - step.scaler.offset) * step.scaler.scale[0] + step.scaler.center[0];
  return v;
}

/** Applies one step to an aligned series (NaN where earlier differencing left no value). */
function applyStep(step: FittedStep, x: Float64Array, where: string): Float64Array {
  const out = new Float64Array(x.length);
  if (step.kind === 'difference') {
    let cur = x;
    for (let k = 0; k < step.order; k++) {
      const next = new Float64Array(x.length).fill(Number.NaN);
      for (let t = step.interval; t < x.length; t++) next[t] = cur[t] - cur[t - step.interval];
      cur = next;
    }
    return cur;
  }
  for (let t = 0; t < x.length; t++) {
    const v = x[t];
    if (Number.isNaN(v)) {
      out[t] = v;
      continue;
    }
    if ((step.kind === 'log' && !(v + step.offset > 0)) || (step.kind === 'boxCox' && !(v > 0))) {
      throw new DataError(
        `value at time ${t} is ${v}; ${step.kind} needs ${step.kind === 'log' ? `x + ${step.offset} > 0` : 'x > 0'}`,
        where,
      );
    }
    out[t] = forward(step, v);
  }
  return out;
}

function lagOf(steps: readonly FittedStep[]): number {
  return steps.reduce((s, st) => s + (st.kind === 'difference' ? st.interval * st.order : 0), 0);
}

function defined(x: Float64Array): Float64Array {
  let i = 0;
  while (i < x.length && Number.isNaN(x[i])) i++;
  return x.subarray(i);
}

/**
 * Fits a chain of transforms on the training series only.
 * @example
 * const p = fitPipeline([10, 12, 15, 19], [{ kind: 'difference' }, { kind: 'minMax', featureRange: [-1, 1] }]);
 * pipelineTransform(p, [10, 12, 15, 19, 20])  //=> [-1, 0, 1, -2]  (differences 2, 3, 4, 1 scaled from the train range 2..4 to [-1, 1])
 */
export function fitPipeline(train: ArrayLike<number>, steps: readonly PipelineStep[]): Pipeline {
  const where = 'fitPipeline()';
  const t = toTable(train, where);
  if (!t.univariate)
    throw new DataError('expects a 1-D series (one target); scale multivariate inputs with fitScaler', where);
  if (!Array.isArray(steps))
    throw new ConfigError('steps must be an array, e.g. [{ kind: "difference" }, { kind: "minMax" }]', where);
  const fitted: FittedStep[] = [];
  let cur: Float64Array = t.data;
  for (const [i, s] of steps.entries()) {
    let f: FittedStep;
    if (s?.kind === 'log') f = { kind: 'log', offset: s.offset ?? 0 };
    else if (s?.kind === 'boxCox') f = { kind: 'boxCox', lambda: s.lambda ?? fitBoxCox(defined(cur)).lambda };
    else if (s?.kind === 'difference') {
      const interval = s.interval ?? 1,
        order = s.order ?? 1;
      if (!Number.isInteger(interval) || interval < 1 || !Number.isInteger(order) || order < 1) {
        throw new ConfigError(
          `step ${i}: difference needs positive integer interval and order, got ${JSON.stringify(s)}`,
          where,
        );
      }
      f = { kind: 'difference', interval, order };
    } else if (SCALERS.includes(s?.kind)) {
      const def = defined(cur);
      if (def.length === 0)
        throw new DataError(`step ${i} (${s.kind}): no training values left after differencing`, where);
      f = { kind: 'scale', scaler: fitScaler(def, { ...(s as object), kind: s.kind as ScalerKind }) };
    } else {
      throw new ConfigError(
        `step ${i}: unknown kind ${JSON.stringify(s?.kind)}; expected one of: 'log', 'boxCox', 'difference', ${SCALERS.map((k) => `'${k}'`).join(', ')}`,
        where,
      );
    }
    cur = applyStep(f, cur, where);
    fitted.push(f);
  }
  const lag = lagOf(fitted);
  if (lag >= t.T)
    throw new DataError(`the training series has ${t.T} values but the differencing consumes ${lag}`, where);
  return { kind: 'pipeline', steps: fitted, lag };
}

function checkPipeline(p: unknown, where: string): Pipeline {
  if (
    p === null ||
    typeof p !== 'object' ||
    (p as Pipeline).kind !== 'pipeline' ||
    !Array.isArray((p as Pipeline).steps)
  ) {
    throw new StateError('the pipeline is not fitted; call fitPipeline(train, steps) first', where);
  }
  return p as Pipeline;
}

function levels(p: Pipeline, series: ArrayLike<number>, where: string): Float64Array[] {
  const t = toTable(series, where, true);
  if (!t.univariate) throw new DataError('expects a 1-D series', where);
  const out = [t.data];
  for (const s of p.steps) out.push(applyStep(s, out[out.length - 1], where));
  return out;
}

/**
 * Applies a fitted pipeline to a series (training, test, or the whole). The result is `lag`
 * values shorter: element i belongs to original time i + pipeline.lag.
 * @example pipelineTransform(fitPipeline([1, 2, 3], [{ kind: 'minMax' }]), [2, 3])  //=> [0.5, 1]
 */
export function pipelineTransform(pipeline: Pipeline, series: ArrayLike<number>): number[] {
  const where = 'pipelineTransform()';
  const p = checkPipeline(pipeline, where);
  toTable(series, where); // finite numbers only: fill or drop missing values first
  const lv = levels(p, series, where);
  if (series.length <= p.lag)
    throw new DataError(`the series has ${series.length} values but the differencing consumes ${p.lag}`, where);
  return Array.from(lv[lv.length - 1].subarray(p.lag));
}

/** Options of pipelineInverse(). */
export interface PipelineInverseOptions {
  /** Original time index of each prediction. */
  positions: ArrayLike<number>;
  /**
   * The true original series as far as it is known. Each prediction at time t reads only values
   * before t. Positions past the history's end (multi-step forecasts) build on this call's earlier
   * predictions, so pass one forecast path (increasing positions) per call.
   */
  history: ArrayLike<number>;
}

/**
 * Inverts predictions made in transformed units back to original units: undoes scaling, then
 * differencing from the true past values, then log / Box-Cox.
 * @example
 * const p = fitPipeline([10, 12, 15, 19], [{ kind: 'difference' }, { kind: 'minMax', featureRange: [-1, 1] }]);
 * pipelineInverse(p, [1], { positions: [4], history: [10, 12, 15, 19] })  //=> [23]  (19 + a difference of 4)
 */
export function pipelineInverse(
  pipeline: Pipeline,
  predictions: ArrayLike<number>,
  options: PipelineInverseOptions,
): number[] {
  const where = 'pipelineInverse()';
  const p = checkPipeline(pipeline, where);
  const pred = toTable(predictions, where);
  const { positions, history } = options ?? ({} as PipelineInverseOptions);
  if (!positions || positions.length !== pred.T) {
    throw new ConfigError(`positions must give the original time index of each of the ${pred.T} predictions`, where);
  }
  const H = history?.length ?? 0;
  const lv = H > 0 ? levels(p, history, where) : p.steps.map(() => new Float64Array(0)).concat([new Float64Array(0)]);
  const made: Map<number, number>[] = lv.map(() => new Map());
  const get = (k: number, u: number, t: number): number => {
    const v = u >= 0 && u < H ? lv[k][u] : made[k].get(u);
    if (v === undefined || Number.isNaN(v)) {
      throw new DataError(
        `the prediction at time ${t} needs the value at time ${u}, which is neither in the history (0..${H - 1}) nor predicted earlier in this call`,
        where,
      );
    }
    return v;
  };
  const out: number[] = [];
  for (let i = 0; i < pred.T; i++) {
    const t = positions[i];
    if (!Number.isInteger(t) || t < p.lag)
      throw new DataError(`position ${t} (prediction ${i}) must be an integer >= the pipeline's lag ${p.lag}`, where);
    let v = pred.data[i];
    made[p.steps.length].set(t, v);
    for (let k = p.steps.length - 1; k >= 0; k--) {
      const s = p.steps[k];
      if (s.kind === 'difference') {
        // Undo `order` differences one at a time: level k holds x, each pass adds x[t - interval].
        // Intermediate levels are recomputed from level k's values (true history or earlier predictions).
        const x = (u: number) => get(k, u, t);
        let c = 1;
        let acc = v;
        for (let j = 1; j <= s.order; j++) {
          c = (c * (s.order - j + 1)) / j;
          acc -= (j % 2 === 0 ? 1 : -1) * c * x(t - j * s.interval);
        }
        v = acc;
      } else v = inverse(s, v);
      made[k].set(t, v);
    }
    out.push(v);
  }
  return out;
}
