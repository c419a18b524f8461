// Experiments 1-6 of Hochreiter & Schmidhuber (1997): for each setting, the task, the paper's
// architecture and learning rate, our modern (Adam) configuration, and the paper's criterion. A small
// setting of each runs in `npm test` (test/experiments/hochreiter-1997.test.ts); run.ts runs the rows.

import {
  allOutputsJudge,
  allowedSymbolsJudge,
  freshSequencesJudge,
  type Judge,
  recentJudge,
  stoppingJudge,
} from './criteria.js';
import { type AdamSetup, type Built, buildModel, type PaperSetup, Rng, trainUntil } from './harness.js';
import { paperRow } from './paper.js';
import {
  distinctReberStrings,
  distractorTask,
  longLagTask,
  markedPairsTask,
  noiseSignalTask,
  randomLagTask,
  reberSample,
  reberTask,
  type Task,
  temporalOrderTask,
} from './tasks.js';

export type VariantKind = 'paper' | 'adam';

export interface Setting {
  /** Experiment id ('1', '2a', …, '6b') and the setting as the paper's table names it. */
  id: string;
  setting: string;
  paper: PaperSetup;
  adam: AdamSetup;
  /** Softmax + cross-entropy for the Adam run (classification) or linear + MSE (regression). */
  classify: boolean;
  /** Give up after this many training sequences (both variants). */
  maxSequences: number;
  /** Sequences between two checks of the criterion. */
  checkEvery: number;
  /** The task and the paper's criterion for a trial seed. */
  make(seed: number): { task: Task; judge: (built: Built) => Judge };
  /** The Adam run repeats another row's (the paper's rows that differ only in its learning rate). */
  sameAdamAs?: string;
}

export interface TrialResult {
  id: string;
  setting: string;
  variant: VariantKind;
  seed: number;
  /** Training sequences until the criterion was met, or null when it was not within maxSequences. */
  sequences: number | null;
  /** CPU seconds of the trial (the machine is shared, so wall time says little). */
  seconds: number;
  report: Record<string, number>;
}

/** Runs one trial: builds the model, trains on fresh sequences until the criterion, reports. */
export async function runTrial(
  s: Setting,
  variant: VariantKind,
  seed: number,
  maxSequences?: number,
): Promise<TrialResult> {
  const t0 = process.cpuUsage();
  const { task, judge: makeJudge } = s.make(seed);
  const built = buildModel(
    task,
    variant === 'paper' ? { kind: 'paper', setup: s.paper } : { kind: 'adam', setup: s.adam },
    seed,
    s.classify,
  );
  const judge = makeJudge(built);
  const r = await trainUntil(built, task, new Rng(seed * 7919 + 1), {
    maxSequences: maxSequences ?? s.maxSequences,
    checkEvery: s.checkEvery,
    check: judge.check,
    ...(judge.observe ? { observe: judge.observe } : {}),
  });
  return {
    id: s.id,
    setting: s.setting,
    variant,
    seed,
    sequences: r.sequences,
    seconds: cpuSeconds(t0),
    report: await judge.report(),
  };
}

const testSeed = (seed: number) => seed * 104_729 + 17;

/**
 * Training budget: five times the paper's mean sequences for the row when that is under 100,000, twice
 * it above (at most 1.5 million), else `fallback`.
 */
function budget(id: string, setting: string, fallback: number): number {
  const row = paperRow(id, setting);
  return row ? Math.min((row.sequences < 100_000 ? 5 : 2) * row.sequences, 1_500_000) : fallback;
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
}

// --- settings -------------------------------------------------------------------------------------

/** Experiment 1: 256 training and 256 distinct test strings of the embedded Reber grammar. */
export function reberSetting(learningRate: number, strings = 256): Setting {
  return {
    id: '1',
    setting: `3 blocks of 2, lr ${learningRate}`,
    paper: {
      blocks: 3,
      blockSize: 2,
      learningRate,
      initRange: 0.2,
      outputGateBias: [-1, -2, -3],
      forgetGateBias: 10,
      meanOverSteps: false,
      clipvalue: 1,
    },
    adam: { units: 16, learningRate: 0.01, batchSize: 16, chrono: 20 },
    classify: true,
    maxSequences: 100_000,
    checkEvery: strings,
    make(seed) {
      const rng = new Rng(testSeed(seed));
      const train = distinctReberStrings(rng, strings);
      const test = distinctReberStrings(rng, strings, new Set(train.map((s) => s.symbols.join(''))));
      const task = reberTask(train);
      return {
        task,
        judge: (b) => allowedSymbolsJudge(b.model, task, [train.map(reberSample), test.map(reberSample)]),
      };
    },
  };
}

