// The adapter between panel runs and the global LSTM (src/forecast/global, trainGlobal): the only
// file that knows its API. Stage 'evaluation' trains on the values before each test part with the
// global model's own early stopping (on the last horizon of each of those); stage 'final' retrains on
// whole series for the epochs early stopping chose (the median over members), without a holdout.

import { DataError } from '../../errors.js';
import { type GlobalConfig, resolveGlobalConfig } from '../global/config.js';
import { type GlobalForecaster, trainGlobal } from '../global/global.js';
import type { EpochHook, MemberRunner } from '../global/member.js';
import { fitSeriesScale } from '../global/scale.js';
import type { PanelContext, PanelForecaster } from './models.js';

/** The name of the global LSTM in panel runs. */
export const GLOBAL_MODEL = 'LSTM';

/** Options of the global LSTM in a panel run. */
export interface GlobalModelOptions {
  /** Its configuration (GLOBAL_DEFAULTS for what is left out); horizon and season come from the panel. */
  config?: Omit<Partial<GlobalConfig>, 'horizon' | 'season'>;
  /** Where its ensemble members train (lstmkit/node: globalWorkerRunner() for worker threads). */
  runner?: MemberRunner;
  onEpoch?: EpochHook;
}

/** The global model's reasons to leave a series out (its own checks, so one series never stops the panel). */
function problem(values: ArrayLike<number>, c: ReturnType<typeof resolveGlobalConfig>, need: number): string | null {
  if (values.length < need) return `the global LSTM needs at least ${need} values, got ${values.length}`;
  try {
    fitSeriesScale(values, { log: c.log, season: c.season, deseasonalize: c.deseasonalize }, GLOBAL_MODEL);
  } catch (e) {
    return (e as Error).message;
  }
  return null;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[(s.length - 1) >> 1];
};

/**
 * The global LSTM as a panel model.
 * @example const m = globalPanelForecaster({ horizon: 48, season: 24 }); await m.fit!(trainParts, 'evaluation'); await m.forecast(trainParts)
 */
export function globalPanelForecaster(context: PanelContext, options: GlobalModelOptions = {}): PanelForecaster {
  const base = { ...options.config, horizon: context.horizon, season: context.season } as GlobalConfig;
  let config = resolveGlobalConfig(base);
  let model: GlobalForecaster | null = null;
  let epochs: number | null = null;
  const hooks = {
    ...(options.runner ? { runner: options.runner } : {}),
    ...(options.onEpoch ? { onEpoch: options.onEpoch } : {}),
  };
  return {
    name: GLOBAL_MODEL,
    async fit(histories, stage) {
      const final = stage === 'final' && config.patience > 0 && epochs !== null;
      config = resolveGlobalConfig(final ? { ...base, patience: 0, refit: false, epochs: epochs! } : base);
      const need = config.horizon + (config.patience > 0 ? config.horizon : 0) + 1;
      const panel = histories
        .map((values, i) => ({ id: String(i), values }))
        .filter((s) => problem(s.values, config, need) === null);
      if (panel.length === 0)
        throw new DataError(`no series is usable: ${problem(histories[0], config, need)}`, GLOBAL_MODEL);
      model = await trainGlobal(panel, config, hooks);
      if (stage === 'evaluation') epochs = median(model.members.map((m) => m.bestEpoch + 1));
    },
    async forecast(histories) {
      const m = model;
      if (!m) return histories.map(() => new Error('the global LSTM was not trained'));
      const usable: number[] = [];
      const out: (number[] | Error)[] = histories.map((h, i) => {
        const why = problem(h, config, 1);
        if (why === null) usable.push(i);
        return new Error(why ?? '');
      });
      if (usable.length) {
        const f = m.forecast(usable.map((i) => histories[i]));
        usable.forEach((i, k) => {
          const bad = f[k].findIndex((v) => !Number.isFinite(v));
          out[i] = bad < 0 ? f[k] : new Error(`its forecast at step ${bad + 1} is ${f[k][bad]}`);
        });
      }
      return out;
    },
  };
}
