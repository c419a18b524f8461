// trainGlobal: one model (or an ensemble of them) trained across every series of a panel; it
// forecasts the next `horizon` values of any series of the same frequency, by the median of its
// members, in the series' own units.

import { DataError } from '../../errors.js';
import { Tensor } from '../../tensor.js';
import { combineForecasts, statForecasts } from './combine.js';
import { type GlobalConfig, type ResolvedGlobalConfig, resolveGlobalConfig } from './config.js';
import {
  type EpochHook,
  inProcessMembers,
  type MemberJob,
  type MemberRunner,
  memberModel,
  type TrainedMember,
} from './member.js';
import type { Sequential } from '../../model/sequential.js';
import { patchSteps } from './model.js';
import { fitSeriesScale, fromModelSpace, type SeriesScale, toModelSpace } from './scale.js';
import { windowAt } from './windows.js';

/** One series of a panel. */
export interface PanelSeries {
  id: string;
  values: ArrayLike<number>;
}

/** A trained global forecaster. */
export interface GlobalForecaster {
  readonly config: ResolvedGlobalConfig;
  readonly members: readonly TrainedMember[];
  /**
   * The next `horizon` values after each series (any series of the panel's frequency), in its units:
   * the median of the members, combined with the statistical models of `combineWith` if any.
   */
  forecast(series: readonly ArrayLike<number>[]): number[][];
  /** Each member's forecasts, [member][series][step], before the median. */
  memberForecasts(series: readonly ArrayLike<number>[]): number[][][];
}

export interface TrainGlobalHooks {
  onEpoch?: EpochHook;
  /** Where members train. Default: one after another on this thread (lstmkit/node has worker threads). */
  runner?: MemberRunner;
}

function checkPanel(panel: readonly PanelSeries[], c: ResolvedGlobalConfig, where: string): void {
  if (!Array.isArray(panel) || panel.length === 0)
    throw new DataError('the panel is empty; pass at least one { id, values } series', where);
  const need = c.horizon + (c.patience > 0 ? c.horizon : 0) + 1;
  panel.forEach((s, i) => {
    const n = s?.values?.length ?? 0;
    if (n < need)
      throw new DataError(
        `series '${s?.id ?? i}' has ${n} values; horizon ${c.horizon}${c.patience > 0 ? ' + a validation horizon' : ''} needs at least ${need}`,
        where,
      );
    for (let t = 0; t < n; t++)
      if (!Number.isFinite(s.values[t]))
        throw new DataError(`series '${s.id}' has a non-finite value ${s.values[t]} at step ${t}`, where);
  });
}

/** Median of each column of rows (the middle value, or the mean of the two middle ones). */
export function medianOf(rows: readonly number[][]): number[] {
  const out = new Array<number>(rows[0].length);
  const col = new Float64Array(rows.length);
  for (let j = 0; j < out.length; j++) {
    for (let i = 0; i < rows.length; i++) col[i] = rows[i][j];
    col.sort();
    const k = rows.length >> 1;
    out[j] = rows.length % 2 ? col[k] : 0.5 * (col[k - 1] + col[k]);
  }
  return out;
}

/**
 * Trains the global model on every series of the panel (seeded: the same panel and config give the
 * same forecasts bit for bit).
 * @example const g = await trainGlobal([{ id: 'a', values: a }, { id: 'b', values: b }], { horizon: 8 }); g.forecast([a])[0] // 8 values
 */
export async function trainGlobal(
  panel: readonly PanelSeries[],
  config: GlobalConfig,
  hooks: TrainGlobalHooks = {},
): Promise<GlobalForecaster> {
  const where = 'trainGlobal';
  const c = resolveGlobalConfig(config);
  checkPanel(panel, c, where);
  const holdout = c.patience > 0 ? c.horizon : 0;
  const scaleOptions = { log: c.log, season: c.season, deseasonalize: c.deseasonalize };
  // Scales are fitted on the training part only, so held-out values shape nothing the model sees.
  const zs = panel.map((s) => {
    const train = Array.prototype.slice.call(s.values, 0, s.values.length - holdout) as number[];
    return toModelSpace(s.values, fitSeriesScale(train, scaleOptions, `${where} (series '${s.id}')`));
  });
  const jobs: MemberJob[] = c.lookbacks.flatMap((lookback) =>
    Array.from({ length: c.seeds }, (_, k) => ({ lookback, seed: c.seed + k })),
  );
  const members = await (hooks.runner ?? inProcessMembers)(jobs, { zs, config: c }, hooks.onEpoch);
  return globalForecaster(c, members);
}

/**
 * Wraps trained members as a forecaster.
 * @example globalForecaster(config, members).forecast([values])
 */
export function globalForecaster(c: ResolvedGlobalConfig, members: readonly TrainedMember[]): GlobalForecaster {
  const models: Sequential[] = members.map((m) => memberModel(c, m));
  const memberForecasts = (series: readonly ArrayLike<number>[]): number[][][] => {
    const scales: SeriesScale[] = series.map((v) =>
      fitSeriesScale(v, { log: c.log, season: c.season, deseasonalize: c.deseasonalize }, 'forecast'),
    );
    const zs = series.map((v, i) => toModelSpace(v, scales[i]));
    return members.map((m, j) => {
      const L = m.lookback,
        steps = patchSteps(L, c.patch);
      const x = new Float32Array(series.length * L);
      const levels = zs.map((z, i) =>
        windowAt(x, i * L, z, z.length, { lookback: L, horizon: c.horizon, levelWindow: c.levelWindow }),
      );
      const p = models[j].predict(new Tensor(x, [series.length, steps, c.patch]), { batchSize: 512 }).data;
      return zs.map((z, i) => {
        const u = new Array<number>(c.horizon);
        for (let h = 0; h < c.horizon; h++) u[h] = p[i * c.horizon + h] + levels[i];
        return fromModelSpace(u, z.length, scales[i]);
      });
    });
  };
  return {
    config: c,
    members,
    memberForecasts,
    forecast(series) {
      const all = memberForecasts(series);
      const net = series.map((_, i) => medianOf(all.map((f) => f[i])));
      if (c.combineWeight === 0) return net;
      return combineForecasts(net, statForecasts(series, c.horizon, c.season, c.combineWith), c.combineWeight);
    },
  };
}