/** Experiment 2a at lag p: the two fixed sequences, every output within 0.25 at every step. */
export function longLagSetting(p: number): Setting {
  return {
    id: '2a',
    setting: `p=${p}`,
    paper: {
      blocks: 1,
      blockSize: 1,
      learningRate: 1,
      initRange: 0.2,
      inputGateBias: [-2],
      forgetGateBias: 10,
      activation: 'linear',
      skip: true,
      clipvalue: 1,
    },
    adam: { units: 32, learningRate: 0.01, batchSize: 2, chrono: p },
    classify: true,
    maxSequences: budget('2a', `p=${p}`, 30_000),
    checkEvery: 50,
    make() {
      const task = longLagTask(p);
      const both = [0, 1].map((k) => {
        const rng = new Rng(k);
        for (;;) {
          const s = task.sample(rng);
          if (s.label === k) return s;
        }
      });
      return { task, judge: (b) => allOutputsJudge(b.model, task, both, 0.25) };
    },
  };
}

/** Experiment 2b at lag p: random middle symbols, the last symbol within 0.25 on 10,000 fresh sequences. */
export function randomLagSetting(p: number): Setting {
  return {
    id: '2b',
    setting: `p=${p}`,
    paper: {
      blocks: 1,
      blockSize: 1,
      learningRate: 1,
      initRange: 0.2,
      inputGateBias: [-2],
      forgetGateBias: 10,
      activation: 'linear',
      clipvalue: 1,
    },
    adam: { units: 32, learningRate: 0.01, batchSize: 16, chrono: p },
    classify: true,
    maxSequences: budget('2b', `p=${p}`, 30_000),
    checkEvery: 500,
    make(seed) {
      const task = randomLagTask(p);
      return { task, judge: (b) => freshSequencesJudge(b.model, task, testSeed(seed), 0.25) };
    },
  };
}

/** Experiment 2c: q minimal distractors from p symbols; both final outputs within 0.2 on 10,000 fresh sequences. */
export function distractorSetting(q: number, p: number): Setting {
  return {
    id: '2c',
    setting: `q=${q} p=${p}`,
    paper: {
      blocks: 2,
      blockSize: 1,
      learningRate: 0.01,
      initRange: 0.2,
      forgetGateBias: 10,
      noBiases: true,
    },
    adam: { units: 16, learningRate: 0.01, batchSize: 16, chrono: q + 10 },
    classify: true,
    maxSequences: budget('2c', `q=${q} p=${p}`, 100_000),
    checkEvery: 1000,
    make(seed) {
      const task = distractorTask(q, p);
      return { task, judge: (b) => freshSequencesJudge(b.model, task, testSeed(seed), 0.2) };
    },
  };
}

/** Experiment 3a/3b/3c: ST1 / ST2 on 256 test sequences (the table's thresholds), 3 blocks of 1. */
export function noiseSignalSetting(variant: '3a' | '3b' | '3c', T: number, N: number): Setting {
  const criteria = {
    '3a': { tol: 0.2, maxWrong: 0, meanTol: 0.01 },
    '3b': { tol: 0.2, maxWrong: 5, meanTol: 0.04 },
    '3c': { tol: 0.1, maxWrong: 0, meanTol: 0.015 },
  }[variant];
  return {
    id: variant,
    setting: `T=${T} N=${N}`,
    paper: {
      blocks: 3,
      blockSize: 1,
      learningRate: variant === '3c' ? 0.1 : 1,
      initRange: 0.1,
      inputGateBias: [-1, -2, -3],
      forgetGateBias: 10,
    },
    adam: { units: 16, learningRate: 0.003, batchSize: 16, chrono: T },
    classify: false,
    maxSequences: budget(variant, `T=${T} N=${N}`, 100_000),
    checkEvery: 1000,
    make(seed) {
      const task = noiseSignalTask(variant, T, N);
      return { task, judge: (b) => stoppingJudge(b.model, task, testSeed(seed), criteria) };
    },
  };
}

/** Experiments 4 (adding) and 5 (multiplication): 2 blocks of 2, judged on the 2000 most recent sequences. */
export function markedPairsSetting(kind: 'adding' | 'multiplication', T: number, nSeq = 0): Setting {
  return {
    id: kind === 'adding' ? '4' : '5',
    setting: kind === 'adding' ? `T=${T}` : `T=${T} n_seq=${nSeq}`,
    paper: {
      blocks: 2,
      blockSize: 2,
      learningRate: kind === 'adding' ? 0.5 : 0.1,
      initRange: 0.1,
      inputGateBias: [-3, -6],
      forgetGateBias: 10,
    },
    adam: { units: 16, learningRate: 0.003, batchSize: 16, chrono: T },
    classify: false,
    maxSequences: budget(kind === 'adding' ? '4' : '5', kind === 'adding' ? `T=${T}` : `T=${T} n_seq=${nSeq}`, 200_000),
    checkEvery: 100,
    make(seed) {
      const task = markedPairsTask(kind, T);
      const c =
        kind === 'adding'
          ? { tol: 0.04, maxWrong: 0, meanTol: 0.01 }
          : { tol: 0.04, maxWrong: nSeq - 1, meanTol: Number.POSITIVE_INFINITY };
      return { task, judge: (b) => recentJudge(b.model, task, testSeed(seed), c) };
    },
  };
}

/** Experiment 6a/6b: temporal order, 2 (6a) or 3 (6b) blocks of 2; judged on the 2000 most recent sequences. */
export function temporalOrderSetting(variant: '6a' | '6b', scale = 1): Setting {
  return {
    id: variant,
    setting: `${variant === '6a' ? '4 classes' : '8 classes'}${scale === 1 ? '' : `, length ${Math.round(100 * scale)}`}`,
    paper: {
      blocks: variant === '6a' ? 2 : 3,
      blockSize: 2,
      learningRate: variant === '6a' ? 0.5 : 0.1,
      initRange: 0.1,
      inputGateBias: variant === '6a' ? [-2, -4] : [-2, -4, -6],
      forgetGateBias: 10,
    },
    adam: { units: 16, learningRate: 0.003, batchSize: 16, chrono: 100 },
    classify: true,
    maxSequences: budget(variant, variant === '6a' ? '4 classes' : '8 classes', 200_000),
    checkEvery: 100,
    make(seed) {
      const task = temporalOrderTask(variant, scale);
      return {
        task,
        judge: (b) => recentJudge(b.model, task, testSeed(seed), { tol: 0.3, maxWrong: 0, meanTol: 0.1 }),
      };
    },
  };
}

/** The full-run rows, by experiment id. */
export const SETTINGS: Record<string, () => Setting[]> = {
  '1': () => [reberSetting(0.1), { ...reberSetting(0.5), sameAdamAs: '3 blocks of 2, lr 0.1' }],
  '2a': () => [longLagSetting(100)],
  '2b': () => [randomLagSetting(100)],
  '2c': () => [
    distractorSetting(50, 50),
    distractorSetting(100, 100),
    distractorSetting(1000, 1000),
    distractorSetting(1000, 50),
  ],
  '3a': () => [noiseSignalSetting('3a', 100, 3), noiseSignalSetting('3a', 100, 1), noiseSignalSetting('3a', 1000, 3)],
  '3b': () => [noiseSignalSetting('3b', 100, 3), noiseSignalSetting('3b', 100, 1)],
  '3c': () => [noiseSignalSetting('3c', 100, 3), noiseSignalSetting('3c', 100, 1)],
  '4': () => [markedPairsSetting('adding', 100), markedPairsSetting('adding', 500), markedPairsSetting('adding', 1000)],
  '5': () => [markedPairsSetting('multiplication', 100, 140), markedPairsSetting('multiplication', 100, 13)],
  '6a': () => [temporalOrderSetting('6a')],
  '6b': () => [temporalOrderSetting('6b')],
};

/**
 * Small versions for `npm test` (shorter lags and lengths; experiment 1 and 6a at full size), each a
 * few CPU seconds with Adam. test/experiments/hochreiter-1997.test.ts asserts that each succeeds.
 */
export const SMALL: Record<string, () => Setting> = {
  '1': () => reberSetting(0.5),
  '2a': () => longLagSetting(20),
  '2b': () => randomLagSetting(20),
  '2c': () => distractorSetting(20, 20),
  '3a': () => noiseSignalSetting('3a', 20, 3),
  '3b': () => noiseSignalSetting('3b', 20, 3),
  '3c': () => noiseSignalSetting('3c', 20, 3),
  '4': () => markedPairsSetting('adding', 20),
  '5': () => markedPairsSetting('multiplication', 20, 140),
  '6a': () => temporalOrderSetting('6a'),
  '6b': () => temporalOrderSetting('6b', 0.3),
};
